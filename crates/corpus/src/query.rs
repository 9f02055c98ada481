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
        if !len.is_multiple_of(64) {
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

    /// Remove `i`.
    pub fn remove(&mut self, i: usize) {
        if i < self.len {
            self.words[i / 64] &= !(1 << (i % 64));
        }
    }

    /// Size of the intersection with `other`, without building it.
    pub fn and_count(&self, other: &BitSet) -> usize {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
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
    /// Paragraphs with text hits, in order (highlight them with [`search::highlight`]);
    /// filled for the first [`SNIPPETS`] results.
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

/// An entity's mentions in one article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArticleMentions {
    /// The article.
    pub article: ArticleIx,
    /// How many mentions.
    pub mentions: u32,
    /// The first paragraph that mentions it.
    pub first_paragraph: u32,
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
    /// Articles mentioning each entity.
    entity_articles: Vec<BitSet>,
    /// Events involving each entity.
    entity_events: Vec<BitSet>,
    /// Distinct entities per paragraph document, as offsets into `para_entity_list`.
    para_entity_start: Vec<u32>,
    para_entity_list: Vec<EntityIx>,
    /// Events each article reports.
    article_events: Vec<Vec<EventIx>>,
    /// Publication interval of each article, kept compact for range filters.
    published: Vec<(Date, Date)>,
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
        let npara = docs.len();
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
        let index = Index::build(
            docs.into_iter()
                .chain(event_texts.iter().map(String::as_str)),
        );
        let n = corpus.articles.len();
        let mut article_entities: Vec<Vec<(EntityIx, u32)>> = vec![Vec::new(); n];
        let mut entity_articles = Vec::with_capacity(corpus.entities.len());
        let mut per_para: Vec<Vec<EntityIx>> = vec![Vec::new(); npara];
        for (ei, e) in corpus.entities.iter().enumerate() {
            let mut set = BitSet::empty(n);
            for m in &e.mentions {
                let list = &mut article_entities[m.article as usize];
                match list.last_mut() {
                    Some((x, c)) if *x == ei as u32 => *c += 1,
                    _ => list.push((ei as u32, 1)),
                }
                set.insert(m.article as usize);
                let doc = (para_base[m.article as usize] + m.paragraph) as usize;
                if per_para[doc].last() != Some(&(ei as u32)) {
                    per_para[doc].push(ei as u32);
                }
            }
            entity_articles.push(set);
        }
        let mut para_entity_start = Vec::with_capacity(npara + 1);
        let mut para_entity_list = Vec::new();
        for list in per_para {
            para_entity_start.push(para_entity_list.len() as u32);
            para_entity_list.extend(list);
        }
        para_entity_start.push(para_entity_list.len() as u32);
        let nev = corpus.events.len();
        let mut entity_events = vec![BitSet::empty(nev); corpus.entities.len()];
        let mut article_events = vec![Vec::new(); n];
        for (vi, v) in corpus.events.iter().enumerate() {
            for &e in &v.entities {
                if let Some(set) = entity_events.get_mut(e as usize) {
                    set.insert(vi);
                }
            }
            for ev in &v.evidence {
                let list: &mut Vec<EventIx> = &mut article_events[ev.article as usize];
                if !list.contains(&(vi as u32)) {
                    list.push(vi as u32);
                }
            }
        }
        Engine {
            index,
            para_base,
            doc_article,
            title_doc_base,
            event_doc_base,
            article_entities,
            entity_articles,
            entity_events,
            para_entity_start,
            para_entity_list,
            article_events,
            published: corpus.articles.iter().map(|a| a.published.span()).collect(),
            corpus,
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

    /// Where an entity is mentioned, article by article (in corpus order).
    pub fn mentions_by_article(&self, e: EntityIx) -> Vec<ArticleMentions> {
        let mut out: Vec<ArticleMentions> = Vec::new();
        let Some(ent) = self.corpus.entities.get(e as usize) else {
            return out;
        };
        for m in &ent.mentions {
            match out.last_mut() {
                Some(x) if x.article == m.article => x.mentions += 1,
                _ => out.push(ArticleMentions {
                    article: m.article,
                    mentions: 1,
                    first_paragraph: m.paragraph,
                }),
            }
        }
        out
    }

    /// The events an entity is involved in, in time order.
    pub fn events_with(&self, e: EntityIx) -> Vec<EventIx> {
        self.entity_events
            .get(e as usize)
            .map_or(Vec::new(), |s| s.iter().map(|v| v as u32).collect())
    }

    /// Distinct entities mentioned in a paragraph.
    pub fn entities_in_paragraph(&self, a: ArticleIx, p: u32) -> &[EntityIx] {
        let doc = (self.para_base[a as usize] + p) as usize;
        let (s, e) = (
            self.para_entity_start[doc] as usize,
            self.para_entity_start[doc + 1] as usize,
        );
        &self.para_entity_list[s..e]
    }

    /// The articles passing the entity and date parts of a filter.
    fn filtered_articles(&self, f: &Filter) -> BitSet {
        let c = &self.corpus;
        let n = c.articles.len();
        let mut arts = BitSet::full(n);
        for &e in &f.entities {
            match self.entity_articles.get(e as usize) {
                Some(s) => arts.and(s),
                None => return BitSet::empty(n),
            }
        }
        if let Some((from, to)) = f.range {
            for ai in arts.clone().iter() {
                let ok = match f.range_field {
                    DateField::Published => {
                        let (s, e) = self.published[ai];
                        s <= to && e >= from
                    }
                    // Eras are background periods, not reported events: they do not
                    // make an article match a date range.
                    DateField::Event => self.article_events[ai].iter().any(|&v| {
                        let v = &c.events[v as usize];
                        v.category != Category::Era && v.date.overlaps(from, to)
                    }),
                };
                if !ok {
                    arts.remove(ai);
                }
            }
        }
        arts
    }

    /// The events passing the entity and date parts of a filter.
    fn filtered_events(&self, f: &Filter) -> BitSet {
        let c = &self.corpus;
        let mut evs = BitSet::full(c.events.len());
        for &e in &f.entities {
            match self.entity_events.get(e as usize) {
                Some(s) => evs.and(s),
                None => return BitSet::empty(c.events.len()),
            }
        }
        if let Some((from, to)) = f.range {
            for vi in evs.clone().iter() {
                let v = &c.events[vi];
                let ok = match f.range_field {
                    DateField::Event => v.date.overlaps(from, to),
                    DateField::Published => v.evidence.iter().any(|ev| {
                        let (s, e) = self.published[ev.article as usize];
                        s <= to && e >= from
                    }),
                };
                if !ok {
                    evs.remove(vi);
                }
            }
        }
        evs
    }

    /// Run a filter.
    pub fn run(&self, f: &Filter) -> Results {
        let c = &self.corpus;
        let n = c.articles.len();
        let query = Query::parse(&f.text);
        let mut arts = self.filtered_articles(f);
        let mut evs = self.filtered_events(f);
        let mut scores: Vec<f32> = Vec::new();
        // The postings of each clause, kept to find the paragraphs of the shown results.
        let mut clause_lists: Vec<Vec<std::borrow::Cow<'_, [search::Posting]>>> = Vec::new();
        if !query.is_empty() {
            let ndocs = self.index.doc_count() as f32;
            let nclauses = query.clauses.len().min(64);
            let all = if nclauses == 64 {
                u64::MAX
            } else {
                (1u64 << nclauses) - 1
            };
            let mut clause_seen = vec![0u64; n];
            let mut ev_seen = vec![0u64; c.events.len()];
            scores = vec![0f32; n];
            for (ci, cl) in query.clauses.iter().take(64).enumerate() {
                let lists = self.index.clause_lists(cl);
                let bit = 1u64 << ci;
                // Early paragraphs weigh a little more.
                let weight: [f32; 32] = std::array::from_fn(|i| 1.0 / (1.0 + 0.05 * i as f32));
                let df: usize = lists
                    .iter()
                    .map(|l| {
                        let mut d = 0;
                        let mut last = u32::MAX;
                        for p in l.iter() {
                            if p.doc != last {
                                d += 1;
                                last = p.doc;
                            }
                        }
                        d
                    })
                    .sum();
                let idf = (1.0 + ndocs / (1.0 + df as f32)).ln();
                for list in &lists {
                    for p in list.iter() {
                        if p.doc >= self.event_doc_base {
                            ev_seen[(p.doc - self.event_doc_base) as usize] |= bit;
                        } else if p.doc >= self.title_doc_base {
                            let ai = (p.doc - self.title_doc_base) as usize;
                            if arts.contains(ai) {
                                clause_seen[ai] |= bit;
                                scores[ai] += 2.0 * idf;
                            }
                        } else {
                            let ai = self.doc_article[p.doc as usize];
                            if !arts.contains(ai as usize) {
                                continue;
                            }
                            clause_seen[ai as usize] |= bit;
                            let pi = (p.doc - self.para_base[ai as usize]) as usize;
                            scores[ai as usize] += idf * weight[pi.min(31)];
                        }
                    }
                }
                clause_lists.push(lists);
            }
            for ai in arts.clone().iter() {
                if clause_seen[ai] & all != all {
                    arts.remove(ai);
                }
            }
            for vi in evs.clone().iter() {
                if ev_seen[vi] & all != all {
                    evs.remove(vi);
                }
            }
        }
        // Facets: one popcount per entity.
        let kind_ok = |e: &Entity| f.kinds.is_empty() || f.kinds.contains(&e.kind);
        let facets = c
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| kind_ok(e))
            .map(|(i, _)| Facet {
                entity: i as u32,
                articles: arts.and_count(&self.entity_articles[i]) as u32,
                events: evs.and_count(&self.entity_events[i]) as u32,
            })
            .collect();
        // Entity results: names or aliases matching the text.
        let mut entities = Vec::new();
        if !query.is_empty() {
            let singles: Vec<Query> = query
                .clauses
                .iter()
                .map(|cl| Query {
                    clauses: vec![cl.clone()],
                })
                .collect();
            for (i, e) in c.entities.iter().enumerate() {
                if !kind_ok(e) {
                    continue;
                }
                let hay = || {
                    std::iter::once(e.name.as_str())
                        .chain(e.aliases.iter().map(|a| a.text.as_str()))
                };
                if singles
                    .iter()
                    .all(|q1| hay().any(|h| !search::highlight(h, q1).is_empty()))
                {
                    entities.push(i as u32);
                }
            }
        }
        // Article and event results, in order (the corpus is sorted by date).
        let mut articles: Vec<ArticleResult> = arts
            .iter()
            .map(|ai| ArticleResult {
                article: ai as u32,
                score: scores.get(ai).copied().unwrap_or(0.0),
                hits: Vec::new(),
                snippet: None,
            })
            .collect();
        let mut events: Vec<EventIx> = evs.iter().map(|v| v as u32).collect();
        let date_of = |a: &ArticleResult| c.articles[a.article as usize].published.date;
        // Articles come in corpus order, which is publication order.
        match f.order {
            Order::Newest => {
                articles.reverse();
                events.reverse();
            }
            Order::Oldest => {}
            Order::Relevance => {
                crate::util::sort_by(&mut articles, |a, b| {
                    // "a before b" is the heap's "b less than a": best score, then newest.
                    let ka = (a.score, date_of(a), a.article);
                    let kb = (b.score, date_of(b), b.article);
                    ka.0.total_cmp(&kb.0)
                        .then(ka.1.cmp(&kb.1))
                        .then(ka.2.cmp(&kb.2))
                        .is_gt()
                });
                events.reverse();
            }
        }
        // Paragraph hits and snippets for the first results; the rest on demand.
        for r in articles.iter_mut().take(SNIPPETS) {
            let hits = self.paragraph_hits(r.article, &clause_lists);
            r.hits = hits.iter().map(|h| h.0).collect();
            r.hits.dedup();
            r.snippet = self.best_snippet(r.article, &hits, &query);
        }
        Results {
            articles,
            events,
            entities,
            facets,
        }
    }

    /// (paragraph, clause) pairs where the clauses' postings fall in article `a`, sorted.
    fn paragraph_hits(
        &self,
        a: ArticleIx,
        clause_lists: &[Vec<std::borrow::Cow<'_, [search::Posting]>>],
    ) -> Vec<(u32, u32)> {
        let base = self.para_base[a as usize];
        let end = self
            .para_base
            .get(a as usize + 1)
            .copied()
            .unwrap_or(self.title_doc_base);
        let mut out = Vec::new();
        for (ci, lists) in clause_lists.iter().enumerate() {
            for list in lists {
                let lo = list.partition_point(|p| p.doc < base);
                let hi = list.partition_point(|p| p.doc < end);
                out.extend(list[lo..hi].iter().map(|p| (p.doc - base, ci as u32)));
            }
        }
        crate::util::sort(&mut out);
        out.dedup();
        out
    }

    /// The snippet of the paragraph with the most distinct query parts.
    fn best_snippet(
        &self,
        a: ArticleIx,
        hits: &[(u32, u32)],
        query: &Query,
    ) -> Option<(u32, Snippet)> {
        let mut sorted = hits.to_vec();
        crate::util::sort(&mut sorted);
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
        Some((
            p,
            search::snippet(text, &search::highlight(text, query), SNIPPET_CHARS),
        ))
    }

    /// A snippet for any result of a search for `text` (results past the first
    /// [`SNIPPETS`] are computed on demand).
    pub fn snippet(&self, r: &ArticleResult, text: &str) -> Option<(u32, Snippet)> {
        let query = Query::parse(text);
        let lists: Vec<_> = query
            .clauses
            .iter()
            .map(|cl| self.index.clause_lists(cl))
            .collect();
        let hits = self.paragraph_hits(r.article, &lists);
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
        let mut last_para = None;
        let mut last_art = None;
        for m in &target.mentions {
            if scope.is_some_and(|s| !s.contains(m.article as usize)) {
                continue;
            }
            if last_art != Some(m.article) {
                last_art = Some(m.article);
                for &(o, _) in &self.article_entities[m.article as usize] {
                    arts[o as usize] += 1;
                }
            }
            if last_para != Some((m.article, m.paragraph)) {
                last_para = Some((m.article, m.paragraph));
                for &o in self.entities_in_paragraph(m.article, m.paragraph) {
                    paras[o as usize] += 1;
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
        crate::util::sort_by_key(&mut out, |x| {
            (
                std::cmp::Reverse(x.paragraphs),
                std::cmp::Reverse(x.articles),
                x.entity,
            )
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
