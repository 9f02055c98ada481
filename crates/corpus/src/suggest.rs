//! No dead ends: names typed with small typos (`Bolaurte`, `Kena`, `Jeri`) and the filter
//! that empties the results.
//!
//! [`Names`] holds every word of every entity's name and aliases, folded
//! ([`crate::search::fold`]); [`Names::nearest`] compares each typed word with each of
//! them by the optimal-string-alignment distance (Damerau–Levenshtein with adjacent
//! transpositions, so `Bolaurte` is one edit from `Boluarte`), computed only for words
//! whose length is close enough and cut off as soon as a row exceeds the allowed edits.
//!
//! Why no trigram index (`cargo bench -p corpus`, p50): the synthetic corpus of 10,000
//! articles shares the real gazetteer (167 entities, 343 distinct name words), where a
//! whole scan takes 0.03–0.04 ms. Against a made-up gazetteer of 20,000 entities (82,886
//! distinct name words) it takes 9–10 ms for one typed word, 16–21 ms for three. A trigram
//! index would cost memory and load time for every reader to save time only on a search
//! that found nothing, and trigrams miss small typos in short names (`kena` and `kenna`
//! share one trigram of two); the scan is cut to the first [`MAX_TYPED_WORDS`] words.

use crate::model::{Entity, EntityIx};
use crate::search::tokenize;

/// Most edits allowed for a typed word of `len` characters: none under 3 letters (every
/// short word is near everything), 1 up to 5, 2 up to 9, 3 beyond.
pub fn max_edits(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        6..=9 => 2,
        _ => 3,
    }
}

/// The optimal string alignment distance between `a` and `b` (insertions, deletions,
/// substitutions and swaps of adjacent characters), or `None` if it is over `max`.
pub fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa(&a, &b, max, &mut Vec::new())
}

/// [`distance`] on characters, with the caller's buffer for the rows.
fn osa(a: &[char], b: &[char], max: usize, rows: &mut Vec<usize>) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    // Three rows: two back (for swaps), one back, current.
    rows.clear();
    rows.resize(3 * w, 0);
    for (j, x) in rows[2 * w..].iter_mut().enumerate() {
        *x = j;
    }
    for i in 1..=a.len() {
        rows.copy_within(w.., 0);
        let (prev2, rest) = rows.split_at_mut(w);
        let (prev, cur) = rest.split_at_mut(w);
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    let d = rows[3 * w - 1];
    (d <= max).then_some(d)
}

/// One word of an entity's name or alias.
#[derive(Clone, Debug, PartialEq, Eq)]
struct NameWord {
    folded: String,
    /// `folded` as characters, compared without decoding again.
    chars: Vec<char>,
    /// As written in the gazetteer (`Jerí`).
    written: String,
    entity: EntityIx,
    /// The name or alias it comes from.
    spelling: String,
}

/// The words of every entity's name and aliases, for typo suggestions.
#[derive(Clone, Debug, Default)]
pub struct Names {
    words: Vec<NameWord>,
}

/// An entity whose name or alias is near a typed word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The entity.
    pub entity: EntityIx,
    /// Its name or alias that holds the nearest word, as the gazetteer writes it.
    pub spelling: String,
    /// The typed word, as typed.
    pub typed: String,
    /// The nearest word, as written (`Boluarte` for `Bolaurte`).
    pub word: String,
    /// Edits between them, ignoring accents and case (0: `Jeri` for `Jerí`).
    pub distance: u32,
    /// The search text with the typed word replaced by `word`.
    pub text: String,
}

/// A near word: (distance, matched only the start of the name word, more weight first,
/// entity, index of the word, byte range of the typed word). Ordered best first.
type Candidate = (
    u32,
    bool,
    std::cmp::Reverse<u32>,
    EntityIx,
    usize,
    (usize, usize),
);

/// Typed words looked at, at most (the first ones): each is compared with every name word.
pub const MAX_TYPED_WORDS: usize = 8;

/// Suggestions returned at most.
pub const MAX_SUGGESTIONS: usize = 8;

impl Names {
    /// Collect the words of the entities' names and aliases.
    pub fn new(entities: &[Entity]) -> Names {
        let mut words = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            let first = words.len();
            let spellings =
                std::iter::once(e.name.as_str()).chain(e.aliases.iter().map(|a| a.text.as_str()));
            for s in spellings {
                for t in tokenize(s) {
                    if t.term.chars().count() < 3 {
                        continue;
                    }
                    let w = NameWord {
                        chars: t.term.chars().collect(),
                        folded: t.term,
                        written: s[t.start..t.end].to_string(),
                        entity: i as u32,
                        spelling: s.to_string(),
                    };
                    if !words[first..]
                        .iter()
                        .any(|x: &NameWord| x.folded == w.folded)
                    {
                        words.push(w);
                    }
                }
            }
        }
        Names { words }
    }

    /// Number of distinct (entity, word) pairs.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// No words at all.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The entities whose names or aliases hold a word near one of the first
    /// [`MAX_TYPED_WORDS`] words of `text` (outside quotes or in them), nearest first, then
    /// the entity with more `weight` (e.g. mentions), at most [`MAX_SUGGESTIONS`], one per
    /// entity.
    pub fn nearest(&self, text: &str, weight: impl Fn(EntityIx) -> u32) -> Vec<Suggestion> {
        let mut best: Vec<Candidate> = Vec::new();
        let mut rows = Vec::new();
        for t in tokenize(text).into_iter().take(MAX_TYPED_WORDS) {
            let typed: Vec<char> = t.term.chars().collect();
            let max = max_edits(typed.len());
            if max == 0 {
                continue;
            }
            for (wi, w) in self.words.iter().enumerate() {
                let full = osa(&typed, &w.chars, max, &mut rows);
                // A word being typed: compare with the start of the name word too.
                let prefix = if full.is_none() && typed.len() >= 5 && w.chars.len() > typed.len() {
                    osa(&typed, &w.chars[..typed.len()], 1, &mut rows)
                } else {
                    None
                };
                let (d, is_prefix) = match (full, prefix) {
                    (Some(d), _) => (d, false),
                    (None, Some(d)) => (d, true),
                    _ => continue,
                };
                best.push((
                    d as u32,
                    is_prefix,
                    std::cmp::Reverse(weight(w.entity)),
                    w.entity,
                    wi,
                    (t.start, t.end),
                ));
            }
        }
        crate::util::sort(&mut best);
        let mut out: Vec<Suggestion> = Vec::new();
        for (d, _, _, entity, wi, (s, e)) in best {
            if out.iter().any(|x| x.entity == entity) {
                continue;
            }
            let w = &self.words[wi];
            out.push(Suggestion {
                entity,
                spelling: w.spelling.clone(),
                typed: text[s..e].to_string(),
                word: w.written.clone(),
                distance: d,
                text: format!("{}{}{}", &text[..s], w.written, &text[e..]),
            });
            if out.len() == MAX_SUGGESTIONS {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(
            distance("bolaurte", "boluarte", 2),
            Some(1),
            "a swap is one edit"
        );
        assert_eq!(distance("kena", "kenna", 1), Some(1));
        assert_eq!(distance("jeri", "jeri", 1), Some(0));
        assert_eq!(distance("lima", "peru", 2), None);
        assert_eq!(
            distance("ca", "abc", 3),
            Some(3),
            "optimal string alignment"
        );
        assert_eq!(distance("", "abc", 3), Some(3));
        assert_eq!(distance("abc", "", 2), None);
    }
}
