//! The timeline: eras, events (when they happened) and articles (when they were
//! published), linked, in one SVG drawn from [`corpus::timeline::layout`].
//!
//! The visible window lives here while the reader zooms and pans (a frame costs one
//! layout and one diff of this component only) and reaches the store, and so the URL,
//! a moment after the movement stops. Keyboard moves come from
//! [`corpus::timeline::navigate`]; the component only draws and dispatches.

use super::event_card::EventCard;
use super::timeline_list::TimelineList;
use super::Shared;
use crate::dom;
use crate::engine;
use crate::store::{use_dispatch, use_store};
use corpus::render::{date_label, short_date};
use corpus::state::Action;
use corpus::timeline::{
    bounds, cluster_label, default_viewport, density, describe, items, lane_of, layout, navigate,
    Focus, Item, Lane, Nav, Options, Shape, Viewport,
};
use corpus::{DateMethod, EventIx};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The app's current results (what matches the filters).
    pub results: Shared,
}

/// Width of the lane names on the left (pixels).
const GUTTER: f64 = 58.0;
/// Height of an era row.
const ERA_ROW: f64 = 18.0;
/// Height of a label row.
const LABEL_ROW: f64 = 15.0;
/// Vertical step between span rows.
const SPAN_ROW: f64 = 8.0;
/// Height of the overview strip.
const OVERVIEW_H: f64 = 30.0;
/// Largest corpus whose list is kept (hidden) for printing in graph mode.
const PRINT_LIST_MAX: usize = 1000;
/// How long the view must rest before it is written to the URL (ms).
const SETTLE_MS: u32 = 300;

fn px(x: f64) -> String {
    if x.is_finite() {
        (x.round() as i64).to_string()
    } else {
        "0".into()
    }
}

/// The vertical positions of the lanes for a layout.
#[derive(Clone, Copy)]
struct Rows {
    eras: f64,
    labels: f64,
    events: f64,
    articles: f64,
    axis: f64,
    height: f64,
}

impl Rows {
    /// Room for every row the layout may use, so the drawing keeps its height while the
    /// view moves (nothing below it jumps, and the page is not laid out again).
    fn of(o: &Options) -> Rows {
        let era_rows = o.band_rows as f64;
        let span_rows = o.span_rows as f64;
        let eras = 4.0;
        let labels = eras + era_rows * ERA_ROW + 6.0;
        let events = labels + 3.0 * LABEL_ROW + 10.0;
        let articles = events + 12.0 + span_rows * SPAN_ROW + 34.0;
        let axis = articles + 22.0;
        Rows {
            eras,
            labels,
            events,
            articles,
            axis,
            height: axis + 26.0,
        }
    }
}

/// What a pointer gesture is doing.
#[derive(Clone, Default)]
enum Gesture {
    #[default]
    Idle,
    /// Pressed, not moved yet (a click if released now).
    Pressed { x: f64, view: Viewport, brush: bool },
    /// Dragging the view.
    Pan { x: f64, view: Viewport },
    /// Dragging on the axis: a date range.
    Brush { x0: f64 },
    /// Two fingers.
    Pinch { dist: f64, view: Viewport, mid: f64 },
    /// Dragging the overview window.
    Overview { x: f64, view: Viewport },
}

#[derive(Default)]
struct Pointers {
    gesture: Gesture,
    /// Active pointers: (id, x, y).
    down: Vec<(i32, f64, f64)>,
    /// A drag just ended: swallow the click that follows it.
    dragged: bool,
}

fn focus_key(f: Focus) -> String {
    match f {
        Focus::Event(e) => format!("e{e}"),
        Focus::Article(a) => format!("a{a}"),
    }
}

/// The timeline panel: toolbar, graph or list, overview, event card.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let store = use_store();
    let dispatch = use_dispatch();
    let container = use_node_ref();
    let head = use_node_ref();
    let svg_ref = use_node_ref();
    let width = use_state(|| 0.0f64);
    let view = use_state(|| None::<Viewport>);
    let focus = use_state(|| None::<Focus>);
    let hover = use_state_eq(|| None::<Focus>);
    let brush = use_state(|| None::<(f64, f64)>);
    let hide = use_state(|| false);
    let open_cluster = use_state(|| None::<Vec<Focus>>);
    let pointers = use_mut_ref(Pointers::default);
    let settle = use_mut_ref(|| None::<Timeout>);
    let move_focus = use_mut_ref(|| false);
    let frame = use_mut_ref(|| 0u64);
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let s = &store.state;
    let full = bounds(c);
    let filtering = s.has_filters();

    // Which events and articles match the app's filters.
    let matching = {
        let r = props.results.clone();
        use_memo(r, |r| {
            let mut ev = vec![false; c.events.len()];
            for &e in &r.0.events {
                ev[e as usize] = true;
            }
            let mut ar = vec![false; c.articles.len()];
            for a in &r.0.articles {
                ar[a.article as usize] = true;
            }
            (ev, ar)
        })
    };
    let its: Rc<Vec<Item>> = {
        let only = (*hide && filtering).then(|| props.results.0.events.clone());
        use_memo((props.results.clone(), *hide && filtering), move |_| {
            items(c, only.as_deref())
        })
    };

    // Measure the drawing width (the panel's content width) now and on resize.
    {
        let head = head.clone();
        let width = width.clone();
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = head.cast::<web_sys::Element>() {
                    let w = (el.client_width() as f64 - GUTTER).max(120.0);
                    if (w - *width).abs() > 0.5 {
                        width.set(w);
                    }
                }
            };
            measure();
            let listener =
                dom::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }
    let w = *width;
    // The view follows the URL (first load, back/forward, a pasted link, Reset).
    {
        let view = view.clone();
        use_effect_with((s.window, w), move |(win, w)| {
            if *w <= 0.0 {
                return;
            }
            let target = match win {
                Some(win) => Viewport::from_window(*win, *w, full),
                None => default_viewport(c, *w),
            };
            let same = view
                .as_ref()
                .is_some_and(|v| v.width == *w && win.is_some_and(|win| v.window() == win));
            if !same && *view != Some(target) {
                view.set(Some(target));
            }
        });
    }
    // Keyboard focus follows the roving focus after a keyboard move.
    {
        let move_focus = move_focus.clone();
        let container = container.clone();
        use_effect_with(*focus, move |f| {
            if std::mem::take(&mut *move_focus.borrow_mut()) {
                if let (Some(f), Some(root)) = (f, container.cast::<web_sys::Element>()) {
                    let sel = format!("[data-key=\"{}\"]", focus_key(*f));
                    if let Ok(Some(el)) = root.query_selector(&sel) {
                        if let Ok(el) = el.dyn_into::<web_sys::SvgElement>() {
                            let _ = el.focus();
                        }
                    }
                }
            }
        });
    }

    // One performance mark, `pce:timeline`, once the first marks are drawn (bench/).
    {
        static MARKED: AtomicBool = AtomicBool::new(false);
        let container = container.clone();
        use_effect(move || {
            let drawn = || {
                container
                    .cast::<web_sys::Element>()
                    .and_then(|r| r.query_selector(".graph [data-key]").ok().flatten())
                    .is_some()
            };
            if !MARKED.load(Ordering::Relaxed) && drawn() {
                MARKED.store(true, Ordering::Relaxed);
                dom::mark("pce:timeline");
            }
        });
    }

    // Until the width is measured, draw at 600 px what the URL asks for.
    let v = match *view {
        Some(v) if v.width == w && w > 0.0 => v,
        _ => {
            let w = if w > 0.0 { w } else { 600.0 };
            match s.window {
                Some(win) => Viewport::from_window(win, w, full),
                None => default_viewport(c, w),
            }
        }
    };

    // Change the view now; write it to the URL once it settles.
    let set_view: Rc<dyn Fn(Viewport)> = {
        let view = view.clone();
        let settle = settle.clone();
        let dispatch = dispatch.clone();
        Rc::new(move |nv: Viewport| {
            view.set(Some(nv));
            let dispatch = dispatch.clone();
            *settle.borrow_mut() = Some(Timeout::new(SETTLE_MS, move || {
                dispatch.emit(Action::SetWindow(Some(nv.window())));
            }));
        })
    };

    // Wheel: zoom at the pointer; horizontal wheel or Shift pans. Not passive, so the
    // page does not scroll under a zoom.
    // Registered once per drawing (not per frame): it reads the view shown from a ref.
    let shown_view = use_mut_ref(|| v);
    *shown_view.borrow_mut() = v;
    {
        let svg_ref = svg_ref.clone();
        let set_view = set_view.clone();
        use_effect_with(s.list, move |_| {
            let listener = svg_ref.cast::<web_sys::Element>().map(|el| {
                EventListener::new_with_options(
                    &el,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() else {
                            return;
                        };
                        let v = *shown_view.borrow();
                        let (dx, dy) = (e.delta_x(), e.delta_y());
                        let scale = if e.delta_mode() == 1 { 16.0 } else { 1.0 };
                        let x = local(&e.clone().into(), e.client_x(), e.client_y()).0;
                        let nv = if e.shift_key() || dx.abs() > dy.abs() {
                            let d = if dx.abs() > dy.abs() { dx } else { dy };
                            v.pan(d * scale, full)
                        } else {
                            let k = if e.ctrl_key() { 0.01 } else { 0.0015 };
                            v.zoom((-dy * scale * k).exp(), x, full)
                        };
                        e.prevent_default();
                        if nv != v {
                            set_view(nv);
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    let o = Options::default();
    let l = Rc::new(layout(c, &its, &v, &o));
    let rows = Rows::of(&o);
    *frame.borrow_mut() += 1;
    let (ev_match, ar_match) = &*matching;
    let dim_event = |e: EventIx| filtering && !ev_match.get(e as usize).copied().unwrap_or(true);

    // The roving tab stop: the mark holding the focus, else the first event mark.
    let stop_key = {
        focus
            .and_then(|f| l.stop_of(c, f))
            .or_else(|| l.stops(Lane::Events).into_iter().next())
            .map(|st| focus_key(st.focus))
    };
    let tab = |key: &str| {
        if stop_key.as_deref() == Some(key) {
            "0"
        } else {
            "-1"
        }
    };

    // Opening a mark.
    let open: Rc<dyn Fn(Focus, Option<usize>)> = {
        let dispatch = dispatch.clone();
        let set_view = set_view.clone();
        let open_cluster = open_cluster.clone();
        let l = Rc::clone(&l);
        Rc::new(move |f: Focus, cluster: Option<usize>| match (f, cluster) {
            (_, Some(i)) => match l.open_cluster(lane_of(c, f), i, &v, full) {
                Some((Some(z), _)) => {
                    open_cluster.set(None);
                    set_view(z);
                }
                Some((None, members)) => open_cluster.set(Some(members)),
                None => {}
            },
            (Focus::Event(e), None) => {
                open_cluster.set(None);
                dispatch.emit(Action::SelectEvent(e));
            }
            (Focus::Article(a), None) => dispatch.emit(Action::OpenArticle(a, None)),
        })
    };

    let onkeydown = {
        let its = its.clone();
        let l = Rc::clone(&l);
        let focus = focus.clone();
        let move_focus = move_focus.clone();
        let set_view = set_view.clone();
        let open = open.clone();
        let dispatch = dispatch.clone();
        let selected = s.event;
        Callback::from(move |e: KeyboardEvent| {
            let nav = match e.key().as_str() {
                "ArrowLeft" => Some(Nav::Prev),
                "ArrowRight" => Some(Nav::Next),
                "ArrowUp" => Some(Nav::Up),
                "ArrowDown" => Some(Nav::Down),
                "Home" => Some(Nav::First),
                "End" => Some(Nav::Last),
                _ => None,
            };
            if let Some(nav) = nav {
                e.prevent_default();
                let current = (*focus).or_else(|| l.stops(Lane::Events).first().map(|s| s.focus));
                if let Some((f, nv)) = navigate(c, &its, &l, &v, full, current, nav) {
                    if nv != v {
                        set_view(nv);
                    }
                    *move_focus.borrow_mut() = true;
                    focus.set(Some(f));
                }
                return;
            }
            let at = (*focus).and_then(|f| l.stop_of(c, f));
            let centre = at.as_ref().map_or(v.width / 2.0, |st| st.x);
            match e.key().as_str() {
                "Enter" | " " => {
                    e.prevent_default();
                    if let Some(f) = *focus {
                        open(f, at.and_then(|st| st.cluster));
                    }
                }
                "+" | "=" => set_view(v.zoom(2.0, centre, full)),
                "-" | "_" => set_view(v.zoom(0.5, centre, full)),
                "PageUp" => {
                    e.prevent_default();
                    set_view(v.pan(-v.width / 2.0, full));
                }
                "PageDown" => {
                    e.prevent_default();
                    set_view(v.pan(v.width / 2.0, full));
                }
                "Escape" if selected.is_some() => dispatch.emit(Action::CloseEvent),
                _ => {}
            }
        })
    };
    let onfocusin = {
        let focus = focus.clone();
        Callback::from(move |e: FocusEvent| {
            let key = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.get_attribute("data-key"));
            let f = key.as_deref().and_then(parse_key);
            if f.is_some() && f != *focus {
                focus.set(f);
            }
        })
    };

    // Pointer gestures on the drawing: drag pans, drag on the axis (or with Shift)
    // brushes a date range, two fingers pinch.
    let local_x = |e: &PointerEvent| local(e, e.client_x(), e.client_y()).0;
    let local_y = |e: &PointerEvent| local(e, e.client_x(), e.client_y()).1;
    let onpointerdown = {
        let pointers = pointers.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 && e.pointer_type() == "mouse" {
                return;
            }
            let mut p = pointers.borrow_mut();
            let x = local_x(&e);
            p.down.retain(|d| d.0 != e.pointer_id());
            p.down.push((e.pointer_id(), x, local_y(&e)));
            p.dragged = false;
            if p.down.len() == 2 {
                let (a, b) = (p.down[0], p.down[1]);
                p.gesture = Gesture::Pinch {
                    dist: (a.1 - b.1).hypot(a.2 - b.2).max(1.0),
                    view: v,
                    mid: (a.1 + b.1) / 2.0,
                };
            } else {
                let brush = e.shift_key() || local_y(&e) >= rows.axis - 14.0;
                p.gesture = Gesture::Pressed { x, view: v, brush };
            }
        })
    };
    let onpointermove = {
        let pointers = pointers.clone();
        let set_view = set_view.clone();
        let brush = brush.clone();
        Callback::from(move |e: PointerEvent| {
            let mut p = pointers.borrow_mut();
            let x = local_x(&e);
            if let Some(d) = p.down.iter_mut().find(|d| d.0 == e.pointer_id()) {
                d.1 = x;
                d.2 = local_y(&e);
            }
            let g = p.gesture.clone();
            match g {
                Gesture::Pressed {
                    x: x0,
                    view,
                    brush: b,
                } if (x - x0).abs() > 4.0 => {
                    if let Some(t) = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    {
                        let _ = t.set_pointer_capture(e.pointer_id());
                    }
                    p.dragged = true;
                    p.gesture = if b {
                        brush.set(Some((x0, x)));
                        Gesture::Brush { x0 }
                    } else {
                        Gesture::Pan { x: x0, view }
                    };
                }
                Gesture::Pan { x: x0, view } => set_view(view.pan(x0 - x, full)),
                Gesture::Brush { x0 } => {
                    brush.set(Some((x0, corpus::util::clamp(x, 0.0, v.width))))
                }
                Gesture::Pinch { dist, view, mid } if p.down.len() == 2 => {
                    let (a, b) = (p.down[0], p.down[1]);
                    let d = (a.1 - b.1).hypot(a.2 - b.2).max(1.0);
                    let m = (a.1 + b.1) / 2.0;
                    set_view(view.zoom(d / dist, mid, full).pan(mid - m, full));
                }
                _ => {}
            }
        })
    };
    let onpointerup = {
        let pointers = pointers.clone();
        let brush = brush.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |e: PointerEvent| {
            let mut p = pointers.borrow_mut();
            p.down.retain(|d| d.0 != e.pointer_id());
            if let Gesture::Brush { x0 } = p.gesture {
                let x1 = corpus::util::clamp(local_x(&e), 0.0, v.width);
                brush.set(None);
                if (x1 - x0).abs() > 4.0 {
                    dispatch.emit(Action::SetRange(Some(v.range_between(x0, x1))));
                }
            }
            p.gesture = Gesture::Idle;
        })
    };
    let onpointercancel = {
        let pointers = pointers.clone();
        let brush = brush.clone();
        Callback::from(move |e: PointerEvent| {
            let mut p = pointers.borrow_mut();
            p.down.retain(|d| d.0 != e.pointer_id());
            p.gesture = Gesture::Idle;
            brush.set(None);
        })
    };
    // Marks take no listeners of their own: clicks and hovers are read off the SVG from
    // the mark's `data-key` (and `data-cluster`), so a frame with thousands of marks
    // registers nothing.
    let onclick = {
        let open = open.clone();
        let pointers = pointers.clone();
        let focus = focus.clone();
        Callback::from(move |e: MouseEvent| {
            if std::mem::take(&mut pointers.borrow_mut().dragged) {
                return;
            }
            let Some((f, el)) = mark_of(&e) else { return };
            let cluster = el
                .get_attribute("data-cluster")
                .and_then(|v| v.parse::<usize>().ok());
            focus.set(Some(f));
            open(f, cluster);
        })
    };
    let onmouseover = {
        let hover = hover.clone();
        Callback::from(move |e: MouseEvent| hover.set(mark_of(&e).map(|m| m.0)))
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };

    // --- Drawing -------------------------------------------------------------------
    let selected = s.event;
    let hl = (*hover).or(*focus);
    let related = |link: &corpus::timeline::Link| match hl.or(selected.map(Focus::Event)) {
        Some(Focus::Event(e)) => link.event == e,
        Some(Focus::Article(a)) => link.article == a,
        None => false,
    };
    // One group per kind of mark: a change in how many ticks or links there are never
    // shifts the marks of another kind (unkeyed children are matched by position).
    let mut layers: Vec<Html> = Vec::with_capacity(9);
    let mut plot: Vec<Html> = Vec::with_capacity(l.ticks.len() * 2 + l.events.len() + 64);
    plot.push(node(
        "rect",
        &[
            ("class", "plot".into()),
            ("x", "0".into()),
            ("y", "0".into()),
            ("width", px(w)),
            ("height", px(rows.height)),
        ],
        vec![],
    ));
    for t in &l.ticks {
        let cls = if t.major { "grid major" } else { "grid" };
        plot.push(node(
            "line",
            &[
                ("class", cls.into()),
                ("x1", px(t.x)),
                ("x2", px(t.x)),
                ("y1", "0".into()),
                ("y2", px(rows.axis)),
            ],
            vec![],
        ));
    }
    seal(&mut plot, &mut layers, "grid-layer");
    // Visible names of bands and events, drawn in layers of their own.
    let mut names: Vec<Html> = Vec::new();
    // Clusters of events (on the event lane) or eras (on theirs).
    let event_clusters = |cs: &[corpus::timeline::Cluster], y: f64| -> Vec<Html> {
        cs.iter()
            .enumerate()
            .map(|(i, cl)| {
                let members: Vec<Focus> = cl.members.iter().map(|&e| Focus::Event(e)).collect();
                cluster_node(
                    &members,
                    i,
                    (cl.x, y),
                    cl.members.iter().all(|&e| dim_event(e)),
                    selected.is_some_and(|e| cl.members.contains(&e)),
                    &tab,
                    c,
                )
            })
            .collect()
    };
    for b in &l.bands {
        let ev = &c.events[b.event as usize];
        let key = focus_key(Focus::Event(b.event));
        let y = rows.eras + b.row as f64 * ERA_ROW;
        let label = describe(c, Focus::Event(b.event))
            .map(|d| d.label(dim_event(b.event)))
            .unwrap_or_default();
        let mut cls = format!("band era{}", b.row % 3);
        flag(&mut cls, ev.method != DateMethod::Stated, "uncertain");
        flag(&mut cls, selected == Some(b.event), "selected");
        flag(&mut cls, dim_event(b.event), "dim");
        let (x, bw) = (px(b.x0), px((b.x1 - b.x0).max(1.0)));
        let chars = ((b.x1 - b.x0 - 8.0) / 6.5) as usize;
        let kids = vec![
            node(
                "rect",
                &[
                    ("class", "tint".into()),
                    ("x", x.clone()),
                    ("width", bw.clone()),
                    ("y", px(y)),
                    ("height", px(rows.axis - y)),
                ],
                vec![],
            ),
            node(
                "rect",
                &[
                    ("class", "strip".into()),
                    ("x", x),
                    ("width", bw),
                    ("y", px(y)),
                    ("height", px(ERA_ROW - 2.0)),
                ],
                vec![],
            ),
        ];
        if chars >= 4 {
            // Visible names sit outside the focusable mark, whose name is the full
            // title (a cut name inside it would not match it: WCAG 2.5.3).
            names.push(node(
                "text",
                &[
                    ("class", "band-name".into()),
                    ("data-for", key.clone()),
                    ("x", px(b.x0 + 4.0)),
                    ("y", px(y + 12.0)),
                ],
                vec![Html::from(corpus::timeline::cut(&ev.title, chars))],
            ));
        }
        plot.push(mark_node(cls, &key, tab(&key), label, &[], kids));
    }
    plot.extend(event_clusters(&l.era_clusters, rows.eras + ERA_ROW / 2.0));
    seal(&mut plot, &mut layers, "bands clipped");
    plot.append(&mut names);
    seal(&mut plot, &mut layers, "band-names clipped");
    // Links are drawn as three paths (plain, dimmed, highlighted), not one element per
    // link: at 10,000 events they are thousands of segments, most of them shared by the
    // marks that clusters stand for.
    let mut segs: Vec<(u8, i64, i64)> = l
        .links
        .iter()
        .map(|k| {
            let class = if related(k) {
                2
            } else if dim_event(k.event) || (filtering && !ar_match[k.article as usize]) {
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
    let (y1, y2) = (px(rows.events + 6.0), px(rows.articles - 7.0));
    for (class, name) in [(1, "link dim"), (0, "link"), (2, "link hl")] {
        let mut d = String::new();
        for &(_, ex, ax) in segs.iter().filter(|sg| sg.0 == class) {
            d.push_str(&format!("M{ex} {y1}L{ax} {y2}"));
        }
        plot.push(node("path", &[("class", name.into()), ("d", d)], vec![]));
    }
    plot.push(node(
        "line",
        &[
            ("class", "axis".into()),
            ("x1", "0".into()),
            ("x2", px(w)),
            ("y1", px(rows.axis)),
            ("y2", px(rows.axis)),
        ],
        vec![],
    ));
    seal(&mut plot, &mut layers, "links clipped");
    if let Some((a, b)) = s.range {
        let x0 = corpus::util::clamp(v.x(a.to_days() as f64), -1.0, v.width + 1.0);
        let x1 = corpus::util::clamp(v.x((b.to_days() + 1) as f64), -1.0, v.width + 1.0);
        plot.push(node(
            "rect",
            &[
                ("class", "range".into()),
                ("x", px(x0)),
                ("width", px((x1 - x0).max(0.0))),
                ("y", px(rows.axis)),
                ("height", "8".into()),
            ],
            vec![],
        ));
    }
    seal(&mut plot, &mut layers, "axis-layer");
    for m in &l.events {
        let ev = &c.events[m.event as usize];
        let key = focus_key(Focus::Event(m.event));
        let dim = dim_event(m.event);
        let label = describe(c, Focus::Event(m.event))
            .map(|d| d.label(dim))
            .unwrap_or_default();
        let mut cls = format!("mark event c-{}", ev.category.as_str());
        flag(&mut cls, m.uncertain, "uncertain");
        flag(&mut cls, selected == Some(m.event), "selected");
        flag(&mut cls, dim, "dim");
        let mut kids = vec![];
        // A point is drawn at x = 0 in a group moved to its place: a frame that moves it
        // changes one attribute, and its label is not laid out again.
        let mut dx = 0.0;
        match m.shape {
            Shape::Point { x } => {
                dx = x;
                let cy = px(rows.events);
                kids.push(ring(
                    tab(&key),
                    "circle",
                    &[("cx", "0".into()), ("cy", cy.clone()), ("r", "10".into())],
                ));
                kids.push(node(
                    "circle",
                    &[
                        ("class", "dot".into()),
                        ("cx", "0".into()),
                        ("cy", cy),
                        ("r", "5".into()),
                    ],
                    vec![],
                ));
            }
            Shape::Span { x0, x1 } => {
                let y = if m.row == 0 {
                    rows.events - 3.0
                } else {
                    rows.events + 8.0 + (m.row - 1) as f64 * SPAN_ROW
                };
                kids.push(ring(
                    tab(&key),
                    "rect",
                    &[
                        ("x", px(x0 - 4.0)),
                        ("y", px(y - 4.0)),
                        ("width", px(x1 - x0 + 8.0)),
                        ("height", "14".into()),
                        ("rx", "3".into()),
                    ],
                ));
                kids.push(node(
                    "rect",
                    &[
                        ("class", "span".into()),
                        ("x", px(x0)),
                        ("y", px(y)),
                        ("width", px((x1 - x0).max(2.0))),
                        ("height", "6".into()),
                        ("rx", "2".into()),
                    ],
                    vec![],
                ));
            }
        }
        if let Some(lb) = &m.label {
            // Outside the focusable mark (see the band names), in a group moved with it.
            let y = rows.labels + (2 - lb.row.min(2)) as f64 * LABEL_ROW + 11.0;
            let kids = vec![
                node(
                    "line",
                    &[
                        ("class", "leader".into()),
                        ("x1", px(lb.x - 4.0 - dx)),
                        ("x2", px(lb.x - 4.0 - dx)),
                        ("y1", px(y - 8.0)),
                        ("y2", px(rows.events - 6.0)),
                    ],
                    vec![],
                ),
                node(
                    "text",
                    &[
                        ("class", "label".into()),
                        ("x", px(lb.x - dx)),
                        ("y", px(y)),
                    ],
                    vec![Html::from(lb.text.clone())],
                ),
            ];
            let mut lcls = String::from("mark-label");
            flag(&mut lcls, dim, "dim");
            names.push(node(
                "g",
                &[
                    ("class", lcls),
                    ("data-for", key.clone()),
                    ("transform", format!("translate({},0)", px(dx))),
                ],
                kids,
            ));
        }
        plot.push(mark_node(
            cls,
            &key,
            tab(&key),
            label,
            &[
                ("data-event", ev.id.clone()),
                ("transform", format!("translate({},0)", px(dx))),
            ],
            kids,
        ));
    }
    seal(&mut plot, &mut layers, "events clipped");
    plot.append(&mut names);
    seal(&mut plot, &mut layers, "labels clipped");
    plot.extend(event_clusters(&l.clusters, rows.events));
    seal(&mut plot, &mut layers, "clusters clipped");
    for am in &l.articles {
        let a = &c.articles[am.article as usize];
        let key = focus_key(Focus::Article(am.article));
        let dim = filtering && !ar_match[am.article as usize];
        let label = describe(c, Focus::Article(am.article))
            .map(|d| d.label(dim))
            .unwrap_or_default();
        let mut cls = String::from("mark article");
        flag(&mut cls, am.uncertain, "uncertain");
        flag(&mut cls, dim, "dim");
        flag(&mut cls, s.article == Some(am.article), "selected");
        let y = rows.articles;
        let (x0, x1) = match am.shape {
            Shape::Point { x } => (x - 6.0, x + 6.0),
            Shape::Span { x0, x1 } => (x0, x1.max(x0 + 12.0)),
        };
        let kids = vec![
            ring(
                tab(&key),
                "rect",
                &[
                    ("x", px(x0 - 4.0)),
                    ("y", px(y - 10.0)),
                    ("width", px(x1 - x0 + 8.0)),
                    ("height", "20".into()),
                    ("rx", "3".into()),
                ],
            ),
            node(
                "rect",
                &[
                    ("class", "doc".into()),
                    ("x", px(x0)),
                    ("y", px(y - 6.0)),
                    ("width", px(x1 - x0)),
                    ("height", "12".into()),
                ],
                vec![],
            ),
        ];
        plot.push(mark_node(
            cls,
            &key,
            tab(&key),
            label,
            &[("data-article", a.id.clone())],
            kids,
        ));
    }
    for (i, cl) in l.article_clusters.iter().enumerate() {
        let members: Vec<Focus> = cl.members.iter().map(|&a| Focus::Article(a)).collect();
        plot.push(cluster_node(
            &members,
            i,
            (cl.x, rows.articles),
            filtering && cl.members.iter().all(|&a| !ar_match[a as usize]),
            s.article.is_some_and(|a| cl.members.contains(&a)),
            &tab,
            c,
        ));
    }
    seal(&mut plot, &mut layers, "articles clipped");
    for t in &l.ticks {
        let cls = if t.major { "tick major" } else { "tick" };
        plot.push(node(
            "text",
            &[
                ("class", cls.into()),
                ("x", px(t.x)),
                ("y", px(rows.axis + 16.0)),
            ],
            vec![Html::from(t.label.clone())],
        ));
    }
    seal(&mut plot, &mut layers, "ticks");
    if let Some((a, b)) = *brush {
        let (x0, x1) = if a <= b { (a, b) } else { (b, a) };
        plot.push(node(
            "rect",
            &[
                ("class", "brush".into()),
                ("x", px(x0)),
                ("width", px(x1 - x0)),
                ("y", "0".into()),
                ("height", px(rows.axis + 8.0)),
            ],
            vec![],
        ));
    }

    seal(&mut plot, &mut layers, "brush-layer");

    // --- Toolbar, status, overview -------------------------------------------------
    let zoom_by = |k: f64| {
        let set_view = set_view.clone();
        Callback::from(move |_: MouseEvent| set_view(v.zoom(k, v.width / 2.0, full)))
    };
    let pan_by = |k: f64| {
        let set_view = set_view.clone();
        Callback::from(move |_: MouseEvent| set_view(v.pan(v.width * k, full)))
    };
    let reset = {
        let view = view.clone();
        let dispatch = dispatch.clone();
        let settle = settle.clone();
        Callback::from(move |_: MouseEvent| {
            settle.borrow_mut().take();
            view.set(Some(default_viewport(c, w.max(1.0))));
            dispatch.emit(Action::SetWindow(None));
        })
    };
    let whole = {
        let set_view = set_view.clone();
        Callback::from(move |_: MouseEvent| {
            set_view(Viewport {
                start: full.0,
                end: full.1,
                width: v.width,
            })
        })
    };
    let range_to_view = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::SetRange(Some(v.range_between(0.0, v.width))))
        })
    };
    let set_list = |list: bool| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::SetList(list)))
    };
    let toggle_hide = {
        let hide = hide.clone();
        Callback::from(move |_: Event| hide.set(!*hide))
    };
    let (w0, w1) = v.window();
    let shown = format!("{} – {}", short_date(w0), short_date(w1.add_days(-1)));
    let status = format!(
        "Showing {shown}.{}{}",
        if l.before > 0 {
            format!(" {} earlier", corpus::render::count(l.before, "event"))
        } else {
            String::new()
        },
        if l.after > 0 {
            format!(", {} later", l.after)
        } else {
            String::new()
        },
    );
    // What the pointer or keyboard is on, in words (the visible tooltip).
    let info = hl.and_then(|f| describe(c, f)).map(|d| {
        html! { <><strong>{ d.title.clone() }</strong>{ format!(" — {} · {}", d.date, d.how_or_stated()) }</> }
    });

    let ov_scale = (w / (full.1 - full.0)).max(1e-9);
    let ov_x0 = (v.start - full.0) * ov_scale;
    let ov_x1 = (v.end - full.0) * ov_scale;
    let ov_to_view =
        move |x: f64, from: Viewport, x0: f64| from.pan((x - x0) / ov_scale * from.scale(), full);
    let ov_down = {
        let pointers = pointers.clone();
        let set_view = set_view.clone();
        Callback::from(move |e: PointerEvent| {
            let x = local(&e, e.client_x(), e.client_y()).0;
            let mut p = pointers.borrow_mut();
            // Pressing outside the window moves it there first.
            let from = if x < ov_x0 || x > ov_x1 {
                let nv = v.centred(full.0 + x / ov_scale, full);
                set_view(nv);
                nv
            } else {
                v
            };
            if let Some(t) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = t.set_pointer_capture(e.pointer_id());
            }
            p.gesture = Gesture::Overview { x, view: from };
        })
    };
    let ov_move = {
        let pointers = pointers.clone();
        let set_view = set_view.clone();
        Callback::from(move |e: PointerEvent| {
            let g = pointers.borrow().gesture.clone();
            if let Gesture::Overview { x: x0, view } = g {
                set_view(ov_to_view(
                    local(&e, e.client_x(), e.client_y()).0,
                    view,
                    x0,
                ));
            }
        })
    };
    let ov_up = {
        let pointers = pointers.clone();
        Callback::from(move |_: PointerEvent| pointers.borrow_mut().gesture = Gesture::Idle)
    };
    let ov_key = {
        let set_view = set_view.clone();
        Callback::from(move |e: KeyboardEvent| {
            let step = v.width / 10.0;
            let nv = match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => v.pan(-step, full),
                "ArrowRight" | "ArrowUp" => v.pan(step, full),
                "PageUp" => v.pan(-v.width, full),
                "PageDown" => v.pan(v.width, full),
                "Home" => v.pan(-1e12, full),
                "End" => v.pan(1e12, full),
                _ => return,
            };
            e.prevent_default();
            set_view(nv);
        })
    };

    let selected_card = s.event.map(|e| html! { <EventCard event={e} /> });
    let cluster_list = open_cluster.as_ref().map(|evs| {
        let close = {
            let open_cluster = open_cluster.clone();
            Callback::from(move |_: MouseEvent| open_cluster.set(None))
        };
        let buttons = evs.iter().map(|&f| {
            let dispatch = dispatch.clone();
            let open_cluster = open_cluster.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                open_cluster.set(None);
                dispatch.emit(match f {
                    Focus::Event(e) => Action::SelectEvent(e),
                    Focus::Article(a) => Action::OpenArticle(a, None),
                });
            });
            let Some(d) = describe(c, f) else {
                return html! {};
            };
            html! { <li><button type="button" class="link-button" {onclick}>{ d.title }</button>{ format!(" — {}", d.date) }</li> }
        });
        let kind = if matches!(evs.first(), Some(Focus::Article(_))) {
            "articles"
        } else {
            "events"
        };
        html! {
            <section class="cluster-list" aria-label={format!("The {kind} in this cluster")}>
                <p>{ format!("{} {kind} on the same day:", evs.len()) }</p>
                <ul>{ for buttons }</ul>
                <button type="button" class="link-button" onclick={close}>{ "Close" }</button>
            </section>
        }
    });
    let announce = s
        .event
        .and_then(|e| c.events.get(e as usize))
        .map(|ev| format!("Selected: {}, {}", ev.title, date_label(&ev.date)));
    let total_w = w + GUTTER;
    let lane_names = html! {
        <g class="lanes" aria-hidden="true">
            <text x="4" y={px(rows.eras + 12.0)}>{ "Eras" }</text>
            <text x="4" y={px(rows.events + 4.0)}>{ "Events" }</text>
            <text x="4" y={px(rows.articles + 4.0)}>{ "Articles" }</text>
            <text x="4" y={px(rows.axis + 16.0)}>{ "Date" }</text>
        </g>
    };
    html! {
        <section class={classes!("timeline", s.list.then_some("list-mode"))} aria-labelledby="timeline-title" ref={container}>
            <div class="timeline-head" ref={head}>
                <h2 id="timeline-title">{ "Timeline" }</h2>
                <div class="mode" role="group" aria-label="Show the timeline as">
                    <button type="button" aria-pressed={(!s.list).to_string()} onclick={set_list(false)}>{ "Graph" }</button>
                    <button type="button" aria-pressed={s.list.to_string()} onclick={set_list(true)}>{ "List" }</button>
                </div>
                if filtering && !s.list {
                    <label class="hide-toggle"><input type="checkbox" checked={*hide} onchange={toggle_hide} />{ " Hide what does not match" }</label>
                }
            </div>
            if !s.list {
              <div class="timeline-graph">
                <div class="timeline-tools" role="toolbar" aria-label="Timeline view" aria-controls="timeline-graph">
                    <button type="button" onclick={zoom_by(2.0)} aria-label="Zoom in">{ "+" }</button>
                    <button type="button" onclick={zoom_by(0.5)} aria-label="Zoom out">{ "−" }</button>
                    <button type="button" onclick={pan_by(-0.5)} aria-label="Earlier">{ "←" }</button>
                    <button type="button" onclick={pan_by(0.5)} aria-label="Later">{ "→" }</button>
                    <button type="button" onclick={reset}>{ corpus::render::opening_years(c) }</button>
                    <button type="button" onclick={whole}>{ "Whole range" }</button>
                    <button type="button" onclick={range_to_view} title="Set the date filter of the whole explorer to the dates in view">{ "Filter to these dates" }</button>
                    <p class="status">{ status }</p>
                </div>
                <p class="legend" aria-hidden="true">
                    <span class="k-dot">{ "● stated date" }</span>
                    <span class="k-open">{ "○ resolved or inferred" }</span>
                    <span class="k-span">{ "▬ month, year or period: somewhere within" }</span>
                    <span class="k-doc">{ "■ article, when published" }</span>
                    <span>{ "Drag to move, wheel or pinch to zoom, drag on the dates to filter by them." }</span>
                </p>
                <svg id="timeline-graph" class="graph" ref={svg_ref} width={px(total_w)} height={px(rows.height)}
                     role="group" aria-roledescription="timeline" aria-label={format!("Timeline, {shown}. Arrow keys move between events in time order, Up and Down change lane, Enter opens, plus and minus zoom.")}
                     data-frame={frame.borrow().to_string()} data-window={format!("{},{}", w0, w1)}
                     {onkeydown} {onfocusin} {onclick} {onmouseover} {onmouseleave} {onpointerdown} {onpointermove} {onpointerup} {onpointercancel}>
                    { lane_names }
                    <g transform={format!("translate({},0)", px(GUTTER))}>
                        <clipPath id="timeline-clip"><rect x="-4" y="0" width={px(w + 8.0)} height={px(rows.height)} /></clipPath>
                        { for layers }
                    </g>
                </svg>
                <p class="focus-info" aria-hidden="true">{ info.unwrap_or_else(|| html! { { "Point at or focus a mark to see how it was dated." } }) }</p>
                <svg class="overview" width={px(total_w)} height={px(OVERVIEW_H)} aria-hidden="true"
                     onpointerdown={ov_down} onpointermove={ov_move} onpointerup={ov_up}>
                    <g transform={format!("translate({},0)", px(GUTTER))}>
                        <Density items={Shared(its.clone())} width={w} />
                        <rect class="window" x={px(ov_x0)} width={px((ov_x1 - ov_x0).max(3.0))} y="1" height={px(OVERVIEW_H - 2.0)} />
                    </g>
                </svg>
                <div class="overview-handle" role="slider" tabindex="0" aria-label="Visible part of the whole timeline"
                     aria-valuemin={px(full.0)} aria-valuemax={px(full.1)} aria-valuenow={px(v.start)} aria-valuetext={shown.clone()}
                     onkeydown={ov_key}>
                    { format!("Whole range {} – {}; in view: {shown}. Arrow keys move it.", year_of(full.0), year_of(full.1)) }
                </div>
                { for cluster_list }
              </div>
            }
            // The list is also the print view; past a thousand events printing the whole
            // list is not useful, and the hidden copy would slow every page.
            if s.list || c.events.len() <= PRINT_LIST_MAX {
                <TimelineList results={props.results.clone()} hide_unmatched={filtering} print_only={!s.list} />
            }
            <div class="timeline-card">{ for selected_card }</div>
            <div class="visually-hidden" aria-live="polite">{ announce.unwrap_or_default() }</div>
        </section>
    }
}

fn year_of(day: f64) -> i32 {
    corpus::Date::from_days(day as i64).year
}

/// Props of [`Density`].
#[derive(Properties, PartialEq)]
struct DensityProps {
    items: Shared<Vec<Item>>,
    width: f64,
}

/// How many events fall in each few pixels of the whole range (it only changes with
/// the filters or the width, not with the view).
#[component]
fn Density(props: &DensityProps) -> Html {
    let Ok(engine) = engine() else {
        return html! {};
    };
    let full = bounds(engine.corpus());
    let bucket = 3.0;
    let counts = density(&props.items.0, full, props.width, bucket);
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let bars = counts.iter().enumerate().filter(|(_, &k)| k > 0).map(|(i, &k)| {
        let h = 4.0 + (OVERVIEW_H - 8.0) * ((k as f64).ln_1p() / max.ln_1p());
        html! { <rect class="bar" x={px(i as f64 * bucket)} width="2" y={px(OVERVIEW_H - 2.0 - h)} height={px(h)} /> }
    });
    html! { <g class="density">{ for bars }</g> }
}

/// An SVG element (or any element) with attributes and children, built at run time:
/// one code path for every mark instead of a macro expansion per kind of mark.
fn node(tag: &'static str, attrs: &[(&'static str, String)], children: Vec<Html>) -> Html {
    let mut t = yew::virtual_dom::VTag::new(tag);
    for (k, v) in attrs {
        t.add_attribute(k, v.clone());
    }
    t.add_children(children);
    t.into()
}

/// The focus ring of a mark, drawn only on the roving tab stop (the one mark that can
/// have keyboard focus without being clicked): one element fewer per mark per frame.
fn ring(tab: &str, tag: &'static str, attrs: &[(&'static str, String)]) -> Html {
    if tab == "0" {
        let mut a = vec![("class", "ring".to_string())];
        a.extend_from_slice(attrs);
        node(tag, &a, vec![])
    } else {
        Html::default()
    }
}

/// A cluster's mark: a bubble with a count, opened like any mark (its `data-cluster`
/// indexes the layout's clusters of its lane).
fn cluster_node(
    members: &[Focus],
    index: usize,
    (x, y): (f64, f64),
    dim: bool,
    selected: bool,
    tab: &dyn Fn(&str) -> &'static str,
    c: &corpus::Corpus,
) -> Html {
    let key = members.first().map(|&f| focus_key(f)).unwrap_or_default();
    let label = cluster_label(c, members);
    let n = members.len().to_string();
    let mut cls = String::from("mark cluster");
    flag(
        &mut cls,
        match members.first() {
            Some(&f) => lane_of(c, f) != Lane::Events,
            None => false,
        },
        match members.first() {
            Some(Focus::Article(_)) => "docs",
            _ => "eras",
        },
    );
    flag(&mut cls, dim, "dim");
    flag(&mut cls, selected, "selected");
    // Drawn around (0, 0) in a group moved to its place (see the event points).
    let (cx, cy) = (String::from("0"), String::from("0"));
    let circle = |class: &str, r: &str| {
        node(
            "circle",
            &[
                ("class", class.into()),
                ("cx", cx.clone()),
                ("cy", cy.clone()),
                ("r", r.into()),
            ],
            vec![],
        )
    };
    let kids = vec![
        ring(
            tab(&key),
            "circle",
            &[("cx", cx.clone()), ("cy", cy.clone()), ("r", "15".into())],
        ),
        circle("bubble", "10"),
        node(
            "text",
            &[("x", cx.clone()), ("y", "4".into())],
            vec![Html::from(n.clone())],
        ),
    ];
    mark_node(
        cls,
        &key,
        tab(&key),
        label,
        &[
            ("data-cluster", index.to_string()),
            ("data-count", n),
            ("transform", format!("translate({},{})", px(x), px(y))),
        ],
        kids,
    )
}

/// A focusable mark (`role=button`, roving tab index).
fn mark_node(
    class: String,
    key: &str,
    tab: &'static str,
    label: String,
    extra: &[(&'static str, String)],
    children: Vec<Html>,
) -> Html {
    let mut attrs = vec![
        ("class", class),
        ("data-key", key.to_string()),
        ("tabindex", tab.to_string()),
        ("role", "button".to_string()),
        ("aria-label", label),
    ];
    attrs.extend_from_slice(extra);
    node("g", &attrs, children)
}

fn flag(class: &mut String, on: bool, name: &str) {
    if on {
        class.push(' ');
        class.push_str(name);
    }
}

/// The mark an event happened on (its `data-key`) and its element.
fn mark_of(e: &MouseEvent) -> Option<(Focus, web_sys::Element)> {
    let el = e
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-key], [data-for]")
        .ok()??;
    let key = el
        .get_attribute("data-key")
        .or_else(|| el.get_attribute("data-for"))?;
    let f = parse_key(&key)?;
    Some((f, el))
}

fn parse_key(k: &str) -> Option<Focus> {
    let n = k.get(1..)?.parse::<u32>().ok()?;
    match k.as_bytes().first() {
        Some(b'e') => Some(Focus::Event(n)),
        Some(b'a') => Some(Focus::Article(n)),
        _ => None,
    }
}

/// Where an event happened in the drawing it belongs to (the `<svg>` around its target):
/// x right of the lane names, y from the top. `offsetX` is not used: on SVG children it
/// is measured from the child, not the drawing.
fn local(e: &Event, client_x: i32, client_y: i32) -> (f64, f64) {
    let rect = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("svg").ok().flatten())
        .map(|svg| svg.get_bounding_client_rect());
    match rect {
        Some(r) => (
            client_x as f64 - r.left() - GUTTER,
            client_y as f64 - r.top(),
        ),
        None => (client_x as f64 - GUTTER, client_y as f64),
    }
}

/// Wrap the marks drawn so far in a group of their own.
fn seal(plot: &mut Vec<Html>, layers: &mut Vec<Html>, class: &str) {
    layers.push(node(
        "g",
        &[("class", class.to_string())],
        std::mem::take(plot),
    ));
}
