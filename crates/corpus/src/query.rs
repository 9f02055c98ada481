//! The query engine: filters, results, facet counts and co-occurrence.
//!
//! A [`Filter`] combines (AND) any set of entities, a date range (on event dates or on
//! publication dates) and search text; entity kinds restrict which entities are listed.
//! [`Engine::run`] returns the matching articles and events, and for every entity how many
//! of them would remain if it were added: the facet counts a filter panel shows.
//!
//! Article sets are bitsets, so a filter over 10,000 articles is a few hundred word ANDs,
//! and facet counting walks each matching article's distinct entities once.

use crate::date::Date;
use crate::model::*;
use crate::search::{self, Index, Query, Snippet};

/// A fixed-size set of small integers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BitSet {
    words: Vec<u64>,
    len: usize,
}

impl BitSet {
    /// All of `0..len`.
    pub fn full(len: usize) -> BitSet {
        let mut words = vec![u64::MAX; len.div_ceil(64)];
        if len % 64 != 0 {
            if let Some(last) = words.last_mut() {
                *last = (1u64 << (len % 64)) - 1;
            }
        }
        BitSet { words, len }
    }

    /// None of `0..len`.
    pub fn empty(len: usize) -> BitSet {
        BitSet {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// Add `i`.
    pub fn insert(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// Is `i` in the set?
    pub fn contains(&self, i: usize) -> bool {
        i < self.len && self.words[i / 64] & (1 << (i % 64)) != 0
    }

    /// Keep only what is also in `other`.
    pub fn and(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// Number of members.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Members in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + b)
            })
        })
    }
}

/// Which date a range applies to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateField {
    /// When events happened: events by their own date, articles by the events they report.
    #[default]
    Event,
    /// When articles were published: articles by their date, events by their reporting articles.
    Published,
}

/// Result order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Newest first (default).
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// Best text match first (newest first without text).
    Relevance,
}

/// What the reader asked for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Entities that must all be mentioned.
    pub entities: Vec<EntityIx>,
    /// Entity kinds to list in facets and entity results (empty = all).
    pub kinds: Vec<EntityKind>,
    /// Inclusive date range.
    pub range: Option<(Date, Date)>,
    /// What the range applies to.
    pub range_field: DateField,
    /// Search text.
    pub text: String,
    /// Result order.
    pub order: Order,
}

/// Results that get a snippet computed by [`Engine::run`]; the rest use [`Engine::snippet`].
pub const SNIPPETS: usize = 100;
/// Snippet length in characters.
pub const SNIPPET_CHARS: usize = 200;

/// A matching article.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleResult {
    /// The article.
    pub article: ArticleIx,
    /// Text score (0 without text).
    pub score: f32,
    /// Paragraphs with text hits, in order (highlight them with [`search::highlight`]).
    pub hits: Vec<u32>,
    /// Why it matched: the best paragraph's snippet.
    pub snippet: Option<(u32, Snippet)>,
}

/// Facet count for one entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facet {
    /// The entity.
    pub entity: EntityIx,
    /// Matching articles that mention it.
    pub articles: u32,
    /// Matching events that involve it.
    pub events: u32,
}

/// Everything a results view needs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// Matching articles in the requested order.
    pub articles: Vec<ArticleResult>,
    /// Matching events in the requested order (by date).
    pub events: Vec<EventIx>,
    /// Entities whose names match the search text (restricted to the filter's kinds).
    pub entities: Vec<EntityIx>,
    /// Facet counts for every entity of the filter's kinds, in gazetteer order.
    pub facets: Vec<Facet>,
}

/// Entities seen with another one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoOccurrence {
    /// The other entity.
    pub entity: EntityIx,
    /// Articles that mention both.
    pub articles: u32,
    /// Paragraphs that mention both.
    pub paragraphs: u32,
}

/// The corpus with its indices.
#[derive(Debug)]
pub struct Engine {
    corpus: Corpus,
    index: Index,
    /// Document number of each article's first paragraph. Documents are all paragraphs,
    /// then one title per article, then one text per event (title and quotes).
    para_base: Vec<u32>,
    doc_article: Vec<u32>,
    title_doc_base: u32,
    event_doc_base: u32,
    /// Distinct entities per article with mention counts.
    article_entities: Vec<Vec<(EntityIx, u32)>>,
    entity_articles: Vec<BitSet>,
    /// Events each article reports.
    article_events: Vec<Vec<EventIx>>,
}

impl Engine {
    /// Index a corpus.
    pub fn new(corpus: Corpus) -> Engine {
        let mut docs: Vec<&str> = Vec::new();
        let mut para_base = Vec::with_capacity(corpus.articles.len());
        let mut doc_article = Vec::new();
        for (ai, a) in corpus.articles.iter().enumerate() {
            para_base.push(docs.len() as u32);
            for p in &a.paragraphs {
                docs.push(&p.text);
                doc_article.push(ai as u32);
            }
        }
        let title_doc_base = docs.len() as u32;
        for a in &corpus.articles {
            docs.push(&a.title);
        }
        let event_doc_base = docs.len() as u32;
        let event_texts: Vec<String> = corpus
            .events
            .iter()
            .map(|e| {
                let mut t = e.title.clone();
                for ev in &e.evidence {
                    t.push_str(" \n ");
                    t.push_str(corpus.quote(ev));
                }
                t
            })
            .collect();
        let index = Index::build(docs.into_iter().chain(event_texts.iter().map(String::as_str)));
        let n = corpus.articles.len();
        let mut article_entities: Vec<Vec<(EntityIx, u32)>> = vec![Vec::new(); n];
        let mut entity_articles = Vec::with_capacity(corpus.entities.len());
        for (ei, e) in corpus.entities.iter().enumerate() {
            let mut set = BitSet::empty(n);
            for m in &e.mentions {
                let list = &mut article_entities[m.article as usize];
                match list.last_mut() {
                    Some((x, c)) if *x == ei as u32 => *c += 1,
                    _ => list.push((ei as u32, 1)),
                }
                set.insert(m.article as usize);
            }
            entity_articles.push(set);
        }
        let mut article_events = vec![Vec::new(); n];
        for (vi, v) in corpus.events.iter().enumerate() {
            for ev in &v.evidence {
                let list: &mut Vec<EventIx> = &mut article_events[ev.article as usize];
                if !list.contains(&(vi as u32)) {
                    list.push(vi as u32);
                }
            }
        }
        Engine {
            corpus,
            index,
            para_base,
            doc_article,
            title_doc_base,
            event_doc_base,
            article_entities,
            entity_articles,
            article_events,
        }
    }

    /// The corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// The search index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Articles that mention an entity.
    pub fn articles_of(&self, e: EntityIx) -> &BitSet {
        &self.entity_articles[e as usize]
    }

    /// Distinct entities of an article with their mention counts.
    pub fn entities_of(&self, a: ArticleIx) -> &[(EntityIx, u32)] {
        &self.article_entities[a as usize]
    }

    /// Events an article reports.
    pub fn events_of(&self, a: ArticleIx) -> &[EventIx] {
        &self.article_events[a as usize]
    }

    /// Run a filter.
    pub fn run(&self, f: &Filter) -> Results {
        let c = &self.corpus;
        let n = c.articles.len();
        let query = Query::parse(&f.text);
        // Articles.
        let mut arts = BitSet::full(n);
        for &e in &f.entities {
            match self.entity_articles.get(e as usize) {
                Some(s) => arts.and(s),
                None => arts = BitSet::empty(n),
            }
        }
        if let Some((from, to)) = f.range {
            let mut in_range = BitSet::empty(n);
            for (ai, a) in c.articles.iter().enumerate() {
                let ok = match f.range_field {
                    DateField::Published => {
                        let (s, e) = a.published.span();
                        s <= to && e >= from
                    }
                    DateField::Event => self.article_events[ai]
                        .iter()
                        .any(|&v| c.events[v as usize].date.overlaps(from, to)),
                };
                if ok {
                    in_range.insert(ai);
                }
            }
            arts.and(&in_range);
        }
        let mut scores: Vec<f32> = Vec::new();
        // (paragraph, clause) hits per article, in document order.
        let mut para_hits: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut event_text_ok: Option<BitSet> = None;
        if !query.is_empty() {
            let ndocs = self.index.doc_count() as f32;
            let nclauses = query.clauses.len().min(64);
            let all = if nclauses == 64 { u64::MAX } else { (1u64 << nclauses) - 1 };
            let mut clause_seen = vec![0u64; n];
            let mut ev_seen = vec![0u64; c.events.len()];
            scores = vec![0f32; n];
            para_hits = vec![Vec::new(); n];
            for (ci, cl) in query.clauses.iter().take(64).enumerate() {
                let m = self.index.clause_matches(cl);
                let bit = 1u64 << ci;
                let mut df = 0u32;
                let mut last = u32::MAX;
                for p in &m.hits {
                    if p.doc != last {
                        df += 1;
                        last = p.doc;
                    }
                }
                let idf = (1.0 + ndocs / (1.0 + df as f32)).ln();
                for p in &m.hits {
                    if p.doc >= self.event_doc_base {
                        ev_seen[(p.doc - self.event_doc_base) as usize] |= bit;
                    } else if p.doc >= self.title_doc_base {
                        let ai = (p.doc - self.title_doc_base) as usize;
                        if arts.contains(ai) {
                            clause_seen[ai] |= bit;
                            scores[ai] += 2.0 * idf;
                        }
                    } else {
                        let ai = self.doc_article[p.doc as usize] as usize;
                        if !arts.contains(ai) {
                            continue;
                        }
                        clause_seen[ai] |= bit;
                        // Early paragraphs and early words weigh a little more.
                        let pi = p.doc - self.para_base[ai];
                        scores[ai] += idf / (1.0 + 0.05 * pi as f32 + 0.002 * p.pos as f32);
                        if para_hits[ai].last() != Some(&(pi, ci as u32)) {
                            para_hits[ai].push((pi, ci as u32));
                        }
                    }
                }
            }
            let mut keep = BitSet::empty(n);
            for ai in arts.iter() {
                if clause_seen[ai] & all == all {
                    keep.insert(ai);
                }
            }
            arts = keep;
            let mut ok = BitSet::empty(c.events.len());
            for (vi, seen) in ev_seen.iter().enumerate() {
                if seen & all == all {
                    ok.insert(vi);
                }
            }
            event_text_ok = Some(ok);
        }
        // Events.
        let mut events: Vec<EventIx> = Vec::new();
        for (vi, v) in c.events.iter().enumerate() {
            if f.entities.iter().any(|e| !v.entities.contains(e)) {
                continue;
            }
            if let Some((from, to)) = f.range {
                let ok = match f.range_field {
                    DateField::Event => v.date.overlaps(from, to),
                    DateField::Published => v.evidence.iter().any(|ev| {
                        let (s, e) = c.articles[ev.article as usize].published.span();
                        s <= to && e >= from
                    }),
                };
                if !ok {
                    continue;
                }
            }
            if let Some(ok) = &event_text_ok {
                if !ok.contains(vi) {
                    continue;
                }
            }
            events.push(vi as u32);
        }
        // Facets.
        let kind_ok = |e: &Entity| f.kinds.is_empty() || f.kinds.contains(&e.kind);
        let mut art_counts = vec![0u32; c.entities.len()];
        for ai in arts.iter() {
            for &(e, _) in &self.article_entities[ai] {
                art_counts[e as usize] += 1;
            }
        }
        let mut ev_counts = vec![0u32; c.entities.len()];
        for &vi in &events {
            for &e in &c.events[vi as usize].entities {
                ev_counts[e as usize] += 1;
            }
        }
        let facets = c
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| kind_ok(e))
            .map(|(i, _)| Facet {
                entity: i as u32,
                articles: art_counts[i],
                events: ev_counts[i],
            })
            .collect();
        // Entity results: names or aliases matching the text.
        let mut entities = Vec::new();
        if !query.is_empty() {
            for (i, e) in c.entities.iter().enumerate() {
                if !kind_ok(e) {
                    continue;
                }
                let hay = std::iter::once(e.name.as_str())
                    .chain(e.aliases.iter().map(|a| a.text.as_str()));
                let mut all = true;
                for cl in &query.clauses {
                    let q1 = Query {
                        clauses: vec![cl.clone()],
                    };
                    if !hay.clone().any(|h| !search::highlight(h, &q1).is_empty()) {
                        all = false;
                        break;
                    }
                }
                if all {
                    entities.push(i as u32);
                }
            }
        }
        // Article results.
        let mut articles: Vec<ArticleResult> = arts
            .iter()
            .map(|ai| {
                let mut hits: Vec<u32> = para_hits.get(ai).map_or(Vec::new(), |h| h.iter().map(|x| x.0).collect());
                hits.sort_unstable();
                hits.dedup();
                ArticleResult { article: ai as u32, score: scores.get(ai).copied().unwrap_or(0.0), hits, snippet: None }
            })
            .collect();
        let date_of = |a: &ArticleResult| c.articles[a.article as usize].published.date;
        match f.order {
            Order::Newest => articles.sort_by(|a, b| date_of(b).cmp(&date_of(a))),
            Order::Oldest => articles.sort_by_key(date_of),
            Order::Relevance => articles.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(date_of(b).cmp(&date_of(a)))
            }),
        }
        match f.order {
            Order::Oldest => {}
            _ => events.reverse(),
        }
        if !query.is_empty() {
            for r in articles.iter_mut().take(SNIPPETS) {
                r.snippet = self.best_snippet(r.article, &para_hits[r.article as usize], &query);
            }
        }
        Results { articles, events, entities, facets }
    }

    /// The snippet of the paragraph with the most distinct query parts.
    fn best_snippet(&self, a: ArticleIx, hits: &[(u32, u32)], query: &Query) -> Option<(u32, Snippet)> {
        let mut sorted = hits.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut best: Option<(usize, u32)> = None;
        let mut i = 0;
        while i < sorted.len() {
            let p = sorted[i].0;
            let start = i;
            while i < sorted.len() && sorted[i].0 == p {
                i += 1;
            }
            if best.is_none_or(|b| i - start > b.0) {
                best = Some((i - start, p));
            }
        }
        let (_, p) = best?;
        let text = &self.corpus.articles[a as usize].paragraphs[p as usize].text;
        Some((p, search::snippet(text, &search::highlight(text, query), SNIPPET_CHARS)))
    }

    /// A snippet for any result of a search for `text` (results past the first
    /// [`SNIPPETS`] are computed on demand).
    pub fn snippet(&self, r: &ArticleResult, text: &str) -> Option<(u32, Snippet)> {
        let query = Query::parse(text);
        let a = &self.corpus.articles[r.article as usize];
        let mut hits: Vec<(u32, u32)> = Vec::new();
        for &p in &r.hits {
            let t = &a.paragraphs[p as usize].text;
            for (ci, cl) in query.clauses.iter().enumerate() {
                let q1 = Query { clauses: vec![cl.clone()] };
                if !search::highlight(t, &q1).is_empty() {
                    hits.push((p, ci as u32));
                }
            }
        }
        self.best_snippet(r.article, &hits, &query)

    }

    /// Entities mentioned with `e`, most paragraphs in common first, within `scope`
    /// (e.g. the current filter's articles; `None` = all).
    pub fn cooccurrence(&self, e: EntityIx, scope: Option<&BitSet>) -> Vec<CoOccurrence> {
        let c = &self.corpus;
        let Some(target) = c.entities.get(e as usize) else {
            return Vec::new();
        };
        let mut arts = vec![0u32; c.entities.len()];
        let mut paras = vec![0u32; c.entities.len()];
        let mut paragraphs: Vec<(u32, u32)> = target
            .mentions
            .iter()
            .map(|m| (m.article, m.paragraph))
            .collect();
        paragraphs.dedup();
        let articles: Vec<u32> = {
            let mut v: Vec<u32> = paragraphs.iter().map(|p| p.0).collect();
            v.dedup();
            v
        };
        for &a in &articles {
            if scope.is_some_and(|s| !s.contains(a as usize)) {
                continue;
            }
            for &(o, _) in &self.article_entities[a as usize] {
                arts[o as usize] += 1;
            }
        }
        // Paragraph co-mentions: walk the other entities' mentions in those articles.
        for (oi, o) in c.entities.iter().enumerate() {
            if oi as u32 == e || arts[oi] == 0 {
                continue;
            }
            let mut last = None;
            for m in &o.mentions {
                let key = (m.article, m.paragraph);
                if last == Some(key) {
                    continue;
                }
                last = Some(key);
                if paragraphs.binary_search(&key).is_ok() {
                    paras[oi] += 1;
                }
            }
        }
        let mut out: Vec<CoOccurrence> = (0..c.entities.len())
            .filter(|&i| i as u32 != e && arts[i] > 0)
            .map(|i| CoOccurrence {
                entity: i as u32,
                articles: arts[i],
                paragraphs: paras[i],
            })
            .collect();
        out.sort_by(|a, b| {
            b.paragraphs
                .cmp(&a.paragraphs)
                .then(b.articles.cmp(&a.articles))
                .then(a.entity.cmp(&b.entity))
        });
        out
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitset_basics() {
        let mut a = BitSet::full(70);
        assert_eq!(a.count(), 70);
        let mut b = BitSet::empty(70);
        b.insert(3);
        b.insert(69);
        a.and(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), [3, 69]);
        assert!(!a.contains(70));
    }
}
