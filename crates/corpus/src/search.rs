//! Full-text search that forgives accents and case.
//!
//! Text is split into words (runs of letters and digits); each word is *folded*: lowercased
//! and stripped of accents, so `Jeri` finds `Jerí` and `peru` finds `Perú`. The index maps
//! each folded term to its postings (document, word position); documents are paragraphs
//! and event titles.
//!
//! Queries: bare words are prefix matches when they have three or more letters (so typing
//! `Boluar` already finds `Boluarte`) and exact otherwise; `"quoted phrases"` match
//! consecutive words exactly. All parts of a query must occur in an article (or event);
//! articles are ranked by a tf-idf score with a bonus for title hits.

/// Fold one character: lowercase, accents removed. Returns up to two chars (`ß` → `ss`).
fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å'
        | 'Ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ē' | 'Ě' => {
            'e'
        }
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' | 'İ' => {
            'i'
        }
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ō' => {
            'o'
        }
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' => 'u',
        'ñ' | 'ń' | 'Ñ' | 'Ń' => 'n',
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ś' | 'š' | 'Ś' | 'Š' => 's',
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'z',
        'ł' | 'Ł' => 'l',
        'ř' | 'Ř' => 'r',
        'ď' | 'Ď' => 'd',
        'ť' | 'Ť' => 't',
        'ß' => {
            out.push_str("ss");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(base);
}

/// Lowercase and strip accents.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A word of a text: byte range in the original and folded form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Folded form.
    pub term: String,
}

/// Split into words (runs of letters and digits; `'` and `’` inside a word split it, so
/// `Peru's` gives `peru` and `s`).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Token {
                start: s,
                end: i,
                term: fold(&text[s..i]),
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
            term: fold(&text[s..]),
        });
    }
    out
}

/// One part of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clause {
    /// A word; `prefix` when it matches words starting with it.
    Term {
        /// Folded word.
        text: String,
        /// Matches as a prefix.
        prefix: bool,
    },
    /// Consecutive exact words.
    Phrase(Vec<String>),
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// All must match.
    pub clauses: Vec<Clause>,
}

/// Minimum length (in characters) for a bare word to match as a prefix.
pub const MIN_PREFIX: usize = 3;

impl Query {
    /// Parse user input. Unbalanced quotes close at the end; punctuation separates words.
    pub fn parse(input: &str) -> Query {
        let mut clauses = Vec::new();
        let mut in_quote = false;
        let normalised = input.replace(['“', '”', '„', '«', '»'], "\"");
        for (i, part) in normalised.split('"').enumerate() {
            in_quote = i % 2 == 1;
            let words: Vec<String> = tokenize(part).into_iter().map(|t| t.term).collect();
            if in_quote {
                match words.len() {
                    0 => {}
                    1 => clauses.push(Clause::Term {
                        text: words[0].clone(),
                        prefix: false,
                    }),
                    _ => clauses.push(Clause::Phrase(words)),
                }
            } else {
                for w in words {
                    let prefix = w.chars().count() >= MIN_PREFIX;
                    clauses.push(Clause::Term { text: w, prefix });
                }
            }
        }
        let _ = in_quote;
        clauses.dedup();
        Query { clauses }
    }

    /// Nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// Term → id while indexing: open addressing with FNV-1a. A hand-rolled table instead of
/// `HashMap` keeps the app's WebAssembly smaller (no SipHash, no generic hashbrown copy).
#[derive(Default)]
struct TermTable {
    slots: Vec<u32>,
    terms: Vec<String>,
    postings: Vec<Vec<Posting>>,
}

impl TermTable {
    fn hash(s: &str) -> u64 {
        s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    fn id(&mut self, term: String) -> usize {
        if self.terms.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(&term) as usize & mask;
        loop {
            match self.slots[i] {
                u32::MAX => {
                    self.slots[i] = self.terms.len() as u32;
                    self.terms.push(term);
                    self.postings.push(Vec::new());
                    return self.terms.len() - 1;
                }
                id if self.terms[id as usize] == term => return id as usize,
                _ => i = (i + 1) & mask,
            }
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots = vec![u32::MAX; size];
        let mask = size - 1;
        for (id, t) in self.terms.iter().enumerate() {
            let mut i = Self::hash(t) as usize & mask;
            while self.slots[i] != u32::MAX {
                i = (i + 1) & mask;
            }
            self.slots[i] = id as u32;
        }
    }
}

/// A posting: document and word position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting {
    /// Document number.
    pub doc: u32,
    /// Word position in the document.
    pub pos: u32,
}

/// An inverted index over documents given as texts.
#[derive(Clone, Debug, Default)]
pub struct Index {
    terms: Vec<String>,
    postings: Vec<Vec<Posting>>,
    doc_count: u32,
}

impl Index {
    /// Index documents (document number = position in the iterator).
    pub fn build<'a>(docs: impl IntoIterator<Item = &'a str>) -> Index {
        let mut table = TermTable::default();
        let mut n = 0u32;
        for (d, text) in docs.into_iter().enumerate() {
            n += 1;
            for (pos, t) in tokenize(text).into_iter().enumerate() {
                let id = table.id(t.term);
                table.postings[id].push(Posting {
                    doc: d as u32,
                    pos: pos as u32,
                });
            }
        }
        let mut order: Vec<u32> = (0..table.terms.len() as u32).collect();
        crate::util::sort_by(&mut order, |&a, &b| {
            table.terms[a as usize] < table.terms[b as usize]
        });
        let mut terms = Vec::with_capacity(order.len());
        let mut postings = Vec::with_capacity(order.len());
        for i in order {
            terms.push(std::mem::take(&mut table.terms[i as usize]));
            postings.push(std::mem::take(&mut table.postings[i as usize]));
        }
        Index {
            terms,
            postings,
            doc_count: n,
        }
    }

    /// Number of documents.
    pub fn doc_count(&self) -> u32 {
        self.doc_count
    }

    /// Number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Term indices matching a clause word.
    fn term_range(&self, text: &str, prefix: bool) -> std::ops::Range<usize> {
        let lo = self.terms.partition_point(|t| t.as_str() < text);
        if !prefix {
            return if self.terms.get(lo).is_some_and(|t| t == text) {
                lo..lo + 1
            } else {
                lo..lo
            };
        }
        let hi = lo + self.terms[lo..].partition_point(|t| t.starts_with(text));
        lo..hi
    }

    /// The postings lists that make up a clause's matches, unmerged: one list per matching
    /// term for a word (several for a prefix), or the phrase's start postings.
    pub fn clause_lists(&self, clause: &Clause) -> Vec<std::borrow::Cow<'_, [Posting]>> {
        match clause {
            Clause::Term { text, prefix } => self
                .term_range(text, *prefix)
                .map(|i| std::borrow::Cow::Borrowed(&self.postings[i][..]))
                .collect(),
            Clause::Phrase(_) => vec![std::borrow::Cow::Owned(self.clause_matches(clause).hits)],
        }
    }

    /// Matches of one clause: for each matching document, the word positions where the
    /// match starts and how many words it spans. Sorted by document.
    pub fn clause_matches(&self, clause: &Clause) -> ClauseMatches {
        match clause {
            Clause::Term { text, prefix } => {
                let range = self.term_range(text, *prefix);
                let mut all: Vec<Posting> = Vec::new();
                if range.len() == 1 {
                    all.extend_from_slice(&self.postings[range.start]);
                } else {
                    for i in range {
                        all.extend_from_slice(&self.postings[i]);
                    }
                    crate::util::sort(&mut all);
                }
                ClauseMatches {
                    hits: all,
                    width: 1,
                }
            }
            Clause::Phrase(words) => {
                let lists: Vec<&[Posting]> = words
                    .iter()
                    .map(|w| {
                        let r = self.term_range(w, false);
                        if r.is_empty() {
                            &[][..]
                        } else {
                            &self.postings[r.start][..]
                        }
                    })
                    .collect();
                let mut hits = Vec::new();
                if lists.iter().all(|l| !l.is_empty()) {
                    for p in lists[0] {
                        let ok = lists[1..].iter().enumerate().all(|(k, l)| {
                            l.binary_search(&Posting {
                                doc: p.doc,
                                pos: p.pos + k as u32 + 1,
                            })
                            .is_ok()
                        });
                        if ok {
                            hits.push(*p);
                        }
                    }
                }
                ClauseMatches {
                    hits,
                    width: words.len() as u32,
                }
            }
        }
    }
}

/// Where one clause matched.
#[derive(Clone, Debug, Default)]
pub struct ClauseMatches {
    /// Start postings, sorted.
    pub hits: Vec<Posting>,
    /// Words per match.
    pub width: u32,
}

/// Byte ranges of the matches of `query` in `text` (for highlighting), merged and sorted.
pub fn highlight(text: &str, query: &Query) -> Vec<(u32, u32)> {
    let toks = tokenize(text);
    let mut out: Vec<(u32, u32)> = Vec::new();
    for c in &query.clauses {
        match c {
            Clause::Term { text: w, prefix } => {
                for t in &toks {
                    if (*prefix && t.term.starts_with(w.as_str())) || t.term == *w {
                        out.push((t.start as u32, t.end as u32));
                    }
                }
            }
            Clause::Phrase(words) => {
                for i in 0..toks.len() {
                    if i + words.len() <= toks.len()
                        && words
                            .iter()
                            .enumerate()
                            .all(|(k, w)| toks[i + k].term == *w)
                    {
                        out.push((toks[i].start as u32, toks[i + words.len() - 1].end as u32));
                    }
                }
            }
        }
    }
    crate::util::sort(&mut out);
    let mut merged: Vec<(u32, u32)> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => merged.push(r),
        }
    }
    merged
}

/// A window of text around hits, with highlight ranges relative to the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The excerpt (with `…` where cut).
    pub text: String,
    /// Byte ranges to highlight in `text`.
    pub highlights: Vec<(u32, u32)>,
}

/// Cut a snippet of about `max_chars` characters from `text` around the first highlight.
pub fn snippet(text: &str, highlights: &[(u32, u32)], max_chars: usize) -> Snippet {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= max_chars {
        return Snippet {
            text: text.to_string(),
            highlights: highlights.to_vec(),
        };
    }
    let first = highlights.first().map_or(0, |h| h.0 as usize);
    let first_ci = chars.partition_point(|&(b, _)| b < first);
    let mut s = first_ci.saturating_sub(max_chars / 3);
    let mut e = (s + max_chars).min(chars.len());
    if e == chars.len() {
        s = e.saturating_sub(max_chars);
    }
    // Snap to word boundaries.
    while s > 0 && s < chars.len() && !chars[s - 1].1.is_whitespace() {
        s += 1;
        if s >= first_ci {
            s = first_ci;
            break;
        }
    }
    while e < chars.len() && e > s && !chars[e].1.is_whitespace() {
        e -= 1;
    }
    let bs = chars.get(s).map_or(text.len(), |c| c.0);
    let be = chars.get(e).map_or(text.len(), |c| c.0);
    let mut out = String::new();
    let lead = if bs > 0 { "… " } else { "" };
    out.push_str(lead);
    out.push_str(text[bs..be].trim_end());
    let body_end = lead.len() + text[bs..be].trim_end().len();
    if be < text.len() {
        out.push_str(" …");
    }
    let shift = lead.len() as i64 - bs as i64;
    let hl = highlights
        .iter()
        .filter(|h| h.0 as usize >= bs && (h.1 as usize) <= be)
        .map(|h| {
            (
                ((h.0 as i64) + shift) as u32,
                (((h.1 as i64) + shift) as u32).min(body_end as u32),
            )
        })
        .collect();
    Snippet {
        text: out,
        highlights: hl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_forgives_accents_and_case() {
        assert_eq!(
            fold("José Jerí ÓSCAR Muñico São"),
            "jose jeri oscar munico sao"
        );
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn tokens_keep_offsets() {
        let t = tokenize("Peru’s Jerí, 2026.");
        let terms: Vec<_> = t.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["peru", "s", "jeri", "2026"]);
        assert_eq!(&"Peru’s Jerí, 2026."[t[2].start..t[2].end], "Jerí");
    }

    #[test]
    fn query_parsing() {
        let q = Query::parse("Jeri \"takeover of Lima\" us");
        assert_eq!(
            q.clauses,
            vec![
                Clause::Term {
                    text: "jeri".into(),
                    prefix: true
                },
                Clause::Phrase(vec!["takeover".into(), "of".into(), "lima".into()]),
                Clause::Term {
                    text: "us".into(),
                    prefix: false
                },
            ]
        );
        assert!(Query::parse("  ,, \"\" ").is_empty());
        assert_eq!(
            Query::parse("“Lima”").clauses,
            vec![Clause::Term {
                text: "lima".into(),
                prefix: false
            }]
        );
        // Unbalanced quote: the rest is a phrase.
        assert_eq!(
            Query::parse("\"dog food").clauses,
            vec![Clause::Phrase(vec!["dog".into(), "food".into()])]
        );
    }

    #[test]
    fn prefix_exact_and_phrase_matching() {
        let idx = Index::build([
            "Boluarte met Jerí in Lima",
            "the takeover of Lima began",
            "Lima takeover",
        ]);
        let m = |q: &str| {
            let q = Query::parse(q);
            idx.clause_matches(&q.clauses[0])
                .hits
                .iter()
                .map(|p| p.doc)
                .collect::<Vec<_>>()
        };
        assert_eq!(m("Boluar"), [0]);
        assert_eq!(m("JERI"), [0]);
        assert_eq!(m("\"takeover of lima\""), [1]);
        assert_eq!(m("li"), Vec::<u32>::new(), "two letters match exactly only");
        assert_eq!(m("lima"), [0, 1, 2]);
    }

    #[test]
    fn highlights_and_snippets() {
        let text = "Protests in Perú’s capital continued into a fifth day on Monday as the demonstrators who traveled from across the country for the takeover of Lima were repressed.";
        let q = Query::parse("peru \"takeover of lima\"");
        let h = highlight(text, &q);
        assert_eq!(&text[h[0].0 as usize..h[0].1 as usize], "Perú");
        assert_eq!(&text[h[1].0 as usize..h[1].1 as usize], "takeover of Lima");
        let s = snippet(text, &h[1..], 60);
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a as usize..b as usize], "takeover of Lima");
        assert!(s.text.starts_with("… "));
        assert!(s.text.chars().count() < 70);
    }
}
