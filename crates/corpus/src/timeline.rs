//! Timeline layout: events and articles in, positioned marks out.
//!
//! The timeline component only draws what [`layout`] returns (SVG), so every placement
//! rule is here and tested natively:
//!
//! - **Honest dates**: a day-precise event is a point; a month-, year- or span-precise one
//!   is drawn as the interval it may fall in (`start..=end`), never as a point that claims
//!   more precision than the text gives. Inferred dates are flagged for a distinct style.
//! - **Clusters**: points closer than [`Options::cluster_px`] merge into one mark with a
//!   count, so dense periods never overlap; a cluster knows its events and its time
//!   extent (opening it zooms there).
//! - **Labels never collide**: labels are placed greedily, left to right, into at most
//!   [`Options::label_rows`] rows; a label that fits nowhere is dropped (its mark keeps
//!   its accessible name).
//! - **Ticks adapt** from decades to days: the finest unit whose ticks stay at least
//!   [`Options::tick_px`] apart.
//! - **Eras** (category `era`) are background bands, packed into rows.
//! - **Articles** sit on their own lane at their publication date (a span when only
//!   bounded), linked to the events they report.
//!
//! Time is measured in days since 1970-01-01 (as `f64`, so a viewport can start mid-day).

use crate::date::{Date, Precision, MONTH_ABBR};
use crate::model::{ArticleIx, Category, Corpus, DateMethod, EventIx, Provenance};

/// The visible window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// First visible day (days since 1970-01-01).
    pub start: f64,
    /// Day just past the last visible one.
    pub end: f64,
    /// Width of the drawing in pixels.
    pub width: f64,
}

/// Smallest window: one week.
pub const MIN_SPAN_DAYS: f64 = 7.0;

impl Viewport {
    /// Pixels per day.
    pub fn scale(&self) -> f64 {
        self.width / (self.end - self.start).max(1e-9)
    }

    /// x of a day.
    pub fn x(&self, day: f64) -> f64 {
        (day - self.start) * self.scale()
    }

    /// Day at x.
    pub fn day_at(&self, x: f64) -> f64 {
        self.start + x / self.scale()
    }

    /// Zoom by `factor` (> 1 zooms in) keeping the day under `anchor_x` in place, then
    /// clamp to `bounds` (days) and to the minimum span.
    pub fn zoom(&self, factor: f64, anchor_x: f64, bounds: (f64, f64)) -> Viewport {
        let factor = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let anchor = self.day_at(crate::util::clamp(anchor_x, 0.0, self.width));
        let span = ((self.end - self.start) / factor).max(MIN_SPAN_DAYS);
        let left = (anchor - self.start) / (self.end - self.start);
        let v = Viewport {
            start: anchor - span * left,
            end: anchor - span * left + span,
            width: self.width,
        };
        v.clamped(bounds)
    }

    /// Move by `dx` pixels (positive moves the window later in time).
    pub fn pan(&self, dx: f64, bounds: (f64, f64)) -> Viewport {
        let d = if dx.is_finite() {
            dx / self.scale()
        } else {
            0.0
        };
        Viewport {
            start: self.start + d,
            end: self.end + d,
            width: self.width,
        }
        .clamped(bounds)
    }

    /// Keep the window inside `bounds`, no wider than them and no narrower than a week.
    pub fn clamped(&self, (lo, hi): (f64, f64)) -> Viewport {
        let full = (hi - lo).max(MIN_SPAN_DAYS);
        let mut span = crate::util::clamp(self.end - self.start, MIN_SPAN_DAYS, full);
        if !span.is_finite() {
            span = full;
        }
        let mut start = if self.start.is_finite() {
            self.start
        } else {
            lo
        };
        start = crate::util::clamp(start, lo, (hi - span).max(lo));
        Viewport {
            start,
            end: start + span,
            width: self.width.max(1.0),
        }
    }
}

impl Viewport {
    /// The viewport showing a window read from the URL (first day, day after the last),
    /// clamped to `bounds`.
    pub fn from_window((a, b): (Date, Date), width: f64, bounds: (f64, f64)) -> Viewport {
        Viewport {
            start: a.to_days() as f64,
            end: b.to_days() as f64,
            width,
        }
        .clamped(bounds)
    }

    /// The window to write in the URL: whole days covering the view.
    pub fn window(&self) -> (Date, Date) {
        let a = self.start.floor() as i64;
        let b = (self.end.ceil() as i64).max(a + 1);
        (Date::from_days(a), Date::from_days(b))
    }

    /// The same span, centred on `day`, clamped.
    pub fn centred(&self, day: f64, bounds: (f64, f64)) -> Viewport {
        let half = (self.end - self.start) / 2.0;
        Viewport {
            start: day - half,
            end: day + half,
            width: self.width,
        }
        .clamped(bounds)
    }

    /// A view that frames `start..end` (days) with a margin on both sides, clamped.
    pub fn framing(start: f64, end: f64, width: f64, bounds: (f64, f64)) -> Viewport {
        let pad = ((end - start) * 0.15).max(2.0);
        let mut v = Viewport {
            start: start - pad,
            end: end + pad,
            width,
        };
        if v.end - v.start < MIN_SPAN_DAYS {
            let mid = (start + end) / 2.0;
            v.start = mid - MIN_SPAN_DAYS / 2.0;
            v.end = mid + MIN_SPAN_DAYS / 2.0;
        }
        v.clamped(bounds)
    }

    /// The inclusive date range between two x positions (either order), for brushing.
    pub fn range_between(&self, x0: f64, x1: f64) -> (Date, Date) {
        let (a, b) = if x0 <= x1 { (x0, x1) } else { (x1, x0) };
        let first = self.day_at(a).floor() as i64;
        let last = (self.day_at(b).ceil() as i64 - 1).max(first);
        (Date::from_days(first), Date::from_days(last))
    }
}

/// Layout parameters.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// Points closer than this (pixels) form a cluster.
    pub cluster_px: f64,
    /// Minimum distance between ticks (pixels).
    pub tick_px: f64,
    /// Estimated width of one label character (pixels).
    pub char_px: f64,
    /// Longest label (characters); longer titles are cut with `…`.
    pub label_chars: usize,
    /// Rows available for labels.
    pub label_rows: usize,
    /// Rows available for spans wider than a cluster; a span that finds no room joins
    /// the clusters at its centre.
    pub span_rows: usize,
    /// Rows available for era bands; an era narrower than a cluster, or with no row
    /// left, joins the era clusters.
    pub band_rows: usize,
    /// Gap between labels in a row (pixels).
    pub label_gap: f64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            // The app draws a cluster as a 20 px bubble: 22 px keeps them apart.
            cluster_px: 22.0,
            tick_px: 64.0,
            char_px: 6.5,
            label_chars: 28,
            label_rows: 3,
            span_rows: 4,
            band_rows: 3,
            label_gap: 8.0,
        }
    }
}

/// How a mark is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// A single day.
    Point {
        /// Centre.
        x: f64,
    },
    /// The interval the date may fall in (month, year, span).
    Span {
        /// Left edge.
        x0: f64,
        /// Right edge.
        x1: f64,
    },
}

impl Shape {
    /// Left edge of the mark (where it starts in time).
    pub fn left(&self) -> f64 {
        match *self {
            Shape::Point { x } => x,
            Shape::Span { x0, .. } => x0,
        }
    }

    /// Centre of the mark.
    pub fn centre(&self) -> f64 {
        match *self {
            Shape::Point { x } => x,
            Shape::Span { x0, x1 } => (x0 + x1) / 2.0,
        }
    }
}

/// A placed label.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// Text (possibly cut).
    pub text: String,
    /// Left edge.
    pub x: f64,
    /// Estimated width.
    pub width: f64,
    /// Row (0 nearest the axis).
    pub row: usize,
}

/// An event mark.
#[derive(Clone, Debug, PartialEq)]
pub struct EventMark {
    /// The event.
    pub event: EventIx,
    /// Point or span.
    pub shape: Shape,
    /// Row for spans (interval packing); 0 for points.
    pub row: usize,
    /// The date is resolved or inferred, not stated.
    pub uncertain: bool,
    /// Its label, if one fits.
    pub label: Option<Label>,
}

/// Several close marks drawn as one: events on the event lane, or articles
/// (`Cluster<ArticleIx>`) on the article lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster<T = EventIx> {
    /// Centre.
    pub x: f64,
    /// Where its earliest member starts (x): its place in the keyboard's time order.
    pub x0: f64,
    /// The members, in time order.
    pub members: Vec<T>,
    /// Earliest day covered (days since epoch).
    pub start: f64,
    /// Day after the latest covered.
    pub end: f64,
}

/// An era band.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// The era event.
    pub event: EventIx,
    /// Left edge (clipped to the drawing).
    pub x0: f64,
    /// Right edge (clipped).
    pub x1: f64,
    /// Row (bands that overlap stack).
    pub row: usize,
}

/// An article on the publication lane.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleMark {
    /// The article.
    pub article: ArticleIx,
    /// Point (stated or day-precise) or span (only bounded).
    pub shape: Shape,
    /// The date is inferred.
    pub uncertain: bool,
}

/// A link between an article and an event it reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    /// The article.
    pub article: ArticleIx,
    /// The event.
    pub event: EventIx,
    /// x of the event (centre).
    pub event_x: f64,
    /// x of the article (centre).
    pub article_x: f64,
}

/// A tick on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// x.
    pub x: f64,
    /// Label.
    pub label: String,
    /// A coarser boundary (a new year on a month scale, ...).
    pub major: bool,
}

/// Tick units, coarse to fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickUnit {
    /// 10 years.
    Decade,
    /// 5 years.
    FiveYears,
    /// A year.
    Year,
    /// 3 months.
    Quarter,
    /// A month.
    Month,
    /// 7 days.
    Week,
    /// A day.
    Day,
}

/// Everything the timeline draws.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Single events.
    pub events: Vec<EventMark>,
    /// Clusters of close events.
    pub clusters: Vec<Cluster>,
    /// Clusters of eras too short, or too many, to draw as bands.
    pub era_clusters: Vec<Cluster>,
    /// Clusters of close articles.
    pub article_clusters: Vec<Cluster<ArticleIx>>,
    /// Era bands.
    pub bands: Vec<Band>,
    /// Articles.
    pub articles: Vec<ArticleMark>,
    /// Article–event links whose ends are both in view.
    pub links: Vec<Link>,
    /// Axis ticks.
    pub ticks: Vec<Tick>,
    /// The tick unit chosen.
    pub unit: Option<TickUnit>,
    /// Events entirely before the window.
    pub before: usize,
    /// Events entirely after the window.
    pub after: usize,
}

/// One event as the layout needs it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    /// Index into the corpus's events.
    pub event: EventIx,
    /// First day (days since epoch).
    pub start: f64,
    /// Day after the last.
    pub end: f64,
    /// Day-precise.
    pub point: bool,
    /// Not stated.
    pub uncertain: bool,
    /// An era band.
    pub era: bool,
}

/// The layout items of a corpus's events (optionally only some of them), in time order.
pub fn items(c: &Corpus, only: Option<&[EventIx]>) -> Vec<Item> {
    let mut v: Vec<Item> = c
        .events
        .iter()
        .enumerate()
        .filter(|(i, _)| only.is_none_or(|o| o.contains(&(*i as u32))))
        .map(|(i, e)| Item {
            event: i as u32,
            start: e.date.start.to_days() as f64,
            end: (e.date.end.to_days() + 1) as f64,
            point: e.date.precision == Precision::Day,
            uncertain: e.method != DateMethod::Stated,
            era: e.category == Category::Era,
        })
        .collect();
    crate::util::sort_by(&mut v, |a, b| (a.start, a.event) < (b.start, b.event));
    v
}

/// The full extent of the corpus in days: (earliest event or article, latest + 1).
pub fn bounds(c: &Corpus) -> (f64, f64) {
    let mut lo = f64::MAX;
    let mut hi = f64::MIN;
    for e in &c.events {
        lo = lo.min(e.date.start.to_days() as f64);
        hi = hi.max((e.date.end.to_days() + 1) as f64);
    }
    for a in &c.articles {
        let (s, e) = a.published.span();
        lo = lo.min(s.to_days() as f64);
        hi = hi.max((e.to_days() + 1) as f64);
    }
    if lo > hi {
        let today = Date::new(2026, 1, 1).map_or(0, Date::to_days) as f64;
        return (today - 365.0, today);
    }
    // A little room at both ends.
    let pad = ((hi - lo) * 0.01).max(15.0);
    (lo - pad, hi + pad)
}

/// The opening view: the dense part (from six months before the first article to three
/// months after the last), clamped to the bounds.
pub fn default_viewport(c: &Corpus, width: f64) -> Viewport {
    let b = bounds(c);
    let first = c
        .articles
        .iter()
        .map(|a| a.published.span().0.to_days())
        .min();
    let last = c
        .articles
        .iter()
        .map(|a| a.published.span().1.to_days())
        .max();
    match (first, last) {
        (Some(f), Some(l)) => Viewport {
            start: f as f64 - 183.0,
            end: l as f64 + 92.0,
            width,
        }
        .clamped(b),
        _ => Viewport {
            start: b.0,
            end: b.1,
            width,
        }
        .clamped(b),
    }
}

/// Interval packing into at most `max` rows: the first row whose last interval ends at
/// least `gap` before `x0` (a new row if none and there is room), which then ends at
/// `x1`. `None` when no row has room.
fn pack(rows: &mut Vec<f64>, x0: f64, x1: f64, gap: f64, max: usize) -> Option<usize> {
    match rows.iter().position(|&end| end + gap <= x0) {
        Some(row) => {
            rows[row] = x1;
            Some(row)
        }
        None if rows.len() < max => {
            rows.push(x1);
            Some(rows.len() - 1)
        }
        None => None,
    }
}

/// `title` cut to at most `n` characters, with `…` when cut.
pub fn cut(title: &str, n: usize) -> String {
    if title.chars().count() <= n {
        title.to_string()
    } else {
        let mut s: String = title.chars().take(n.saturating_sub(1)).collect();
        s = s.trim_end().to_string();
        s.push('…');
        s
    }
}

/// Group points given in x order: each point starts a group, and the last two groups
/// merge while their centres are closer than `px`, so no two drawn marks (points or
/// clusters) are ever closer than that. Groups are runs of the input: (centre, range).
/// Each group keeps the sum of its members' x, so this stays linear.
fn group<T>(points: &[T], x: impl Fn(&T) -> f64, px: f64) -> Vec<(f64, std::ops::Range<usize>)> {
    let mut groups: Vec<(f64, std::ops::Range<usize>)> = Vec::new();
    let centre = |g: &(f64, std::ops::Range<usize>)| g.0 / g.1.len() as f64;
    for (i, p) in points.iter().enumerate() {
        groups.push((x(p), i..i + 1));
        while let [.., a, b] = groups.as_slice() {
            if centre(b) - centre(a) >= px {
                break;
            }
            let (sum, r) = groups.pop().unwrap_or_default();
            if let Some(last) = groups.last_mut() {
                last.0 += sum;
                last.1.end = r.end;
            }
        }
    }
    groups.into_iter().map(|g| (centre(&g), g.1)).collect()
}

/// A cluster of the grouped items `g` (x, shape, item), drawn at `x`: members in time
/// order, starting where its earliest member does (a span that found no row starts left
/// of its centre).
fn cluster_of(x: f64, g: &[(f64, Shape, &Item)]) -> Cluster {
    let mut members: Vec<&Item> = g.iter().map(|p| p.2).collect();
    crate::util::sort_nearly_by(&mut members, |a, b| (a.start, a.event) < (b.start, b.event));
    Cluster {
        x,
        x0: g.iter().map(|p| p.1.left()).fold(f64::MAX, f64::min),
        members: members.iter().map(|it| it.event).collect(),
        start: members.iter().map(|it| it.start).fold(f64::MAX, f64::min),
        end: members.iter().map(|it| it.end).fold(f64::MIN, f64::max),
    }
}

/// Lay out `items` (from [`items`]) with their titles, the corpus's articles and links,
/// in viewport `v`.
pub fn layout(c: &Corpus, items: &[Item], v: &Viewport, o: &Options) -> Layout {
    let mut out = Layout::default();
    let margin = o.cluster_px;
    // Eras: bands packed into rows; the short ones, and those with no row left, are
    // grouped like points (a lone one is still a band if a row has room for it).
    let mut band_rows: Vec<f64> = Vec::new();
    let mut short: Vec<(f64, Shape, &Item)> = Vec::new();
    for it in items.iter().filter(|i| i.era) {
        let (x0, x1) = (v.x(it.start), v.x(it.end));
        if x1 < 0.0 || x0 > v.width {
            continue;
        }
        let (x0, x1) = (x0.max(0.0), x1.min(v.width));
        let row = if x1 - x0 < o.cluster_px {
            None
        } else {
            pack(&mut band_rows, x0, x1, 0.0, o.band_rows)
        };
        match row {
            Some(row) => out.bands.push(Band {
                event: it.event,
                x0,
                x1,
                row,
            }),
            None => short.push(((x0 + x1) / 2.0, Shape::Span { x0, x1 }, it)),
        }
    }
    let short = crate::util::by_unit(short, |p| p.0, 0.0, v.width);
    for (x, r) in group(&short, |p| p.0, o.cluster_px) {
        let g = &short[r];
        if let [(_, Shape::Span { x0, x1 }, it)] = g {
            if let Some(row) = pack(&mut band_rows, *x0, *x1, 0.0, o.band_rows) {
                out.bands.push(Band {
                    event: it.event,
                    x0: *x0,
                    x1: *x1,
                    row,
                });
                continue;
            }
        }
        out.era_clusters.push(cluster_of(x, g));
    }
    crate::util::sort_by(&mut out.bands, |a, b| (a.x0, a.event) < (b.x0, b.event));
    // Events: spans keep their extent; points cluster.
    let mut span_rows: Vec<f64> = Vec::new();
    // Points (day-precise events, spans narrower than a cluster, and spans with no
    // row left) are grouped (see [`group`]): each is (x, its shape, the item).
    let mut points: Vec<(f64, Shape, &Item)> = Vec::new();
    for it in items.iter().filter(|i| !i.era) {
        if it.end <= v.start {
            out.before += 1;
            continue;
        }
        if it.start >= v.end {
            out.after += 1;
            continue;
        }
        let (x0, x1) = (v.x(it.start), v.x(it.end));
        if it.point || x1 - x0 < o.cluster_px {
            // Day-precise, or a span narrower than a cluster: a point at its centre
            // (alone, a narrow span keeps its Span shape so it is still drawn as
            // uncertain).
            let x = (x0 + x1) / 2.0;
            if x < -margin || x > v.width + margin {
                continue;
            }
            let shape = if it.point {
                Shape::Point { x }
            } else {
                Shape::Span { x0, x1 }
            };
            points.push((x, shape, it));
        } else {
            let (cx0, cx1) = (x0.max(-margin), x1.min(v.width + margin));
            let shape = Shape::Span { x0: cx0, x1: cx1 };
            let Some(row) = pack(&mut span_rows, cx0, cx1, 2.0, o.span_rows) else {
                points.push(((cx0 + cx1) / 2.0, shape, it));
                continue;
            };
            out.events.push(EventMark {
                event: it.event,
                shape,
                row: row + 1,
                uncertain: it.uncertain,
                label: None,
            });
        }
    }
    // Items come in time order, but a span's centre can come after later points. Order
    // within a pixel does not matter to the grouping, so a linear sort by pixel does.
    let points = crate::util::by_unit(points, |p| p.0, -margin, v.width + margin);
    for (x, r) in group(&points, |p| p.0, o.cluster_px) {
        let g = &points[r];
        if let [(_, shape, it)] = g {
            out.events.push(EventMark {
                event: it.event,
                shape: *shape,
                row: 0,
                uncertain: it.uncertain,
                label: None,
            });
        } else {
            out.clusters.push(cluster_of(x, g));
        }
    }
    // Labels: left to right, first row where they fit.
    let mut row_ends: Vec<f64> = vec![f64::MIN; o.label_rows];
    for m in out.events.iter_mut() {
        let title = &c
            .events
            .get(m.event as usize)
            .map_or("", |e| e.title.as_str());
        let text = cut(title, o.label_chars);
        let width = text.chars().count() as f64 * o.char_px;
        let x = match m.shape {
            Shape::Point { x } => x + 4.0,
            Shape::Span { x0, .. } => x0.max(0.0) + 2.0,
        };
        if x + width > v.width {
            continue;
        }
        if let Some(row) = row_ends.iter().position(|&end| end + o.label_gap <= x) {
            row_ends[row] = x + width;
            m.label = Some(Label {
                text,
                x,
                width,
                row,
            });
        }
    }
    // Articles: a span wider than a cluster keeps its extent; the others group like
    // event points, so a dense lane never draws more marks than fit.
    let mut arts: Vec<(f64, ArticleMark, f64, f64)> = Vec::new();
    for (ai, a) in c.articles.iter().enumerate() {
        let (s, e) = a.published.span();
        let (start, end) = (s.to_days() as f64, (e.to_days() + 1) as f64);
        let (x0, x1) = (v.x(start), v.x(end));
        if x1 < 0.0 || x0 > v.width {
            continue;
        }
        let shape = if s == e {
            Shape::Point { x: (x0 + x1) / 2.0 }
        } else {
            Shape::Span { x0, x1 }
        };
        let mark = ArticleMark {
            article: ai as u32,
            shape,
            uncertain: a.published.status != Provenance::Stated,
        };
        if x1 - x0 < o.cluster_px {
            arts.push(((x0 + x1) / 2.0, mark, start, end));
        } else {
            out.articles.push(mark);
        }
    }
    let arts = crate::util::by_unit(arts, |a| a.0, 0.0, v.width);
    for (x, r) in group(&arts, |a| a.0, o.cluster_px) {
        match &arts[r] {
            [(_, m, _, _)] => out.articles.push(m.clone()),
            g => out.article_clusters.push(Cluster {
                x,
                x0: g.iter().map(|a| a.1.shape.left()).fold(f64::MAX, f64::min),
                members: g.iter().map(|a| a.1.article).collect(),
                start: g.iter().map(|a| a.2).fold(f64::MAX, f64::min),
                end: g.iter().map(|a| a.3).fold(f64::MIN, f64::max),
            }),
        }
    }
    crate::util::sort_by(&mut out.articles, |a, b| {
        (a.shape.left(), a.article) < (b.shape.left(), b.article)
    });
    let mut event_x: Vec<Option<f64>> = vec![None; c.events.len()];
    for m in &out.events {
        if let Some(x) = event_x.get_mut(m.event as usize) {
            *x = Some(m.shape.centre());
        }
    }
    for cl in &out.clusters {
        for &e in &cl.members {
            if let Some(x) = event_x.get_mut(e as usize) {
                *x = Some(cl.x);
            }
        }
    }
    let mut article_x: Vec<Option<f64>> = vec![None; c.articles.len()];
    for am in &out.articles {
        article_x[am.article as usize] = Some(am.shape.centre());
    }
    for cl in &out.article_clusters {
        for &a in &cl.members {
            article_x[a as usize] = Some(cl.x);
        }
    }
    let mut seen: Vec<ArticleIx> = Vec::new();
    for (ei, ev) in c.events.iter().enumerate() {
        let Some(ex) = event_x[ei] else { continue };
        seen.clear();
        for evd in &ev.evidence {
            if let Some(Some(ax)) = article_x.get(evd.article as usize) {
                if !seen.contains(&evd.article) {
                    seen.push(evd.article);
                    out.links.push(Link {
                        article: evd.article,
                        event: ei as u32,
                        event_x: ex,
                        article_x: *ax,
                    });
                }
            }
        }
    }
    let (unit, ticks) = ticks(v, o.tick_px);
    out.unit = Some(unit);
    out.ticks = ticks;
    out
}

/// Choose a tick unit and place ticks in the window.
pub fn ticks(v: &Viewport, min_px: f64) -> (TickUnit, Vec<Tick>) {
    let px_per_day = v.scale();
    let units = [
        (TickUnit::Day, 1.0),
        (TickUnit::Week, 7.0),
        (TickUnit::Month, 30.44),
        (TickUnit::Quarter, 91.3),
        (TickUnit::Year, 365.25),
        (TickUnit::FiveYears, 1826.0),
        (TickUnit::Decade, 3652.5),
    ];
    let unit = units
        .iter()
        .find(|(_, days)| days * px_per_day >= min_px)
        .map_or(TickUnit::Decade, |u| u.0);
    let first = Date::from_days(v.start.floor() as i64);
    let last_day = v.end.ceil() as i64;
    let mut out = Vec::new();
    let mut push = |d: Date, label: String, major: bool| {
        let x = v.x(d.to_days() as f64);
        if (0.0..=v.width).contains(&x) {
            out.push(Tick { x, label, major });
        }
    };
    match unit {
        TickUnit::Decade | TickUnit::FiveYears | TickUnit::Year => {
            let step = match unit {
                // Decades too close for their labels (a century on a phone): every
                // second, fifth or tenth.
                TickUnit::Decade => [10, 20, 50, 100]
                    .into_iter()
                    .find(|&y| f64::from(y) * 365.25 * px_per_day >= min_px)
                    .unwrap_or(100),
                TickUnit::FiveYears => 5,
                _ => 1,
            };
            let mut y = first.year - first.year.rem_euclid(step);
            while let Some(d) = Date::new(y, 1, 1) {
                if d.to_days() > last_day {
                    break;
                }
                push(d, y.to_string(), y % (step * 10).max(10) == 0);
                y += step;
            }
        }
        TickUnit::Quarter | TickUnit::Month => {
            let step = if unit == TickUnit::Quarter { 3 } else { 1 };
            let (mut y, mut m) = (first.year, first.month);
            m = (m - 1) / step * step + 1;
            while let Some(d) = Date::new(y, m, 1) {
                if d.to_days() > last_day {
                    break;
                }
                let label = if m == 1 {
                    format!("{} {y}", MONTH_ABBR[0])
                } else {
                    MONTH_ABBR[usize::from(m - 1)].to_string()
                };
                push(d, label, m == 1);
                m += step;
                if m > 12 {
                    m -= 12;
                    y += 1;
                }
            }
        }
        TickUnit::Week | TickUnit::Day => {
            let step = if unit == TickUnit::Week { 7 } else { 1 };
            // Weeks start on Mondays (1970-01-05 was one).
            let mut day = if step == 7 {
                first.to_days() - (first.to_days() - 4).rem_euclid(7)
            } else {
                first.to_days()
            };
            while day <= last_day {
                let d = Date::from_days(day);
                let label = if d.day <= step as u8 {
                    format!("{} {}", d.day, MONTH_ABBR[usize::from(d.month - 1)])
                } else {
                    d.day.to_string()
                };
                push(d, label, d.day <= step as u8);
                day += step;
            }
        }
    }
    (unit, out)
}

impl<T> Cluster<T> {
    /// The view that opens this cluster, or `None` when zooming cannot separate its
    /// events (they share a day, or the view is already at its narrowest): then the
    /// component lists them instead.
    pub fn zoom_target(&self, v: &Viewport, bounds: (f64, f64)) -> Option<Viewport> {
        let target = Viewport::framing(self.start, self.end, v.width, bounds);
        let narrower = target.end - target.start < (v.end - v.start) * 0.9;
        (narrower && self.end - self.start > 1.0).then_some(target)
    }
}

/// What the keyboard moves between on the timeline: an event (eras included) or an
/// article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Focus {
    /// An event, an era, or the cluster holding the event.
    Event(EventIx),
    /// An article on the publication lane.
    Article(ArticleIx),
}

/// The three rows of the timeline, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// Era bands.
    Eras,
    /// Events (points, spans, clusters).
    Events,
    /// Articles.
    Articles,
}

/// A keyboard move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    /// The previous mark in time (Left).
    Prev,
    /// The next mark in time (Right).
    Next,
    /// The first in the lane (Home).
    First,
    /// The last in the lane (End).
    Last,
    /// The lane above (Up).
    Up,
    /// The lane below (Down).
    Down,
}

/// A mark the keyboard can stop on, in view.
#[derive(Clone, Debug, PartialEq)]
pub struct Stop {
    /// Centre.
    pub x: f64,
    /// Where it starts (left edge, or a cluster's first event): the time order.
    pub key: f64,
    /// What focusing it means (a cluster's first member).
    pub focus: Focus,
    /// Its lane.
    pub lane: Lane,
    /// The cluster, if it is one: an index into [`Layout::clusters`],
    /// [`Layout::era_clusters`] or [`Layout::article_clusters`], by lane.
    pub cluster: Option<usize>,
}

impl Layout {
    /// The marks of a lane in view, in time order (by where they start).
    pub fn stops(&self, lane: Lane) -> Vec<Stop> {
        let stop = |cluster: Option<usize>, x: f64, key: f64, focus: Focus| Stop {
            x,
            key,
            focus,
            lane,
            cluster,
        };
        let one = |x, key, focus| stop(None, x, key, focus);
        let many = |i, x, key, focus| stop(Some(i), x, key, focus);
        let events = |cs: &[Cluster]| -> Vec<Stop> {
            cs.iter()
                .enumerate()
                .map(|(i, c)| many(i, c.x, c.x0, Focus::Event(c.members[0])))
                .collect()
        };
        let mut v: Vec<Stop> = match lane {
            Lane::Eras => self
                .bands
                .iter()
                .map(|b| one((b.x0 + b.x1) / 2.0, b.x0, Focus::Event(b.event)))
                .chain(events(&self.era_clusters))
                .collect(),
            Lane::Events => self
                .events
                .iter()
                .map(|m| one(m.shape.centre(), m.shape.left(), Focus::Event(m.event)))
                .chain(events(&self.clusters))
                .collect(),
            Lane::Articles => self
                .articles
                .iter()
                .map(|a| one(a.shape.centre(), a.shape.left(), Focus::Article(a.article)))
                .chain(
                    self.article_clusters
                        .iter()
                        .enumerate()
                        .map(|(i, c)| many(i, c.x, c.x0, Focus::Article(c.members[0]))),
                )
                .collect(),
        };
        crate::util::sort_by(&mut v, |a, b| (a.key, a.x) < (b.key, b.x));
        v
    }

    /// The stop in view that stands for `f`, on its lane.
    pub fn stop_of(&self, c: &Corpus, f: Focus) -> Option<Stop> {
        self.stops(lane_of(c, f))
            .into_iter()
            .find(|s| self.stop_holds(s, f))
    }

    /// Does this stop stand for `f` (a cluster stands for all its members)?
    pub fn stop_holds(&self, s: &Stop, f: Focus) -> bool {
        match s.cluster {
            Some(_) => self.stop_members(s).contains(&f),
            None => s.focus == f,
        }
    }

    /// Opening cluster `i` of a lane: the view that zooms to it (`None` when zooming
    /// cannot separate its members; see [`Cluster::zoom_target`]) and its members.
    pub fn open_cluster(
        &self,
        lane: Lane,
        i: usize,
        v: &Viewport,
        bounds: (f64, f64),
    ) -> Option<(Option<Viewport>, Vec<Focus>)> {
        let events = |cs: &[Cluster]| {
            cs.get(i).map(|c| {
                let members = c.members.iter().map(|&e| Focus::Event(e)).collect();
                (c.zoom_target(v, bounds), members)
            })
        };
        match lane {
            Lane::Eras => events(&self.era_clusters),
            Lane::Events => events(&self.clusters),
            Lane::Articles => self.article_clusters.get(i).map(|c| {
                let members = c.members.iter().map(|&a| Focus::Article(a)).collect();
                (c.zoom_target(v, bounds), members)
            }),
        }
    }

    /// What a stop stands for: a cluster's members, or the one item.
    pub fn stop_members(&self, s: &Stop) -> Vec<Focus> {
        let events = |cs: &[Cluster], i: usize| {
            cs.get(i).map_or(Vec::new(), |c| {
                c.members.iter().map(|&e| Focus::Event(e)).collect()
            })
        };
        match (s.cluster, s.lane) {
            (None, _) => vec![s.focus],
            (Some(i), Lane::Eras) => events(&self.era_clusters, i),
            (Some(i), Lane::Events) => events(&self.clusters, i),
            (Some(i), Lane::Articles) => self.article_clusters.get(i).map_or(Vec::new(), |c| {
                c.members.iter().map(|&a| Focus::Article(a)).collect()
            }),
        }
    }
}

/// The lane an item sits on.
pub fn lane_of(c: &Corpus, f: Focus) -> Lane {
    match f {
        Focus::Article(_) => Lane::Articles,
        Focus::Event(e) => match c.events.get(e as usize) {
            Some(ev) if ev.category == Category::Era => Lane::Eras,
            _ => Lane::Events,
        },
    }
}

/// Everything on a lane, in view or not, in time order: (start, end, item).
fn lane_items(c: &Corpus, items: &[Item], lane: Lane) -> Vec<(f64, f64, Focus)> {
    match lane {
        Lane::Articles => {
            let mut v: Vec<(f64, f64, Focus)> = c
                .articles
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let (s, e) = a.published.span();
                    (
                        s.to_days() as f64,
                        (e.to_days() + 1) as f64,
                        Focus::Article(i as u32),
                    )
                })
                .collect();
            crate::util::sort_by(&mut v, |a, b| a.0 < b.0);
            v
        }
        _ => items
            .iter()
            .filter(|i| i.era == (lane == Lane::Eras))
            .map(|i| (i.start, i.end, Focus::Event(i.event)))
            .collect(),
    }
}

/// Where a keyboard move leads: the item to focus and the view to show it in (the same
/// view when it is already visible; otherwise centred on it). `None`: nowhere to go.
pub fn navigate(
    c: &Corpus,
    items: &[Item],
    l: &Layout,
    v: &Viewport,
    bounds: (f64, f64),
    focus: Option<Focus>,
    nav: Nav,
) -> Option<(Focus, Viewport)> {
    let lane = focus.map_or(Lane::Events, |f| lane_of(c, f));
    let stops = l.stops(lane);
    let here = focus.and_then(|f| stops.iter().position(|s| l.stop_holds(s, f)));
    let all = lane_items(c, items, lane);
    let reveal = |k: usize| -> (Focus, Viewport) {
        let (s, e, f) = all[k];
        let in_view = stops.iter().any(|st| l.stop_holds(st, f));
        (
            f,
            if in_view {
                *v
            } else {
                v.centred((s + e) / 2.0, bounds)
            },
        )
    };
    // Index in `all` of the current item (the last member of a cluster when moving on,
    // the first when moving back).
    let index_of = |f: Focus| all.iter().position(|x| x.2 == f);
    let members: Vec<Focus> = match here {
        Some(i) => l.stop_members(&stops[i]),
        None => focus.into_iter().collect(),
    };
    match nav {
        Nav::Next | Nav::Prev => {
            let Some(f) = focus else {
                return stops.first().map(|s| (s.focus, *v));
            };
            let next = nav == Nav::Next;
            if let Some(i) = here {
                let j = if next {
                    i.checked_add(1)
                } else {
                    i.checked_sub(1)
                };
                if let Some(s) = j.and_then(|j| stops.get(j)) {
                    return Some((s.focus, *v));
                }
            }
            let ks = members.iter().filter_map(|&m| index_of(m));
            let k = if next { ks.max() } else { ks.min() }.or_else(|| index_of(f))?;
            let j = if next {
                k.checked_add(1)
            } else {
                k.checked_sub(1)
            }?;
            (j < all.len()).then(|| reveal(j))
        }
        Nav::First | Nav::Last => {
            if all.is_empty() {
                return None;
            }
            Some(reveal(if nav == Nav::First { 0 } else { all.len() - 1 }))
        }
        Nav::Up | Nav::Down => {
            let order = [Lane::Eras, Lane::Events, Lane::Articles];
            let at = order.iter().position(|&x| x == lane).unwrap_or(1);
            let x = here.map_or(v.width / 2.0, |i| stops[i].x);
            let mut k = at;
            loop {
                k = if nav == Nav::Down {
                    k + 1
                } else {
                    k.checked_sub(1)?
                };
                let target = *order.get(k)?;
                let ts = l.stops(target);
                if let Some(s) = ts.iter().min_by(|a, b| {
                    (a.x - x)
                        .abs()
                        .partial_cmp(&(b.x - x).abs())
                        .unwrap_or(std::cmp::Ordering::Equal)
                }) {
                    return Some((s.focus, *v));
                }
                // Nothing of that lane in view: the nearest in time, brought into view.
                let day = v.day_at(x);
                let ti = lane_items(c, items, target);
                if let Some(&(s, e, f)) = ti.iter().min_by(|a, b| {
                    let da = ((a.0 + a.1) / 2.0 - day).abs();
                    let db = ((b.0 + b.1) / 2.0 - day).abs();
                    da.partial_cmp(&db).unwrap_or(std::cmp::Ordering::Equal)
                }) {
                    return Some((f, v.centred((s + e) / 2.0, bounds)));
                }
            }
        }
    }
}

/// The accessible name of a cluster (its members in time order): how many, of what,
/// from when to when.
pub fn cluster_label(c: &Corpus, members: &[Focus]) -> String {
    use crate::render::{date_label, short_date};
    let date = |f: &Focus| match *f {
        Focus::Event(e) => c.events.get(e as usize).map(|ev| date_label(&ev.date)),
        Focus::Article(a) => c
            .articles
            .get(a as usize)
            .map(|ar| short_date(ar.published.span().0)),
    };
    let noun = match members.first() {
        Some(Focus::Article(_)) => "article",
        Some(&f) if lane_of(c, f) == Lane::Eras => "era",
        _ => "event",
    };
    let first = members.first().and_then(date).unwrap_or_default();
    let last = members.last().and_then(date).unwrap_or_default();
    let when = if first == last {
        first
    } else {
        format!("{first} to {last}")
    };
    format!(
        "{}, {when}: press Enter to open",
        crate::render::count(members.len(), noun)
    )
}

/// What an event, era or article says about itself in words: its accessible name, its
/// tooltip, and the line under the graph. Dates not stated in the text say how they
/// were dated (`inferred: …`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    /// `Era: `, `Article: ` or nothing (an event).
    pub prefix: &'static str,
    /// Title.
    pub title: String,
    /// The date at its precision (`published …` for an article).
    pub date: String,
    /// How a date not stated was dated; `None` when stated.
    pub how: Option<String>,
}

impl Description {
    /// The accessible name: `Era: title, date; inferred: …; does not match the filters`.
    pub fn label(&self, dim: bool) -> String {
        let mut s = format!("{}{}, {}", self.prefix, self.title, self.date);
        if let Some(h) = &self.how {
            s.push_str("; ");
            s.push_str(h);
        }
        if dim {
            s.push_str("; does not match the filters");
        }
        s
    }

    /// How it was dated, also when stated.
    pub fn how_or_stated(&self) -> String {
        self.how.clone().unwrap_or_else(|| {
            if self.prefix == "Article: " {
                "date stated (dateline)".into()
            } else {
                "date stated in the text".into()
            }
        })
    }
}

/// The dates a viewport shows, first and last day: `20 Nov 2022 – 9 Feb 2023`.
pub fn window_label(v: &Viewport) -> String {
    let (w0, w1) = v.window();
    format!(
        "{} – {}",
        crate::render::short_date(w0),
        crate::render::short_date(w1.add_days(-1))
    )
}

/// The line under the timeline's toolbar: what is in view, and how many events lie
/// outside it on either side: `Showing 20 Nov 2022 – 9 Feb 2023. 3 events earlier, 70
/// later.`
pub fn status(l: &Layout, v: &Viewport) -> String {
    let mut s = format!("Showing {}.", window_label(v));
    let count = crate::render::count;
    match (l.before, l.after) {
        (0, 0) => {}
        (b, 0) => s.push_str(&format!(" {} earlier.", count(b, "event"))),
        (0, a) => s.push_str(&format!(" {} later.", count(a, "event"))),
        (b, a) => s.push_str(&format!(" {} earlier, {a} later.", count(b, "event"))),
    }
    s
}

/// Describe an item (`None` for an index out of range).
pub fn describe(c: &Corpus, f: Focus) -> Option<Description> {
    use crate::render::{date_label, how_dated, short_date};
    match f {
        Focus::Event(e) => {
            let ev = c.events.get(e as usize)?;
            Some(Description {
                prefix: if ev.category == Category::Era {
                    "Era: "
                } else {
                    ""
                },
                title: ev.title.clone(),
                date: date_label(&ev.date),
                how: how_dated(ev.method, ev.basis.as_deref()),
            })
        }
        Focus::Article(a) => {
            let ar = c.articles.get(a as usize)?;
            let (e0, e1) = ar.published.span();
            let date = if e0 == e1 {
                short_date(e0)
            } else {
                format!("{} – {}", short_date(e0), short_date(e1))
            };
            Some(Description {
                prefix: "Article: ",
                title: ar.title.clone(),
                date: format!("published {date}"),
                how: (ar.published.status != Provenance::Stated)
                    .then(|| format!("inferred: {}", ar.published.reason.as_deref().unwrap_or(""))),
            })
        }
    }
}

/// How many non-era items start in each `bucket` pixels of a drawing `width` wide that
/// shows `bounds` (the overview strip's density).
pub fn density(items: &[Item], bounds: (f64, f64), width: f64, bucket: f64) -> Vec<u32> {
    let w = width.max(1.0);
    let bucket = bucket.max(1.0);
    let mut counts = vec![0u32; (w / bucket).ceil() as usize + 1];
    let span = (bounds.1 - bounds.0).max(1e-9);
    for it in items.iter().filter(|i| !i.era) {
        let x = (it.start - bounds.0) / span * w;
        if let Some(n) = counts.get_mut((x / bucket).max(0.0) as usize) {
            *n += 1;
        }
    }
    counts
}

/// One heading of the list view: a year and a month (`None`: only the year is known, or
/// the year heading itself), with its events and the articles published then.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Year.
    pub year: i32,
    /// Month (1–12), or `None` for events dated only to the year (and periods that start
    /// with a year).
    pub month: Option<u8>,
    /// A period longer than a month (`1980–1984`): its events have a heading of their
    /// own, placed where the period starts.
    pub period: Option<(Date, Date)>,
    /// The heading as shown: `January 2023`, `2023 (month not known)`, `1980 – 1984`.
    pub heading: String,
    /// Events starting then, in time order.
    pub events: Vec<EventIx>,
    /// Articles published then.
    pub articles: Vec<ArticleIx>,
}

/// The list view: `events` (in any order) and the corpus's articles grouped by the year
/// and month they start in, oldest first; events known only to the year come first in
/// their year under `month: None`; a period longer than a month gets a heading of its
/// own (`1980 – 1984`), after the month it starts in, not inside it.
pub fn groups(c: &Corpus, events: &[EventIx], articles: &[ArticleIx]) -> Vec<Group> {
    // (year, month or 0, period end or 0, start day, kind, index)
    let mut keys: Vec<(i32, u8, i64, i64, u8, u32)> = Vec::new();
    let period = |d: &crate::date::DateSpec| {
        d.precision == Precision::Span && (d.start.year, d.start.month) != (d.end.year, d.end.month)
    };
    for &e in events {
        if let Some(ev) = c.events.get(e as usize) {
            let d = &ev.date;
            let (m, end) = if period(d) {
                let whole_years = d.start.month == 1 && d.start.day == 1;
                (if whole_years { 0 } else { d.start.month }, d.end.to_days())
            } else if d.precision == Precision::Year {
                (0, 0)
            } else {
                (d.start.month, 0)
            };
            keys.push((d.start.year, m, end, d.start.to_days(), 0, e));
        }
    }
    for &a in articles {
        if let Some(ar) = c.articles.get(a as usize) {
            let d = ar.published.span().0;
            keys.push((d.year, d.month, 0, d.to_days(), 1, a));
        }
    }
    crate::util::sort(&mut keys);
    let mut out: Vec<Group> = Vec::new();
    for (y, m, end, _, kind, ix) in keys {
        let month = (m > 0).then_some(m);
        let span = (end > 0)
            .then(|| c.events.get(ix as usize))
            .flatten()
            .map(|ev| (ev.date.start, ev.date.end));
        let same = |g: &Group| g.year == y && g.month == month && g.period == span;
        if !out.last().is_some_and(same) {
            let heading = match (span, month) {
                (Some((a, b)), _) => crate::render::date_label(&crate::date::DateSpec {
                    start: a,
                    end: b,
                    precision: Precision::Span,
                }),
                (None, Some(m)) => format!("{} {y}", crate::date::MONTHS[usize::from(m - 1)]),
                (None, None) => format!("{y} (month not known)"),
            };
            out.push(Group {
                year: y,
                month,
                period: span,
                heading,
                events: Vec::new(),
                articles: Vec::new(),
            });
        }
        if let Some(g) = out.last_mut() {
            if kind == 0 {
                g.events.push(ix);
            } else {
                g.articles.push(ix);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> f64 {
        Date::parse_iso(s).unwrap().to_days() as f64
    }

    #[test]
    fn zoom_keeps_the_anchor_and_respects_bounds() {
        let b = (day("1970-01-01"), day("2030-01-01"));
        let v = Viewport {
            start: day("2022-01-01"),
            end: day("2024-01-01"),
            width: 1000.0,
        };
        let anchor_day = v.day_at(250.0);
        let z = v.zoom(2.0, 250.0, b);
        assert!((z.day_at(250.0) - anchor_day).abs() < 1e-6);
        assert!(((z.end - z.start) - (v.end - v.start) / 2.0).abs() < 1e-6);
        // Never narrower than a week, never wider than the bounds, never outside.
        let tiny = v.zoom(1e9, 500.0, b);
        assert!((tiny.end - tiny.start - MIN_SPAN_DAYS).abs() < 1e-6);
        let huge = v.zoom(1e-9, 500.0, b);
        assert!((huge.start, huge.end) == b);
        let far = v.pan(1e12, b);
        assert!(far.end <= b.1 + 1e-6 && far.start >= b.0);
        let nan = v.zoom(f64::NAN, f64::NAN, b).pan(f64::NAN, b);
        assert!(nan.start.is_finite() && nan.end.is_finite());
    }

    #[test]
    fn ticks_adapt_from_decades_to_days() {
        let w = 1000.0;
        let unit = |a: &str, b: &str| {
            ticks(
                &Viewport {
                    start: day(a),
                    end: day(b),
                    width: w,
                },
                64.0,
            )
            .0
        };
        assert_eq!(unit("1900-01-01", "2030-01-01"), TickUnit::Decade);
        assert_eq!(unit("1990-01-01", "2030-01-01"), TickUnit::FiveYears);
        assert_eq!(unit("2016-01-01", "2030-01-01"), TickUnit::Year);
        assert_eq!(unit("2023-01-01", "2026-01-01"), TickUnit::Quarter);
        assert_eq!(unit("2022-12-01", "2023-12-01"), TickUnit::Month);
        assert_eq!(unit("2023-01-01", "2023-03-01"), TickUnit::Week);
        assert_eq!(unit("2023-01-01", "2023-01-10"), TickUnit::Day);
        let (_, t) = ticks(
            &Viewport {
                start: day("2022-11-15"),
                end: day("2023-03-15"),
                width: w,
            },
            64.0,
        );
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Dec", "Jan 2023", "Feb", "Mar"]);
        assert!(t[1].major && !t[0].major);
        assert!(t.windows(2).all(|w| w[1].x - w[0].x >= 64.0 * 0.9));
        // A century on a phone: decades are too close, so every fifth is labelled.
        let (unit, t) = ticks(
            &Viewport {
                start: day("1915-11-26"),
                end: day("2028-02-06"),
                width: 330.0,
            },
            64.0,
        );
        assert_eq!(unit, TickUnit::Decade);
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["1950", "2000"]);
        assert!(t.windows(2).all(|w| w[1].x - w[0].x >= 64.0));
    }
}
