//! Mention finding: where the text names each gazetteer entity.
//!
//! Rules, in order of importance:
//! - an alias matches only on Unicode word boundaries (the characters around it are not
//!   letters or digits), so `Peru` never fires inside `Peruvian` and `US` not inside `USA`;
//! - leftmost-longest: at each word start the longest alias wins (`Pedro Castillo` over
//!   `Castillo`), and matching resumes after it;
//! - an alias is case-sensitive unless marked `ignore_case` (acronyms stay exact: `US` is
//!   not `us`);
//! - a possessive `'s` or `’s` right after the alias belongs to the mention.
//!
//! Candidates are looked up by the lowercased first word of the alias, so the cost per
//! word of text is one hash lookup plus the few aliases sharing that word.

use corpus::model::EntityIx;
use std::collections::HashMap;

/// One alias to look for.
#[derive(Clone, Debug)]
struct Pattern {
    entity: EntityIx,
    text: String,
    ignore_case: bool,
}

/// A compiled set of aliases.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    by_first_word: HashMap<String, Vec<Pattern>>,
}

/// A match: entity and byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The entity named.
    pub entity: EntityIx,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// The first word (run of letters and digits) of `s`, lowercased.
fn first_word(s: &str) -> String {
    s.chars()
        .take_while(|&c| is_word(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// If `text` starts with `pat` (optionally ignoring case), the byte length matched.
fn prefix_len(text: &str, pat: &str, ignore_case: bool) -> Option<usize> {
    if !ignore_case {
        return text.starts_with(pat).then_some(pat.len());
    }
    let mut t = text.char_indices();
    for p in pat.chars() {
        let (_, c) = t.next()?;
        if c != p && !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(t.next().map_or(text.len(), |(i, _)| i))
}

impl Matcher {
    /// Add an alias. Aliases that do not start with a letter or digit are rejected
    /// (returns false): they could never start at a word boundary.
    pub fn add(&mut self, entity: EntityIx, alias: &str, ignore_case: bool) -> bool {
        let key = first_word(alias);
        if key.is_empty() {
            return false;
        }
        let list = self.by_first_word.entry(key).or_default();
        list.push(Pattern {
            entity,
            text: alias.to_string(),
            ignore_case,
        });
        // Longest first, so the first match found is the longest.
        list.sort_by_key(|p| std::cmp::Reverse(p.text.len()));
        true
    }

    /// All mentions in `text`, leftmost-longest, in order.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut prev: Option<char> = None;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let at_start = is_word(c) && !prev.is_some_and(is_word);
            prev = Some(c);
            if !at_start {
                continue;
            }
            let rest = &text[i..];
            let Some(cands) = self.by_first_word.get(&first_word(rest)) else {
                continue;
            };
            let found = cands.iter().find_map(|p| {
                let len = prefix_len(rest, &p.text, p.ignore_case)?;
                let after = rest[len..].chars().next();
                let last = p.text.chars().last();
                if last.is_some_and(is_word) && after.is_some_and(is_word) {
                    return None;
                }
                // A currency prefix such as `US$` is not a mention of the country.
                if after == Some('$') {
                    return None;
                }
                Some((p.entity, len))
            });
            if let Some((entity, len)) = found {
                let mut end = i + len;
                for poss in ["'s", "’s"] {
                    if text[end..].starts_with(poss)
                        && !text[end + poss.len()..].chars().next().is_some_and(is_word)
                    {
                        end += poss.len();
                        break;
                    }
                }
                hits.push(Hit {
                    entity,
                    start: i,
                    end,
                });
                // Skip to the end of the match.
                while let Some(&(j, c)) = iter.peek() {
                    if j >= end {
                        break;
                    }
                    prev = Some(c);
                    iter.next();
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Matcher {
        let mut m = Matcher::default();
        m.add(0, "Pedro Castillo", false);
        m.add(0, "Castillo", false);
        m.add(1, "Peru", false);
        m.add(2, "US", false);
        m.add(3, "takeover of Lima", true);
        m.add(4, "Lima", false);
        m.add(5, "Jerí", false);
        m.add(6, "U.S.", false);
        m
    }

    fn found<'a>(m: &Matcher, t: &'a str) -> Vec<(u32, &'a str)> {
        m.find(t)
            .iter()
            .map(|h| (h.entity, &t[h.start..h.end]))
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        let m = m();
        assert_eq!(
            found(&m, "President Pedro Castillo and Castillo"),
            [(0, "Pedro Castillo"), (0, "Castillo")]
        );
        assert_eq!(
            found(&m, "the “Takeover of Lima” in Lima"),
            [(3, "Takeover of Lima"), (4, "Lima")]
        );
    }

    #[test]
    fn no_hits_inside_words() {
        let m = m();
        assert!(found(&m, "Peruvian USA Castillos Limaño").is_empty());
        assert_eq!(found(&m, "US-backed"), [(2, "US")]);
        assert!(found(&m, "US$33 billion").is_empty(), "currency prefix");
        assert!(found(&m, "us").is_empty(), "acronyms are case-sensitive");
    }

    #[test]
    fn possessives_belong_to_the_mention() {
        let m = m();
        assert_eq!(
            found(&m, "Peru's and Peru’s and Jerí's"),
            [(1, "Peru's"), (1, "Peru’s"), (5, "Jerí's")]
        );
        assert_eq!(found(&m, "Peru'sx"), [(1, "Peru")]);
    }

    #[test]
    fn unicode_boundaries_and_offsets() {
        let m = m();
        let t = "Él vio a Jerí, y U.S. tropas";
        let h = m.find(t);
        assert_eq!(&t[h[0].start..h[0].end], "Jerí");
        assert_eq!(&t[h[1].start..h[1].end], "U.S.");
        assert!(found(&m, "Jeríco").is_empty());
    }

    #[test]
    fn rejects_aliases_without_a_word_start() {
        let mut m = Matcher::default();
        assert!(!m.add(0, "“quoted”", false));
    }
}
