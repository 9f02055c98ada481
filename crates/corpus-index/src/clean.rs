//! Cleaning: a raw scraped article becomes a title, a byline, a dateline and clean
//! paragraphs.
//!
//! The raw files are kept exactly as scraped (they are the provenance); every repair is
//! made here, in code, and each kind of artifact has its own test:
//!
//! - stray interface lines (`English`, `Loading`) are dropped;
//! - the "To contact the WSWS…" footer and everything after it is dropped;
//! - markdown backslash escapes (`\$`) are unescaped;
//! - `*emphasis*` and `**strong**` become [`Emphasis`] ranges, never literal asterisks;
//!   markdown links keep their text;
//! - a paragraph cut in two by a page break (a line that does not end a sentence, then a
//!   line that starts in lowercase) is joined back;
//! - U+00A0 and other odd spaces become plain spaces and runs of whitespace collapse;
//! - a photo caption (`… [Photo: …]`) is kept as a caption, not as body text;
//! - a `# Title`, or a short first line with no final punctuation, is the title; a line
//!   of capitalised names is the byline; a line such as `23 December 2024` the dateline;
//! - the common web forms of a header are read too: `January 10, 2023 by NAME`,
//!   `By NAME | 10 Jan 2023`, `By NAME`, a numeric date (`10/01/2023`, which may be
//!   ambiguous: see [`Cleaned::ambiguous_dateline`]), and a subtitle (a `## ` line, or a
//!   line between the title and the byline or dateline);
//! - "Read more" and "Related:" links, share buttons and newsletter prompts are dropped;
//! - a photo caption in its common web forms (`[Photo: …]`, `(Photo: …)`, `Photo: …`,
//!   `… (AP Photo/…)`, `… Getty Images`) is a caption.
//!
//! Every dropped line is listed in [`Cleaned::dropped`] with its reason, so that
//! `corpus import` and `corpus show` can tell the curator what was removed and why.

use corpus::date::{Date, NumericDate};
use corpus::model::{Emphasis, ParagraphKind};

/// Interface words that scrapers pick up as lines of their own.
const STRAY_LINES: [&str; 6] = ["English", "Loading", "Español", "Share", "Print", "Menu"];

/// The reason given for a dropped "Read more" or "Related:" line.
pub const READ_MORE: &str = "\"read more\" link";
/// The reason given for a dropped line of share buttons or a newsletter prompt.
pub const SHARE: &str = "share or newsletter line";
/// The reason given for a subtitle taken out of the body.
pub const SUBTITLE: &str = "subtitle (kept apart from the body)";

/// A cleaned article before it is joined with its metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Cleaned {
    /// The title found in the text, with its line.
    pub title: Option<(String, usize)>,
    /// Authors found in a byline, with its line.
    pub authors: Option<(Vec<String>, usize)>,
    /// Date found in a dateline, with its line.
    pub dateline: Option<(Date, usize)>,
    /// A numeric dateline that reads as two different dates (`10/01/2023`): the text
    /// states a date but not which; the article's record must say (`dateline_order`).
    pub ambiguous_dateline: Option<AmbiguousDate>,
    /// A subtitle (standfirst) found in the header, with its line. It is not body text.
    pub subtitle: Option<(String, usize)>,
    /// Clean paragraphs.
    pub paragraphs: Vec<CleanParagraph>,
    /// Lines dropped as artifacts: (line, reason).
    pub dropped: Vec<(usize, &'static str)>,
    /// Lines joined to the previous one across a page break.
    pub joined: Vec<usize>,
}

/// A numeric dateline with two possible readings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmbiguousDate {
    /// The date as written (`10/01/2023`).
    pub text: String,
    /// Its line in the raw file.
    pub line: usize,
    /// Read day-month-year.
    pub day_first: Date,
    /// Read month-day-year.
    pub month_first: Date,
}

/// A clean paragraph with the raw line it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct CleanParagraph {
    /// Body or caption.
    pub kind: ParagraphKind,
    /// Clean text.
    pub text: String,
    /// Emphasis ranges (byte offsets into `text`).
    pub emphasis: Vec<Emphasis>,
    /// 1-based line in the raw file where it starts.
    pub line: usize,
}

/// Replace U+00A0 and other fixed-width spaces by plain spaces, drop a BOM and CRs.
fn normalise(raw: &str) -> String {
    raw.trim_start_matches('\u{feff}')
        .chars()
        .filter(|&c| c != '\r')
        .map(|c| match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\t' => ' ',
            c => c,
        })
        .collect()
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    let t = t.trim_end_matches('*');
    matches!(
        t.chars().last(),
        Some('.' | '!' | '?' | ':' | ';' | '”' | '"' | '’' | '\'' | ')' | ']' | '…')
    )
}

fn starts_lowercase(s: &str) -> bool {
    s.trim_start()
        .chars()
        .find(|c| !matches!(c, '“' | '"' | '‘' | '\'' | '(' | '*'))
        .is_some_and(|c| c.is_lowercase())
}

/// Strip emphasis markers and surrounding space from a header line.
fn plain(line: &str) -> String {
    inline(line).0
}

fn looks_like_byline(line: &str) -> Option<Vec<String>> {
    let t = plain(line);
    if t.is_empty() || t.chars().count() > 80 || t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if ends_sentence(&t) && !t.ends_with('.') {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() > 10 {
        return None;
    }
    let particles = ["and", "de", "del", "la", "y", "da", "van", "von"];
    let ok = words
        .iter()
        .all(|w| particles.contains(w) || w.chars().next().is_some_and(|c| c.is_uppercase()));
    if !ok {
        return None;
    }
    let names: Vec<String> = t
        .replace(", and ", ", ")
        .split(" and ")
        .flat_map(|part| part.split(", "))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then_some(names)
}

/// A date in a header line: a written-out date, or a numeric one.
#[derive(Clone, Copy, Debug, PartialEq)]
enum HeaderDate {
    Day(Date),
    Ambiguous(Date, Date),
}

fn header_date(s: &str) -> Option<HeaderDate> {
    let s = s.trim().trim_end_matches('.').trim();
    let s = [
        "Published ",
        "Published: ",
        "Posted ",
        "Posted: ",
        "Updated ",
    ]
    .iter()
    .find_map(|p| s.strip_prefix(p))
    .unwrap_or(s)
    .trim();
    let s = s.strip_prefix("on ").unwrap_or(s);
    if let Some(d) = Date::parse_dateline(s) {
        return Some(HeaderDate::Day(d));
    }
    match NumericDate::parse(s)? {
        NumericDate::One(d) => Some(HeaderDate::Day(d)),
        NumericDate::Ambiguous {
            day_first,
            month_first,
        } => Some(HeaderDate::Ambiguous(day_first, month_first)),
    }
}

/// What a header line holds.
#[derive(Clone, Debug, PartialEq)]
enum HeaderLine {
    Date(HeaderDate, String),
    Byline(Vec<String>),
    Both(Vec<String>, HeaderDate, String),
}

/// `By NAME`, `BY NAME`, `by NAME`: the names after the word.
fn after_by(s: &str) -> Option<&str> {
    ["By ", "BY ", "by "]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .map(str::trim)
}

/// Separators between the byline and the date on one line (`By NAME | 10 Jan 2023`).
const HEADER_SEPARATORS: [&str; 8] = [" | ", " · ", " • ", " — ", " – ", " - ", " on ", ", "];

/// The separators that may stand between a date and names with no `By` (`Ana Ruiz | 10
/// Jan 2023`). A comma may not: `Lima, 10 January 2023` is a place and a date.
const BARE_SEPARATORS: [&str; 3] = [" | ", " · ", " • "];

/// Read a header line: a date, a byline, or both (`January 10, 2023 by NAME`,
/// `By NAME | 10 Jan 2023`). `bare_names` allows a byline without `By` (a line of
/// capitalised names), which is only trusted right after a title.
fn header_line(line: &str, bare_names: bool) -> Option<HeaderLine> {
    let t = plain(line);
    if let Some(d) = header_date(&t) {
        return Some(HeaderLine::Date(d, t));
    }
    // DATE by NAMES
    for by in [" by ", " By ", " BY "] {
        if let Some((date, names)) = t.split_once(by) {
            if let (Some(d), Some(n)) = (
                header_date(date.trim_end_matches([',', '|', '·', '•', '—', '–', '-', ' '])),
                looks_like_byline(names),
            ) {
                return Some(HeaderLine::Both(n, d, date.trim().to_string()));
            }
        }
    }
    // [By] NAMES SEP DATE, or DATE SEP [By] NAMES
    let by = after_by(&t);
    for sep in HEADER_SEPARATORS {
        for (i, _) in t.match_indices(sep) {
            let (a, b) = (t[..i].trim(), t[i + sep.len()..].trim());
            if let Some(d) = header_date(b) {
                let bare = bare_names && BARE_SEPARATORS.contains(&sep);
                let n = match after_by(a) {
                    Some(names) => looks_like_byline(names),
                    None if bare => bare_byline(a),
                    None => None,
                };
                if let Some(n) = n {
                    return Some(HeaderLine::Both(n, d, b.to_string()));
                }
            }
            if let Some(d) = header_date(a) {
                let bare = bare_names && BARE_SEPARATORS.contains(&sep);
                let n = match after_by(b) {
                    Some(names) => looks_like_byline(names),
                    None if bare => bare_byline(b),
                    None => None,
                };
                if let Some(n) = n {
                    return Some(HeaderLine::Both(n, d, a.to_string()));
                }
            }
        }
    }
    if let Some(names) = by.and_then(looks_like_byline) {
        return Some(HeaderLine::Byline(names));
    }
    if bare_names {
        if let Some(names) = bare_byline(line) {
            return Some(HeaderLine::Byline(names));
        }
    }
    None
}

/// A byline without `By`: at least two capitalised words, and no final full stop (a
/// one-word sentence such as `Body.` is not a name).
fn bare_byline(line: &str) -> Option<Vec<String>> {
    let t = plain(line);
    if t.split_whitespace().count() < 2 || t.ends_with(['.', '!', '?']) {
        return None;
    }
    looks_like_byline(&t)
}

/// A line that is surely part of a header: a date, a line with `By`, or a line of names
/// followed by a date line.
fn strong_header(content: &[(usize, String)], k: usize) -> bool {
    let Some((_, l)) = content.get(k) else {
        return false;
    };
    header_line(l, false).is_some()
        || (bare_byline(l).is_some()
            && content
                .get(k + 1)
                .is_some_and(|(_, next)| header_line(next, false).is_some()))
}

/// A "Read more" / "Related:" link line (short, and starting with one of those phrases).
fn is_read_more(line: &str) -> bool {
    let t = plain(line);
    if t.split_whitespace().count() > 20 {
        return false;
    }
    let lower = t.to_lowercase();
    let lower = lower.trim_start_matches(['»', '›', '→', '>', '-', '•', ' ']);
    for p in [
        "read more",
        "read also",
        "also read",
        "see also",
        "more on this",
    ] {
        if let Some(rest) = lower.strip_prefix(p) {
            if rest.is_empty()
                || rest.starts_with([':', ' ', '»', '›', '→', '|', '-', '–', '—', '.'])
            {
                return true;
            }
        }
    }
    for p in [
        "related:",
        "related articles",
        "related article",
        "related stories",
        "related content",
        "recommended:",
        "read next",
    ] {
        if lower.starts_with(p) {
            return true;
        }
    }
    false
}

/// A line of share buttons (`Share on Facebook`, `Facebook Twitter WhatsApp Email`,
/// `Share this article`) or a newsletter prompt.
fn is_share_line(line: &str) -> bool {
    let t = plain(line);
    let lower = t.to_lowercase();
    if lower.split_whitespace().count() > 14 {
        return false;
    }
    for p in [
        "share this",
        "share on ",
        "share via ",
        "share:",
        "sign up for our newsletter",
        "subscribe to our newsletter",
        "follow us on ",
        "click to share",
        "copy link",
    ] {
        if lower.starts_with(p) {
            return true;
        }
    }
    const BUTTONS: [&str; 16] = [
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "email",
        "e-mail",
        "linkedin",
        "telegram",
        "reddit",
        "print",
        "share",
        "tweet",
        "copy",
        "link",
        "messenger",
        "bluesky",
    ];
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | '/'))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 2 && words.iter().all(|w| BUTTONS.contains(w))
}

/// Is this paragraph a photo caption? `… [Photo: …]` (the seeds' form) and the common web
/// forms: `(Photo: …)`, `[Image: …]`, a line starting `Photo:`, a credit such as
/// `(AP Photo/Name)`, `Getty Images` or `Photograph: …`.
fn is_caption(text: &str) -> bool {
    if text.contains("[Photo:") || text.contains("[Photo ") {
        return true;
    }
    if text.split_whitespace().count() > 60 {
        return false;
    }
    let starts = [
        "Photo:",
        "Photograph:",
        "Image:",
        "Picture:",
        "Photo credit:",
        "Caption:",
    ];
    let contains = [
        "(Photo:",
        "(Photo by ",
        "[Image:",
        "(Image:",
        "(Photograph:",
        "AP Photo/",
        "(Reuters/",
        "Getty Images",
        "(Credit:",
        "Photo credit:",
        "| Photo:",
        "/ Photo:",
    ];
    starts.iter().any(|p| text.starts_with(p)) || contains.iter().any(|p| text.contains(p))
}

/// Clean a raw article.
pub fn clean(raw: &str) -> Cleaned {
    let text = normalise(raw);
    let mut dropped = Vec::new();
    // (line number, content) of the lines that survive, with None for blank lines.
    let mut lines: Vec<(usize, Option<String>)> = Vec::new();
    for (i, l) in text.split('\n').enumerate() {
        let n = i + 1;
        let mut t = l.trim().to_string();
        if t.to_lowercase().starts_with("to contact the wsws") {
            dropped.push((n, "footer"));
            let rest = text.split('\n').count();
            for m in n + 1..=rest {
                dropped.push((m, "footer"));
            }
            break;
        }
        if STRAY_LINES.contains(&t.as_str()) {
            dropped.push((n, "stray line"));
            continue;
        }
        if is_read_more(&t) {
            dropped.push((n, READ_MORE));
            continue;
        }
        if is_share_line(&t) {
            dropped.push((n, SHARE));
            continue;
        }
        // A stray word glued to the first words of a line ("LoadingProtests ...").
        for s in STRAY_LINES {
            if let Some(rest) = t.strip_prefix(s) {
                if rest.chars().next().is_some_and(|c| c.is_uppercase()) {
                    dropped.push((n, "stray word"));
                    t = rest.to_string();
                    break;
                }
            }
        }
        lines.push((n, (!t.is_empty()).then_some(t)));
    }

    // Header: title, byline, dateline among the first content lines.
    let content: Vec<(usize, String)> = lines
        .iter()
        .filter_map(|(n, l)| l.clone().map(|l| (*n, l)))
        .collect();
    let mut title = None;
    let mut authors = None;
    let mut dateline = None;
    let mut ambiguous_dateline = None;
    let mut subtitle = None;
    let mut skip = 0usize; // number of leading content lines consumed by the header
    if let Some((n, first)) = content.first() {
        if let Some(t) = first.strip_prefix("# ") {
            title = Some((plain(t), *n));
            skip = 1;
        } else if !ends_sentence(first)
            && header_line(first, false).is_none()
            && first.split_whitespace().count() <= 25
            && content.len() > 1
            && !starts_lowercase(&content[1].1)
        {
            title = Some((plain(first), *n));
            skip = 1;
        }
    }
    // Up to four header lines: subtitle, byline, dateline (or both on one line).
    fn set_date(
        d: HeaderDate,
        text: &str,
        n: usize,
        dateline: &mut Option<(Date, usize)>,
        ambiguous: &mut Option<AmbiguousDate>,
    ) {
        match d {
            HeaderDate::Day(d) => *dateline = Some((d, n)),
            HeaderDate::Ambiguous(day_first, month_first) => {
                *ambiguous = Some(AmbiguousDate {
                    text: text.to_string(),
                    line: n,
                    day_first,
                    month_first,
                })
            }
        }
    }
    for _ in 0..4 {
        let Some((n, l)) = content.get(skip) else {
            break;
        };
        let have_date = dateline.is_some() || ambiguous_dateline.is_some();
        let bare_names = title.is_some();
        match header_line(l, bare_names) {
            Some(HeaderLine::Date(d, text)) if !have_date => {
                set_date(d, &text, *n, &mut dateline, &mut ambiguous_dateline)
            }
            Some(HeaderLine::Byline(names)) if authors.is_none() => {
                authors = Some((names, *n));
            }
            Some(HeaderLine::Both(names, d, text)) if authors.is_none() && !have_date => {
                authors = Some((names, *n));
                set_date(d, &text, *n, &mut dateline, &mut ambiguous_dateline);
            }
            Some(_) => break,
            None => {
                // A subtitle: a `## ` line, or a line right after the title that is
                // followed by the byline or dateline.
                let next_is_header = strong_header(&content, skip + 1);
                let first_after_title = title.is_some()
                    && subtitle.is_none()
                    && authors.is_none()
                    && !have_date
                    && title
                        .as_ref()
                        .is_some_and(|(_, tl)| skip == 1 && *tl == content[0].0);
                if let Some(st) = l.strip_prefix("## ").filter(|_| first_after_title) {
                    subtitle = Some((plain(st), *n));
                } else if first_after_title && next_is_header && !starts_lowercase(l) {
                    subtitle = Some((plain(l), *n));
                } else {
                    break;
                }
                dropped.push((*n, SUBTITLE));
            }
        }
        skip += 1;
    }
    let header_lines: Vec<usize> = content.iter().take(skip).map(|(n, _)| *n).collect();

    // Paragraphs: every content line starts one, unless it continues a sentence cut by a
    // page break.
    let mut paras: Vec<(usize, String)> = Vec::new();
    let mut joined = Vec::new();
    for (n, l) in &content {
        if header_lines.contains(n) {
            continue;
        }
        match paras.last_mut() {
            Some((_, prev)) if !ends_sentence(prev) && starts_lowercase(l) => {
                prev.push(' ');
                prev.push_str(l);
                joined.push(*n);
            }
            _ => paras.push((*n, l.clone())),
        }
    }
    let paragraphs = paras
        .into_iter()
        .filter_map(|(line, src)| {
            let (text, emphasis) = inline(&src);
            if text.is_empty() {
                return None;
            }
            let kind = if is_caption(&text) {
                ParagraphKind::Caption
            } else {
                ParagraphKind::Body
            };
            Some(CleanParagraph {
                kind,
                text,
                emphasis,
                line,
            })
        })
        .collect();
    dropped.sort_by_key(|d| d.0);
    Cleaned {
        title,
        authors,
        dateline,
        ambiguous_dateline,
        subtitle,
        paragraphs,
        dropped,
        joined,
    }
}

/// Inline markdown: escapes, links, emphasis, whitespace. Returns the clean text and the
/// emphasis ranges in it.
pub fn inline(src: &str) -> (String, Vec<Emphasis>) {
    // 1. Escapes: (char, literal).
    let mut cs: Vec<(char, bool)> = Vec::with_capacity(src.len());
    let mut it = src.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' {
            if let Some(&n) = it.peek() {
                if n.is_ascii_punctuation() {
                    cs.push((n, true));
                    it.next();
                    continue;
                }
            }
        }
        cs.push((c, false));
    }
    // 2. Links: [text](url) keeps the text.
    let mut linked: Vec<(char, bool)> = Vec::with_capacity(cs.len());
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == ('[', false) {
            if let Some(close) = (i + 1..cs.len()).find(|&j| cs[j] == (']', false)) {
                if cs.get(close + 1) == Some(&('(', false)) {
                    if let Some(end) = (close + 2..cs.len()).find(|&j| cs[j] == (')', false)) {
                        linked.extend_from_slice(&cs[i + 1..close]);
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        linked.push(cs[i]);
        i += 1;
    }
    let cs = linked;
    // 3. Emphasis: pair runs of unescaped `*` of equal length.
    let mut runs: Vec<(usize, usize)> = Vec::new(); // (index, length)
    let mut i = 0;
    while i < cs.len() {
        if cs[i] == ('*', false) {
            let start = i;
            while i < cs.len() && cs[i] == ('*', false) {
                i += 1;
            }
            runs.push((start, i - start));
        } else {
            i += 1;
        }
    }
    let mut skip = vec![false; cs.len()];
    let mut marks: Vec<(usize, bool, bool)> = Vec::new(); // (char index, is_open, strong)
    let mut open: Vec<(usize, usize)> = Vec::new();
    for &(at, len) in &runs {
        let before_space = at == 0 || cs[at - 1].0.is_whitespace();
        let after_space = cs.get(at + len).is_none_or(|c| c.0.is_whitespace());
        if let Some(pos) = open.iter().rposition(|&(_, l)| l == len) {
            if !before_space {
                let (oat, _) = open.remove(pos);
                open.truncate(pos);
                skip[oat..oat + len].fill(true);
                skip[at..at + len].fill(true);
                marks.push((oat + len, true, len >= 2));
                marks.push((at, false, len >= 2));
                continue;
            }
        }
        if !after_space {
            open.push((at, len));
        }
    }
    marks.sort_by_key(|m| m.0);
    // 4. Output with whitespace collapsed, tracking emphasis ranges.
    let mut out = String::with_capacity(src.len());
    let mut spans = Vec::new();
    let mut starts: Vec<u32> = Vec::new();
    let mut mi = 0;
    for (k, &(c, _)) in cs.iter().enumerate() {
        while mi < marks.len() && marks[mi].0 == k {
            let (_, is_open, strong) = marks[mi];
            if is_open {
                starts.push(out.len() as u32);
            } else if let Some(s) = starts.pop() {
                spans.push(Emphasis {
                    start: s,
                    end: out.len() as u32,
                    strong,
                });
            }
            mi += 1;
        }
        if skip[k] {
            continue;
        }
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    while mi < marks.len() {
        if !marks[mi].1 {
            if let Some(s) = starts.pop() {
                spans.push(Emphasis {
                    start: s,
                    end: out.len() as u32,
                    strong: marks[mi].2,
                });
            }
        }
        mi += 1;
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    let len = out.len() as u32;
    let mut spans: Vec<Emphasis> = spans
        .into_iter()
        .map(|mut e| {
            e.end = e.end.min(len);
            // Never start an emphasis on a collapsed space.
            if out.as_bytes().get(e.start as usize) == Some(&b' ') {
                e.start += 1;
            }
            if e.end > e.start && out.as_bytes()[e.end as usize - 1] == b' ' {
                e.end -= 1;
            }
            e
        })
        .filter(|e| e.end > e.start)
        .collect();
    spans.sort_by_key(|e| (e.start, e.end));
    (out, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &Cleaned) -> Vec<&str> {
        c.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn stray_lines_are_dropped() {
        let c = clean("English\n\nA title here\n\nFirst sentence.\n\nSecond.\nLoading");
        assert_eq!(texts(&c), ["First sentence.", "Second."]);
        assert_eq!(c.dropped, vec![(1, "stray line"), (8, "stray line")]);
        let c = clean("LoadingProtests went on.\nMore.");
        assert_eq!(texts(&c), ["Protests went on.", "More."]);
    }

    #[test]
    fn footer_is_dropped_whatever_its_case() {
        for footer in [
            "To contact the WSWS and the Socialist Equality Party visit:",
            "To contact the WSWs and the  ",
        ] {
            let raw = format!("Body one.\n\n{footer}\nSocialist Equality Party visit:\n\n**[wsws.org/contact](https://wsws.org/contact)**");
            let c = clean(&raw);
            assert_eq!(texts(&c), ["Body one."]);
            assert!(c.dropped.iter().all(|d| d.1 == "footer"));
        }
    }

    #[test]
    fn escaped_dollars_are_unescaped() {
        let c =
            clean("It cost roughly 12.97 billion soles (\\$3.422 billion) and US\\$33 billion.");
        assert_eq!(
            texts(&c),
            ["It cost roughly 12.97 billion soles ($3.422 billion) and US$33 billion."]
        );
    }

    #[test]
    fn page_breaks_are_joined() {
        let c = clean("It was discovered that\n\nthe meals included dog food.\n\nNext one.");
        assert_eq!(
            texts(&c),
            [
                "It was discovered that the meals included dog food.",
                "Next one."
            ]
        );
        assert_eq!(c.joined, vec![3]);
        // A sentence that ends is not joined even if the next starts in lowercase.
        let c = clean("One ends.\n\nthe next starts small.");
        assert_eq!(c.paragraphs.len(), 2);
        // Curly-quoted lowercase continuation.
        let c = clean("which legally refers\n\nstrictly to an “armed uprising.”");
        assert_eq!(
            texts(&c),
            ["which legally refers strictly to an “armed uprising.”"]
        );
    }

    #[test]
    fn nbsp_and_whitespace_are_normalised() {
        let c = clean("A\u{a0}b  c\u{a0}\u{a0}.\u{a0}\n\nD\t e.");
        assert_eq!(texts(&c), ["A b c .", "D e."]);
    }

    #[test]
    fn emphasis_is_kept_as_ranges_without_asterisks() {
        let (t, e) = inline("a *Qali Warma* (Vigorous) and **strong** end");
        assert_eq!(t, "a Qali Warma (Vigorous) and strong end");
        assert_eq!(&t[e[0].start as usize..e[0].end as usize], "Qali Warma");
        assert!(!e[0].strong);
        assert_eq!(&t[e[1].start as usize..e[1].end as usize], "strong");
        assert!(e[1].strong);
        let (t, e) =
            inline("*Fuerza Popular*, *Alianza Para el Progreso*, and *Renovación Popular* will");
        assert_eq!(
            t,
            "Fuerza Popular, Alianza Para el Progreso, and Renovación Popular will"
        );
        assert_eq!(e.len(), 3);
        assert_eq!(
            &t[e[2].start as usize..e[2].end as usize],
            "Renovación Popular"
        );
        assert!(!t.contains('*'));
    }

    #[test]
    fn lone_and_escaped_asterisks_stay_literal() {
        assert_eq!(inline("5 * 3 = 15").0, "5 * 3 = 15");
        assert_eq!(inline("a \\*b\\* c").0, "a *b* c");
    }

    #[test]
    fn links_keep_their_text() {
        assert_eq!(
            inline("see [the site](https://x.org) now").0,
            "see the site now"
        );
        assert_eq!(inline("caption [Photo: AP]").0, "caption [Photo: AP]");
    }

    #[test]
    fn caption_is_a_caption() {
        let c = clean("Title words here\n\nBody text.\n\nTroops in Lima, July 14, 2023 [Photo: U.S. Air Force photo]\n\nMore body.");
        assert_eq!(c.paragraphs[1].kind, ParagraphKind::Caption);
        assert_eq!(c.paragraphs[0].kind, ParagraphKind::Body);
    }

    #[test]
    fn header_with_markdown_title_byline_and_dateline() {
        let c = clean(
            "\n\n# Protests mount in Peru\n\n**Andrea Lobo**  \n**16 December 2022**\n\nBody.",
        );
        assert_eq!(c.title, Some(("Protests mount in Peru".into(), 3)));
        assert_eq!(c.authors, Some((vec!["Andrea Lobo".to_string()], 5)));
        assert_eq!(c.dateline.unwrap().0.to_string(), "2022-12-16");
        assert_eq!(texts(&c), ["Body."]);
        let c = clean("# T\n\nCésar Uco and Armando Cruz  \n7 January 2026\n\nBody.");
        assert_eq!(c.authors.unwrap().0, ["César Uco", "Armando Cruz"]);
    }

    #[test]
    fn plain_first_line_title_and_no_header() {
        let c = clean(
            "English\n\nProtests resume against the regime\n\nAt least 20,000 people marched.",
        );
        assert_eq!(c.title.unwrap().0, "Protests resume against the regime");
        assert!(c.authors.is_none() && c.dateline.is_none());
        let c = clean("Protests continued on Monday.\nThe regime met.");
        assert!(c.title.is_none());
        assert_eq!(c.paragraphs.len(), 2);
    }

    #[test]
    fn web_byline_with_date_first() {
        for raw in [
            "Police fire on marchers in Juliaca\n\nJanuary 10, 2023 by Jane Doe\n\nBody.",
            "# Police fire on marchers in Juliaca\n\nJanuary 10, 2023 By Jane Doe and Juan de la Cruz\n\nBody.",
            "# Police fire on marchers in Juliaca\n\n10 Jan 2023 by Jane Doe\n\nBody.",
        ] {
            let c = clean(raw);
            assert_eq!(c.title.as_ref().unwrap().0, "Police fire on marchers in Juliaca");
            assert_eq!(c.authors.as_ref().unwrap().0[0], "Jane Doe", "{raw}");
            assert_eq!(c.dateline.unwrap().0.to_string(), "2023-01-10");
            assert_eq!(c.authors.as_ref().unwrap().1, c.dateline.unwrap().1);
            assert_eq!(texts(&c), ["Body."]);
        }
        let c = clean("T here\n\nJanuary 10, 2023 By Jane Doe and Juan de la Cruz\n\nBody.");
        assert_eq!(c.authors.unwrap().0, ["Jane Doe", "Juan de la Cruz"]);
    }

    #[test]
    fn web_byline_with_names_first() {
        for raw in [
            "# T here\n\nBy Jane Doe | 10 Jan 2023\n\nBody.",
            "# T here\n\nBY Jane Doe · January 10, 2023\n\nBody.",
            "# T here\n\nBy Jane Doe, Tuesday, January 10, 2023\n\nBody.",
            "# T here\n\nJane Doe | 10 Jan. 2023\n\nBody.",
            "# T here\n\nBy Jane Doe\nPublished January 10th, 2023\n\nBody.",
            "# T here\n\n10 January 2023\nBy Jane Doe\n\nBody.",
        ] {
            let c = clean(raw);
            assert_eq!(
                c.authors.as_ref().map(|a| a.0.clone()),
                Some(vec!["Jane Doe".to_string()]),
                "{raw}"
            );
            assert_eq!(
                c.dateline.map(|d| d.0.to_string()).as_deref(),
                Some("2023-01-10"),
                "{raw}"
            );
            assert_eq!(texts(&c), ["Body."], "{raw}");
        }
        // "By" makes a byline even without a title.
        let c = clean("By Jane Doe\n\nPolice fired on marchers.");
        assert_eq!(c.authors.unwrap().0, ["Jane Doe"]);
        assert!(c.title.is_none());
    }

    #[test]
    fn a_place_and_a_date_is_not_a_byline() {
        let c = clean("# T here\n\nLima, 10 January 2023\n\nBody.");
        assert!(c.authors.is_none());
        assert!(c.dateline.is_none());
        let c = clean("# T here\n\nBy the end of the year, 10 people had left.\n\nBody.");
        assert!(c.authors.is_none());
        assert_eq!(c.paragraphs.len(), 2);
    }

    #[test]
    fn numeric_datelines() {
        // Both readings possible: the text does not say which, so no date is taken.
        let c = clean("# T here\n\nJane Doe\n10/01/2023\n\nBody.");
        assert!(c.dateline.is_none());
        let a = c.ambiguous_dateline.clone().unwrap();
        assert_eq!((a.text.as_str(), a.line), ("10/01/2023", 4));
        assert_eq!(a.day_first.to_string(), "2023-01-10");
        assert_eq!(a.month_first.to_string(), "2023-10-01");
        assert_eq!(texts(&c), ["Body."]);
        // Only one reading possible, or both the same day: a stated date.
        for (raw, want) in [
            ("25/01/2023", "2023-01-25"),
            ("01/25/2023", "2023-01-25"),
            ("05.05.2023", "2023-05-05"),
            ("2023-01-10", "2023-01-10"),
        ] {
            let c = clean(&format!("# T here\n\nBy Jane Doe | {raw}\n\nBody."));
            assert_eq!(c.dateline.unwrap().0.to_string(), want, "{raw}");
            assert!(c.ambiguous_dateline.is_none());
        }
    }

    #[test]
    fn subtitles_are_kept_out_of_the_body() {
        let c = clean("# Police fire on marchers\n\nSeventeen dead in a day of protests in the south\n\nJanuary 10, 2023 by Jane Doe\n\nBody.");
        assert_eq!(
            c.subtitle,
            Some(("Seventeen dead in a day of protests in the south".into(), 3))
        );
        assert_eq!(texts(&c), ["Body."]);
        assert!(c.dropped.contains(&(3, SUBTITLE)));
        let c = clean("# Police fire\n## Seventeen dead\n\nBody one.\n\nBody two.");
        assert_eq!(c.subtitle.clone().unwrap().0, "Seventeen dead");
        assert_eq!(texts(&c), ["Body one.", "Body two."]);
        // A first paragraph is not a subtitle when no byline or dateline follows it.
        let c = clean("# Police fire\n\nSeventeen died on Monday\n\nBody two.");
        assert!(c.subtitle.is_none());
        assert_eq!(c.paragraphs.len(), 2);
    }

    #[test]
    fn read_more_and_share_lines_are_dropped() {
        let c = clean("# T here\n\nBody one.\n\nRead more: Peru's Congress votes again\n\nREAD MORE\n\nRelated: Another story\n\nShare on Facebook\n\nFacebook Twitter WhatsApp Email\n\nSign up for our newsletter\n\nBody two.\n\nRead more about the cuts in our long report on the budget, which we published last year and which covers the regions.");
        assert_eq!(texts(&c)[..2], ["Body one.", "Body two."]);
        assert_eq!(
            c.paragraphs.len(),
            3,
            "a long sentence that starts with Read more stays"
        );
        let reasons: Vec<_> = c.dropped.iter().map(|d| d.1).collect();
        assert_eq!(
            reasons,
            [READ_MORE, READ_MORE, READ_MORE, SHARE, SHARE, SHARE]
        );
        assert_eq!(c.dropped[0].0, 5);
    }

    #[test]
    fn web_photo_captions_are_captions() {
        for cap in [
            "Protesters in Juliaca on Monday. (Photo: Reuters)",
            "Photo: Police block a road near Puno",
            "Marchers in Lima. (AP Photo/Martin Mejia)",
            "Marchers in Lima. Jane Doe/Getty Images",
            "Troops in Lima [Photo: U.S. Air Force]",
        ] {
            let c = clean(&format!("# T here\n\nBody.\n\n{cap}\n\nMore body."));
            assert_eq!(c.paragraphs[1].kind, ParagraphKind::Caption, "{cap}");
            assert_eq!(c.paragraphs[0].kind, ParagraphKind::Body);
        }
    }
}
