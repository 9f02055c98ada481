//! Two articles side by side: what they share and where their figures differ.
//!
//! Two independent articles share no word order, so the comparison is made on what the
//! corpus knows about them: entity mentions, the events each reports (with the passages
//! that support them), and the curated measures. [`align`] returns:
//!
//! - **entities** both mention, and those only one side mentions, with every mention's
//!   place on each side (so a view can step through them);
//! - **events** both report, and those only one reports, with each side's passages and
//!   when each article reported the event;
//! - **figures**: for every measure with a value in either article, the values on each
//!   side (qualifiers kept) and, when each side has exactly one value in the same unit,
//!   the change between them. Values are paired **only within a measure**: the same
//!   number in two measures (56 civilians killed, 56 armoured vehicles) is never paired.

use crate::date::DateSpec;
use crate::model::{ArticleIx, Corpus, EntityIx, EventIx, Evidence, Mention};
use crate::render::lag;

/// One side of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The left column.
    Left,
    /// The right column.
    Right,
}

impl Side {
    /// The left or the right of two things, as this side says.
    pub fn of<T>(self, left: T, right: T) -> T {
        match self {
            Side::Left => left,
            Side::Right => right,
        }
    }
}

/// What can be selected in the side-by-side view (its places are stepped through in
/// both columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareItem {
    /// An entity.
    Entity(EntityIx),
    /// An event.
    Event(EventIx),
}

/// Rows split by which side has them: both, only the left, only the right.
#[derive(Clone, Debug, PartialEq)]
pub struct Sides<R> {
    /// On both sides.
    pub shared: Vec<R>,
    /// Only on the left.
    pub only_left: Vec<R>,
    /// Only on the right.
    pub only_right: Vec<R>,
}

impl<R> Default for Sides<R> {
    fn default() -> Self {
        Sides {
            shared: Vec::new(),
            only_left: Vec::new(),
            only_right: Vec::new(),
        }
    }
}

impl<R> Sides<R> {
    /// File a row by whether each side has it (a row neither side has is dropped).
    fn file(&mut self, row: R, left: bool, right: bool) {
        match (left, right) {
            (true, true) => self.shared.push(row),
            (true, false) => self.only_left.push(row),
            (false, true) => self.only_right.push(row),
            (false, false) => {}
        }
    }

    /// Every row: shared, then only left, then only right.
    pub fn all(&self) -> impl Iterator<Item = &R> {
        self.shared
            .iter()
            .chain(&self.only_left)
            .chain(&self.only_right)
    }

    fn each_mut(&mut self, mut f: impl FnMut(&mut Vec<R>)) {
        f(&mut self.shared);
        f(&mut self.only_left);
        f(&mut self.only_right);
    }
}

/// An entity and its mentions on each side (in text order).
#[derive(Clone, Debug, PartialEq)]
pub struct EntityRow {
    /// The entity.
    pub entity: EntityIx,
    /// Mentions in the left article.
    pub left: Vec<Mention>,
    /// Mentions in the right article.
    pub right: Vec<Mention>,
}

/// An event and the passages that report it on each side.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    /// The event.
    pub event: EventIx,
    /// Evidence in the left article.
    pub left: Vec<Evidence>,
    /// Evidence in the right article.
    pub right: Vec<Evidence>,
    /// When the left article reported it, relative to the event ("3 days later"), if
    /// it does.
    pub left_lag: Option<String>,
    /// The same for the right article.
    pub right_lag: Option<String>,
}

/// One value of a measure in one article.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    /// Index into [`Corpus::figures`].
    pub figure: u32,
    /// The number (scale applied).
    pub value: f64,
    /// `at least`, `or more`, ... (empty if none).
    pub qualifier: String,
    /// The unit of the figure (`count`, `USD`, ...).
    pub unit: String,
    /// The date the value describes.
    pub as_of: DateSpec,
    /// The measure's note on this value.
    pub note: Option<String>,
}

/// The change between the two sides' values of a measure, earlier to later.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The side whose value is earlier (by as-of date; the left when tied).
    pub from: Side,
    /// Later value minus earlier value.
    pub delta: f64,
    /// A qualifier on either value ("at least 21"): the change is not exact.
    pub approximate: bool,
}

/// A measure with its values on each side.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureRow {
    /// Index into [`Corpus::measures`].
    pub measure: u32,
    /// Values in the left article.
    pub left: Vec<Value>,
    /// Values in the right article.
    pub right: Vec<Value>,
    /// The change, when each side has exactly one value, in the same unit.
    pub change: Option<Change>,
}

/// Two articles aligned.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Alignment {
    /// Entities by side, most mentioned first.
    pub entities: Sides<EntityRow>,
    /// Events by side, in time order.
    pub events: Sides<EventRow>,
    /// Measures with a value in either article, in data order.
    pub figures: Vec<FigureRow>,
}

impl Alignment {
    /// Is this entity shared (mentioned on both sides)?
    pub fn is_shared_entity(&self, e: EntityIx) -> bool {
        self.entities.shared.iter().any(|r| r.entity == e)
    }

    /// Where an entity is named, or an event reported, in one side's article:
    /// (paragraph, start, end) in text order; empty when that side does not have it.
    pub fn places(&self, item: CompareItem, side: Side) -> Vec<(u32, u32, u32)> {
        match item {
            CompareItem::Entity(e) => {
                self.entities
                    .all()
                    .find(|r| r.entity == e)
                    .map_or(Vec::new(), |r| {
                        let m = side.of(&r.left, &r.right);
                        m.iter().map(|m| (m.paragraph, m.start, m.end)).collect()
                    })
            }
            CompareItem::Event(ev) => {
                self.events
                    .all()
                    .find(|r| r.event == ev)
                    .map_or(Vec::new(), |r| {
                        let x = side.of(&r.left, &r.right);
                        x.iter().map(|x| (x.paragraph, x.start, x.end)).collect()
                    })
            }
        }
    }
}

/// Align `left` and `right` (indices into the corpus's articles; out of range gives an
/// empty alignment).
pub fn align(c: &Corpus, left: ArticleIx, right: ArticleIx) -> Alignment {
    let mut out = Alignment::default();
    let n = c.articles.len() as u32;
    if left >= n || right >= n {
        return out;
    }
    // Entities. Mentions are in article order: each article's are found by bisection, so
    // a large corpus costs a few steps per entity, not a scan of every mention.
    for (ei, ent) in c.entities.iter().enumerate() {
        let on = |a: ArticleIx| -> Vec<Mention> {
            let from = ent.mentions.partition_point(|m| m.article < a);
            ent.mentions[from..]
                .iter()
                .take_while(|m| m.article == a)
                .copied()
                .collect()
        };
        let row = EntityRow {
            entity: ei as u32,
            left: on(left),
            right: on(right),
        };
        let (l, r) = (!row.left.is_empty(), !row.right.is_empty());
        out.entities.file(row, l, r);
    }
    let by_mentions = |v: &mut Vec<EntityRow>| {
        crate::util::sort_by(v, |a, b| {
            let (na, nb) = (a.left.len() + a.right.len(), b.left.len() + b.right.len());
            (
                std::cmp::Reverse(na),
                &c.entities[a.entity as usize].name,
                a.entity,
            ) < (
                std::cmp::Reverse(nb),
                &c.entities[b.entity as usize].name,
                b.entity,
            )
        })
    };
    out.entities.each_mut(by_mentions);
    // Events (era bands included: they are reported like any event): only those either
    // article reports are sorted (at 10,000 articles, sorting all 80,000 events took most
    // of the side by side's time).
    let mut events: Vec<EventIx> = (0..c.events.len() as u32)
        .filter(|&e| {
            c.events[e as usize]
                .evidence
                .iter()
                .any(|x| x.article == left || x.article == right)
        })
        .collect();
    crate::util::sort_by(&mut events, |&a, &b| {
        let (ea, eb) = (&c.events[a as usize], &c.events[b as usize]);
        (ea.date.start, a) < (eb.date.start, b)
    });
    for e in events {
        let ev = &c.events[e as usize];
        let on = |a: ArticleIx| -> Vec<Evidence> {
            ev.evidence
                .iter()
                .filter(|x| x.article == a)
                .cloned()
                .collect()
        };
        let when = |a: ArticleIx, evd: &[Evidence]| {
            (!evd.is_empty()).then(|| lag(&ev.date, c.articles[a as usize].published.span()))
        };
        let (l, r) = (on(left), on(right));
        let row = EventRow {
            event: e,
            left_lag: when(left, &l),
            right_lag: when(right, &r),
            left: l,
            right: r,
        };
        let (l, r) = (!row.left.is_empty(), !row.right.is_empty());
        out.events.file(row, l, r);
    }
    // Figures: paired within a measure only.
    for (mi, m) in c.measures.iter().enumerate() {
        let on = |a: ArticleIx| -> Vec<Value> {
            m.values
                .iter()
                .filter_map(|v| {
                    let f = c.figures.get(v.figure as usize)?;
                    (f.article == a).then(|| Value {
                        figure: v.figure,
                        value: f.value,
                        qualifier: f.qualifier.clone(),
                        unit: f.unit.clone(),
                        as_of: v.as_of,
                        note: v.note.clone(),
                    })
                })
                .collect()
        };
        let (l, r) = (on(left), on(right));
        if l.is_empty() && r.is_empty() {
            continue;
        }
        let change = match (l.as_slice(), r.as_slice()) {
            ([a], [b]) if a.unit == b.unit && left != right => {
                let from = if b.as_of.start < a.as_of.start {
                    Side::Right
                } else {
                    Side::Left
                };
                let (early, late) = from.of((a, b), (b, a));
                Some(Change {
                    from,
                    delta: late.value - early.value,
                    approximate: !a.qualifier.is_empty() || !b.qualifier.is_empty(),
                })
            }
            _ => None,
        };
        out.figures.push(FigureRow {
            measure: mi as u32,
            left: l,
            right: r,
            change,
        });
    }
    out
}

/// A change in words: `+35`, `−6`, `no change`; `about` when a qualifier makes it
/// inexact.
pub fn change_label(ch: &Change) -> String {
    let n = crate::render::number(ch.delta.abs());
    let body = if ch.delta == 0.0 {
        "no change".to_string()
    } else if ch.delta > 0.0 {
        format!("+{n}")
    } else {
        format!("−{n}")
    };
    if ch.approximate {
        format!("{body} (not exact: a value is qualified)")
    } else {
        body
    }
}

/// How the matrix rows are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MatrixSort {
    /// Most mentions (in the columns shown) first.
    #[default]
    Total,
    /// By name.
    Name,
    /// Most mentions in one article first.
    Article(ArticleIx),
}

/// One row of the entity × article matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixRow {
    /// The entity.
    pub entity: EntityIx,
    /// Mentions in each column, in the order of the columns asked for.
    pub counts: Vec<u32>,
    /// Their sum.
    pub total: u32,
}

/// Mention counts of entities × articles: one column per article in `articles` (in that
/// order), one row per entity of the given kinds (all kinds when empty) mentioned in at
/// least one of them, in `sort` order (ties by name).
pub fn matrix(
    c: &Corpus,
    articles: &[ArticleIx],
    kinds: &[crate::model::EntityKind],
    sort: MatrixSort,
) -> Vec<MatrixRow> {
    let col: Vec<Option<usize>> = (0..c.articles.len() as u32)
        .map(|a| articles.iter().position(|&x| x == a))
        .collect();
    let mut rows: Vec<MatrixRow> = Vec::new();
    for (ei, ent) in c.entities.iter().enumerate() {
        if !kinds.is_empty() && !kinds.contains(&ent.kind) {
            continue;
        }
        let mut counts = vec![0u32; articles.len()];
        for m in &ent.mentions {
            if let Some(Some(k)) = col.get(m.article as usize) {
                counts[*k] += 1;
            }
        }
        let total = counts.iter().sum();
        if total > 0 {
            rows.push(MatrixRow {
                entity: ei as u32,
                counts,
                total,
            });
        }
    }
    let name = |r: &MatrixRow| (c.entities[r.entity as usize].name.to_lowercase(), r.entity);
    let in_column = |r: &MatrixRow, a: ArticleIx| {
        articles
            .iter()
            .position(|&x| x == a)
            .map_or(0, |k| r.counts[k])
    };
    crate::util::sort_by(&mut rows, |a, b| match sort {
        MatrixSort::Total => {
            (std::cmp::Reverse(a.total), name(a)) < (std::cmp::Reverse(b.total), name(b))
        }
        MatrixSort::Name => name(a) < name(b),
        MatrixSort::Article(x) => {
            (
                std::cmp::Reverse(in_column(a, x)),
                std::cmp::Reverse(a.total),
                name(a),
            ) < (
                std::cmp::Reverse(in_column(b, x)),
                std::cmp::Reverse(b.total),
                name(b),
            )
        }
    });
    rows
}

/// One value of a measure placed on a time axis, for a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Index into [`Corpus::figures`].
    pub figure: u32,
    /// The article it comes from.
    pub article: ArticleIx,
    /// First and last day the as-of date may be (equal for a day).
    pub when: (crate::date::Date, crate::date::Date),
    /// The number.
    pub value: f64,
    /// Which way the true value may lie from the number.
    pub bound: Bound,
}

/// What a qualifier says about the true value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// Exactly the number.
    Exact,
    /// At least the number ("at least", "or more", "more than", "over").
    AtLeast,
    /// At most the number ("up to", "fewer than", "under", "nearly").
    AtMost,
    /// Around the number ("roughly", "about", "some", "around").
    About,
}

impl Bound {
    /// The sign drawn before the number: `≥`, `≤`, `~` or nothing.
    pub fn sign(self) -> &'static str {
        match self {
            Bound::Exact => "",
            Bound::AtLeast => "≥",
            Bound::AtMost => "≤",
            Bound::About => "~",
        }
    }

    /// The words said before the number: `at least `, `at most `, `about ` or nothing.
    pub fn words(self) -> &'static str {
        match self {
            Bound::Exact => "",
            Bound::AtLeast => "at least ",
            Bound::AtMost => "at most ",
            Bound::About => "about ",
        }
    }
}

/// The bound a qualifier expresses.
pub fn bound_of(qualifier: &str) -> Bound {
    let q = qualifier.to_lowercase();
    let has = |ws: &[&str]| ws.iter().any(|w| q.contains(w));
    if q.is_empty() {
        Bound::Exact
    } else if has(&[
        "at least",
        "or more",
        "more than",
        "over",
        "above",
        "upwards",
    ]) {
        Bound::AtLeast
    } else if has(&[
        "up to",
        "fewer than",
        "less than",
        "under",
        "nearly",
        "almost",
        "nearing",
        "below",
    ]) {
        Bound::AtMost
    } else {
        Bound::About
    }
}

/// The values of a measure that can share one axis, in time order: those in its most
/// common unit (a measure given in soles and in dollars charts the soles only when they
/// are the majority; ties go to the first value's unit).
pub fn series(c: &Corpus, measure: u32) -> Vec<Point> {
    let Some(m) = c.measures.get(measure as usize) else {
        return Vec::new();
    };
    let figs: Vec<(&crate::model::MeasureValue, &crate::model::Figure)> = m
        .values
        .iter()
        .filter_map(|v| c.figures.get(v.figure as usize).map(|f| (v, f)))
        .collect();
    // The most common unit; on a tie, the one that comes first.
    let mut unit: Option<(&String, usize)> = None;
    for (_, f) in &figs {
        let n = figs.iter().filter(|(_, g)| g.unit == f.unit).count();
        if unit.is_none_or(|(_, best)| n > best) {
            unit = Some((&f.unit, n));
        }
    }
    let Some((unit, _)) = unit else {
        return Vec::new();
    };
    let mut out: Vec<Point> = figs
        .iter()
        .filter(|(_, f)| &f.unit == unit)
        .map(|(v, f)| Point {
            figure: v.figure,
            article: f.article,
            when: (v.as_of.start, v.as_of.end),
            value: f.value,
            bound: bound_of(&f.qualifier),
        })
        .collect();
    crate::util::sort_by(&mut out, |a, b| (a.when.0, a.figure) < (b.when.0, b.figure));
    out
}

/// How many articles an article picker lists at most (a `<select>` of 10,000 options
/// takes seconds to draw and cannot be read).
pub const PICKER_MAX: usize = 200;

/// The articles an article picker offers: all of them when there are at most `cap`;
/// otherwise the first `cap` of `matched` (the current results, in their order), plus
/// every article of `keep` (the ones already chosen). In publication order; with the
/// number of articles left out.
pub fn picker_choices(
    c: &Corpus,
    matched: impl IntoIterator<Item = ArticleIx>,
    keep: &[ArticleIx],
    cap: usize,
) -> (Vec<ArticleIx>, usize) {
    let n = c.articles.len();
    let mut chosen: Vec<ArticleIx> = if n <= cap {
        (0..n as ArticleIx).collect()
    } else {
        matched
            .into_iter()
            .filter(|&a| (a as usize) < n)
            .take(cap)
            .collect()
    };
    chosen.extend(keep.iter().copied().filter(|&a| (a as usize) < n));
    chosen.sort_by_key(|&a| (c.articles[a as usize].published.date, a));
    chosen.dedup();
    let left_out = n - chosen.len();
    (chosen, left_out)
}
