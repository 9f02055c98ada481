//! View models: exactly what each widget shows, computed here and tested natively (crux's
//! habit), so that components only turn them into markup.
//!
//! - [`facet`]: one facet's rows (selected first, then by how much they match), its
//!   filter box and its "show all" toggle;
//! - [`result_row`]: a result's title badges, date, byline and the snippet that shows why
//!   it matched;
//! - [`results_count`] and [`live_count`]: the results' counts as shown and as announced;
//! - [`provenance`]: the reader's "what is stated, what is inferred and why" list.
//!
//! The timeline's status line is [`crate::timeline::status`].

use crate::model::{Article, ArticleIx, Corpus, EntityIx, EntityKind, ParagraphKind, Provenance};
use crate::query::{ArticleResult, Engine, Facet, Results};
use crate::render::{count, published_label, short_date};
use crate::search::{fold, Snippet};
use crate::Precision;

/// How many values a facet lists before "Show all".
pub const FACET_SHORT: usize = 8;

/// The most values a facet lists, expanded or filtered: a gazetteer of thousands of names
/// gives a bounded list and a line saying how many more its filter box finds.
pub const FACET_LONG: usize = 200;

/// One value of a facet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FacetRow {
    /// The entity.
    pub entity: EntityIx,
    /// Matching articles that mention it.
    pub articles: u32,
    /// Matching events that involve it.
    pub events: u32,
    /// It is one of the filters.
    pub selected: bool,
    /// Ticking it would give nothing (so it is disabled).
    pub empty: bool,
}

/// One facet (a kind of entity) as the filter panel shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetView {
    /// The facet is not shown at all (the kinds are restricted to others).
    pub hidden: bool,
    /// Values of this kind (the number in the heading).
    pub total: usize,
    /// Values that pass the facet's filter box.
    pub matching: usize,
    /// The values listed.
    pub rows: Vec<FacetRow>,
    /// The facet has a filter box (it has more values than it lists at first).
    pub has_filter_box: bool,
    /// The "Show all N" / "Show fewer" toggle: `Some(expanded)` when it is shown.
    pub toggle: Option<bool>,
    /// Matching values not listed because the list stops at [`FACET_LONG`].
    pub beyond: usize,
}

/// The facet counts of one kind, in gazetteer order (what a facet depends on in the
/// results: a change elsewhere leaves it equal).
pub fn facet_counts(c: &Corpus, r: &Results, kind: EntityKind) -> Vec<Facet> {
    r.facets
        .iter()
        .filter(|f| {
            c.entities
                .get(f.entity as usize)
                .is_some_and(|e| e.kind == kind)
        })
        .copied()
        .collect()
}

/// One facet: `counts` from [`facet_counts`], the selected entities, the kinds the
/// filters list (empty: all), what is typed in its filter box, and whether it is expanded.
pub fn facet(
    c: &Corpus,
    counts: &[Facet],
    selected: &[EntityIx],
    kinds: &[EntityKind],
    kind: EntityKind,
    needle: &str,
    expanded: bool,
) -> FacetView {
    // The engine omits kinds the filters do not list.
    if counts.is_empty() && !kinds.is_empty() && !kinds.contains(&kind) {
        return FacetView {
            hidden: true,
            ..FacetView::default()
        };
    }
    let mut values: Vec<FacetRow> = counts
        .iter()
        .map(|f| {
            let sel = selected.contains(&f.entity);
            FacetRow {
                entity: f.entity,
                articles: f.articles,
                events: f.events,
                selected: sel,
                empty: f.articles == 0 && f.events == 0 && !sel,
            }
        })
        .collect();
    // Selected first, then by articles, events, mentions in the whole corpus and name: the
    // last two keep the order of values that match equally (none at all, say) the same
    // as with no filter, so a search that empties the results does not reshuffle them.
    let key = |r: &FacetRow| {
        let e = c.entities.get(r.entity as usize);
        (
            !r.selected,
            std::cmp::Reverse(r.articles),
            std::cmp::Reverse(r.events),
            std::cmp::Reverse(e.map_or(0, |e| e.mentions.len())),
            e.map_or("", |e| e.name.as_str()),
        )
    };
    crate::util::sort_by(&mut values, |a, b| key(a) < key(b));
    let total = values.len();
    let folded = fold(needle.trim());
    if !folded.is_empty() {
        values.retain(|f| {
            c.entities.get(f.entity as usize).is_some_and(|e| {
                fold(&e.name).contains(&folded)
                    || e.aliases.iter().any(|a| fold(&a.text).contains(&folded))
            })
        });
    }
    let matching = values.len();
    values.truncate(if !expanded && folded.is_empty() {
        FACET_SHORT
    } else {
        FACET_LONG
    });
    FacetView {
        hidden: false,
        total,
        matching,
        beyond: if !expanded && folded.is_empty() {
            0
        } else {
            matching - values.len()
        },
        rows: values,
        has_filter_box: total > FACET_SHORT,
        toggle: (folded.is_empty() && matching > FACET_SHORT).then_some(expanded),
    }
}

/// The accessible count of a facet value: `3 articles, 2 events`.
pub fn facet_count_label(row: &FacetRow) -> String {
    format!(
        "{}, {}",
        count(row.articles as usize, "article"),
        count(row.events as usize, "event")
    )
}

/// A result as the results list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultRow {
    /// The article.
    pub article: ArticleIx,
    /// The paragraph the title opens at (the snippet's), if any.
    pub paragraph: Option<u32>,
    /// Why it matched: the best passage, with its hits; or the article's opening.
    pub snippet: Snippet,
    /// The publication date as shown (`9 Jan 2023`, or its span when only bounded).
    pub date: String,
    /// The publication date is not stated.
    pub date_inferred: bool,
    /// The title is not in the text.
    pub title_supplied: bool,
    /// The byline, or `author unknown`.
    pub authors: String,
    /// The article's text is not loaded yet: the snippet is empty until it is.
    pub text_pending: bool,
}

/// How many characters of an article's opening stand in for a snippet.
pub const LEAD_CHARS: usize = 220;

/// The opening of an article's first body paragraph, cut at [`LEAD_CHARS`].
pub fn lead(c: &Corpus, a: ArticleIx) -> String {
    let first = c.articles.get(a as usize).map_or("", |art| {
        art.paragraphs
            .iter()
            .position(|p| p.kind == ParagraphKind::Body)
            .map_or("", |p| c.paragraph_text(a, p as u32))
    });
    let mut cut: String = first.chars().take(LEAD_CHARS).collect();
    if first.chars().nth(LEAD_CHARS).is_some() {
        cut.push('…');
    }
    cut
}

/// The passage of an article that mentions the filter's entities (the paragraph naming
/// the most of them, the first of those), with their mentions marked: why the article
/// matched an entity filter.
pub fn entity_snippet(
    engine: &Engine,
    a: ArticleIx,
    entities: &[EntityIx],
) -> Option<(u32, Snippet)> {
    let c = engine.corpus();
    let art = c.articles.get(a as usize)?;
    let mut best: Option<(usize, u32)> = None;
    for p in 0..art.paragraphs.len() as u32 {
        let here = engine.entities_in_paragraph(a, p);
        let n = entities.iter().filter(|e| here.contains(e)).count();
        if n > 0 && best.is_none_or(|b| n > b.0) {
            best = Some((n, p));
        }
    }
    let (_, p) = best?;
    let mut marks: Vec<(u32, u32)> = entities
        .iter()
        .filter_map(|&e| c.entities.get(e as usize))
        .flat_map(|e| e.mentions.iter())
        .filter(|m| m.article == a && m.paragraph == p)
        .map(|m| (m.start, m.end))
        .collect();
    crate::util::sort(&mut marks);
    let text = c.paragraph_text(a, p);
    Some((
        p,
        crate::search::snippet(text, &marks, crate::query::SNIPPET_CHARS),
    ))
}

/// A result row for the search `text` with the entity filters `entities`: its snippet
/// is the passage the search found, else the one naming the entities, else the opening.
pub fn result_row(
    engine: &Engine,
    r: &ArticleResult,
    text: &str,
    entities: &[EntityIx],
) -> ResultRow {
    let c = engine.corpus();
    let a = &c.articles[r.article as usize];
    // A snippet computed before the article's text was loaded is empty: compute it again.
    let found = r
        .snippet
        .clone()
        .filter(|(_, s)| !s.text.is_empty())
        .or_else(|| {
            if text.trim().is_empty() {
                None
            } else {
                engine.snippet(r, text)
            }
        })
        .or_else(|| entity_snippet(engine, r.article, entities));
    let (paragraph, snippet) = match found {
        Some((p, s)) => (Some(p), s),
        None => (
            None,
            Snippet {
                text: lead(c, r.article),
                highlights: Vec::new(),
            },
        ),
    };
    let date = match a.published.precision {
        Precision::Day => short_date(a.published.date),
        _ => {
            let (e, l) = a.published.span();
            format!("{} – {}", short_date(e), short_date(l))
        }
    };
    ResultRow {
        article: r.article,
        paragraph,
        snippet,
        date,
        date_inferred: a.published.status != Provenance::Stated,
        title_supplied: a.title_status == Provenance::Supplied,
        authors: authors(a),
        text_pending: !c.has_text(r.article),
    }
}

/// The byline as shown: `A, B`, or `author unknown`.
pub fn authors(a: &Article) -> String {
    if a.authors.is_empty() {
        "author unknown".into()
    } else {
        a.authors.join(", ")
    }
}

/// The results' counts as the results header shows them: `5 articles, 82 events`.
pub fn results_count(r: &Results) -> String {
    format!(
        "{}, {}",
        count(r.articles.len(), "article"),
        count(r.events.len(), "event")
    )
}

/// The counts as a screen reader hears them after each change: `5 articles and 82
/// events match`.
pub fn live_count(r: &Results) -> String {
    format!(
        "{} and {} match",
        count(r.articles.len(), "article"),
        count(r.events.len(), "event")
    )
}

/// One line of the reader's provenance list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvenanceRow {
    /// What it is about: `Title`, `Authors`, `Published`.
    pub field: &'static str,
    /// The value (empty for the title, which is the heading).
    pub value: String,
    /// The machine-readable date, for a `<time>` (the publication date only).
    pub datetime: Option<String>,
    /// The badge: `stated in the text`, `inferred`, ...
    pub status: &'static str,
    /// The badge is a warning (not stated in the text).
    pub inferred: bool,
    /// The summary of the explanation, and its paragraphs.
    pub why: Option<(&'static str, Vec<String>)>,
}

/// What a provenance badge says.
pub fn status_label(p: Provenance) -> &'static str {
    match p {
        Provenance::Stated => "stated in the text",
        Provenance::Inferred => "inferred",
        Provenance::Supplied => "supplied (not in the text)",
        Provenance::Unknown => "unknown",
    }
}

/// The reader's provenance list: title, authors and publication date, each with whether
/// it is stated in the text and, when not, why it is what it is.
pub fn provenance(a: &Article) -> Vec<ProvenanceRow> {
    let why = |r: &Option<String>| r.as_ref().map(|r| ("Why", vec![r.clone()]));
    let date_why = a.published.reason.as_ref().map(|r| {
        let mut lines = vec![r.clone()];
        if let (Some(e), Some(l)) = (a.published.earliest, a.published.latest) {
            lines.push(format!(
                "Possible dates: {} to {}.",
                short_date(e),
                short_date(l)
            ));
        }
        ("How the date was inferred", lines)
    });
    vec![
        ProvenanceRow {
            field: "Title",
            value: String::new(),
            datetime: None,
            status: status_label(a.title_status),
            inferred: a.title_status != Provenance::Stated,
            why: why(&a.title_reason),
        },
        ProvenanceRow {
            field: "Authors",
            value: if a.authors.is_empty() {
                "Unknown".into()
            } else {
                a.authors.join(", ")
            },
            datetime: None,
            status: status_label(a.authors_status),
            inferred: a.authors_status != Provenance::Stated,
            why: why(&a.authors_reason),
        },
        ProvenanceRow {
            field: "Published",
            value: published_label(&a.published),
            datetime: Some(a.published.date.to_string()),
            status: status_label(a.published.status),
            inferred: a.published.status != Provenance::Stated,
            why: date_why,
        },
    ]
}

/// A figure of an article, as the reader's table lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleFigure {
    /// Index into the corpus's figures.
    pub figure: u32,
    /// Its paragraph.
    pub paragraph: u32,
    /// The figure as the text writes it (`at least 21`).
    pub written: String,
    /// What it measures: the measure's name, or what the text counts, or nothing.
    pub what: String,
    /// The measure it is a value of, if any.
    pub measure: Option<u32>,
}

/// An article's figures in text order, each with what it measures.
pub fn article_figures(engine: &Engine, a: ArticleIx) -> Vec<ArticleFigure> {
    let c = engine.corpus();
    let mut out: Vec<ArticleFigure> = engine
        .figures_in_article(a)
        .iter()
        .filter_map(|&i| c.figures.get(i as usize).map(|f| (i, f)))
        .map(|(i, f)| {
            let measure = engine.measure_of_figure(i);
            let what = match measure.and_then(|m| c.measures.get(m as usize)) {
                Some(m) => m.name.clone(),
                None => f.noun.clone(),
            };
            ArticleFigure {
                figure: i,
                paragraph: f.paragraph,
                written: c.figure_text(f).to_string(),
                what,
                measure,
            }
        })
        .collect();
    crate::util::sort_by(&mut out, |x, y| {
        let (fx, fy) = (&c.figures[x.figure as usize], &c.figures[y.figure as usize]);
        (fx.paragraph, fx.start) < (fy.paragraph, fy.start)
    });
    out
}

/// What a figure's tooltip says: what it measures and its value, `Death toll: at least
/// 21` (or `Figure: 56 armored vehicles` when no measure has it).
pub fn figure_title(engine: &Engine, figure: u32) -> String {
    let c = engine.corpus();
    let Some(f) = c.figures.get(figure as usize) else {
        return String::new();
    };
    let value = crate::render::figure_value(f);
    match engine
        .measure_of_figure(figure)
        .and_then(|m| c.measures.get(m as usize))
    {
        Some(m) => format!("{}: {value}", m.name),
        None if !f.noun.is_empty() && !value.contains(&f.noun) => {
            format!("Figure: {value} {}", f.noun)
        }
        None => format!("Figure: {value}"),
    }
}

/// One value of a measure, as the measure view lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureRow {
    /// Index into the corpus's figures.
    pub figure: u32,
    /// The article.
    pub article: ArticleIx,
    /// Its paragraph.
    pub paragraph: u32,
    /// The value with its qualifier, as it reads (`at least 21`, `62 or more`).
    pub value: String,
    /// The passage's words for it, verbatim.
    pub written: String,
    /// The date the value describes (`December 2022`, `16 Dec 2022`).
    pub as_of: String,
    /// A caveat, if the curators noted one.
    pub note: Option<String>,
    /// The change from the previous value (by the date it describes): `+35`, `−6`, `no
    /// change`, marked `(not exact …)` when a qualifier makes it so; `None` for the first,
    /// or when the units differ.
    pub change: Option<String>,
}

/// One measure across every article that reports it, in the order of the dates the values
/// describe.
pub fn measure_rows(c: &Corpus, measure: u32) -> Vec<MeasureRow> {
    let Some(m) = c.measures.get(measure as usize) else {
        return Vec::new();
    };
    let mut vals: Vec<&crate::model::MeasureValue> = m
        .values
        .iter()
        .filter(|v| c.figures.get(v.figure as usize).is_some())
        .collect();
    crate::util::sort_by(&mut vals, |a, b| {
        (a.as_of.start, a.as_of.end, a.figure) < (b.as_of.start, b.as_of.end, b.figure)
    });
    let mut out: Vec<MeasureRow> = Vec::with_capacity(vals.len());
    let mut prev: Option<&crate::model::Figure> = None;
    for v in vals {
        let f = &c.figures[v.figure as usize];
        let change = prev.filter(|p| p.unit == f.unit).map(|p| {
            let ch = crate::compare::Change {
                from: crate::compare::Side::Left,
                delta: f.value - p.value,
                approximate: !p.qualifier.is_empty() || !f.qualifier.is_empty(),
            };
            crate::compare::change_label(&ch)
        });
        out.push(MeasureRow {
            figure: v.figure,
            article: f.article,
            paragraph: f.paragraph,
            value: crate::render::figure_value(f),
            written: c.figure_text(f).to_string(),
            as_of: crate::render::date_label(&v.as_of),
            note: v.note.clone(),
            change,
        });
        prev = Some(f);
    }
    out
}

/// How often an entity is named with another, for the entity card: `in 3 paragraphs, 2
/// articles`, or `in 2 articles, never in the same paragraph`.
pub fn cooccurrence_label(co: &crate::query::CoOccurrence) -> String {
    if co.paragraphs == 0 {
        format!(
            "in {}, never in the same paragraph",
            count(co.articles as usize, "article")
        )
    } else {
        format!(
            "in {}, {}",
            count(co.paragraphs as usize, "paragraph"),
            count(co.articles as usize, "article")
        )
    }
}

/// A way out of an empty result: drop one part of the filter.
#[derive(Clone, Debug, PartialEq)]
pub struct FilterDrop {
    /// What is dropped, in words: `the filter “Dina Boluarte”`, `the word “troops”`.
    pub what: String,
    /// The filter without it.
    pub filter: crate::query::Filter,
    /// What it would then match: `3 articles, 12 events`.
    pub gives: String,
}

/// What a search that found nothing offers instead: names the words may have meant, and
/// each part of the filter whose removal finds something (most found first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeadEnd {
    /// Entity names near the words typed (`Bolaurte` → Dina Boluarte).
    pub suggestions: Vec<crate::suggest::Suggestion>,
    /// The parts of the filter that empty the results, each with what dropping it gives.
    pub drops: Vec<FilterDrop>,
}

/// What to offer for `filter`, whose results `r` are empty (`None` when they are not,
/// or when nothing is asked).
pub fn dead_end(engine: &Engine, filter: &crate::query::Filter, r: &Results) -> Option<DeadEnd> {
    use crate::query::FilterPart;
    if !(r.articles.is_empty() && r.events.is_empty()) {
        return None;
    }
    let c = engine.corpus();
    let asked =
        !filter.text.trim().is_empty() || !filter.entities.is_empty() || filter.range.is_some();
    if !asked {
        return None;
    }
    let suggestions = if filter.text.trim().is_empty() {
        Vec::new()
    } else {
        engine.suggest(&filter.text)
    };
    let mut drops: Vec<(u32, FilterDrop)> = engine
        .relaxations(filter)
        .into_iter()
        .filter(|x| x.articles + x.events > 0)
        .map(|x| {
            let what = match &x.part {
                FilterPart::Entity(e) => format!(
                    "the filter “{}”",
                    c.entities.get(*e as usize).map_or("", |e| e.name.as_str())
                ),
                FilterPart::Range => "the date range".to_string(),
                FilterPart::TypedDate => "the date in the search".to_string(),
                FilterPart::Word(w) => format!("“{w}” from the search"),
                FilterPart::Text => "the search text".to_string(),
            };
            let gives = format!(
                "{}, {}",
                count(x.articles as usize, "article"),
                count(x.events as usize, "event")
            );
            (
                x.articles + x.events,
                FilterDrop {
                    what,
                    filter: x.filter,
                    gives,
                },
            )
        })
        .collect();
    crate::util::sort_by(&mut drops, |a, b| a.0 > b.0);
    Some(DeadEnd {
        suggestions,
        drops: drops.into_iter().map(|d| d.1).collect(),
    })
}
