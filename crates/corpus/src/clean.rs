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
//!   of capitalised names is the byline; a line such as `23 December 2024` the dateline.

use crate::date::Date;
use crate::model::{Emphasis, ParagraphKind};

/// Interface words that scrapers pick up as lines of their own.
const STRAY_LINES: [&str; 6] = ["English", "Loading", "Español", "Share", "Print", "Menu"];

/// A cleaned article before it is joined with its metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Cleaned {
    /// The title found in the text, with its line.
    pub title: Option<(String, usize)>,
    /// Authors found in a byline, with its line.
    pub authors: Option<(Vec<String>, usize)>,
    /// Date found in a dateline, with its line.
    pub dateline: Option<(Date, usize)>,
    /// Clean paragraphs.
    pub paragraphs: Vec<CleanParagraph>,
    /// Lines dropped as artifacts: (line, reason).
    pub dropped: Vec<(usize, &'static str)>,
    /// Lines joined to the previous one across a page break.
    pub joined: Vec<usize>,
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
    let mut skip = 0usize; // number of leading content lines consumed by the header
    if let Some((n, first)) = content.first() {
        if let Some(t) = first.strip_prefix("# ") {
            title = Some((plain(t), *n));
            skip = 1;
        } else if !ends_sentence(first)
            && first.split_whitespace().count() <= 25
            && content.len() > 1
            && !starts_lowercase(&content[1].1)
        {
            title = Some((plain(first), *n));
            skip = 1;
        }
    }
    for _ in 0..2 {
        let Some((n, l)) = content.get(skip) else {
            break;
        };
        if dateline.is_none() {
            if let Some(d) = Date::parse_dateline(&plain(l)) {
                dateline = Some((d, *n));
                skip += 1;
                continue;
            }
        }
        if authors.is_none() && title.is_some() {
            if let Some(names) = looks_like_byline(l) {
                authors = Some((names, *n));
                skip += 1;
                continue;
            }
        }
        break;
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
            let kind = if text.contains("[Photo:") || text.contains("[Photo ") {
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
    Cleaned {
        title,
        authors,
        dateline,
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
}
