//! The layers of the timeline's drawing, one component each, so that a change redraws
//! only the layers it concerns: a zoom or pan step moves the marks (each mark is a group
//! moved by one `transform`, keyed by its id, so moving it patches that attribute); a
//! selection redraws the layer of the selected mark; hovering redraws the links; and a
//! keystroke redraws no mark at all: [`Dimmer`] dims and undims the marks in place.
//!
//! Layers, bottom to top: grid, era bands, their names, reporting links and the axis, the
//! date filter's range, events, their labels, event clusters, articles, tick labels.

use super::draw::{
    cluster_node, el, flag, focus_key, group, keyed, mark_node, parse_key, px, ring, Rows, ERA_ROW,
    LABEL_ROW, SPAN_ROW,
};
use crate::components::Shared;
use crate::engine;
use crate::store::use_select;
use corpus::timeline::{describe, Focus, Layout, Link, Shape, Viewport};
use corpus::{ArticleIx, DateMethod, EventIx};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What every layer is drawn from.
#[derive(Properties, PartialEq)]
pub struct LayerProps {
    /// The layout of the marks in view.
    pub layout: Shared<Layout>,
    /// Vertical positions.
    pub rows: Rows,
    /// The roving tab stop's `data-key`.
    #[prop_or_default]
    pub stop: Option<AttrValue>,
    /// The selected event (its card is open).
    #[prop_or_default]
    pub selected: Option<EventIx>,
}

fn is_stop(p: &LayerProps, key: &str) -> bool {
    p.stop.as_deref() == Some(key)
}

/// Accessible names made so far, by index (events, articles).
type Names = Vec<Option<AttrValue>>;

thread_local! {
    /// Marks' accessible names, made once per mark: they do not change with the view, and
    /// a frame would otherwise write a sentence for every mark it draws.
    static LABELS: std::cell::RefCell<(Names, Names)> = std::cell::RefCell::default();
}

fn label_of(f: Focus) -> AttrValue {
    let make = || {
        engine()
            .ok()
            .and_then(|e| describe(e.corpus(), f))
            .map(|d| AttrValue::from(d.label(false)))
            .unwrap_or_default()
    };
    LABELS.with(|l| {
        let mut l = l.borrow_mut();
        let (list, i) = match f {
            Focus::Event(e) => (&mut l.0, e as usize),
            Focus::Article(a) => (&mut l.1, a as usize),
        };
        if list.len() <= i {
            list.resize(i + 1, None);
        }
        list[i].get_or_insert_with(make).clone()
    })
}

/// The grid lines of the ticks.
#[component]
pub fn Grid(p: &LayerProps) -> Html {
    crate::rendered!("Grid");
    let l = &p.layout.0;
    let mut kids = Vec::with_capacity(l.ticks.len());
    for t in &l.ticks {
        let cls = if t.major { "grid major" } else { "grid" };
        let x: AttrValue = px(t.x).into();
        kids.push(el(
            "line",
            &["class", "x1", "x2", "y1", "y2"],
            vec![cls.into(), x.clone(), x, "0".into(), px(p.rows.axis).into()],
            vec![],
        ));
    }
    group("grid-layer", kids)
}

/// Era bands (with their clusters), and their visible names in a layer above.
#[component]
pub fn Bands(p: &LayerProps) -> Html {
    crate::rendered!("Bands");
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let l = &p.layout.0;
    let rows = p.rows;
    let mut marks = Vec::with_capacity(l.bands.len() + l.era_clusters.len());
    let mut names = Vec::new();
    for b in &l.bands {
        let ev = &c.events[b.event as usize];
        let key = focus_key(Focus::Event(b.event));
        let y = rows.eras + b.row as f64 * ERA_ROW;
        let mut cls = format!("band era{}", b.row % 3);
        flag(&mut cls, ev.method != DateMethod::Stated, "uncertain");
        flag(&mut cls, p.selected == Some(b.event), "selected");
        let (x, bw): (AttrValue, AttrValue) = (px(b.x0).into(), px((b.x1 - b.x0).max(1.0)).into());
        let chars = ((b.x1 - b.x0 - 8.0) / 6.5) as usize;
        let keys: &[&str] = &["class", "x", "width", "y", "height"];
        let kids = vec![
            el(
                "rect",
                keys,
                vec![
                    "tint".into(),
                    x.clone(),
                    bw.clone(),
                    px(y).into(),
                    px(rows.axis - y).into(),
                ],
                vec![],
            ),
            el(
                "rect",
                keys,
                vec![
                    "strip".into(),
                    x,
                    bw,
                    px(y).into(),
                    px(ERA_ROW - 2.0).into(),
                ],
                vec![],
            ),
        ];
        if chars >= 4 {
            // Visible names sit outside the focusable mark, whose name is the full
            // title (a cut name inside it would not match it: WCAG 2.5.3).
            names.push(keyed(
                &key,
                "text",
                &["class", "data-for", "x", "y"],
                vec![
                    "band-name".into(),
                    key.clone().into(),
                    px(b.x0 + 4.0).into(),
                    px(y + 12.0).into(),
                ],
                vec![Html::from(corpus::timeline::cut(&ev.title, chars))],
            ));
        }
        let tab = is_stop(p, &key);
        marks.push(mark_node(
            &["class", "data-key", "tabindex", "role", "aria-label"],
            cls,
            &key,
            tab,
            label_of(Focus::Event(b.event)),
            vec![],
            kids,
        ));
    }
    for (i, cl) in l.era_clusters.iter().enumerate() {
        let members: Vec<Focus> = cl.members.iter().map(|&e| Focus::Event(e)).collect();
        marks.push(cluster_node(
            c,
            &members,
            i,
            (cl.x, rows.eras + ERA_ROW / 2.0),
            p.selected.is_some_and(|e| cl.members.contains(&e)),
            p.stop.as_deref(),
        ));
    }
    html! {
        <>
            { group("bands clipped", marks) }
            { group("band-names clipped", names) }
        </>
    }
}

/// Props of [`Links`].
#[derive(Properties, PartialEq)]
pub struct LinksProps {
    /// The layout.
    pub layout: Shared<Layout>,
    /// Vertical positions.
    pub rows: Rows,
    /// Width of the plot.
    pub width: f64,
    /// The mark under the pointer or the keyboard (its links are highlighted).
    pub highlight: Option<Focus>,
}

/// The lines from each article to the events it reports, as three paths (plain, dimmed,
/// highlighted) rather than one element per link, and the axis line.
#[component]
pub fn Links(p: &LinksProps) -> Html {
    crate::rendered!("Links");
    let dims = use_dims();
    let l = &p.layout.0;
    let related = |k: &Link| match p.highlight {
        Some(Focus::Event(e)) => k.event == e,
        Some(Focus::Article(a)) => k.article == a,
        None => false,
    };
    let mut segs: Vec<(u8, i64, i64)> = l
        .links
        .iter()
        .map(|k| {
            let class = if related(k) {
                2
            } else if dims.event(k.event) || dims.article(k.article) {
                1
            } else {
                0
            };
            (class, k.event_x.round() as i64, k.article_x.round() as i64)
        })
        .collect();
    // Links come event by event, so most repeats are neighbours: drop those before the
    // sort that finds the rest.
    segs.dedup();
    corpus::util::sort_by(&mut segs, |a, b| a < b);
    segs.dedup();
    let (y1, y2) = (px(p.rows.events + 6.0), px(p.rows.articles - 7.0));
    let mut kids = Vec::with_capacity(4);
    for (class, name) in [(1, "link dim"), (0, "link"), (2, "link hl")] {
        let mut d = String::new();
        for &(_, ex, ax) in segs.iter().filter(|sg| sg.0 == class) {
            d.push_str(&format!("M{ex} {y1}L{ax} {y2}"));
        }
        kids.push(el(
            "path",
            &["class", "d"],
            vec![name.into(), d.into()],
            vec![],
        ));
    }
    let axis: AttrValue = px(p.rows.axis).into();
    kids.push(el(
        "line",
        &["class", "x1", "x2", "y1", "y2"],
        vec![
            "axis".into(),
            "0".into(),
            px(p.width).into(),
            axis.clone(),
            axis,
        ],
        vec![],
    ));
    group("links clipped", kids)
}

/// Props of [`Range`].
#[derive(Properties, PartialEq)]
pub struct RangeProps {
    /// The view (where the range's ends fall).
    pub view: Viewport,
    /// Vertical positions.
    pub rows: Rows,
}

/// The date filter's range, as a bar on the axis.
#[component]
pub fn Range(p: &RangeProps) -> Html {
    crate::rendered!("Range");
    let range = *use_select(|s| s.state().range);
    let v = p.view;
    let kids = match range {
        Some((a, b)) => {
            let x0 = corpus::util::clamp(v.x(a.to_days() as f64), -1.0, v.width + 1.0);
            let x1 = corpus::util::clamp(v.x((b.to_days() + 1) as f64), -1.0, v.width + 1.0);
            vec![el(
                "rect",
                &["class", "x", "width", "y", "height"],
                vec![
                    "range".into(),
                    px(x0).into(),
                    px((x1 - x0).max(0.0)).into(),
                    px(p.rows.axis).into(),
                    "8".into(),
                ],
                vec![],
            )]
        }
        None => Vec::new(),
    };
    group("axis-layer", kids)
}

/// Events: points (a day) and spans (a month, a year, a period), and their labels in a
/// layer above. A mark is drawn at x = 0 in a group moved to its place, so a frame that
/// moves it changes one attribute.
#[component]
pub fn Events(p: &LayerProps) -> Html {
    crate::rendered!("Events");
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let l = &p.layout.0;
    let rows = p.rows;
    let mut marks = Vec::with_capacity(l.events.len());
    let mut labels = Vec::new();
    // Spans first, points after: a day's dot is drawn over a period's bar, so what the
    // pointer hits (and opens) is what it is on.
    let spans = l
        .events
        .iter()
        .filter(|m| matches!(m.shape, Shape::Span { .. }));
    let points = l
        .events
        .iter()
        .filter(|m| matches!(m.shape, Shape::Point { .. }));
    for m in spans.chain(points) {
        let ev = &c.events[m.event as usize];
        let key = focus_key(Focus::Event(m.event));
        let tab = is_stop(p, &key);
        let mut cls = format!("mark event c-{}", ev.category.as_str());
        flag(&mut cls, m.uncertain, "uncertain");
        flag(&mut cls, p.selected == Some(m.event), "selected");
        let mut kids = vec![];
        let dx = m.shape.left();
        match m.shape {
            Shape::Point { .. } => {
                let cy: AttrValue = px(rows.events).into();
                let keys: &[&str] = &["class", "cx", "cy", "r"];
                let ring_cy = cy.clone();
                kids.push(ring(tab, "circle", keys, || {
                    vec!["ring".into(), "0".into(), ring_cy, "10".into()]
                }));
                kids.push(el(
                    "circle",
                    keys,
                    vec!["dot".into(), "0".into(), cy, "5".into()],
                    vec![],
                ));
            }
            Shape::Span { x0, x1 } => {
                let y = if m.row == 0 {
                    rows.events - 3.0
                } else {
                    rows.events + 8.0 + (m.row - 1) as f64 * SPAN_ROW
                };
                let keys: &[&str] = &["class", "x", "y", "width", "height", "rx"];
                kids.push(ring(tab, "rect", keys, || {
                    vec![
                        "ring".into(),
                        "-4".into(),
                        px(y - 4.0).into(),
                        px(x1 - x0 + 8.0).into(),
                        "14".into(),
                        "3".into(),
                    ]
                }));
                kids.push(el(
                    "rect",
                    keys,
                    vec![
                        "span".into(),
                        "0".into(),
                        px(y).into(),
                        px((x1 - x0).max(2.0)).into(),
                        "6".into(),
                        "2".into(),
                    ],
                    vec![],
                ));
            }
        }
        let moved: AttrValue = format!("translate({},0)", px(dx)).into();
        if let Some(lb) = &m.label {
            // Outside the focusable mark (see the band names), in a group moved with it.
            let y = rows.labels + (2 - lb.row.min(2)) as f64 * LABEL_ROW + 11.0;
            let lx: AttrValue = px(lb.x - 4.0 - dx).into();
            let kids = vec![
                el(
                    "line",
                    &["class", "x1", "x2", "y1", "y2"],
                    vec![
                        "leader".into(),
                        lx.clone(),
                        lx,
                        px(y - 8.0).into(),
                        px(rows.events - 6.0).into(),
                    ],
                    vec![],
                ),
                el(
                    "text",
                    &["class", "x", "y"],
                    vec!["label".into(), px(lb.x - dx).into(), px(y).into()],
                    vec![Html::from(lb.text.clone())],
                ),
            ];
            labels.push(keyed(
                &key,
                "g",
                &["class", "data-for", "transform"],
                vec!["mark-label".into(), key.clone().into(), moved.clone()],
                kids,
            ));
        }
        marks.push(mark_node(
            &[
                "class",
                "data-key",
                "tabindex",
                "role",
                "aria-label",
                "data-event",
                "transform",
            ],
            cls,
            &key,
            tab,
            label_of(Focus::Event(m.event)),
            vec![ev.id.clone().into(), moved],
            kids,
        ));
    }
    html! {
        <>
            { group("events clipped", marks) }
            { group("labels clipped", labels) }
        </>
    }
}

/// Clusters of events close in time (a bubble with a count).
#[component]
pub fn Clusters(p: &LayerProps) -> Html {
    crate::rendered!("Clusters");
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let l = &p.layout.0;
    let kids = l
        .clusters
        .iter()
        .enumerate()
        .map(|(i, cl)| {
            let members: Vec<Focus> = cl.members.iter().map(|&e| Focus::Event(e)).collect();
            cluster_node(
                c,
                &members,
                i,
                (cl.x, p.rows.events),
                p.selected.is_some_and(|e| cl.members.contains(&e)),
                p.stop.as_deref(),
            )
        })
        .collect();
    group("clusters clipped", kids)
}

/// Articles, where they were published (and their clusters).
#[component]
pub fn Articles(p: &LayerProps) -> Html {
    crate::rendered!("Articles");
    let open = *use_select(|s| s.state().article);
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let l = &p.layout.0;
    let y = p.rows.articles;
    let mut kids = Vec::with_capacity(l.articles.len() + l.article_clusters.len());
    for am in &l.articles {
        let a = &c.articles[am.article as usize];
        let key = focus_key(Focus::Article(am.article));
        let tab = is_stop(p, &key);
        let mut cls = String::from("mark article");
        flag(&mut cls, am.uncertain, "uncertain");
        flag(&mut cls, open == Some(am.article), "selected");
        let (x0, x1) = match am.shape {
            Shape::Point { x } => (x - 6.0, x + 6.0),
            Shape::Span { x0, x1 } => (x0, x1.max(x0 + 12.0)),
        };
        let keys: &[&str] = &["class", "x", "y", "width", "height", "rx"];
        let marks = vec![
            ring(tab, "rect", keys, || {
                vec![
                    "ring".into(),
                    "-4".into(),
                    px(y - 10.0).into(),
                    px(x1 - x0 + 8.0).into(),
                    "20".into(),
                    "3".into(),
                ]
            }),
            el(
                "rect",
                &["class", "x", "y", "width", "height"],
                vec![
                    "doc".into(),
                    "0".into(),
                    px(y - 6.0).into(),
                    px(x1 - x0).into(),
                    "12".into(),
                ],
                vec![],
            ),
        ];
        kids.push(mark_node(
            &[
                "class",
                "data-key",
                "tabindex",
                "role",
                "aria-label",
                "data-article",
                "transform",
            ],
            cls,
            &key,
            tab,
            label_of(Focus::Article(am.article)),
            vec![
                a.id.clone().into(),
                format!("translate({},0)", px(x0)).into(),
            ],
            marks,
        ));
    }
    for (i, cl) in l.article_clusters.iter().enumerate() {
        let members: Vec<Focus> = cl.members.iter().map(|&a| Focus::Article(a)).collect();
        kids.push(cluster_node(
            c,
            &members,
            i,
            (cl.x, y),
            open.is_some_and(|a| cl.members.contains(&a)),
            p.stop.as_deref(),
        ));
    }
    group("articles clipped", kids)
}

/// The dates under the axis.
#[component]
pub fn Ticks(p: &LayerProps) -> Html {
    crate::rendered!("Ticks");
    let l = &p.layout.0;
    let kids = l
        .ticks
        .iter()
        .map(|t| {
            let cls = if t.major { "tick major" } else { "tick" };
            el(
                "text",
                &["class", "x", "y"],
                vec![cls.into(), px(t.x).into(), px(p.rows.axis + 16.0).into()],
                vec![Html::from(t.label.clone())],
            )
        })
        .collect();
    group("ticks", kids)
}

/// Which events and articles match the app's filters (everything matches without
/// filters).
#[derive(PartialEq)]
pub struct Dims {
    filtering: bool,
    events: Vec<bool>,
    articles: Vec<bool>,
}

impl Dims {
    /// Is this event dimmed (filters set and it does not match)?
    pub fn event(&self, e: EventIx) -> bool {
        self.filtering && !self.events.get(e as usize).copied().unwrap_or(true)
    }

    /// Is this article dimmed?
    pub fn article(&self, a: ArticleIx) -> bool {
        self.filtering && !self.articles.get(a as usize).copied().unwrap_or(true)
    }

    /// Is this mark dimmed (a cluster when all its members are)?
    fn focus(&self, f: Focus) -> bool {
        match f {
            Focus::Event(e) => self.event(e),
            Focus::Article(a) => self.article(a),
        }
    }
}

/// What matches the filters, as the timeline dims it.
#[hook]
pub fn use_dims() -> std::rc::Rc<Dims> {
    let (results, filtering) =
        (*use_select(|s| (Shared(s.results.clone()), s.state().has_filters()))).clone();
    use_memo((results, filtering), |(r, filtering)| {
        let (ne, na) = engine().map_or((0, 0), |e| {
            (e.corpus().events.len(), e.corpus().articles.len())
        });
        let mut events = vec![false; ne];
        for &e in &r.0.events {
            if let Some(x) = events.get_mut(e as usize) {
                *x = true;
            }
        }
        let mut articles = vec![false; na];
        for a in &r.0.articles {
            if let Some(x) = articles.get_mut(a.article as usize) {
                *x = true;
            }
        }
        Dims {
            filtering: *filtering,
            events,
            articles,
        }
    })
}

/// Props of [`Dimmer`].
#[derive(Properties, PartialEq)]
pub struct DimmerProps {
    /// The drawing.
    pub svg: NodeRef,
    /// The layout drawn.
    pub layout: Shared<Layout>,
    /// Changes with every redraw of the drawing (the marks it must look at again).
    pub frame: u64,
}

/// Dims the marks (and their names) that do not match the filters, in place: a keystroke
/// toggles a class on the marks whose match changed and touches nothing else of the
/// drawing. A dimmed mark's accessible description says so.
#[component]
pub fn Dimmer(p: &DimmerProps) -> Html {
    crate::rendered!("Dimmer");
    let dims = use_dims();
    {
        let svg = p.svg.clone();
        let layout = p.layout.clone();
        use_effect_with((p.frame, dims), move |(_, dims)| {
            if let Some(root) = svg.cast::<web_sys::Element>() {
                apply_dims(&root, &layout.0, dims);
            }
        });
    }
    html! {
        <p id="tl-nomatch" hidden=true>{ "does not match the filters" }</p>
    }
}

fn apply_dims(root: &web_sys::Element, l: &Layout, dims: &Dims) {
    let Ok(list) = root.query_selector_all("[data-key], [data-for]") else {
        return;
    };
    for i in 0..list.length() {
        let Some(el) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let key = el
            .get_attribute("data-key")
            .or_else(|| el.get_attribute("data-for"));
        let Some(f) = key.as_deref().and_then(parse_key) else {
            continue;
        };
        let cluster = el
            .get_attribute("data-cluster")
            .and_then(|v| v.parse::<usize>().ok());
        let dim = match cluster {
            Some(i) => {
                let cls = el.get_attribute("class").unwrap_or_default();
                if cls.contains("docs") {
                    l.article_clusters
                        .get(i)
                        .is_some_and(|c| c.members.iter().all(|&a| dims.article(a)))
                } else {
                    let cs = if cls.contains("eras") {
                        &l.era_clusters
                    } else {
                        &l.clusters
                    };
                    cs.get(i)
                        .is_some_and(|c| c.members.iter().all(|&e| dims.event(e)))
                }
            }
            None => dims.focus(f),
        };
        let _ = el.class_list().toggle_with_force("dim", dim);
        if el.has_attribute("data-key") {
            let has = el.get_attribute("aria-describedby").is_some();
            if dim && !has {
                let _ = el.set_attribute("aria-describedby", "tl-nomatch");
            } else if !dim && has {
                let _ = el.remove_attribute("aria-describedby");
            }
        }
    }
}
