//! `corpus import`: a raw article in, its curation drafted for review.
//!
//! Adding an article by hand took hours, most of it finding what to curate: every name,
//! every dated sentence, every figure, each typed out verbatim in four files. The
//! machine is good at finding and copying, a person at judging; so import finds and
//! copies, and leaves every judgement to a person:
//!
//! - the raw text is cleaned by the same code as the build ([`crate::clean`]), and the
//!   article record says what the text states (title, byline, dateline) and leaves a
//!   `TODO` with the reason for what it does not;
//! - every name the gazetteer does not cover becomes a `@draft-entity` with a proposed
//!   kind and the aliases exactly as written; the known names are listed (no action);
//! - every sentence with a date expression becomes a `@draft-event` with the date
//!   resolved against the dateline, its precision, how it was dated and the verbatim
//!   sentence as evidence, or a `draft-evidence:` line on an existing event with the same
//!   date and an entity in common;
//! - every recognised figure that fits an existing measure becomes a `draft-value:` line
//!   on it; the others are listed as comments.
//!
//! Drafts are read by the build like confirmed records, so their quotes and ids are
//! checked, but each is an error until a person confirms it (see [`crate::rec`]):
//! nothing invented is accepted silently. [`import`] is pure (text in, file contents out)
//! so that all of this is tested natively; the command line reads and writes the files.

use crate::clean::{clean, Cleaned};
use crate::compile::{build, slug, DataSet, Source};
use crate::coverage::clip;
use crate::matcher::Matcher;
use crate::rec;
use crate::scan::{self, DateExpr, Name};
use corpus::date::{Date, DateSpec};
use corpus::error::{Error, ErrorKind};
use corpus::figures;
use corpus::model::{Corpus, EntityKind};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

/// What [`import`] made: the new contents of every file it changes, and a report.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The id given to the article.
    pub id: String,
    /// The raw file, relative to the data folder (`raw/005_x.txt`).
    pub raw: String,
    /// The complete new contents of each file to write (the raw copy and the `.rec`
    /// files that changed), named relative to the data folder.
    pub files: Vec<Source>,
    /// What was found, dropped and drafted, for the person who ran the import.
    pub report: String,
    /// How many of each thing were drafted.
    pub counts: Counts,
    /// Errors the drafted data gives besides drafts and TODOs (none, unless the import
    /// itself is wrong; listed in the report).
    pub problems: Vec<Error>,
}

/// How many of each thing an import drafted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Known entities the article names.
    pub known: usize,
    /// Draft entities (new names).
    pub names: usize,
    /// Draft events.
    pub events: usize,
    /// Draft evidence lines on existing events.
    pub evidence: usize,
    /// Draft values on existing measures.
    pub values: usize,
    /// Figures with no measure that fits.
    pub unmeasured: usize,
    /// `TODO` values left in the article record.
    pub todo: usize,
}

/// A date expression of the article: where it is and the date it gives.
struct Dated {
    paragraph: usize,
    /// Byte range of its sentence in the paragraph.
    sentence: (usize, usize),
    /// Byte range of the expression in the paragraph.
    expr: (usize, usize),
    spec: Option<DateSpec>,
}

/// A name to propose as a new entity.
struct EntityDraft {
    id: String,
    name: String,
    kind: EntityKind,
    why: String,
    aliases: Vec<String>,
    count: usize,
    first: (usize, String),
}

/// Event categories and the words that suggest each, in order of precedence.
const CATEGORY_WORDS: [(&str, &[&str]); 9] = [
    (
        "repression",
        &[
            "killed",
            "killing",
            "massacre",
            "repress",
            "repression",
            "tear gas",
            "fired on",
            "shot",
            "crackdown",
            "wounded",
            "injured",
            "arrested",
            "detained",
            "raid",
            "beat",
        ],
    ),
    (
        "protest",
        &[
            "protest",
            "march",
            "strike",
            "demonstrat",
            "roadblock",
            "rally",
            "mobiliz",
            "takeover",
        ],
    ),
    (
        "election",
        &["election", "vote", "ballot", "candidate", "polls"],
    ),
    (
        "justice",
        &[
            "court",
            "judge",
            "prosecutor",
            "sentenced",
            "trial",
            "charged",
            "custody",
            "convicted",
            "indicted",
        ],
    ),
    (
        "politics",
        &[
            "congress",
            "impeach",
            "president",
            "minister",
            "cabinet",
            "resign",
            "decree",
            "sworn",
            "government",
        ],
    ),
    (
        "security",
        &[
            "military",
            "troops",
            "army",
            "armed forces",
            "state of emergency",
            "deploy",
        ],
    ),
    (
        "economy",
        &[
            "economy",
            "investment",
            "mining",
            "export",
            "inflation",
            "budget",
            "spending",
        ],
    ),
    (
        "international",
        &[
            "embassy",
            "washington",
            "ambassador",
            "treaty",
            "united nations",
            "visit",
        ],
    ),
    ("history", &["dictatorship", "coup of", "century"]),
];

fn propose_category(sentence: &str) -> Option<&'static str> {
    let lower = sentence.to_lowercase();
    let mut best: Option<(&str, usize)> = None;
    for (cat, words) in CATEGORY_WORDS {
        let n = words.iter().filter(|w| lower.contains(*w)).count();
        if n > 0 && best.is_none_or(|b| n > b.1) {
            best = Some((cat, n));
        }
    }
    best.map(|b| b.0)
}

/// Topics of figures and measures: a figure fits a measure only if they share one.
const TOPICS: [(&str, &[&str]); 12] = [
    (
        "deaths",
        &[
            "kill", "dead", "death", "died", "die", "massacre", "murdered", "fatalit", "slain",
        ],
    ),
    ("injuries", &["injur", "wound", "hurt"]),
    ("arrests", &["arrest", "detain", "detention", "jailed"]),
    ("homicides", &["homicide"]),
    ("approval", &["approv", "popularity", "support"]),
    ("rejection", &["reject", "disapprov"]),
    ("troops", &["troops", "soldiers"]),
    ("investment", &["invest"]),
    (
        "spending",
        &[
            "spend",
            "budget",
            "purchase",
            "contract",
            "disburse",
            "equipment",
        ],
    ),
    ("poverty", &["poverty", "poor"]),
    (
        "participants",
        &["marched", "marchers", "participa", "demonstrators joined"],
    ),
    ("weapons", &["handgun", "weapon", "vehicle", "gear"]),
];

fn topics(text: &str) -> HashSet<&'static str> {
    let lower = text.to_lowercase();
    TOPICS
        .iter()
        .filter(|(_, stems)| stems.iter().any(|s| lower.contains(s)))
        .map(|(t, _)| *t)
        .collect()
}

fn unit_fits(figure_unit: &str, measure_unit: &str) -> bool {
    let m = measure_unit.to_lowercase();
    let money =
        m.contains("dollar") || m.contains("sol") || m.contains("money") || m.contains("euro");
    match figure_unit {
        "percent" => m.contains("percent"),
        "USD" => m.contains("dollar") || m.contains("money"),
        "PEN" => m.contains("sol") || m.contains("money"),
        "EUR" => m.contains("euro") || m.contains("money"),
        _ => !money && !m.contains("percent"),
    }
}

/// Lowercase content words of a text (for the tie-break between measures).
fn content_words(text: &str) -> HashSet<String> {
    scan::words(text)
        .iter()
        .map(|w| w.text.to_lowercase())
        .filter(|w| w.len() > 3)
        .collect()
}

/// The existing measure a figure fits best, if any: same topic (deaths, injuries, ...)
/// in the words around the figure and in the measure's name and description, and a
/// compatible unit. Ties go to the measure sharing most words with the sentence, then to
/// the one quoted by most articles (the general one, not a one-day count).
fn fit_measure<'a>(
    corpus: &'a Corpus,
    unit: &str,
    window: &str,
    sentence: &str,
) -> Option<&'a corpus::model::Measure> {
    let ft = topics(window);
    if ft.is_empty() {
        return None;
    }
    let sw = content_words(sentence);
    let mut best: Option<(usize, usize, usize, &corpus::model::Measure)> = None;
    for m in &corpus.measures {
        if !unit_fits(unit, &m.unit) {
            continue;
        }
        let mt = topics(&format!("{} {}", m.name, m.description));
        let shared = ft.intersection(&mt).count();
        if shared == 0 {
            continue;
        }
        let words = content_words(&m.name).intersection(&sw).count();
        let articles: HashSet<u32> = m
            .values
            .iter()
            .filter_map(|v| corpus.figures.get(v.figure as usize).map(|f| f.article))
            .collect();
        let key = (shared, words, articles.len());
        if best.is_none_or(|b| key > (b.0, b.1, b.2)) {
            best = Some((key.0, key.1, key.2, m));
        }
    }
    best.map(|b| b.3)
}

/// The words that say what a figure counts: the figure and the words right after it up to
/// a conjunction or punctuation (`17 protesters [killed]`, `more than 60 [injured]`), or,
/// when those say nothing, the two words before it (`[killing] at least 70`).
fn topic_window(text: &str, sentence: (usize, usize), f: &figures::Found) -> String {
    let ws = scan::words(&text[sentence.0..sentence.1]);
    let at = |w: &scan::Word<'_>| w.start + sentence.0;
    let mut after = String::new();
    let mut pos = f.end;
    for w in ws.iter().filter(|w| at(w) >= f.end).take(2) {
        let gap = &text[pos..at(w)];
        if gap.trim() != "" || matches!(w.text, "and" | "or" | "but" | "while" | "as") {
            break;
        }
        after.push(' ');
        after.push_str(w.text);
        pos = at(w) + w.text.len();
    }
    let own = format!("{}{after}", &text[f.start..f.end]);
    if !topics(&own).is_empty() {
        return own;
    }
    let before: Vec<&str> = ws
        .iter()
        .filter(|w| at(w) + w.text.len() <= f.start)
        .map(|w| w.text)
        .collect();
    // Two words before (`killing at least 70`), or up to six when those say nothing
    // (`the number killed by the security forces at 62 or more`).
    let near = format!(
        "{} {own}",
        before[before.len().saturating_sub(2)..].join(" ")
    );
    if !topics(&near).is_empty() {
        return near;
    }
    format!(
        "{} {own}",
        before[before.len().saturating_sub(6)..].join(" ")
    )
}

fn strip_poss(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// The raw file name an import writes: the file's own name, with `.txt`.
fn raw_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let base = if base.is_empty() { "article" } else { base };
    if base.ends_with(".txt") {
        base.to_string()
    } else {
        let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
        format!("{stem}.txt")
    }
}

/// A new id from a slug: at most 60 characters (ids may have 80, and a `-N` may follow),
/// not already taken.
fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    let mut base = base.to_string();
    if base.len() > 60 {
        // A slug is ASCII: any byte is a character boundary.
        base.truncate(60);
        let trimmed = base.trim_end_matches('-').len();
        base.truncate(trimmed);
    }
    let base = if base.is_empty() { "x" } else { base.as_str() };
    let mut id = base.to_string();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// A slug of at most `n` words.
fn short_slug(s: &str, n: usize) -> String {
    let full = slug(s);
    let mut words: Vec<&str> = full.split('-').filter(|w| !w.is_empty()).take(n).collect();
    while words.len() > 1
        && words.last().is_some_and(|w| {
            [
                "in", "of", "on", "the", "a", "an", "to", "for", "and", "at", "by",
            ]
            .contains(w)
        })
    {
        words.pop();
    }
    words.join("-")
}

/// Insert blocks of lines after given lines (1-based) of a text.
fn insert_after(text: &str, mut inserts: Vec<(usize, String)>) -> String {
    inserts.sort_by_key(|i| i.0);
    let mut out = String::with_capacity(text.len() + 256);
    let mut it = inserts.into_iter().peekable();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push('\n');
        }
        while let Some((_, block)) = it.next_if(|x| x.0 == i + 1) {
            out.push_str(&block);
        }
    }
    for (_, block) in it {
        out.push_str(&block);
    }
    out
}

/// The last line of each record of a `.rec` text, by id.
fn record_ends(name: &str, text: &str) -> HashMap<String, usize> {
    let (recs, _) = rec::parse(name, text);
    recs.into_iter()
        .map(|r| {
            let end = r
                .fields
                .iter()
                .chain(&r.todo)
                .map(|f| f.line)
                .max()
                .unwrap_or(r.line);
            (r.id, end)
        })
        .collect()
}

fn append(text: Option<&Source>, block: &str) -> String {
    let mut t = text.map(|s| s.text.clone()).unwrap_or_default();
    if !t.is_empty() && !t.ends_with('\n') {
        t.push('\n');
    }
    if !t.is_empty() {
        t.push('\n');
    }
    t.push_str(block);
    t
}

/// A comment line (never more than one line).
fn comment(s: &str) -> String {
    format!("# {}\n", s.replace('\n', " "))
}

/// A quote of `text[start..end]` widened to whole words, at most `max` characters
/// around the part that must be in it, within `sentence`.
fn window(
    text: &str,
    sentence: (usize, usize),
    keep: (usize, usize),
    before: usize,
    after: usize,
) -> (usize, usize) {
    let ws: Vec<scan::Word<'_>> = scan::words(&text[sentence.0..sentence.1])
        .into_iter()
        .map(|w| scan::Word {
            start: w.start + sentence.0,
            end: w.end + sentence.0,
            text: w.text,
        })
        .collect();
    let first = ws.iter().position(|w| w.end > keep.0).unwrap_or(0);
    let last = ws
        .iter()
        .rposition(|w| w.start < keep.1)
        .unwrap_or(ws.len().saturating_sub(1));
    let a = first.saturating_sub(before);
    let b = (last + after).min(ws.len().saturating_sub(1));
    let start = if a == 0 {
        sentence.0
    } else {
        ws.get(a).map_or(keep.0, |w| w.start)
    };
    let end = if b + 1 >= ws.len() {
        sentence.1
    } else {
        ws.get(b).map_or(keep.1, |w| w.end)
    };
    (start.min(keep.0), end.max(keep.1))
}

/// Import one raw article into the data set `ds`: see the module documentation. `name`
/// is the file's name (its copy in `raw/` keeps it, with `.txt`), `raw` its text.
///
/// An error when the article cannot be imported: its name or text is already in
/// `raw/`, or it has no body text after cleaning.
pub fn import(ds: &DataSet, name: &str, raw: &str) -> Result<Imported, Error> {
    let fname = raw_name(name);
    let raw_path = format!("raw/{fname}");
    if ds.raw.iter().any(|s| s.name == raw_path) {
        return Err(Error::in_file(
            &raw_path,
            ErrorKind::Duplicate(format!(
                "`{raw_path}` already exists; an article is imported once (rename the file to import another text)"
            )),
        ));
    }
    if let Some(same) = ds.raw.iter().find(|s| s.text == raw) {
        return Err(Error::in_file(
            &raw_path,
            ErrorKind::Duplicate(format!(
                "the same text as `{}`, already imported",
                same.name
            )),
        ));
    }
    let c = clean(raw);
    if c.paragraphs
        .iter()
        .all(|p| p.kind != corpus::model::ParagraphKind::Body)
    {
        return Err(Error::in_file(
            &raw_path,
            ErrorKind::EmptyArticle("no body text after cleaning".into()),
        ));
    }
    let existing = build(ds);
    let corpus = &existing.corpus;
    let names = |s: &Option<Source>, default: &str| {
        s.as_ref()
            .map_or_else(|| default.to_string(), |s| s.name.clone())
    };
    let (articles_file, gazetteer_file, events_file, measures_file) = (
        names(&ds.articles, "articles.rec"),
        names(&ds.gazetteer, "gazetteer.rec"),
        names(&ds.events, "events.rec"),
        names(&ds.measures, "measures.rec"),
    );

    // The dateline: stated, or the day-first reading of an ambiguous numeric one.
    let dateline: Option<Date> = c
        .dateline
        .map(|d| d.0)
        .or(c.ambiguous_dateline.as_ref().map(|a| a.day_first));

    // The article's id: YYYY-MM-first-words-of-the-title.
    let mut article_ids: HashSet<String> = corpus.articles.iter().map(|a| a.id.clone()).collect();
    if let Some(src) = &ds.articles {
        article_ids.extend(rec::parse(&src.name, &src.text).0.into_iter().map(|r| r.id));
    }
    let title_part = match &c.title {
        Some((t, _)) => short_slug(t, 5),
        None => slug(fname.trim_end_matches(".txt")),
    };
    let base = match dateline {
        Some(d) => format!("{:04}-{:02}-{title_part}", d.year, d.month),
        None => title_part,
    };
    let id = unique(&base, &mut article_ids);
    let mut counts = Counts::default();

    // The article record.
    let mut art = String::new();
    art.push_str(&comment(&format!(
        "Imported by `corpus import` from {raw_path}. What the text states is not repeated here:"
    )));
    describe_header(&c, &mut art);
    let _ = writeln!(art, "@article {id}\nfile: {fname}");
    if c.title.is_none() {
        let first = c
            .paragraphs
            .first()
            .map(|p| clip(&p.text, 60))
            .unwrap_or_default();
        let _ = writeln!(
            art,
            "title: TODO: the text has no title line (it starts with “{first}”); write one"
        );
        let _ = writeln!(art, "title_reason: TODO: say where the title comes from");
        counts.todo += 2;
    }
    if c.authors.is_none() {
        let _ = writeln!(art, "authors: TODO: the text has no byline; give the authors separated by `;`, or leave the value empty if they are unknown");
        let _ = writeln!(art, "authors_reason: TODO: say why");
        counts.todo += 2;
    }
    if let Some(a) = &c.ambiguous_dateline {
        art.push_str(&comment(&format!(
            "The dateline `{}` (raw line {}) reads as {} (day-month-year, proposed: the common order outside the US) or {} (month-day-year). Relative dates in the drafts below were resolved with the proposed reading.",
            a.text, a.line, a.day_first.long(), a.month_first.long()
        )));
        let _ = writeln!(art, "draft-dateline_order: day-month-year");
    } else if c.dateline.is_none() {
        let _ = writeln!(art, "published: TODO: the text has no dateline; give the date (YYYY-MM-DD, or a span A..B) and the evidence for it");
        let _ = writeln!(art, "published_reason: TODO: the evidence, step by step");
        counts.todo += 2;
    }
    // The publication, when the text says it: the WSWS footer the cleaner dropped.
    if c.dropped.iter().any(|d| d.1 == "footer") {
        art.push_str(&comment(
            "The text ends with the World Socialist Web Site's footer (“To contact the WSWS…”, dropped by cleaning):",
        ));
        let _ = writeln!(
            art,
            "draft-publication: World Socialist Web Site | https://www.wsws.org/"
        );
    } else {
        art.push_str(&comment(
            "The text does not name its publication: add `publication: NAME | https://…` if it is known.",
        ));
    }

    // Known entities and a matcher for them.
    let mut matcher = Matcher::default();
    for (ix, e) in corpus.entities.iter().enumerate() {
        for a in &e.aliases {
            matcher.add(ix as u32, &a.text, a.ignore_case);
        }
    }
    let taken_aliases: HashSet<String> = corpus
        .entities
        .iter()
        .flat_map(|e| e.aliases.iter().map(|a| a.text.clone()))
        .collect();
    let mut known: BTreeMap<usize, usize> = BTreeMap::new();
    let mut hits_by_para = Vec::new();
    for p in &c.paragraphs {
        let hits = matcher.find(&p.text);
        for h in &hits {
            *known.entry(h.entity as usize).or_default() += 1;
        }
        hits_by_para.push(hits);
    }
    counts.known = known.len();

    // New names.
    let mut entity_ids: HashSet<String> = corpus.entities.iter().map(|e| e.id.clone()).collect();
    if let Some(src) = &ds.gazetteer {
        entity_ids.extend(rec::parse(&src.name, &src.text).0.into_iter().map(|r| r.id));
    }
    let mut drafts: Vec<EntityDraft> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut acronyms: Vec<(String, String)> = Vec::new(); // (name key, acronym)
    for (pi, p) in c.paragraphs.iter().enumerate() {
        let covered: Vec<(usize, usize)> =
            hits_by_para[pi].iter().map(|h| (h.start, h.end)).collect();
        let found: Vec<Name> = scan::names(&p.text, &covered);
        for n in &found {
            if taken_aliases.contains(&n.text) {
                continue;
            }
            let key = slug(&n.text);
            if key.is_empty() {
                continue;
            }
            // `National Police (PNP)`: the acronym is an alias of the name.
            if let Some(rest) = p.text[n.end..].strip_prefix(" (") {
                if let Some((acr, _)) = rest.split_once(')') {
                    if found.iter().any(|m| m.text == acr) {
                        acronyms.push((key.clone(), acr.to_string()));
                    }
                }
            }
            match by_key.get(&key) {
                Some(&i) => {
                    let d = &mut drafts[i];
                    d.count += 1;
                    if !d.aliases.contains(&n.text) {
                        d.aliases.push(n.text.clone());
                    }
                }
                None => {
                    by_key.insert(key.clone(), drafts.len());
                    let sentence = scan::sentences(&p.text)
                        .into_iter()
                        .find(|&(s, e)| s <= n.start && n.end <= e)
                        .map_or_else(|| p.text.clone(), |(s, e)| p.text[s..e].to_string());
                    drafts.push(EntityDraft {
                        id: key,
                        name: n.text.clone(),
                        kind: n.kind,
                        why: n.why.clone(),
                        aliases: vec![n.text.clone()],
                        count: 1,
                        first: (pi, clip(&sentence, 120)),
                    });
                }
            }
        }
    }
    // Merge a surname (`Kenna`) into the full name (`Lisa Kenna`), an acronym into the
    // name it abbreviates.
    let mut merged: HashSet<usize> = HashSet::new();
    for i in 0..drafts.len() {
        let single = !drafts[i].name.contains(' ');
        if !single {
            continue;
        }
        let target = drafts.iter().position(|d| {
            d.kind == EntityKind::Person
                && d.name.contains(' ')
                && d.name.rsplit(' ').next() == Some(drafts[i].name.as_str())
        });
        let target = target.or_else(|| {
            acronyms
                .iter()
                .find(|(_, a)| *a == drafts[i].name)
                .and_then(|(k, _)| by_key.get(k).copied())
        });
        if let Some(t) = target.filter(|&t| t != i && !merged.contains(&t)) {
            let (aliases, count) = (drafts[i].aliases.clone(), drafts[i].count);
            for a in aliases {
                if !drafts[t].aliases.contains(&a) {
                    drafts[t].aliases.push(a);
                }
            }
            drafts[t].count += count;
            merged.insert(i);
        }
    }
    let drafts: Vec<EntityDraft> = drafts
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !merged.contains(i))
        .map(|(_, mut d)| {
            d.id = unique(&d.id, &mut entity_ids);
            d
        })
        .collect();
    // A person's surname alone elsewhere in the text (`Cruz said …`, which starts a
    // sentence and so is no candidate of its own) is an alias too.
    let mut drafts = drafts;
    {
        let mut probe = matcher.clone();
        for (k, d) in drafts.iter().enumerate() {
            for a in &d.aliases {
                probe.add((corpus.entities.len() + k) as u32, a, false);
            }
        }
        for d in drafts
            .iter_mut()
            .filter(|d| d.kind == EntityKind::Person && d.name.contains(' '))
        {
            let Some(last) = d.name.rsplit(' ').next().map(str::to_string) else {
                continue;
            };
            if d.aliases.contains(&last)
                || taken_aliases.contains(&last)
                || last.chars().count() < 3
            {
                continue;
            }
            let alone = c.paragraphs.iter().any(|p| {
                let hits = probe.find(&p.text);
                scan::words(&p.text).iter().any(|w| {
                    strip_poss(w.text) == last
                        && !hits.iter().any(|h| h.start <= w.start && w.end <= h.end)
                })
            });
            if alone {
                d.aliases.push(last);
            }
        }
    }
    counts.names = drafts.len();

    // A matcher over known and drafted names, for the entities of each event.
    let mut all = matcher.clone();
    let n_known = corpus.entities.len();
    for (k, d) in drafts.iter().enumerate() {
        for a in &d.aliases {
            all.add((n_known + k) as u32, a, false);
        }
    }
    let entity_id = |ix: u32| -> String {
        let ix = ix as usize;
        if ix < n_known {
            corpus.entities[ix].id.clone()
        } else {
            drafts[ix - n_known].id.clone()
        }
    };

    // The gazetteer block.
    let mut gaz = String::new();
    gaz.push_str(&comment(&format!(
        "Drafts from `corpus import` of {raw_path} (article {id})."
    )));
    if known.is_empty() {
        gaz.push_str(&comment("It names no entity the gazetteer already has."));
    } else {
        let list: Vec<String> = known
            .iter()
            .map(|(&ix, n)| format!("{} ×{n}", corpus.entities[ix].id))
            .collect();
        gaz.push_str(&comment(&format!(
            "Known entities it names (nothing to do): {}.",
            list.join(", ")
        )));
    }
    if !drafts.is_empty() {
        gaz.push_str(&comment(
            "Each @draft-entity is a name no alias covers. Check the kind, add the spellings the text uses as aliases, write the description (or delete the record: not every capitalised word is an entity), then confirm it: `@draft-entity` → `@entity`.",
        ));
    }
    for d in &drafts {
        let (pi, sentence) = &d.first;
        let _ = write!(
            gaz,
            "\n{}",
            comment(&format!(
                "×{} in {id}, first in p{}: “{sentence}”. Kind from {}.",
                d.count,
                pi + 1,
                d.why
            ))
        );
        let _ = writeln!(
            gaz,
            "@draft-entity {}\nname: {}\nkind: {}",
            d.id,
            d.name,
            d.kind.as_str()
        );
        for a in &d.aliases {
            let _ = writeln!(gaz, "alias: {a}");
        }
        let _ = writeln!(
            gaz,
            "description: TODO: one line on who or what this is, supported by the articles"
        );
    }

    // Events.
    let mut event_ids: HashSet<String> = corpus.events.iter().map(|e| e.id.clone()).collect();
    if let Some(src) = &ds.events {
        event_ids.extend(rec::parse(&src.name, &src.text).0.into_iter().map(|r| r.id));
    }
    let mut ev_block = String::new();
    let mut evidence_on: Vec<(String, String)> = Vec::new(); // (event id, line)
    let mut seen: HashSet<(usize, usize, String)> = HashSet::new();
    let mut dated: Vec<Dated> = Vec::new();
    for (pi, p) in c.paragraphs.iter().enumerate() {
        let hits = all.find(&p.text);
        for (s, e) in scan::sentences(&p.text) {
            let sentence = &p.text[s..e];
            for expr in scan::dates(sentence) {
                let expr = DateExpr {
                    start: expr.start + s,
                    end: expr.end + s,
                    ..expr
                };
                let r = scan::resolve(&expr, dateline);
                dated.push(Dated {
                    paragraph: pi,
                    sentence: (s, e),
                    expr: (expr.start, expr.end),
                    spec: r.spec,
                });
                let key = (
                    pi,
                    s,
                    r.spec
                        .map(|x| x.to_source())
                        .unwrap_or_else(|| expr.text.clone()),
                );
                if !seen.insert(key) {
                    continue;
                }
                let (qs, qe) = if sentence.chars().count() > 220 {
                    window(&p.text, (s, e), (expr.start, expr.end), 12, 20)
                } else {
                    (s, e)
                };
                let quote = &p.text[qs..qe];
                let mut ents: Vec<String> = Vec::new();
                for h in hits.iter().filter(|h| h.start >= s && h.end <= e) {
                    let eid = entity_id(h.entity);
                    if !ents.contains(&eid) {
                        ents.push(eid);
                    }
                }
                // The same date and an entity in common: evidence for an existing event.
                let same = r.spec.and_then(|spec| {
                    corpus.events.iter().find(|ev| {
                        ev.date == spec
                            && ev
                                .entities
                                .iter()
                                .any(|&x| ents.contains(&corpus.entities[x as usize].id))
                    })
                });
                if let Some(ev) = same {
                    if !evidence_on.iter().any(|(eid, _)| *eid == ev.id) {
                        evidence_on.push((
                            ev.id.clone(),
                            format!(
                                "{}draft-evidence: {id} | {quote}\n",
                                comment(&format!("corpus import: {id} p{} has “{}”, the date of this event; same event?", pi + 1, expr.text))
                            ),
                        ));
                    }
                    continue;
                }
                let title = propose_title(sentence, &expr.text);
                let date_part = r
                    .spec
                    .map(|x| x.to_source())
                    .unwrap_or_else(|| "undated".into());
                let words = title
                    .split_whitespace()
                    .skip_while(|w| matches!(*w, "The" | "A" | "An"))
                    .collect::<Vec<_>>()
                    .join(" ");
                let eid = unique(
                    &short_slug(&format!("{} {words}", date_part.replace("..", " ")), 7),
                    &mut event_ids,
                );
                let _ = write!(
                    ev_block,
                    "\n{}",
                    comment(&format!(
                        "From {id} p{}: “{}”{}.",
                        pi + 1,
                        expr.text,
                        match r.spec {
                            Some(x) => format!(
                                ", read as {} (precision: {})",
                                x.to_source(),
                                x.precision.as_str()
                            ),
                            None => String::new(),
                        }
                    ))
                );
                let _ = writeln!(ev_block, "@draft-event {eid}\ntitle: {title}");
                match r.spec {
                    Some(x) => {
                        let _ = writeln!(ev_block, "date: {}", x.to_source());
                    }
                    None => {
                        let _ = writeln!(ev_block, "date: TODO: {}", r.basis);
                    }
                }
                let _ = writeln!(ev_block, "dated: {}", r.dated);
                if !r.basis.is_empty() {
                    let _ = writeln!(ev_block, "basis: {}", r.basis);
                }
                match propose_category(sentence) {
                    Some(cat) => {
                        let _ = writeln!(ev_block, "category: {cat}");
                    }
                    None => {
                        let _ = writeln!(ev_block, "category: TODO: one of politics, protest, repression, security, economy, justice, election, international, history, era");
                    }
                }
                if !ents.is_empty() {
                    let _ = writeln!(ev_block, "entities: {}", ents.join(", "));
                }
                let _ = writeln!(ev_block, "evidence: {id} | {quote}");
                counts.events += 1;
            }
        }
    }
    counts.evidence = evidence_on.len();

    // Figures.
    let mut values_on: Vec<(String, String)> = Vec::new();
    let mut unmeasured: Vec<String> = Vec::new();
    for (pi, p) in c.paragraphs.iter().enumerate() {
        let sents = scan::sentences(&p.text);
        for f in figures::recognise(&p.text) {
            let (s, e) = sents
                .iter()
                .copied()
                .find(|&(s, e)| s <= f.start && f.end <= e)
                .unwrap_or((0, p.text.len()));
            let (ws, we) = window(&p.text, (s, e), (f.start, f.end), 3, 3);
            let figure_text = &p.text[f.start..f.end];
            let quote = format!(
                "{}[{figure_text}]{}",
                &p.text[ws..f.start],
                &p.text[f.end..we]
            );
            let fit = fit_measure(
                corpus,
                f.unit,
                &topic_window(&p.text, (s, e), &f),
                &p.text[s..e],
            );
            match fit {
                Some(m) if !quote.contains('|') => {
                    // The date of the sentence (the expression nearest the figure), else
                    // the dateline.
                    let distance = |(a, b): (usize, usize)| {
                        if b <= f.start {
                            f.start - b
                        } else {
                            a.saturating_sub(f.end)
                        }
                    };
                    let as_of = dated
                        .iter()
                        .filter(|d| {
                            d.paragraph == pi
                                && d.sentence.0 <= f.start
                                && f.end <= d.sentence.1
                                && d.spec.is_some()
                        })
                        .min_by_key(|d| distance(d.expr))
                        .and_then(|d| d.spec)
                        .map(|x| x.to_source())
                        .or(dateline.map(|d| d.to_string()))
                        .unwrap_or_else(|| "TODO".into());
                    values_on.push((
                        m.id.clone(),
                        format!(
                            "{}draft-value: {id} | {quote} | {as_of}\n",
                            comment(&format!("corpus import: {id} p{}: does “{figure_text}” count the same thing as this measure? The as-of date is the sentence's date, else the dateline.", pi + 1))
                        ),
                    ));
                }
                _ => unmeasured.push(format!("p{} “{figure_text}” ({})", pi + 1, f.unit)),
            }
        }
    }
    counts.values = values_on.len();
    counts.unmeasured = unmeasured.len();

    // The new files.
    let mut files = vec![Source {
        name: raw_path.clone(),
        text: raw.to_string(),
    }];
    files.push(Source {
        name: articles_file.clone(),
        text: append(ds.articles.as_ref(), &art),
    });
    files.push(Source {
        name: gazetteer_file.clone(),
        text: append(ds.gazetteer.as_ref(), &gaz),
    });
    let mut events_text = ds
        .events
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    if !evidence_on.is_empty() {
        let ends = record_ends(&events_file, &events_text);
        let ins = evidence_on
            .iter()
            .filter_map(|(eid, line)| ends.get(eid).map(|&l| (l, line.clone())))
            .collect();
        events_text = insert_after(&events_text, ins);
    }
    if counts.events > 0 {
        let head = format!(
            "{}{}",
            comment(&format!("Drafts from `corpus import` of {raw_path} (article {id}): one per sentence with a date expression.")),
            comment("Check the date (and its precision), write a better title, fix the category and entities, shorten the evidence to the words that matter (it must stay verbatim), or delete the record; then confirm it: `@draft-event` → `@event`.")
        );
        events_text = append(
            Some(&Source {
                name: events_file.clone(),
                text: events_text,
            }),
            &(head + &ev_block),
        );
    }
    if !evidence_on.is_empty() || counts.events > 0 {
        files.push(Source {
            name: events_file.clone(),
            text: events_text,
        });
    }
    let mut measures_text = ds
        .measures
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    if !values_on.is_empty() {
        let ends = record_ends(&measures_file, &measures_text);
        let ins = values_on
            .iter()
            .filter_map(|(mid, line)| ends.get(mid).map(|&l| (l, line.clone())))
            .collect();
        measures_text = insert_after(&measures_text, ins);
    }
    if !unmeasured.is_empty() {
        let mut block = comment(&format!(
            "corpus import of {raw_path} (article {id}): figures with no measure that fits. Add a @measure (or a value to one) where a figure is worth comparing across articles:"
        ));
        for u in &unmeasured {
            block.push_str(&comment(&format!("  {u}")));
        }
        measures_text = append(
            Some(&Source {
                name: measures_file.clone(),
                text: measures_text,
            }),
            &block,
        );
    }
    if !values_on.is_empty() || !unmeasured.is_empty() {
        files.push(Source {
            name: measures_file.clone(),
            text: measures_text,
        });
    }

    // What the build makes of it: only drafts and TODOs are expected.
    let mut next = ds.clone();
    for f in &files {
        match f.name.as_str() {
            n if n == articles_file => next.articles = Some(f.clone()),
            n if n == gazetteer_file => next.gazetteer = Some(f.clone()),
            n if n == events_file => next.events = Some(f.clone()),
            n if n == measures_file => next.measures = Some(f.clone()),
            _ => {
                next.raw.push(f.clone());
                next.raw.sort_by(|a, b| a.name.cmp(&b.name));
            }
        }
    }
    let before: HashSet<String> = existing.errors.iter().map(|e| e.to_string()).collect();
    let problems: Vec<Error> = build(&next)
        .errors
        .into_iter()
        .filter(|e| !matches!(e.kind, ErrorKind::Draft(_) | ErrorKind::Todo(_)))
        .filter(|e| !before.contains(&e.to_string()))
        .collect();

    let report = write_report(&ReportInput {
        id: &id,
        raw_path: &raw_path,
        c: &c,
        counts: &counts,
        files: &files,
        problems: &problems,
        errors_before: existing.errors.len(),
        known: &known
            .iter()
            .map(|(&ix, &n)| (corpus.entities[ix].id.clone(), n))
            .collect::<Vec<_>>(),
    });
    Ok(Imported {
        id,
        raw: raw_path,
        files,
        report,
        counts,
        problems,
    })
}

/// Comment lines describing what the header of the text states.
fn describe_header(c: &Cleaned, out: &mut String) {
    match &c.title {
        Some((t, l)) => out.push_str(&comment(&format!("  title (raw line {l}): {t}"))),
        None => out.push_str(&comment("  title: none in the text")),
    }
    if let Some((s, l)) = &c.subtitle {
        out.push_str(&comment(&format!(
            "  subtitle (raw line {l}, kept out of the body): {s}"
        )));
    }
    match &c.authors {
        Some((a, l)) => out.push_str(&comment(&format!(
            "  authors (raw line {l}): {}",
            a.join("; ")
        ))),
        None => out.push_str(&comment("  authors: no byline in the text")),
    }
    match (&c.dateline, &c.ambiguous_dateline) {
        (Some((d, l)), _) => out.push_str(&comment(&format!("  dateline (raw line {l}): {d}"))),
        (None, Some(a)) => out.push_str(&comment(&format!(
            "  dateline (raw line {}): `{}`, which reads two ways (see below)",
            a.line, a.text
        ))),
        (None, None) => out.push_str(&comment("  dateline: none in the text")),
    }
}

/// A proposed event title: the sentence without its date expression, shortened.
fn propose_title(sentence: &str, expr: &str) -> String {
    let without = sentence.replacen(expr, "", 1);
    let mut t: Vec<&str> = without.split_whitespace().collect();
    // The words the date leaves behind at the start (`On , police …`).
    while t.first().is_some_and(|w| {
        matches!(
            *w,
            "On" | "on" | "In" | "in" | "Last" | "last" | "," | "By" | "Since"
        )
    }) {
        t.remove(0);
    }
    // And a preposition left dangling where the date was (`… to Lima in .`).
    let mut s = t.join(" ").replace(" ,", ",");
    for dangling in [" in.", " on.", " since.", " last.", " in,", " on,"] {
        s = s.replace(dangling, &dangling[dangling.len() - 1..]);
    }
    s = s
        .trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace())
        .to_string();
    let mut chars = s.chars();
    let s = match chars.next() {
        Some(f) => f.to_uppercase().collect::<String>() + chars.as_str(),
        None => "An event".to_string(),
    };
    clip(&s, 90)
}

struct ReportInput<'a> {
    id: &'a str,
    raw_path: &'a str,
    c: &'a Cleaned,
    counts: &'a Counts,
    files: &'a [Source],
    problems: &'a [Error],
    errors_before: usize,
    known: &'a [(String, usize)],
}

fn write_report(r: &ReportInput<'_>) -> String {
    let mut out = String::new();
    let c = r.c;
    let _ = writeln!(out, "imported {} as article `{}`", r.raw_path, r.id);
    match &c.title {
        Some((t, l)) => {
            let _ = writeln!(out, "  title, stated (raw line {l}): {t}");
        }
        None => {
            let _ = writeln!(out, "  title: none in the text: TODO in the article record");
        }
    }
    if let Some((s, l)) = &c.subtitle {
        let _ = writeln!(out, "  subtitle (raw line {l}), kept out of the body: {s}");
    }
    match &c.authors {
        Some((a, l)) => {
            let _ = writeln!(out, "  authors, stated (raw line {l}): {}", a.join("; "));
        }
        None => {
            let _ = writeln!(out, "  authors: no byline: TODO in the article record");
        }
    }
    match (&c.dateline, &c.ambiguous_dateline) {
        (Some((d, l)), _) => {
            let _ = writeln!(out, "  published, stated (raw line {l}): {d}");
        }
        (None, Some(a)) => {
            let _ = writeln!(
                out,
                "  published: `{}` (raw line {}) is {} read day-month-year or {} read month-day-year; proposed day-month-year as a draft to confirm (`draft-dateline_order`)",
                a.text, a.line, a.day_first, a.month_first
            );
        }
        (None, None) => {
            let _ = writeln!(out, "  published: no dateline: TODO in the article record");
        }
    }
    if c.dropped.is_empty() {
        let _ = writeln!(out, "  dropped lines: none");
    } else {
        let list: Vec<String> = c
            .dropped
            .iter()
            .map(|(l, why)| format!("line {l} ({why})"))
            .collect();
        let _ = writeln!(out, "  dropped lines: {}", list.join(", "));
    }
    if !c.joined.is_empty() {
        let list: Vec<String> = c.joined.iter().map(|l| l.to_string()).collect();
        let _ = writeln!(
            out,
            "  joined to the line before (page breaks): lines {}",
            list.join(", ")
        );
    }
    let captions = c
        .paragraphs
        .iter()
        .filter(|p| p.kind == corpus::model::ParagraphKind::Caption)
        .count();
    let _ = writeln!(
        out,
        "  {} paragraphs ({} captions)",
        c.paragraphs.len(),
        captions
    );
    let n = r.counts;
    let _ = writeln!(out, "drafted for review (each draft and TODO is an error for `corpus check` until a person confirms it):");
    let _ = writeln!(out, "  {} TODO value(s) in the article record", n.todo);
    let known: Vec<String> = r.known.iter().map(|(id, k)| format!("{id} ×{k}")).collect();
    let _ = writeln!(
        out,
        "  {} known entities named (nothing to do){}{}",
        n.known,
        if known.is_empty() { "" } else { ": " },
        known.join(", ")
    );
    let _ = writeln!(out, "  {} new names as @draft-entity", n.names);
    let _ = writeln!(
        out,
        "  {} dated sentences as @draft-event, {} as draft-evidence on existing events",
        n.events, n.evidence
    );
    let _ = writeln!(out, "  {} figures as draft-value on existing measures, {} with no measure that fits (listed as comments in measures.rec)", n.values, n.unmeasured);
    let written: Vec<&str> = r.files.iter().map(|f| f.name.as_str()).collect();
    let _ = writeln!(out, "files written: {}", written.join(", "));
    if r.errors_before > 0 {
        let _ = writeln!(
            out,
            "note: the data already had {} before this import (see `corpus check`)",
            corpus::render::count(r.errors_before, "error")
        );
    }
    if !r.problems.is_empty() {
        let _ = writeln!(
            out,
            "problems the drafts cause (please report: the import should not make these):"
        );
        for p in r.problems {
            let _ = writeln!(out, "  {p}");
        }
    }
    let _ = writeln!(
        out,
        "next: read the article with `corpus show {}`, review each draft (confirm by deleting the `draft-` prefix, or delete the draft), replace every TODO, then run `corpus check` until it reports no error.",
        r.id
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_names_keep_the_file_name_with_txt() {
        assert_eq!(raw_name("/tmp/x/005_lima.txt"), "005_lima.txt");
        assert_eq!(raw_name("article.md"), "article.txt");
        assert_eq!(raw_name("noext"), "noext.txt");
    }

    #[test]
    fn insert_after_lines() {
        let t = "a\nb\nc";
        assert_eq!(
            insert_after(t, vec![(2, "X\n".into()), (3, "Y\n".into())]),
            "a\nb\nX\nc\nY\n"
        );
    }

    #[test]
    fn titles_without_the_date() {
        assert_eq!(
            propose_title(
                "On January 9, police killed 17 protesters in Juliaca.",
                "January 9"
            ),
            "Police killed 17 protesters in Juliaca"
        );
    }
}
