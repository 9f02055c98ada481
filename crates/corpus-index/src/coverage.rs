//! What is left to curate in each article.
//!
//! A build that passes says the data is *consistent*, not that an article is *curated*: an
//! article record alone compiles. `corpus check` therefore reports, per article, what a
//! curator would still look at, found with the same rules `corpus import` drafts with
//! ([`crate::scan`]):
//!
//! - body paragraphs that name no curated entity;
//! - capitalised names no alias covers (candidates for the gazetteer);
//! - sentences with a date expression that no event quotes;
//! - recognised figures that no measure uses;
//! - drafts not yet confirmed.
//!
//! Only the drafts are errors; the rest are warnings, since a curator may well decide that
//! a figure is not worth a measure or a sentence not worth an event. Such a decision is
//! written down in the article's record (`not_curated: figure 79 | Torres's age, not a
//! quantity to compare`): the item then leaves the report, the article can be fully
//! curated, and a `not_curated` line that no longer matches anything is reported, so the
//! list does not go stale.

use crate::compile::{Build, NotCurated, NotCuratedKind};
use crate::scan;
use corpus::model::ParagraphKind;
use std::collections::HashSet;
use std::fmt::Write as _;

/// A place in an article: paragraph id and raw line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Paragraph id (`p3`).
    pub paragraph: String,
    /// The line of the raw file the paragraph starts on.
    pub line: usize,
}

/// A candidate name the gazetteer does not cover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameLeft {
    /// The name as written.
    pub name: String,
    /// Occurrences in the article.
    pub count: usize,
    /// Its first occurrence.
    pub first: Place,
}

/// A sentence with a date expression that no event quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedLeft {
    /// Where it is.
    pub place: Place,
    /// The date expression (`last Thursday`).
    pub expression: String,
    /// The sentence, shortened.
    pub sentence: String,
}

/// A recognised figure no measure uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureLeft {
    /// Figure id (`ARTICLE-f3`).
    pub id: String,
    /// Where it is.
    pub place: Place,
    /// The figure as written.
    pub text: String,
}

/// What is left to curate in one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// Article id.
    pub article: String,
    /// Its raw file (`raw/001.txt`).
    pub raw: String,
    /// Body paragraphs that name no confirmed entity.
    pub bare_paragraphs: Vec<Place>,
    /// Capitalised names not in the gazetteer, most frequent first.
    pub names: Vec<NameLeft>,
    /// Dated sentences that no event quotes.
    pub dated: Vec<DatedLeft>,
    /// Figures that no measure uses.
    pub figures: Vec<FigureLeft>,
    /// Drafts that concern the article: `file:line: what`.
    pub drafts: Vec<String>,
    /// Items the article's record leaves on purpose (`not_curated:`) that the report
    /// would otherwise list.
    pub left_on_purpose: usize,
    /// `not_curated:` lines that match nothing the report would list: `file:line: what`.
    pub stale: Vec<String>,
}

impl Coverage {
    /// Nothing left.
    pub fn is_complete(&self) -> bool {
        self.bare_paragraphs.is_empty()
            && self.names.is_empty()
            && self.dated.is_empty()
            && self.figures.is_empty()
            && self.drafts.is_empty()
            && self.stale.is_empty()
    }

    /// What is left, as indented lines: a count and the first `max` items of each kind.
    pub fn report(&self, max: usize) -> String {
        let mut out = String::new();
        let place = |p: &Place| format!("{}:{} ({})", self.raw, p.line, p.paragraph);
        let mut section = |n: usize, (one, many): (&str, &str), items: Vec<String>| {
            if n == 0 {
                return;
            }
            let more = if n > max {
                format!(", and {} more", n - max)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {n} {}: {}{more}",
                if n == 1 { one } else { many },
                items.into_iter().take(max).collect::<Vec<_>>().join("; ")
            );
        };
        section(
            self.drafts.len(),
            ("draft not confirmed", "drafts not confirmed"),
            self.drafts.clone(),
        );
        section(
            self.bare_paragraphs.len(),
            (
                "paragraph with no curated entity",
                "paragraphs with no curated entity",
            ),
            self.bare_paragraphs.iter().map(place).collect(),
        );
        section(
            self.names.len(),
            ("name not in the gazetteer", "names not in the gazetteer"),
            self.names
                .iter()
                .map(|n| {
                    let times = if n.count > 1 {
                        format!(" ×{}", n.count)
                    } else {
                        String::new()
                    };
                    format!("{}{times}, first at {}", n.name, place(&n.first))
                })
                .collect(),
        );
        section(
            self.dated.len(),
            (
                "dated sentence with no event",
                "dated sentences with no event",
            ),
            self.dated
                .iter()
                .map(|d| {
                    format!(
                        "“{}” at {}: “{}”",
                        d.expression,
                        place(&d.place),
                        d.sentence
                    )
                })
                .collect(),
        );
        section(
            self.figures.len(),
            ("figure with no measure", "figures with no measure"),
            self.figures
                .iter()
                .map(|f| format!("{{{}}} at {}", f.text, place(&f.place)))
                .collect(),
        );
        section(
            self.stale.len(),
            (
                "not_curated line that matches nothing left (remove it)",
                "not_curated lines that match nothing left (remove them)",
            ),
            self.stale.clone(),
        );
        out
    }
}

/// Shorten a sentence to about `max` characters, at a word boundary.
pub(crate) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max).collect();
    if let Some(i) = out.rfind(' ') {
        out.truncate(i);
    }
    out.push('…');
    out
}

/// The coverage of every article of a build, in the build's article order.
pub fn coverage(build: &Build) -> Vec<Coverage> {
    let c = &build.corpus;
    let draft_entities: HashSet<&str> = build
        .drafts
        .iter()
        .filter(|d| d.kind == "entity" && d.key.is_none())
        .map(|d| d.id.as_str())
        .collect();
    let measured: HashSet<u32> = c
        .measures
        .iter()
        .flat_map(|m| m.values.iter().map(|v| v.figure))
        .collect();
    let mut out = Vec::new();
    for (ai, a) in c.articles.iter().enumerate() {
        let src = build.sources.get(ai);
        let raw = src.map_or_else(|| a.source_file.clone(), |s| s.raw.clone());
        let place = |pi: usize| Place {
            paragraph: a.paragraphs[pi].id.clone(),
            line: src.and_then(|s| s.lines.get(pi).copied()).unwrap_or(1),
        };
        // Mentions per paragraph: all (for names), confirmed only (for bare paragraphs).
        let mut spans: Vec<Vec<(usize, usize)>> = vec![Vec::new(); a.paragraphs.len()];
        let mut confirmed = vec![false; a.paragraphs.len()];
        for e in &c.entities {
            let draft = draft_entities.contains(e.id.as_str());
            for m in e.mentions.iter().filter(|m| m.article as usize == ai) {
                let p = m.paragraph as usize;
                if let Some(sp) = spans.get_mut(p) {
                    sp.push((m.start as usize, m.end as usize));
                }
                if !draft {
                    if let Some(cf) = confirmed.get_mut(p) {
                        *cf = true;
                    }
                }
            }
        }
        let evidence: Vec<(usize, usize, usize)> = c
            .events
            .iter()
            .flat_map(|e| e.evidence.iter())
            .filter(|ev| ev.article as usize == ai)
            .map(|ev| (ev.paragraph as usize, ev.start as usize, ev.end as usize))
            .collect();
        let mut cov = Coverage {
            article: a.id.clone(),
            raw: raw.clone(),
            bare_paragraphs: Vec::new(),
            names: Vec::new(),
            dated: Vec::new(),
            figures: Vec::new(),
            drafts: build
                .drafts
                .iter()
                .filter(|d| d.articles.contains(&a.id))
                .map(|d| format!("{}:{}: {}", d.file, d.line, d.what()))
                .collect(),
            left_on_purpose: 0,
            stale: Vec::new(),
        };
        for (pi, p) in a.paragraphs.iter().enumerate() {
            if p.kind == ParagraphKind::Body && !confirmed[pi] {
                cov.bare_paragraphs.push(place(pi));
            }
            for n in scan::names(&p.text, &spans[pi]) {
                match cov.names.iter_mut().find(|x| x.name == n.text) {
                    Some(x) => x.count += 1,
                    None => cov.names.push(NameLeft {
                        name: n.text,
                        count: 1,
                        first: place(pi),
                    }),
                }
            }
            for (s, e) in scan::sentences(&p.text) {
                let quoted = evidence
                    .iter()
                    .any(|&(ep, es, ee)| ep == pi && es < e && ee > s);
                if quoted {
                    continue;
                }
                if let Some(d) = scan::dates(&p.text[s..e]).first() {
                    cov.dated.push(DatedLeft {
                        place: place(pi),
                        expression: d.text.clone(),
                        sentence: clip(&p.text[s..e], 80),
                    });
                }
            }
        }
        cov.names
            .sort_by(|x, y| y.count.cmp(&x.count).then(x.first.line.cmp(&y.first.line)));
        for (fi, f) in c.figures.iter().enumerate() {
            if f.article as usize != ai || measured.contains(&(fi as u32)) {
                continue;
            }
            let p = &a.paragraphs[f.paragraph as usize];
            cov.figures.push(FigureLeft {
                id: f.id.clone(),
                place: place(f.paragraph as usize),
                text: p.text[f.start as usize..f.end as usize].to_string(),
            });
        }
        if let Some(src) = src {
            leave_on_purpose(&mut cov, &src.not_curated, "articles.rec");
        }
        out.push(cov);
    }
    out
}

/// Take out of `cov` what the article's `not_curated:` lines leave on purpose, counting
/// it, and note the lines that match nothing.
fn leave_on_purpose(cov: &mut Coverage, left: &[NotCurated], file: &str) {
    for n in left {
        let before = cov.left_on_purpose;
        let mut drop = |len_before: usize, len_after: usize| {
            cov.left_on_purpose += len_before - len_after;
        };
        match n.kind {
            NotCuratedKind::Name => {
                let b = cov.names.len();
                cov.names.retain(|x| x.name != n.what);
                drop(b, cov.names.len());
            }
            NotCuratedKind::Figure => {
                let b = cov.figures.len();
                cov.figures.retain(|x| x.text != n.what);
                drop(b, cov.figures.len());
            }
            NotCuratedKind::Paragraph => {
                let b = cov.bare_paragraphs.len();
                cov.bare_paragraphs.retain(|x| x.paragraph != n.what);
                drop(b, cov.bare_paragraphs.len());
            }
            NotCuratedKind::Dated => {
                let b = cov.dated.len();
                cov.dated.retain(|x| x.expression != n.what);
                drop(b, cov.dated.len());
            }
        }
        if cov.left_on_purpose == before {
            cov.stale
                .push(format!("{file}:{}: {} {}", n.line, n.kind.as_str(), n.what));
        }
    }
}
