//! Reading clean text the way a curator does: sentences, capitalised names and date
//! expressions.
//!
//! `corpus import` uses this to draft the curation of a new article, and `corpus check`
//! to say what an article still lacks. Both must find the same things, so the rules live
//! here once. They are heuristics that propose, never decide: every name found becomes a
//! *draft* entity a person confirms, every date expression a *draft* event.
//!
//! Names: runs of capitalised words, kept whole across the particles of Spanish and
//! institutional names (`Frente de Defensa`, `National Human Rights Coordinator`,
//! `Ministry of Economy and Finance`, `Prosecutor's Office`), without the function words,
//! titles and calendar words that start sentences (`On Monday President …`), and without
//! demonyms (`Peruvian`, `Chinese`), which are not entities. A proposed kind comes with
//! the word that suggested it.
//!
//! Dates: the forms news articles use, each with the precision it is written at:
//! `December 7, 2022` and `7 December 2022` (day), `March 2023` and `in 2019` (month,
//! year), `On January 9` and `in March` (a year the text leaves out: taken from the
//! dateline), `last Thursday`, `on Wednesday`, `yesterday`, `last December`, `last
//! year`, `two years ago` (resolved against the dateline).

use corpus::date::{days_in_month, month_from_name, Date, DateSpec, Precision, Weekday, MONTHS};
use corpus::model::EntityKind;

/// A word of a text, with its byte range. Punctuation around it is not part of it; an
/// apostrophe or a hyphen inside it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The word.
    pub text: &'a str,
}

/// The words of `text`: runs of letters and digits, with `'`, `’`, `-` and `.` kept when
/// a letter or digit follows them (`O'Brien`, `Prosecutor's`, `US-backed`, `U.S`).
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_alphanumeric() {
                j += 1;
            } else if matches!(c, '\'' | '’' | '-' | '.')
                && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric())
            {
                j += 2;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        out.push(Word {
            start,
            end,
            text: &text[start..end],
        });
        i = j;
    }
    out
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 30] = [
    "Gen", "Sgt", "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Lt", "Col", "Capt", "Gov", "Sen",
    "Rep", "Prof", "No", "vs", "Inc", "Corp", "Co", "Ltd", "Jan", "Feb", "Aug", "Sept", "Oct",
    "Nov", "Dec", "Mt",
];

/// Sentences of a paragraph, as byte ranges (trimmed).
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for k in 0..chars.len() {
        let (i, c) = chars[k];
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Closing quotes and brackets after the stop belong to the sentence.
        let mut e = k + 1;
        while e < chars.len() && matches!(chars[e].1, '”' | '"' | '’' | '\'' | ')' | ']') {
            e += 1;
        }
        let next_is_space = chars.get(e).is_some_and(|c| c.1 == ' ');
        let after = chars.get(e + 1).map(|c| c.1);
        let starts_new = after.is_some_and(|a| {
            a.is_uppercase() || a.is_ascii_digit() || matches!(a, '“' | '"' | '‘' | '(' | '—')
        });
        if !(next_is_space && starts_new) {
            continue;
        }
        if c == '.' {
            let before = &text[start..i];
            let last = before
                .rsplit(|ch: char| !ch.is_alphanumeric() && ch != '.')
                .next()
                .unwrap_or("");
            let single_initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
            let dotted = last.contains('.'); // U.S.
            if single_initial || dotted || ABBREVIATIONS.contains(&last) {
                continue;
            }
        }
        let end = chars.get(e).map_or(text.len(), |c| c.0);
        push_trimmed(text, start, end, &mut out);
        start = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push((start + lead, start + lead + t.len()));
    }
}

// ---------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------

/// Words that start sentences but not names.
pub(crate) const NOT_NAMES: [&str; 99] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "It",
    "Its",
    "This",
    "That",
    "These",
    "Those",
    "While",
    "Meanwhile",
    "However",
    "But",
    "And",
    "Or",
    "For",
    "With",
    "Without",
    "After",
    "Before",
    "Since",
    "Even",
    "Among",
    "Under",
    "Over",
    "From",
    "To",
    "By",
    "Of",
    "If",
    "Then",
    "When",
    "Where",
    "There",
    "They",
    "Their",
    "He",
    "She",
    "His",
    "Her",
    "We",
    "Our",
    "Today",
    "Last",
    "Several",
    "Many",
    "Most",
    "Some",
    "All",
    "Both",
    "Each",
    "Every",
    "Other",
    "Another",
    "Such",
    "Few",
    "No",
    "Nor",
    "Yet",
    "So",
    "Thus",
    "Still",
    "Also",
    "Instead",
    "Indeed",
    "Although",
    "Though",
    "Because",
    "Despite",
    "During",
    "Until",
    "Unlike",
    "Like",
    "According",
    "Following",
    "Amid",
    "Against",
    "Between",
    "What",
    "Which",
    "Who",
    "Why",
    "How",
    "Here",
    "Now",
    "Only",
    "Photo",
    "Photograph",
    "Image",
    "Credit",
    "Caption",
    "Emphasis",
    "Read",
    "Share",
    "Click",
];

/// Titles and offices before a person's name (`President Dina Boluarte`).
const TITLES: [&str; 40] = [
    "President",
    "Vice",
    "Minister",
    "Prime",
    "Foreign",
    "Interior",
    "Defense",
    "Education",
    "General",
    "Gen",
    "Sgt",
    "Master",
    "Colonel",
    "Col",
    "Lt",
    "Capt",
    "Captain",
    "Ambassador",
    "Senator",
    "Sen",
    "Congressman",
    "Congresswoman",
    "Judge",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Mayor",
    "Governor",
    "Gov",
    "Commander",
    "Chief",
    "Pope",
    "Bishop",
    "Father",
    "Former",
    "Ex",
    "Lawmaker",
    "Legislator",
    "Premier",
];

/// Words that make a name an organization.
const ORG_HEADS: [&str; 72] = [
    "Office",
    "Ministry",
    "Party",
    "Front",
    "Movement",
    "Commission",
    "Council",
    "Committee",
    "Coordinator",
    "Coordination",
    "Confederation",
    "Federation",
    "Union",
    "Association",
    "Institute",
    "Agency",
    "Department",
    "Court",
    "Tribunal",
    "Congress",
    "Parliament",
    "Assembly",
    "Senate",
    "Army",
    "Navy",
    "Force",
    "Forces",
    "Police",
    "Guard",
    "Bank",
    "Fund",
    "Corporation",
    "Corp",
    "Company",
    "Group",
    "Inc",
    "Ltd",
    "University",
    "College",
    "Church",
    "Embassy",
    "Government",
    "Administration",
    "Authority",
    "Board",
    "Bureau",
    "Service",
    "Network",
    "Alliance",
    "Coalition",
    "League",
    "Organization",
    "Organisation",
    "Foundation",
    "Center",
    "Centre",
    "Society",
    "Times",
    "News",
    "Post",
    "Journal",
    "Radio",
    "Television",
    "Secretariat",
    "Ombudsman",
    "Frente",
    "Partido",
    "Ministerio",
    "Coordinadora",
    "Fuerza",
    "Unión",
    "Prosecutor",
];

/// Words that make a name a named event or programme.
const EVENT_HEADS: [&str; 34] = [
    "Strike",
    "March",
    "Protest",
    "Protests",
    "Election",
    "Elections",
    "Summit",
    "Plan",
    "Program",
    "Programme",
    "Law",
    "Act",
    "Conference",
    "War",
    "Massacre",
    "Revolution",
    "Uprising",
    "Coup",
    "Crisis",
    "Festival",
    "Games",
    "Cup",
    "Agreement",
    "Treaty",
    "Accord",
    "Reform",
    "Census",
    "Referendum",
    "Campaign",
    "Operation",
    "Strategy",
    "Initiative",
    "Takeover",
    "Day",
];

/// Words that make a name a place.
const PLACE_HEADS: [&str; 24] = [
    "Republic",
    "Kingdom",
    "City",
    "Province",
    "Region",
    "District",
    "Valley",
    "River",
    "Lake",
    "Mountain",
    "Mountains",
    "Port",
    "Square",
    "Plaza",
    "Street",
    "Avenue",
    "Airport",
    "Highway",
    "Island",
    "Islands",
    "Bay",
    "Coast",
    "Canyon",
    "Desert",
];

/// Possessors that make one institutional name (`Prosecutor's Office`, `People's Party`).
const INSTITUTIONAL_POSSESSORS: [&str; 16] = [
    "Prosecutor",
    "Ombudsman",
    "People",
    "Workers",
    "Women",
    "Children",
    "Comptroller",
    "Attorney",
    "Solicitor",
    "Nation",
    "Citizens",
    "Farmers",
    "Peasants",
    "Teachers",
    "Mothers",
    "Defender",
];

/// Lowercase words that may join capitalised words into one name.
const PARTICLES: [&str; 19] = [
    "of", "de", "del", "la", "las", "los", "el", "y", "da", "do", "dos", "das", "du", "van", "von",
    "der", "di", "for", "on",
];

/// A capitalised name found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// The name as written, without a possessive `'s`.
    pub text: String,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset one past the end (possessive excluded).
    pub end: usize,
    /// The proposed kind.
    pub kind: EntityKind,
    /// Why that kind (`the word "Office"`, `after "President"`).
    pub why: String,
}

fn is_cap(w: &str) -> bool {
    let mut parts = w.split('-');
    // A hyphenated word is capitalised only if every part is (`Jean-Luc`, not `US-backed`).
    parts.all(|p| p.chars().next().is_some_and(char::is_uppercase))
}

fn strip_possessive(w: &str) -> (&str, bool) {
    for p in ["'s", "’s"] {
        if let Some(b) = w.strip_suffix(p) {
            return (b, true);
        }
    }
    (w, false)
}

/// Is this a demonym or an -ism (`Peruvian`, `Chinese`, `Stalinist`, `Maoism`), which is
/// not an entity?
pub fn is_demonym(w: &str) -> bool {
    let w = w.trim_end_matches('s');
    [
        "ian", "ean", "ese", "ist", "ism", "ite", "ish", "can", "ani", "eli", "uan",
    ]
    .iter()
    .any(|suf| w.len() > suf.len() + 1 && w.ends_with(suf))
        || [
            "Latino",
            "Latina",
            "Quechua",
            "Aymara",
            "Inca",
            "Arab",
            "Thai",
            "Swiss",
            "Venezuelan",
            "Salvadoran",
            "Cuban",
            "Guatemalan",
            "Uruguayan",
            "Paraguayan",
            "Argentine",
            "French",
            "German",
            "Dutch",
            "Greek",
            "Iraqi",
            "Fujimorista",
        ]
        .contains(&w)
}

fn calendar(w: &str) -> bool {
    MONTHS.contains(&w) || Weekday::from_name(w).is_some_and(|d| d.name() == w)
}

/// The capitalised names of a text not inside `covered` (byte ranges of known mentions).
pub fn names(text: &str, covered: &[(usize, usize)]) -> Vec<Name> {
    let ws = words(text);
    let in_cover = |w: &Word<'_>| covered.iter().any(|&(s, e)| w.start < e && w.end > s);
    let sentence_starts: Vec<usize> = sentences(text).iter().map(|s| s.0).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // `US$33` is a currency, not a name.
        if !is_cap(ws[i].text) || in_cover(&ws[i]) || text[ws[i].end..].starts_with('$') {
            i += 1;
            continue;
        }
        // Grow a run: capitalised words separated by one space (or `. ` after an
        // initial), particles inside when a capitalised word follows.
        let mut run: Vec<usize> = vec![i];
        let mut j = i;
        loop {
            let cur = ws[j];
            let (base, possessive) = strip_possessive(cur.text);
            let plural_possessive =
                text[cur.end..].starts_with("' ") || text[cur.end..].starts_with("’ ");
            if possessive || plural_possessive {
                let next = ws.get(j + 1);
                let joins = next.is_some_and(|n| {
                    is_cap(n.text)
                        && !in_cover(n)
                        && text[cur.end..n.start].trim_start_matches(['\'', '’']) == " "
                        && (INSTITUTIONAL_POSSESSORS.contains(&base)
                            || ORG_HEADS.contains(&strip_possessive(n.text).0))
                });
                if !joins {
                    break;
                }
                j += 1;
                run.push(j);
                continue;
            }
            let Some(next) = ws.get(j + 1) else { break };
            let gap = &text[cur.end..next.start];
            let initial = cur.text.chars().count() == 1 && gap == ". ";
            if (gap == " " || initial) && is_cap(next.text) && !in_cover(next) {
                j += 1;
                run.push(j);
                continue;
            }
            // Particles: `de la` always; `of`, `for`, `on` (and `the` after them) inside
            // an institution's or place's name; `and` before the head word of one
            // (`Energy and Mining Ministry`, `Ministry of Economy and Finance`).
            if gap == " " {
                if let Some(k) = particle_join(text, &ws, &run, j, &in_cover) {
                    run.extend(j + 1..=k);
                    j = k;
                    continue;
                }
            }
            break;
        }
        i = j + 1;
        if let Some(n) = trim_run(text, &ws, &run, &sentence_starts) {
            out.push(n);
        }
    }
    out
}

fn is_head(w: &str) -> bool {
    let w = strip_possessive(w).0;
    ORG_HEADS.contains(&w) || EVENT_HEADS.contains(&w) || PLACE_HEADS.contains(&w)
}

/// If the particles after word `j` join the run to a capitalised word, that word's index.
fn particle_join(
    text: &str,
    ws: &[Word<'_>],
    run: &[usize],
    j: usize,
    in_cover: &dyn Fn(&Word<'_>) -> bool,
) -> Option<usize> {
    let spaced = |a: usize, b: usize| &text[ws[a].end..ws[b].start] == " ";
    let mut k = j + 1;
    while k < ws.len()
        && spaced(k - 1, k)
        && (PARTICLES.contains(&ws[k].text) || ws[k].text == "the" || ws[k].text == "and")
    {
        k += 1;
    }
    if k == j + 1 || k >= ws.len() || !spaced(k - 1, k) || !is_cap(ws[k].text) || in_cover(&ws[k]) {
        return None;
    }
    let parts: Vec<&str> = ws[j + 1..k].iter().map(|w| w.text).collect();
    let spanish = parts
        .iter()
        .all(|p| !["of", "for", "on", "the", "and"].contains(p));
    if spanish {
        return Some(k);
    }
    let run_has_head = run.iter().any(|&r| is_head(ws[r].text));
    // Capitalised words right after k, in the same phrase.
    let mut ahead = vec![k];
    while let Some(&last) = ahead.last() {
        if last + 1 < ws.len()
            && spaced(last, last + 1)
            && is_cap(ws[last + 1].text)
            && ahead.len() < 5
        {
            ahead.push(last + 1);
        } else {
            break;
        }
    }
    let head_ahead = ahead.iter().any(|&a| is_head(ws[a].text));
    match parts.as_slice() {
        ["and"] => {
            let ends_in_head = is_head(ws[j].text);
            let after_of = run
                .iter()
                .any(|&r| ["of", "de", "for"].contains(&ws[r].text));
            (!ends_in_head && (head_ahead || (run_has_head && after_of))).then_some(k)
        }
        ["of" | "for" | "on"] | ["of" | "for" | "on", "the"] => run_has_head.then_some(k),
        _ => None,
    }
}

/// The name a run of words gives, if any: leading function words, titles and calendar
/// words dropped (the title suggests a person), trailing titles, particles and calendar
/// words dropped, demonyms and sentence-initial single words refused.
fn trim_run(text: &str, ws: &[Word<'_>], run: &[usize], starts: &[usize]) -> Option<Name> {
    let word = |k: usize| strip_possessive(ws[run[k]].text).0;
    let mut a = 0;
    let mut b = run.len();
    let mut title = None;
    while a < b {
        let w = word(a);
        if NOT_NAMES.contains(&w)
            || calendar(w)
            || PARTICLES.contains(&w)
            || w == "the"
            || w == "and"
        {
            a += 1;
        } else if TITLES.contains(&w) && a + 1 < b && !PARTICLES.contains(&word(a + 1)) {
            title = Some(w);
            a += 1;
        } else {
            break;
        }
    }
    while b > a {
        let w = word(b - 1);
        if TITLES.contains(&w)
            || calendar(w)
            || PARTICLES.contains(&w)
            || w == "the"
            || w == "and"
            || NOT_NAMES.contains(&w)
        {
            b -= 1;
        } else {
            break;
        }
    }
    if a >= b {
        return None;
    }
    let first = ws[run[a]];
    let last = ws[run[b - 1]];
    let start = first.start;
    let end = last.start + strip_possessive(last.text).0.len();
    let name = &text[start..end];
    let n_words = b - a;
    let at_sentence_start = starts.contains(&ws[run[0]].start)
        || text[..ws[run[0]].start]
            .trim_end()
            .ends_with(['“', '"', ':', '(', '—']);
    if n_words == 1 {
        if (a == 0 && at_sentence_start) || is_demonym(name) || name.chars().count() < 2 {
            return None;
        }
    } else if n_words == 2 && (is_demonym(word(b - 1)) && !is_cap_acronym(word(b - 1))) {
        return None; // `Latin American`, `South American`
    }
    let (kind, why) = propose_kind(text, ws, &run[a..b], title);
    Some(Name {
        text: name.to_string(),
        start,
        end,
        kind,
        why,
    })
}

fn is_cap_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

fn propose_kind(
    text: &str,
    ws: &[Word<'_>],
    run: &[usize],
    title: Option<&str>,
) -> (EntityKind, String) {
    let words: Vec<&str> = run
        .iter()
        .map(|&k| strip_possessive(ws[k].text).0)
        .collect();
    if let Some(t) = title {
        return (EntityKind::Person, format!("after the title \"{t}\""));
    }
    if words.len() == 1 && is_cap_acronym(words[0]) {
        return (EntityKind::Organization, "an acronym".into());
    }
    for w in words.iter().rev() {
        if ORG_HEADS.contains(w) {
            return (EntityKind::Organization, format!("the word \"{w}\""));
        }
        if EVENT_HEADS.contains(w) {
            return (EntityKind::Event, format!("the word \"{w}\""));
        }
        if PLACE_HEADS.contains(w) {
            return (EntityKind::Place, format!("the word \"{w}\""));
        }
    }
    let before = text[..ws[run[0]].start].trim_end();
    let prev = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if [
        "in", "near", "across", "from", "to", "at", "outside", "around",
    ]
    .contains(&prev)
    {
        return (EntityKind::Place, format!("after \"{prev}\""));
    }
    if (2..=4).contains(&words.len()) {
        return (EntityKind::Person, "two to four capitalised words".into());
    }
    (
        EntityKind::Person,
        "a capitalised word (a guess: check it)".into(),
    )
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

/// What a date expression says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// A complete date: `December 7, 2022`, `March 2023`, `in 2019`.
    Stated(DateSpec),
    /// A day and month with no year (`On January 9`).
    MonthDay(u8, u8),
    /// A month with no year (`in March`).
    Month(u8),
    /// `last December`: the most recent such month before the dateline.
    LastMonthNamed(u8),
    /// A weekday: `on Thursday` (`last` false) or `last Thursday` (true).
    Weekday(Weekday, bool),
    /// `yesterday` (-1), `N days ago`.
    DaysBefore(i64),
    /// `last month` (1), `N months ago`, `earlier this month` (0).
    MonthsBefore(i64),
    /// `last year` (1), `N years ago`, `this year` (0).
    YearsBefore(i64),
    /// `last week`: Monday to Sunday of the week before the dateline's.
    LastWeek,
}

/// A date expression in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateExpr {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The expression as written (`last Thursday`).
    pub text: String,
    /// What it says.
    pub when: When,
}

const SPELLED: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

fn small_number(w: &str) -> Option<i64> {
    if w == "a" || w == "an" {
        return Some(1);
    }
    if let Some(i) = SPELLED.iter().position(|s| s.eq_ignore_ascii_case(w)) {
        return Some(i as i64 + 1);
    }
    w.parse::<i64>().ok().filter(|n| (1..=100).contains(n))
}

fn day_number(w: &str) -> Option<u8> {
    let d = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    (d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| d.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

fn year_number(w: &str) -> Option<i32> {
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1800..=2100).contains(y))
}

/// The date expressions of a text, in order.
pub fn dates(text: &str) -> Vec<DateExpr> {
    let ws = words(text);
    let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
    let gap = |a: usize, b: usize| -> &str { &text[ws[a].end..ws[b].start] };
    // Adjacent in the same clause: a space, or a comma and a space (`July 19, 1977`).
    let next_to = |a: usize| a + 1 < ws.len() && matches!(gap(a, a + 1), " " | ", ");
    let mut out = Vec::new();
    let mut i = 0;
    let push = |s: usize, e: usize, when: When, out: &mut Vec<DateExpr>| {
        out.push(DateExpr {
            start: ws[s].start,
            end: ws[e].end,
            text: text[ws[s].start..ws[e].end].to_string(),
            when,
        });
    };
    while i < ws.len() {
        let w = ws[i].text;
        let prev = i
            .checked_sub(1)
            .map(|p| lower[p].as_str())
            .filter(|_| i > 0 && gap(i - 1, i) == " ");
        // Weekday before a date (`Wednesday July 19`) belongs to the date.
        let wd = Weekday::from_name(w).filter(|d| d.name() == w);
        let (first, mi) = match wd {
            Some(_)
                if next_to(i)
                    && month_from_name(ws[i + 1].text).is_some()
                    && MONTHS.contains(&ws[i + 1].text) =>
            {
                (i, i + 1)
            }
            _ => (i, i),
        };
        if MONTHS.contains(&ws[mi].text) {
            let m = month_from_name(ws[mi].text).unwrap_or(1);
            // Month Day[, Year]
            if next_to(mi) {
                if let Some(d) = day_number(ws[mi + 1].text) {
                    if next_to(mi + 1) {
                        if let Some(y) = year_number(ws[mi + 2].text) {
                            if let Some(date) = Date::new(y, m, d) {
                                push(first, mi + 2, When::Stated(DateSpec::day(date)), &mut out);
                                i = mi + 3;
                                continue;
                            }
                        }
                    }
                    push(first, mi + 1, When::MonthDay(m, d), &mut out);
                    i = mi + 2;
                    continue;
                }
                if let Some(y) = year_number(ws[mi + 1].text) {
                    let spec = month_spec(y, m);
                    let s = if prev == Some("in") { i - 1 } else { first };
                    if let Some(spec) = spec {
                        push(s, mi + 1, When::Stated(spec), &mut out);
                    }
                    i = mi + 2;
                    continue;
                }
            }
            // A month alone needs a preposition (`March` is also a noun and a verb).
            let p = if mi > 0 && gap(mi - 1, mi) == " " {
                Some(lower[mi - 1].as_str())
            } else {
                None
            };
            match p {
                Some("last") => push(mi - 1, mi, When::LastMonthNamed(m), &mut out),
                Some(
                    "in" | "since" | "until" | "early" | "late" | "mid" | "during" | "by" | "this"
                    | "of" | "through" | "before",
                ) => push(mi - 1, mi, When::Month(m), &mut out),
                _ => {}
            }
            i = mi + 1;
            continue;
        }
        // Day Month [Year]
        if let Some(d) = day_number(w) {
            if next_to(i) && MONTHS.contains(&ws[i + 1].text) {
                let m = month_from_name(ws[i + 1].text).unwrap_or(1);
                if next_to(i + 1) {
                    if let Some(y) = year_number(ws[i + 2].text) {
                        if let Some(date) = Date::new(y, m, d) {
                            push(i, i + 2, When::Stated(DateSpec::day(date)), &mut out);
                            i += 3;
                            continue;
                        }
                    }
                }
                push(i, i + 1, When::MonthDay(m, d), &mut out);
                i += 2;
                continue;
            }
        }
        if let Some(day) = wd {
            match prev {
                Some("last") => push(i - 1, i, When::Weekday(day, true), &mut out),
                Some("on" | "this" | "since" | "until" | "by") => {
                    push(i - 1, i, When::Weekday(day, false), &mut out)
                }
                _ if i == 0 || gap(i - 1, i).trim().is_empty() => {
                    push(i, i, When::Weekday(day, false), &mut out)
                }
                _ => push(i, i, When::Weekday(day, false), &mut out),
            }
            i += 1;
            continue;
        }
        if let Some(y) = year_number(w) {
            // `in 2019`, `during 2021`, not `since 2020` (the start of a trend) and not a
            // year range (`2021-2022`, which `words` keeps as one word).
            if matches!(prev, Some("in" | "during"))
                && !text[ws[i].end..].starts_with(['s', '’', '\''])
            {
                if let Some(spec) = DateSpec::parse(&format!("{y:04}")) {
                    push(i - 1, i, When::Stated(spec), &mut out);
                }
            }
            i += 1;
            continue;
        }
        match lower[i].as_str() {
            "yesterday" => push(i, i, When::DaysBefore(1), &mut out),
            "last" | "this" if next_to(i) && gap(i, i + 1) == " " => {
                let this = lower[i] == "this";
                let n = if this { 0 } else { 1 };
                match lower[i + 1].as_str() {
                    "year" => push(i, i + 1, When::YearsBefore(n), &mut out),
                    "month" => push(i, i + 1, When::MonthsBefore(n), &mut out),
                    "week" if !this => push(i, i + 1, When::LastWeek, &mut out),
                    _ => {}
                }
            }
            "earlier" if i + 2 < ws.len() && lower[i + 1] == "this" && lower[i + 2] == "month" => {
                push(i, i + 2, When::MonthsBefore(0), &mut out);
                i += 3;
                continue;
            }
            _ => {
                if let Some(n) = small_number(&lower[i]) {
                    if i + 2 < ws.len()
                        && lower[i + 2] == "ago"
                        && gap(i, i + 1) == " "
                        && gap(i + 1, i + 2) == " "
                    {
                        let when = match lower[i + 1].as_str() {
                            "year" | "years" => Some(When::YearsBefore(n)),
                            "month" | "months" => Some(When::MonthsBefore(n)),
                            "day" | "days" => Some(When::DaysBefore(n)),
                            "week" | "weeks" => Some(When::DaysBefore(7 * n)),
                            _ => None,
                        };
                        if let Some(when) = when {
                            push(i, i + 2, when, &mut out);
                            i += 3;
                            continue;
                        }
                    }
                }
            }
        }
        i += 1;
    }
    out
}

fn month_spec(y: i32, m: u8) -> Option<DateSpec> {
    Some(DateSpec {
        start: Date::new(y, m, 1)?,
        end: Date::new(y, m, days_in_month(y, m))?,
        precision: Precision::Month,
    })
}

/// A date expression resolved against the dateline: the date, how it was dated and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The date, or `None` when it needs a dateline the article does not have.
    pub spec: Option<DateSpec>,
    /// `stated` or `resolved` (the values of `dated:` in `events.rec`).
    pub dated: &'static str,
    /// How the date was obtained (the `basis:` of a draft event).
    pub basis: String,
}

/// Resolve a date expression against the article's dateline (its stated publication
/// date). A day or month without a year is *stated* with the year of the dateline (the
/// year before when that would put it after the dateline), as `events.rec` does; a
/// relative expression is *resolved*.
pub fn resolve(expr: &DateExpr, dateline: Option<Date>) -> Resolved {
    let quoted = &expr.text;
    let Some(d) = dateline else {
        return match expr.when {
            When::Stated(spec) => Resolved {
                spec: Some(spec),
                dated: "stated",
                basis: String::new(),
            },
            _ => Resolved {
                spec: None,
                dated: if matches!(expr.when, When::MonthDay(..) | When::Month(_)) {
                    "stated"
                } else {
                    "resolved"
                },
                basis: format!(
                    "\"{quoted}\" needs the publication date, and the text has no dateline"
                ),
            },
        };
    };
    let on = format!("the dateline, {} {}", d.weekday().name(), d.long());
    let month_back = |n: i64| -> (i32, u8) {
        let total = i64::from(d.year) * 12 + i64::from(d.month - 1) - n;
        (
            (total.div_euclid(12)) as i32,
            (total.rem_euclid(12) + 1) as u8,
        )
    };
    let stated = |spec: Option<DateSpec>, basis: String| Resolved {
        spec,
        dated: "stated",
        basis,
    };
    let resolved = |spec: Option<DateSpec>, basis: String| Resolved {
        spec,
        dated: "resolved",
        basis,
    };
    match expr.when {
        When::Stated(spec) => stated(Some(spec), String::new()),
        When::MonthDay(m, day) => {
            let later = (m, day) > (d.month, d.day);
            let y = if later { d.year - 1 } else { d.year };
            let why = if later {
                " (the year before: that day is after the dateline)"
            } else {
                ""
            };
            stated(
                Date::new(y, m, day).map(DateSpec::day),
                format!(
                    "\"{quoted}\": the day and month are written; the year is taken from {on}{why}"
                ),
            )
        }
        When::Month(m) => {
            let later = m > d.month;
            let y = if later { d.year - 1 } else { d.year };
            let why = if later {
                " (the year before: that month is after the dateline)"
            } else {
                ""
            };
            stated(
                month_spec(y, m),
                format!("\"{quoted}\": the month is written; the year is taken from {on}{why}"),
            )
        }
        When::LastMonthNamed(m) => {
            let y = if m >= d.month { d.year - 1 } else { d.year };
            resolved(month_spec(y, m), format!("\"{quoted}\" before {on}"))
        }
        When::Weekday(day, last) => {
            let back = (0..=7)
                .map(|k| d.add_days(-k))
                .find(|x| x.weekday() == day && (!last || *x != d))
                .map(DateSpec::day);
            resolved(
                back,
                format!(
                    "\"{quoted}\": the most recent {} {} {on}",
                    day.name(),
                    if last { "before" } else { "on or before" }
                ),
            )
        }
        When::DaysBefore(n) => resolved(
            Some(DateSpec::day(d.add_days(-n))),
            format!("\"{quoted}\" counted back from {on}"),
        ),
        When::MonthsBefore(n) => {
            let (y, m) = month_back(n);
            resolved(
                month_spec(y, m),
                format!("\"{quoted}\" counted back from {on}"),
            )
        }
        When::YearsBefore(n) => resolved(
            DateSpec::parse(&format!("{:04}", i64::from(d.year) - n)),
            format!("\"{quoted}\" counted back from {on}"),
        ),
        When::LastWeek => {
            let monday = (0..7)
                .map(|k| d.add_days(-k))
                .find(|x| x.weekday() == Weekday::Monday)
                .unwrap_or(d);
            let start = monday.add_days(-7);
            resolved(
                Some(DateSpec {
                    start,
                    end: start.add_days(6),
                    precision: Precision::Span,
                }),
                format!("\"{quoted}\": Monday to Sunday of the week before {on}"),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_of(t: &str) -> Vec<(String, EntityKind)> {
        names(t, &[])
            .into_iter()
            .map(|n| (n.text, n.kind))
            .collect()
    }

    #[test]
    fn multi_word_names_stay_whole() {
        let n = names_of("Officials of the Prosecutor's Office and the National Human Rights Coordinator met the Frente de Defensa de los Intereses del Pueblo and the Ministry of Economy and Finance.");
        let texts: Vec<&str> = n.iter().map(|n| n.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Prosecutor's Office",
                "National Human Rights Coordinator",
                "Frente de Defensa de los Intereses del Pueblo",
                "Ministry of Economy and Finance"
            ]
        );
        assert!(n.iter().all(|n| n.1 == EntityKind::Organization));
    }

    #[test]
    fn titles_sentence_starts_and_demonyms() {
        let t = "On Monday President Ana María Ruiz visited Juliaca. Peruvian troops and Chinese firms watched Arequipa and Lima. Police said so.";
        let n = names(t, &[]);
        let texts: Vec<&str> = n.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["Ana María Ruiz", "Juliaca", "Arequipa", "Lima"]);
        assert_eq!(n[0].kind, EntityKind::Person);
        assert!(n[0].why.contains("President"), "{}", n[0].why);
        let n = names("Marchers gathered in Juliaca.", &[]);
        assert_eq!(
            (n[0].text.as_str(), n[0].kind),
            ("Juliaca", EntityKind::Place)
        );
        assert!(is_demonym("Peruvians") && is_demonym("Stalinist") && !is_demonym("Lima"));
    }

    #[test]
    fn covered_mentions_are_not_candidates() {
        let t = "Boluarte's Energy and Mining Ministry met Lisa Kenna.";
        let n = names(t, &[(0, 11)]);
        let texts: Vec<&str> = n.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["Energy and Mining Ministry", "Lisa Kenna"]);
        // A name that is known as a whole is not proposed; a longer one is.
        assert!(names("They met Lisa Kenna.", &[(9, 19)]).is_empty());
        assert_eq!(names("They met the UN.", &[])[0].text, "UN");
    }

    #[test]
    fn sentences_split_at_stops_not_abbreviations() {
        let t = "Gen. Francisco Morales ruled. The U.S. Embassy said “no.” Then José A. Pérez spoke! Done";
        let s: Vec<&str> = sentences(t).iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(
            s,
            [
                "Gen. Francisco Morales ruled.",
                "The U.S. Embassy said “no.”",
                "Then José A. Pérez spoke!",
                "Done"
            ]
        );
    }

    fn when(t: &str) -> Vec<(String, When)> {
        dates(t).into_iter().map(|d| (d.text, d.when)).collect()
    }

    #[test]
    fn date_expressions() {
        let day = |s: &str| When::Stated(DateSpec::parse(s).unwrap());
        assert_eq!(
            when(
                "On January 9, police fired; on December 7, 2022 he fell; by 7 December 2022 too."
            ),
            [
                ("January 9".into(), When::MonthDay(1, 9)),
                ("December 7, 2022".into(), day("2022-12-07")),
                ("7 December 2022".into(), day("2022-12-07")),
            ]
        );
        assert_eq!(
            when("in March 2023 and in March, last Thursday, on Wednesday July 19, in 2019, since 2020, the 1990s"),
            [
                ("in March 2023".into(), day("2023-03")),
                ("in March".into(), When::Month(3)),
                ("last Thursday".into(), When::Weekday(Weekday::Thursday, true)),
                ("Wednesday July 19".into(), When::MonthDay(7, 19)),
                ("in 2019".into(), day("2019")),
            ]
        );
        assert_eq!(
            when("yesterday, last December, last year, two years ago, 3 months ago, last week, a march"),
            [
                ("yesterday".into(), When::DaysBefore(1)),
                ("last December".into(), When::LastMonthNamed(12)),
                ("last year".into(), When::YearsBefore(1)),
                ("two years ago".into(), When::YearsBefore(2)),
                ("3 months ago".into(), When::MonthsBefore(3)),
                ("last week".into(), When::LastWeek),
            ]
        );
    }

    #[test]
    fn resolving_against_the_dateline() {
        let tue = Date::new(2023, 1, 10).unwrap(); // a Tuesday
        let r = |t: &str| {
            let e = dates(t).remove(0);
            let r = resolve(&e, Some(tue));
            (r.spec.map(|s| s.to_source()).unwrap_or_default(), r.dated)
        };
        assert_eq!(r("last Thursday"), ("2023-01-05".into(), "resolved"));
        assert_eq!(r("on Tuesday"), ("2023-01-10".into(), "resolved"));
        assert_eq!(r("last Tuesday"), ("2023-01-03".into(), "resolved"));
        assert_eq!(r("On January 9"), ("2023-01-09".into(), "stated"));
        assert_eq!(r("On December 7"), ("2022-12-07".into(), "stated"));
        assert_eq!(r("in March"), ("2022-03".into(), "stated"));
        assert_eq!(r("last December"), ("2022-12".into(), "resolved"));
        assert_eq!(r("yesterday"), ("2023-01-09".into(), "resolved"));
        assert_eq!(r("last month"), ("2022-12".into(), "resolved"));
        assert_eq!(r("two years ago"), ("2021".into(), "resolved"));
        assert_eq!(
            r("last week"),
            ("2023-01-02..2023-01-08".into(), "resolved")
        );
        let e = dates("last Thursday").remove(0);
        let none = resolve(&e, None);
        assert!(none.spec.is_none() && none.basis.contains("no dateline"));
        assert!(resolve(&dates("on Thursday").remove(0), Some(tue))
            .basis
            .contains("Tuesday 10 January 2023"));
    }
}
