//! Hints for a quote that is not in the cleaned text: where the closest passage is and the
//! first character that differs.
//!
//! A curator copies a quote from a browser or an editor, and the text they copied from is
//! rarely byte-for-byte the cleaned text: a straight `'` where the article has a curly `’`,
//! `"` for `“`, a hyphen for a dash, two spaces where cleaning left one, a markdown `*`.
//! "Quote not found" alone sends them comparing by eye; naming the character (with its code
//! point, since `'` and `’` look alike in many fonts) ends the search.
//!
//! The search first compares with those look-alikes folded together (and letter case
//! ignored), which finds the passage meant whenever the difference is one of them; failing
//! that, it anchors on the longest run of characters the quote shares with a paragraph and
//! compares from there.

use corpus::model::Article;

/// The passage of an article closest to a quote that is not in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Closest {
    /// Index of the paragraph.
    pub paragraph: usize,
    /// The passage of the paragraph aligned with the quote, with a little context.
    pub passage: String,
    /// 0-based character position in the quote of the first difference.
    pub at: usize,
    /// The quote's character there (`None`: the quote ends first).
    pub quote_char: Option<char>,
    /// The text's character there (`None`: the paragraph ends first).
    pub text_char: Option<char>,
}

/// Fold a character for the look-alike comparison: quotes, apostrophes, dashes and spaces
/// to one form each, letters to lowercase. `None` drops it (markdown markers).
fn fold(c: char) -> Option<char> {
    Some(match c {
        '\'' | '‘' | '’' | '‚' | '‛' | '′' | '`' | '´' => '\'',
        '"' | '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        '*' | '\\' => return None,
        c if c.is_whitespace() => ' ',
        c => c.to_lowercase().next().unwrap_or(c),
    })
}

/// Folded characters with the index of the original character each comes from; runs of
/// spaces count once.
fn folded(chars: &[char]) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let Some(f) = fold(c) else { continue };
        if f == ' ' && out.last().is_some_and(|l| l.0 == ' ') {
            continue;
        }
        out.push((f, i));
    }
    out
}

fn find_sub(hay: &[(char, usize)], needle: &[(char, usize)]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| {
        hay[i..i + needle.len()]
            .iter()
            .zip(needle)
            .all(|(a, b)| a.0 == b.0)
    })
}

/// Longest run shared by `a` and `b`: (start in a, start in b, length).
fn longest_common(a: &[char], b: &[char]) -> (usize, usize, usize) {
    let mut best = (0, 0, 0);
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            cur[j] = if a[i - 1] == b[j - 1] {
                prev[j - 1] + 1
            } else {
                0
            };
            if cur[j] > best.2 {
                best = (i - cur[j], j - cur[j], cur[j]);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// The first position where `quote` and `text` (from `start`) differ, comparing the
/// original characters one for one.
fn first_difference(
    quote: &[char],
    text: &[char],
    start: usize,
) -> (usize, Option<char>, Option<char>) {
    for (k, &q) in quote.iter().enumerate() {
        let t = text.get(start + k).copied();
        if t != Some(q) {
            return (k, Some(q), t);
        }
    }
    (quote.len(), None, text.get(start + quote.len()).copied())
}

fn passage(text: &[char], start: usize, len: usize) -> String {
    const CONTEXT: usize = 12;
    // About CONTEXT characters each side, widened to whole words.
    let mut from = start.saturating_sub(CONTEXT);
    while from > 0 && from + 2 * CONTEXT > start && !text[from - 1].is_whitespace() {
        from -= 1;
    }
    let mut to = (start + len + CONTEXT).min(text.len());
    while to < text.len() && to < start + len + 2 * CONTEXT && !text[to].is_whitespace() {
        to += 1;
    }
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.extend(&text[from..to]);
    if to < text.len() {
        s.push('…');
    }
    s
}

/// The passage of `article` closest to `quote`, or `None` when nothing in it is close (no
/// run of at least 8 characters, or a third of the quote, in common).
pub fn closest(article: &Article, quote: &str) -> Option<Closest> {
    let q: Vec<char> = quote.chars().collect();
    if q.is_empty() {
        return None;
    }
    let qf = folded(&q);
    let paras: Vec<Vec<char>> = article
        .paragraphs
        .iter()
        .map(|p| p.text.chars().collect())
        .collect();
    // 1. Equal up to look-alikes: the passage meant, exactly.
    for (pi, t) in paras.iter().enumerate() {
        let tf = folded(t);
        if let Some(i) = find_sub(&tf, &qf) {
            let start = tf[i].1;
            let end = tf[i + qf.len() - 1].1 + 1;
            let (at, quote_char, text_char) = first_difference(&q, t, start);
            return Some(Closest {
                paragraph: pi,
                passage: passage(t, start, end - start),
                at,
                quote_char,
                text_char,
            });
        }
    }
    // 2. Anchored on the longest run in common.
    let mut best: Option<(usize, usize, usize, usize)> = None; // (len, para, qi, ti)
    for (pi, t) in paras.iter().enumerate() {
        let (qi, ti, len) = longest_common(&q, t);
        if best.is_none_or(|b| len > b.0) {
            best = Some((len, pi, qi, ti));
        }
    }
    let (len, pi, qi, ti) = best?;
    if len < 8.min(q.len()) && len * 3 < q.len() {
        return None;
    }
    let t = &paras[pi];
    if qi > 0 {
        // The quote differs before the run in common (a run as long as possible, so the
        // characters just before it differ): name that difference.
        let k = qi - 1;
        let tc = (ti + k).checked_sub(qi).and_then(|i| t.get(i).copied());
        let start = ti.saturating_sub(qi);
        return Some(Closest {
            paragraph: pi,
            passage: passage(t, start, ti - start + (q.len() - qi)),
            at: k,
            quote_char: Some(q[k]),
            text_char: tc,
        });
    }
    let (at, quote_char, text_char) = first_difference(&q, t, ti);
    Some(Closest {
        paragraph: pi,
        passage: passage(t, ti, q.len()),
        at,
        quote_char,
        text_char,
    })
}

/// A character with its code point and, for the look-alikes that matter here, its name:
/// `’ (U+2019 RIGHT SINGLE QUOTATION MARK, a curly apostrophe)`.
pub fn describe(c: Option<char>) -> String {
    let Some(c) = c else {
        return "nothing (it ends there)".into();
    };
    let name = match c {
        '\'' => " APOSTROPHE, straight",
        '‘' => " LEFT SINGLE QUOTATION MARK, curly",
        '’' => " RIGHT SINGLE QUOTATION MARK, a curly apostrophe",
        '"' => " QUOTATION MARK, straight",
        '“' => " LEFT DOUBLE QUOTATION MARK, curly",
        '”' => " RIGHT DOUBLE QUOTATION MARK, curly",
        '-' => " HYPHEN-MINUS",
        '–' => " EN DASH",
        '—' => " EM DASH",
        ' ' => " SPACE",
        '\u{a0}' => " NO-BREAK SPACE",
        '…' => " HORIZONTAL ELLIPSIS",
        '*' => " ASTERISK: markdown emphasis is not in the cleaned text",
        '\\' => " BACKSLASH: escapes are not in the cleaned text",
        _ => "",
    };
    let shown = if c.is_whitespace() || c.is_control() {
        "a space".to_string()
    } else {
        c.to_string()
    };
    format!("{shown} (U+{:04X}{name})", c as u32)
}

impl Closest {
    /// One line for an error message: the passage and the first difference.
    pub fn message(&self, article: &Article, quote: &str) -> String {
        let pid = article
            .paragraphs
            .get(self.paragraph)
            .map_or_else(|| format!("p{}", self.paragraph + 1), |p| p.id.clone());
        let pid = if pid.is_empty() {
            format!("p{}", self.paragraph + 1)
        } else {
            pid
        };
        let mut extra = String::new();
        let q: Vec<char> = quote.chars().collect();
        if self.quote_char == Some(' ') && self.at > 0 && q.get(self.at - 1) == Some(&' ') {
            extra = " (a double space: the cleaned text has single spaces)".into();
        }
        format!(
            "closest passage ({pid}): “{}”; first difference at character {} of the quote: the quote has {} where the text has {}{extra}",
            self.passage,
            self.at + 1,
            describe(self.quote_char),
            describe(self.text_char)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corpus::model::{Paragraph, ParagraphKind, Provenance, Published};
    use corpus::Date;

    fn article(paras: &[&str]) -> Article {
        Article {
            id: "a".into(),
            source_file: "a.txt".into(),
            title: String::new(),
            title_status: Provenance::Stated,
            title_reason: None,
            authors: vec![],
            authors_status: Provenance::Unknown,
            authors_reason: None,
            published: Published {
                date: Date::new(2023, 1, 1).unwrap(),
                precision: corpus::Precision::Day,
                status: Provenance::Stated,
                reason: None,
                earliest: None,
                latest: None,
            },
            publication: None,
            paragraphs: paras
                .iter()
                .enumerate()
                .map(|(i, t)| Paragraph {
                    id: format!("p{}", i + 1),
                    kind: ParagraphKind::Body,
                    text: t.to_string(),
                    emphasis: vec![],
                })
                .collect(),
        }
    }

    #[test]
    fn straight_apostrophe_for_curly() {
        let a = article(&["Intro.", "Protests in Peru’s capital continued."]);
        let c = closest(&a, "Peru's capital").unwrap();
        assert_eq!(c.paragraph, 1);
        assert_eq!(
            (c.at, c.quote_char, c.text_char),
            (4, Some('\''), Some('’'))
        );
        let m = c.message(&a, "Peru's capital");
        assert!(m.contains("U+0027") && m.contains("U+2019"), "{m}");
        assert!(m.contains("(p2)"), "{m}");
    }

    #[test]
    fn straight_double_quotes_and_double_spaces() {
        let a = article(&["the “takeover of Lima” began"]);
        let c = closest(&a, "the \"takeover of Lima\" began").unwrap();
        assert_eq!((c.at, c.quote_char, c.text_char), (4, Some('"'), Some('“')));
        let c = closest(&a, "the “takeover of  Lima”").unwrap();
        assert_eq!(
            (c.at, c.quote_char, c.text_char),
            (17, Some(' '), Some('L'))
        );
        assert!(c
            .message(&a, "the “takeover of  Lima”")
            .contains("double space"));
    }

    #[test]
    fn a_different_word_is_found_by_the_longest_common_run() {
        let a = article(&["Thousands marched in Lima on Friday with 5,000 people."]);
        let c = closest(&a, "Thousands marched in Lima on Saturday").unwrap();
        assert_eq!(
            (c.at, c.quote_char, c.text_char),
            (29, Some('S'), Some('F'))
        );
        // The start differs, the end matches.
        let c = closest(&a, "Hundreds marched in Lima on Friday").unwrap();
        assert_eq!(c.text_char, Some('n'));
        assert_eq!(c.quote_char, Some('e'));
        assert!(closest(&a, "zzzz qqqq xxxx").is_none());
    }
}
