//! The query engine: filters, results, facet counts and co-occurrence.
//!
//! A [`Filter`] combines (AND) any set of entities, a date range (on event dates or on
//! publication dates) and search text; entity kinds restrict which entities are listed.
//! [`Engine::run`] returns the matching articles and events, and for every entity how many
//! of them would remain if it were added: the facet counts a filter panel shows.
//!
//! Article sets are bitsets, so a filter over 10,000 articles is a few hundred word ANDs,
//! and facet counting walks each matching article's distinct entities once.
//!
//! Everything a reader would look for is searched by the one entry point, [`Engine::run`]:
//! paragraphs and titles (articles), event titles with their quotes (events), measure
//! names and descriptions (measures), entity names and aliases (entities), and figures
//! typed in the text (`80%`, `$3.422 billion`, `62 or more`: the figures of that value, and
//! the measures they belong to). A date typed in the text ("9 January 2023", "Jan 2023",
//! "2023") is taken out of it and applied as a filter on when events happened
//! ([`Results::typed_date`]). When nothing is found, [`Engine::suggest`] offers the names
//! nearest to the words typed and [`Engine::relaxations`] says what each active filter
//! costs, so that no search is a dead end.

use crate::date::Date;
use crate::model::*;
use crate::search::{self, Index, Match, Query, Snippet};
use crate::suggest::{Names, Suggestion};
use crate::typed_date::TypedDate;

/// How much a match by another form of a word (same stem, [`Match::Stem`]) weighs in an
/// article's score, against 1 for the word as typed.
pub const STEM_WEIGHT: f32 = 0.5;

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
    /// Text score (0 without text); hits by another form of a word weigh [`STEM_WEIGHT`].
    pub score: f32,
    /// How many parts of the query match in the form typed (not only by stem); relevance
    /// order puts more first, so an exact word match outranks a stem-only one.
    pub exact: u32,
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
    /// Entities whose names or aliases match the search text, accents and case folded
    /// (restricted to the filter's kinds).
    pub entities: Vec<EntityIx>,
    /// Facet counts for every entity of the filter's kinds, in gazetteer order.
    pub facets: Vec<Facet>,
    /// Measures (indices into [`Corpus::measures`]) whose name or description matches the
    /// search text, or that hold one of [`Results::figures`]; only those with a value in an
    /// article that passes the entity and date filters. In corpus order.
    pub measures: Vec<u32>,
    /// Figures (indices into [`Corpus::figures`]) of the matching articles with the value
    /// of a figure typed in the search text: the same unit too when one was typed (`80%`,
    /// `$3.422 billion`), any unit for a bare number (`62 or more`). In corpus order.
    pub figures: Vec<u32>,
    /// A date typed in the search text, applied as a filter on when events happened (with
    /// the filter's own range, if any); the text was searched without it.
    pub typed_date: Option<TypedDate>,
}

impl Results {
    /// Nothing matched: no article, event, measure, figure or entity.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
            && self.events.is_empty()
            && self.measures.is_empty()
            && self.figures.is_empty()
            && self.entities.is_empty()
    }
}

/// One active part of a filter, as [`Engine::relaxations`] names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilterPart {
    /// An entity filter.
    Entity(EntityIx),
    /// The date range (on event or publication dates).
    Range,
    /// The date typed in the text ([`Results::typed_date`]).
    TypedDate,
    /// One word, phrase or figure of the text, as typed (only when there are several).
    Word(String),
    /// The whole search text.
    Text,
}

/// What dropping one part of a filter would give.
#[derive(Clone, Debug, PartialEq)]
pub struct Relaxation {
    /// The part dropped.
    pub part: FilterPart,
    /// The filter without it (ready to apply).
    pub filter: Filter,
    /// Matching articles without it.
    pub articles: u32,
    /// Matching events without it.
    pub events: u32,
}

/// [`Engine::relaxations`] lists the words of a text one by one only up to this many parts.
pub const MAX_WORD_PARTS: usize = 8;

/// What a filter selects, before results are put in order.
struct Selection<'a> {
    query: Query,
    typed_date: Option<TypedDate>,
    /// Articles passing the entity and date filters, before the text.
    base: BitSet,
    arts: BitSet,
    evs: BitSet,
    /// Measures whose text matches every clause.
    measures: Vec<u32>,
    scores: Vec<f32>,
    exact: Vec<u32>,
    /// The postings of each clause, kept to find the paragraphs of the shown results.
    clause_lists: Vec<Vec<std::borrow::Cow<'a, [search::Posting]>>>,
    /// The text searched (the date typed taken out).
    text: String,
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
    /// The search index: built on the first search (or by [`Engine::warm`] once the first
    /// screen is drawn), not at load: the first screen without a query never needs it,
    /// and it is most of the engine's cost (in Chromium, the engine took 4.7–6.2 s to
    /// build with it at 10,000 articles and 0.15 s without; 45–60 ms and 8 ms for the
    /// real corpus).
    index: std::sync::OnceLock<Index>,
    /// The index's chunk files, when it was built ahead as files ([`Engine::with_index`]);
    /// empty when it is built here.
    chunk_files: Vec<search::ChunkRef>,
    /// Document number of each article's first paragraph. Documents are all paragraphs,
    /// then one title per article, then one text per event (title and quotes).
    para_base: Vec<u32>,
    doc_article: Vec<u32>,
    title_doc_base: u32,
    event_doc_base: u32,
    /// Measures are documents too (name and description), after the events.
    measure_doc_base: u32,
    /// (figure, measure) pairs, sorted: the measures each figure is a value of.
    figure_measures: Vec<(u32, u32)>,
    /// The words of the entities' names and aliases, for suggestions: made on the first
    /// [`Engine::suggest`] (a search that found nothing), not at load.
    names: std::sync::OnceLock<Names>,
    /// Per entity, per spelling (name, then aliases): its folded words and their stems.
    entity_words: Vec<Vec<Vec<(String, String)>>>,
    /// Per entity, the figures with a unit its spellings write (unit, value): rare.
    entity_figures: Vec<Vec<(String, String)>>,
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
    /// Figures of each article (indices into the corpus's figures, in order): a paragraph
    /// drawn looks at its article's, not at every figure of the corpus.
    article_figures: Vec<Vec<u32>>,
    /// Publication interval of each article, kept compact for range filters.
    published: Vec<(Date, Date)>,
}

/// The search index of `corpus`'s documents: every paragraph, then one title per article,
/// one text per event (its title and quotes), one per measure (name and description),
/// with the figure keys of each; `para_base` and the bases as [`Engine`] numbers them.
#[cfg(feature = "build-index")]
fn build_index(
    corpus: &Corpus,
    para_base: &[u32],
    title_doc_base: u32,
    event_doc_base: u32,
    measure_doc_base: u32,
) -> Index {
    let mut docs: Vec<&str> = Vec::new();
    for (ai, a) in corpus.articles.iter().enumerate() {
        for p in 0..a.paragraphs.len() as u32 {
            docs.push(corpus.paragraph_text(ai as u32, p));
        }
    }
    for a in &corpus.articles {
        docs.push(&a.title);
    }
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
    let measure_texts: Vec<String> = corpus
        .measures
        .iter()
        .map(|m| format!("{} \n {}", m.name, m.description))
        .collect();
    let keys = figure_keys(
        corpus,
        para_base,
        title_doc_base,
        event_doc_base,
        measure_doc_base,
        &measure_texts,
    );
    Index::build_with_keys(
        docs.into_iter()
            .chain(event_texts.iter().map(String::as_str))
            .chain(measure_texts.iter().map(String::as_str)),
        keys,
    )
}

/// The figure keys ([`search::figure_key`]) of every document: the corpus's recognised
/// figures with a unit for paragraphs and the quotes of events (a quote is part of a
/// paragraph), and the recogniser run on titles and measure texts that hold a digit.
#[cfg(feature = "build-index")]
fn figure_keys(
    corpus: &Corpus,
    para_base: &[u32],
    title_doc_base: u32,
    event_doc_base: u32,
    measure_doc_base: u32,
    measure_texts: &[String],
) -> Vec<(u32, String)> {
    let key = |unit: &str, value: f64| search::figure_key(unit, &search::figure_value(value));
    let mut keys = Vec::new();
    for f in &corpus.figures {
        if f.unit != "count" {
            if let Some(&base) = para_base.get(f.article as usize) {
                keys.push((base + f.paragraph, key(&f.unit, f.value)));
            }
        }
    }
    let mut recognised = |doc: u32, text: &str| {
        if text.bytes().any(|b| b.is_ascii_digit()) {
            for f in crate::figures::recognise(text) {
                if f.unit != "count" {
                    keys.push((doc, key(f.unit, f.value)));
                }
            }
        }
    };
    for (ai, a) in corpus.articles.iter().enumerate() {
        recognised(title_doc_base + ai as u32, &a.title);
    }
    for (mi, t) in measure_texts.iter().enumerate() {
        recognised(measure_doc_base + mi as u32, t);
    }
    for (vi, v) in corpus.events.iter().enumerate() {
        recognised(event_doc_base + vi as u32, &v.title);
    }
    // Figures inside the quotes: the corpus's figures are in article, paragraph and text
    // order, so each paragraph's are found by binary search.
    let figs = &corpus.figures;
    for (vi, v) in corpus.events.iter().enumerate() {
        for ev in &v.evidence {
            let at = (ev.article, ev.paragraph);
            let lo = figs.partition_point(|f| (f.article, f.paragraph) < at);
            for f in figs[lo..]
                .iter()
                .take_while(|f| (f.article, f.paragraph) == at)
            {
                if f.unit != "count" && f.start >= ev.start && f.end <= ev.end {
                    keys.push((event_doc_base + vi as u32, key(&f.unit, f.value)));
                }
            }
        }
    }
    keys
}

impl Engine {
    /// The engine over a corpus: the tables that filters, facets and the timeline use.
    /// The search index is built later, on first use ([`Engine::warm`]).
    pub fn new(corpus: Corpus) -> Engine {
        let mut para_base = Vec::with_capacity(corpus.articles.len());
        let mut doc_article = Vec::new();
        let mut npara = 0usize;
        for (ai, a) in corpus.articles.iter().enumerate() {
            para_base.push(npara as u32);
            npara += a.paragraphs.len();
            doc_article.extend(std::iter::repeat_n(ai as u32, a.paragraphs.len()));
        }
        let title_doc_base = npara as u32;
        let event_doc_base = title_doc_base + corpus.articles.len() as u32;
        let measure_doc_base = event_doc_base + corpus.events.len() as u32;
        let mut figure_measures: Vec<(u32, u32)> = corpus
            .measures
            .iter()
            .enumerate()
            .flat_map(|(mi, m)| m.values.iter().map(move |v| (v.figure, mi as u32)))
            .collect();
        crate::util::sort(&mut figure_measures);
        figure_measures.dedup();
        let entity_figures = corpus
            .entities
            .iter()
            .map(|e| {
                std::iter::once(e.name.as_str())
                    .chain(e.aliases.iter().map(|a| a.text.as_str()))
                    .filter(|s| s.bytes().any(|b| b.is_ascii_digit()))
                    .flat_map(crate::figures::recognise)
                    .filter(|f| f.unit != "count")
                    .map(|f| (f.unit.to_string(), search::figure_value(f.value)))
                    .collect()
            })
            .collect();
        let entity_words = corpus
            .entities
            .iter()
            .map(|e| {
                std::iter::once(e.name.as_str())
                    .chain(e.aliases.iter().map(|a| a.text.as_str()))
                    .map(|s| {
                        search::tokenize(s)
                            .into_iter()
                            .map(|t| {
                                let stem = crate::stem::stem(&t.term).into_owned();
                                (t.term, stem)
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
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
        let mut article_figures = vec![Vec::new(); n];
        for (fi, f) in corpus.figures.iter().enumerate() {
            if let Some(list) = article_figures.get_mut(f.article as usize) {
                list.push(fi as u32);
            }
        }
        Engine {
            index: std::sync::OnceLock::new(),
            chunk_files: Vec::new(),
            para_base,
            doc_article,
            title_doc_base,
            event_doc_base,
            measure_doc_base,
            figure_measures,
            names: std::sync::OnceLock::new(),
            entity_words,
            entity_figures,
            article_entities,
            entity_articles,
            entity_events,
            para_entity_start,
            para_entity_list,
            article_events,
            article_figures,
            published: corpus.articles.iter().map(|a| a.published.span()).collect(),
            corpus,
        }
    }

    /// The corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// An engine whose search index was built ahead of time and written as chunk files
    /// (`corpus_index::files`): `meta` describes them, [`Engine::chunks_needed`] says which
    /// a search needs, [`Engine::install_chunk`] loads one. Fails if `meta` does not
    /// describe an index of this corpus.
    pub fn with_index(corpus: Corpus, meta: search::IndexMeta) -> Result<Engine, String> {
        let mut engine = Engine::new(corpus);
        let docs = engine.measure_doc_base + engine.corpus.measures.len() as u32;
        if meta.doc_count != docs {
            return Err(format!(
                "its search index is of another corpus ({} documents, not {docs})",
                meta.doc_count
            ));
        }
        engine.chunk_files = meta.chunks.clone();
        engine.chunk_files.push(meta.stems.clone());
        let index = Index::from_meta(meta).map_err(|e| format!("its search index: {e}"))?;
        let _ = engine.index.set(index);
        Ok(engine)
    }

    /// The search index as files of about `target` bytes each: what the corpus file keeps
    /// and the chunks' bytes ([`search::Index::split`]).
    pub fn index_files(&self, target: usize) -> (search::IndexMeta, Vec<Vec<u8>>) {
        self.index().split(target)
    }

    /// The index's files, numbered as [`Engine::chunks_needed`] numbers them: the chunks,
    /// then the word forms' (none when the index is built in memory).
    pub fn chunk_files(&self) -> &[search::ChunkRef] {
        &self.chunk_files
    }

    /// The chunks a search for `text` needs that are not loaded yet (none when the index
    /// is built in memory): the words of the query, and of the query without a date
    /// typed in it.
    pub fn chunks_needed(&self, text: &str) -> Vec<u32> {
        if self.chunk_files.is_empty() || text.trim().is_empty() {
            return Vec::new();
        }
        let index = self.index();
        let mut need = index.chunks_for(&Query::parse(text));
        if let Some(t) = self.typed_date(text) {
            need.extend(index.chunks_for(&Query::parse(&t.rest)));
            crate::util::sort(&mut need);
            need.dedup();
        }
        need
    }

    /// Load chunk `c` of the index from its file's (inflated) bytes.
    pub fn install_chunk(&self, c: u32, bytes: &[u8]) -> Result<(), String> {
        self.index().install(c, bytes)
    }

    /// Build the search index now if no search has built it yet (the app calls this once
    /// its first screen is drawn, so the first keystroke does not wait for it). An index
    /// built ahead as files is not built here: its chunks load when a search needs them.
    pub fn warm(&self) {
        self.index();
    }

    /// The search index, built on first use (or described by the corpus file). Without the
    /// `build-index` feature (the app's build) an engine made by [`Engine::new`] has an
    /// empty index: the app's always comes from [`Engine::with_index`].
    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            #[cfg(feature = "build-index")]
            return build_index(
                &self.corpus,
                &self.para_base,
                self.title_doc_base,
                self.event_doc_base,
                self.measure_doc_base,
            );
            #[cfg(not(feature = "build-index"))]
            Index::default()
        })
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

    /// The figures of article `a` (indices into the corpus's figures, in order).
    pub fn figures_in_article(&self, a: ArticleIx) -> &[u32] {
        self.article_figures
            .get(a as usize)
            .map_or(&[], Vec::as_slice)
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

    /// The articles passing the entity and date parts of a filter, and reporting an event
    /// in `typed` (a date typed in the text), if given.
    fn filtered_articles(&self, f: &Filter, typed: Option<(Date, Date)>) -> BitSet {
        let c = &self.corpus;
        let n = c.articles.len();
        let mut arts = BitSet::full(n);
        for &e in &f.entities {
            match self.entity_articles.get(e as usize) {
                Some(s) => arts.and(s),
                None => return BitSet::empty(n),
            }
        }
        // Eras are background periods, not reported events: they do not make an article
        // match a date range.
        let reports_in = |ai: usize, from: Date, to: Date| {
            self.article_events[ai].iter().any(|&v| {
                let v = &c.events[v as usize];
                v.category != Category::Era && v.date.overlaps(from, to)
            })
        };
        if let Some((from, to)) = f.range {
            for ai in arts.clone().iter() {
                let ok = match f.range_field {
                    DateField::Published => {
                        let (s, e) = self.published[ai];
                        s <= to && e >= from
                    }
                    DateField::Event => reports_in(ai, from, to),
                };
                if !ok {
                    arts.remove(ai);
                }
            }
        }
        if let Some((from, to)) = typed {
            for ai in arts.clone().iter() {
                if !reports_in(ai, from, to) {
                    arts.remove(ai);
                }
            }
        }
        arts
    }

    /// The events passing the entity and date parts of a filter, and happening in `typed`
    /// (a date typed in the text), if given.
    fn filtered_events(&self, f: &Filter, typed: Option<(Date, Date)>) -> BitSet {
        let c = &self.corpus;
        let mut evs = BitSet::full(c.events.len());
        for &e in &f.entities {
            match self.entity_events.get(e as usize) {
                Some(s) => evs.and(s),
                None => return BitSet::empty(c.events.len()),
            }
        }
        if f.range.is_some() || typed.is_some() {
            for vi in evs.clone().iter() {
                let v = &c.events[vi];
                let ok = match f.range {
                    None => true,
                    Some((from, to)) => match f.range_field {
                        DateField::Event => v.date.overlaps(from, to),
                        DateField::Published => v.evidence.iter().any(|ev| {
                            let (s, e) = self.published[ev.article as usize];
                            s <= to && e >= from
                        }),
                    },
                } && typed.is_none_or(|(from, to)| v.date.overlaps(from, to));
                if !ok {
                    evs.remove(vi);
                }
            }
        }
        evs
    }

    /// The date typed in `text`, if any ([`crate::typed_date::find`]). A year left out
    /// (`January 9`) is inferred from the corpus: the most recent year with an event dated
    /// to that day (to that month, for a month), eras aside; failing that, the year of the
    /// latest article. A bare year is read only within the years of the corpus's events
    /// and articles, so that `1500` or `2150` stay text.
    pub fn typed_date(&self, text: &str) -> Option<TypedDate> {
        let c = &self.corpus;
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let infer = |month: u8, day: Option<u8>| {
            let on = |v: &Event| {
                let d = v.date.start;
                v.category != Category::Era
                    && d.month == month
                    && match day {
                        Some(day) => {
                            v.date.precision == crate::date::Precision::Day && d.day == day
                        }
                        None => v.date.precision != crate::date::Precision::Year,
                    }
            };
            c.events
                .iter()
                .filter(|v| on(v))
                .map(|v| v.date.start.year)
                .max()
                .or_else(|| c.articles.iter().map(|a| a.published.date.year).max())
        };
        let t = crate::typed_date::find(text, infer)?;
        if t.precision == crate::date::Precision::Year {
            let years = c
                .events
                .iter()
                .flat_map(|v| [v.date.start.year, v.date.end.year])
                .chain(c.articles.iter().map(|a| a.published.date.year));
            let (lo, hi) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
            if !(lo..=hi).contains(&t.from.year) {
                return None;
            }
        }
        Some(t)
    }

    /// The query the engine runs for a search text: the text without a typed date
    /// ([`Engine::typed_date`]). Highlight passages with this query, so that a date typed
    /// is not marked as words.
    pub fn query(&self, text: &str) -> Query {
        match self.typed_date(text) {
            Some(t) => self.settled(&t.rest),
            None => self.settled(text),
        }
    }

    /// The query of `text`, less a last word still being typed (no space after it) that
    /// is too short to match as a prefix and is no word of the corpus: typing `lima`
    /// leaves the results as they are at `l` and `li` (instead of emptying them, since no
    /// word is `l`), and filters from `lim`; a short word that is a word, `US`, matches at
    /// once.
    fn settled(&self, text: &str) -> Query {
        let mut q = Query::parse(text);
        let typing = !text.ends_with(|c: char| c.is_whitespace() || c == '"');
        if let (
            true,
            Some(search::Clause::Term {
                text: w,
                prefix: false,
            }),
        ) = (typing, q.clauses.last())
        {
            if w.chars().count() < search::MIN_PREFIX && !self.index().has_term(w) {
                q.clauses.pop();
            }
        }
        q
    }

    /// The measure a figure is a value of, if any (the first, when several).
    pub fn measure_of_figure(&self, figure: u32) -> Option<u32> {
        let i = self.figure_measures.partition_point(|p| p.0 < figure);
        self.figure_measures
            .get(i)
            .filter(|p| p.0 == figure)
            .map(|p| p.1)
    }

    /// Select what a filter matches, with text scores.
    fn select(&self, f: &Filter) -> Selection<'_> {
        let c = &self.corpus;
        let n = c.articles.len();
        let typed_date = self.typed_date(&f.text);
        let text = typed_date
            .as_ref()
            .map_or_else(|| f.text.clone(), |t| t.rest.clone());
        let query = self.settled(&text);
        let typed = typed_date.as_ref().map(|t| (t.from, t.to));
        let base = self.filtered_articles(f, typed);
        let mut arts = base.clone();
        let mut evs = self.filtered_events(f, typed);
        let mut scores: Vec<f32> = Vec::new();
        let mut exact: Vec<u32> = Vec::new();
        let mut measures = Vec::new();
        let mut clause_lists: Vec<Vec<std::borrow::Cow<'_, [search::Posting]>>> = Vec::new();
        if !query.is_empty() {
            let ndocs = self.index().doc_count() as f32;
            let nclauses = query.clauses.len().min(64);
            let all = if nclauses == 64 {
                u64::MAX
            } else {
                (1u64 << nclauses) - 1
            };
            let mut clause_seen = vec![0u64; n];
            let mut exact_seen = vec![0u64; n];
            let mut ev_seen = vec![0u64; c.events.len()];
            let mut measure_seen = vec![0u64; c.measures.len()];
            scores = vec![0f32; n];
            // Early paragraphs weigh a little more.
            let weight: [f32; 32] = std::array::from_fn(|i| 1.0 / (1.0 + 0.05 * i as f32));
            for (ci, cl) in query.clauses.iter().take(64).enumerate() {
                let lists = self.index().clause_postings(cl);
                let bit = 1u64 << ci;
                let df: usize = lists
                    .iter()
                    .map(|(l, _)| {
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
                for (list, how) in &lists {
                    let (w, ebit) = match how {
                        Match::Exact => (idf, bit),
                        Match::Stem => (idf * STEM_WEIGHT, 0),
                    };
                    for p in list.iter() {
                        if p.doc >= self.measure_doc_base {
                            if let Some(m) =
                                measure_seen.get_mut((p.doc - self.measure_doc_base) as usize)
                            {
                                *m |= bit;
                            }
                        } else if p.doc >= self.event_doc_base {
                            ev_seen[(p.doc - self.event_doc_base) as usize] |= bit;
                        } else if p.doc >= self.title_doc_base {
                            let ai = (p.doc - self.title_doc_base) as usize;
                            if arts.contains(ai) {
                                clause_seen[ai] |= bit;
                                exact_seen[ai] |= ebit;
                                scores[ai] += 2.0 * w;
                            }
                        } else {
                            let ai = self.doc_article[p.doc as usize] as usize;
                            if !arts.contains(ai) {
                                continue;
                            }
                            clause_seen[ai] |= bit;
                            exact_seen[ai] |= ebit;
                            let pi = (p.doc - self.para_base[ai]) as usize;
                            scores[ai] += w * weight[pi.min(31)];
                        }
                    }
                }
                clause_lists.push(lists.into_iter().map(|(l, _)| l).collect());
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
            exact = exact_seen.iter().map(|b| (b & all).count_ones()).collect();
            measures = (0..c.measures.len() as u32)
                .filter(|&m| measure_seen[m as usize] & all == all)
                .collect();
        }
        Selection {
            query,
            typed_date,
            base,
            arts,
            evs,
            measures,
            scores,
            exact,
            clause_lists,
            text,
        }
    }

    /// Entities whose name or an alias matches every clause of `query`, of the filter's
    /// kinds: as [`search::highlight`] would mark them, from words folded and stemmed (and
    /// figures recognised) once when the engine is built.
    fn matching_entities(&self, f: &Filter, query: &Query) -> Vec<EntityIx> {
        let mut entities = Vec::new();
        if query.is_empty() {
            return entities;
        }
        // The stem of each bare word, once per search (not once per alias).
        let stems: Vec<Option<String>> = query
            .clauses
            .iter()
            .map(|cl| match cl {
                search::Clause::Term { text, prefix: true }
                    if !text.bytes().any(|b| b.is_ascii_digit()) =>
                {
                    Some(crate::stem::stem(text).into_owned())
                }
                _ => None,
            })
            .collect();
        for (i, e) in self.corpus.entities.iter().enumerate() {
            if !(f.kinds.is_empty() || f.kinds.contains(&e.kind)) {
                continue;
            }
            let spellings = &self.entity_words[i];
            let all = query.clauses.iter().zip(&stems).all(|(cl, stem)| match cl {
                search::Clause::Term { text, prefix } => {
                    spellings.iter().flatten().any(|(t, s)| {
                        (*prefix && t.starts_with(text.as_str()))
                            || t == text
                            || stem.as_ref().is_some_and(|q| s == q)
                    })
                }
                search::Clause::Phrase(words) => spellings.iter().any(|sp| {
                    sp.windows(words.len())
                        .any(|win| win.iter().zip(words).all(|(a, b)| a.0 == *b))
                }),
                search::Clause::Figure { unit, value } => self.entity_figures[i]
                    .iter()
                    .any(|(u, v)| u == unit && v == value),
            });
            if all {
                entities.push(i as u32);
            }
        }
        entities
    }

    /// Figures of the selected articles with the value (and unit, if typed) of a figure
    /// typed in `text`; and the measures of the text matches and of those figures, with a
    /// value in an article of `base`.
    fn figures_and_measures(&self, sel: &Selection<'_>) -> (Vec<u32>, Vec<u32>) {
        let c = &self.corpus;
        let mut typed = Vec::new();
        for (s, e, quoted) in search::quoted_parts(&sel.text) {
            if !quoted {
                typed.extend(crate::figures::recognise(&sel.text[s..e]));
            }
        }
        let mut figures = Vec::new();
        if !typed.is_empty() {
            for (fi, f) in c.figures.iter().enumerate() {
                if sel.arts.contains(f.article as usize)
                    && typed
                        .iter()
                        .any(|t| t.value == f.value && (t.unit == "count" || t.unit == f.unit))
                {
                    figures.push(fi as u32);
                }
            }
        }
        let mut measures = sel.measures.clone();
        for &fi in &figures {
            let lo = self.figure_measures.partition_point(|p| p.0 < fi);
            measures.extend(
                self.figure_measures[lo..]
                    .iter()
                    .take_while(|p| p.0 == fi)
                    .map(|p| p.1),
            );
        }
        crate::util::sort(&mut measures);
        measures.dedup();
        measures.retain(|&m| {
            c.measures[m as usize].values.iter().any(|v| {
                c.figures
                    .get(v.figure as usize)
                    .is_some_and(|f| sel.base.contains(f.article as usize))
            })
        });
        (figures, measures)
    }

    /// Run a filter.
    pub fn run(&self, f: &Filter) -> Results {
        let c = &self.corpus;
        let sel = self.select(f);
        let (arts, evs) = (&sel.arts, &sel.evs);
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
        let entities = self.matching_entities(f, &sel.query);
        let (figures, measures) = self.figures_and_measures(&sel);
        // Article and event results, in order (the corpus is sorted by date).
        let mut articles: Vec<ArticleResult> = arts
            .iter()
            .map(|ai| ArticleResult {
                article: ai as u32,
                score: sel.scores.get(ai).copied().unwrap_or(0.0),
                exact: sel.exact.get(ai).copied().unwrap_or(0),
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
                    // "a before b" is the heap's "b less than a": most parts matched as
                    // typed, then best score, then newest.
                    a.exact
                        .cmp(&b.exact)
                        .then(a.score.total_cmp(&b.score))
                        .then(date_of(a).cmp(&date_of(b)))
                        .then(a.article.cmp(&b.article))
                        .is_gt()
                });
                events.reverse();
            }
        }
        // Paragraph hits and snippets for the first results; the rest on demand.
        for r in articles.iter_mut().take(SNIPPETS) {
            let hits = self.paragraph_hits(r.article, &sel.clause_lists);
            r.hits = hits.iter().map(|h| h.0).collect();
            r.hits.dedup();
            r.snippet = self.best_snippet(r.article, &hits, &sel.query);
        }
        Results {
            articles,
            events,
            entities,
            facets,
            measures,
            figures,
            typed_date: sel.typed_date,
        }
    }

    /// The entities whose names or aliases are nearest to the words of a search text
    /// (typos: `Bolaurte` → Dina Boluarte, `Kena` → Lisa Kenna, `Jeri` → José Jerí), for
    /// a search that found nothing. Nearest first, then most mentioned; one per entity.
    pub fn suggest(&self, text: &str) -> Vec<Suggestion> {
        let c = &self.corpus;
        let names = self.names.get_or_init(|| Names::new(&c.entities));
        names.nearest(text, |e| {
            c.entities
                .get(e as usize)
                .map_or(0, |x| x.mentions.len() as u32)
        })
    }

    /// For each active part of a filter (each entity, the date range, a date typed in the
    /// text, each word of a text of two to [`MAX_WORD_PARTS`] parts, the whole text), how
    /// many articles and events there would be without it, and the filter without it: the
    /// one-click ways out of a search that found nothing. Entity kinds are not listed: they
    /// choose which entities are shown, never which articles or events match.
    pub fn relaxations(&self, f: &Filter) -> Vec<Relaxation> {
        let mut out = Vec::new();
        let mut push = |part: FilterPart, filter: Filter| {
            let sel = self.select(&filter);
            out.push(Relaxation {
                part,
                articles: sel.arts.count() as u32,
                events: sel.evs.count() as u32,
                filter,
            });
        };
        for (i, &e) in f.entities.iter().enumerate() {
            let mut g = f.clone();
            g.entities.remove(i);
            push(FilterPart::Entity(e), g);
        }
        if f.range.is_some() {
            push(
                FilterPart::Range,
                Filter {
                    range: None,
                    ..f.clone()
                },
            );
        }
        let typed = self.typed_date(&f.text);
        let text = typed.as_ref().map_or(f.text.as_str(), |t| t.rest.as_str());
        if let Some(t) = &typed {
            push(
                FilterPart::TypedDate,
                Filter {
                    text: t.rest.clone(),
                    ..f.clone()
                },
            );
        }
        let spans = search::parse_spans(text);
        // Word by word only for a text of a few parts: each part costs a search.
        if (2..=MAX_WORD_PARTS).contains(&spans.len()) {
            for (_, (s, e)) in &spans {
                let rest = format!("{} {}", &text[..*s], &text[*e..]);
                let mut words: Vec<&str> = rest.split_whitespace().collect();
                // Keep the typed date, which is its own part.
                let date;
                if let Some(t) = &typed {
                    date = f.text[t.span.0..t.span.1].to_string();
                    words.push(&date);
                }
                push(
                    FilterPart::Word(text[*s..*e].to_string()),
                    Filter {
                        text: words.join(" "),
                        ..f.clone()
                    },
                );
            }
        }
        if !f.text.trim().is_empty() {
            push(
                FilterPart::Text,
                Filter {
                    text: String::new(),
                    ..f.clone()
                },
            );
        }
        out
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
        let text = self.corpus.paragraph_text(a, p);
        Some((
            p,
            search::snippet(text, &self.highlight(a, p, query), SNIPPET_CHARS),
        ))
    }

    /// [`search::highlight`] for a paragraph of the corpus, reading its figures from the
    /// corpus instead of recognising them again (the recogniser costs about 20 µs a
    /// paragraph, which made snippets of `80%` at 10,000 articles twice as slow).
    fn highlight(&self, a: ArticleIx, p: u32, query: &Query) -> Vec<(u32, u32)> {
        let text = self.corpus.paragraph_text(a, p);
        let (figs, words): (Vec<&search::Clause>, Vec<&search::Clause>) = query
            .clauses
            .iter()
            .partition(|c| matches!(c, search::Clause::Figure { .. }));
        if figs.is_empty() {
            return search::highlight(text, query);
        }
        let mut out = search::highlight(
            text,
            &Query {
                clauses: words.into_iter().cloned().collect(),
            },
        );
        let all = &self.corpus.figures;
        let lo = all.partition_point(|f| (f.article, f.paragraph) < (a, p));
        for f in all[lo..]
            .iter()
            .take_while(|f| (f.article, f.paragraph) == (a, p))
        {
            let value = search::figure_value(f.value);
            if figs.iter().any(|c| {
                matches!(c, search::Clause::Figure { unit, value: v } if *unit == f.unit && *v == value)
            }) {
                out.push((f.start, f.end));
            }
        }
        search::merge_ranges(out)
    }

    /// A snippet for any result of a search for `text` (results past the first
    /// [`SNIPPETS`] are computed on demand).
    pub fn snippet(&self, r: &ArticleResult, text: &str) -> Option<(u32, Snippet)> {
        let query = self.query(text);
        let lists: Vec<_> = query
            .clauses
            .iter()
            .map(|cl| self.index().clause_lists(cl))
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
