//! The timeline's drawing: toolbar, legend, the SVG of layers, the line saying what the
//! pointer is on, the overview strip and the list of a cluster's members.
//!
//! The visible window lives here while the reader zooms and pans: a frame is one layout
//! (memoised on the items and the view) and the layers whose inputs changed. The window
//! reaches the store, and so the URL, when the movement stops ([`super::gestures`]).

use super::draw::{px, Rows, GUTTER, OVERVIEW_H};
use super::gestures::{use_gestures, Ctl, CtlRef, Handles, Listeners, Now};
use super::layers::{Articles, Bands, Clusters, Dimmer, Events, Grid, Links, Range, Ticks};
use crate::components::Shared;
use crate::dom;
use crate::engine;
use crate::store::{use_dispatch, use_select};
use corpus::state::Action;
use corpus::timeline::{
    bounds, default_viewport, density, describe, items, layout, status, window_label, Focus, Item,
    Lane, Layout, Options, Viewport,
};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use yew::prelude::*;

/// Props of [`Graph`].
#[derive(Properties, PartialEq)]
pub struct GraphProps {
    /// Draw only what matches the filters.
    pub hide: bool,
}

/// The drawing and its controls.
#[component]
pub fn Graph(props: &GraphProps) -> Html {
    crate::rendered!("Graph");
    let hide = props.hide;
    let (window, selected) = *use_select(|s| (s.state().window, s.state().event));
    // What is laid out depends on the results only when what does not match is hidden.
    let only = use_select(move |s| hide.then(|| Shared(s.results.clone())));
    let dispatch = use_dispatch();
    let head = use_node_ref();
    let svg = use_node_ref();
    let width = use_state_eq(|| 0.0f64);
    let view = use_state_eq(|| None::<Viewport>);
    let focus = use_state_eq(|| None::<Focus>);
    let hover = use_state_eq(|| None::<Focus>);
    let brush = use_state_eq(|| None::<(f64, f64)>);
    let open_cluster = use_state_eq(|| None::<Vec<Focus>>);
    let frame = use_mut_ref(|| 0u64);
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let full = *use_memo((), move |_| bounds(c));
    let its: Rc<Vec<Item>> = use_memo(only, move |only| {
        items(c, (**only).as_ref().map(|r| r.0.events.as_slice()))
    });

    // The drawing's width: the panel's content width, now and whenever it changes.
    {
        let head = head.clone();
        let width = width.clone();
        use_effect_with((), move |_| {
            let el = head.cast::<web_sys::Element>();
            let measure = {
                let el = el.clone();
                move || {
                    if let Some(el) = &el {
                        width.set((el.client_width() as f64 - GUTTER).max(120.0));
                    }
                }
            };
            measure();
            let observer = el.and_then(|el| dom::observe_size(&[el], measure));
            move || drop(observer)
        });
    }
    let w = *width;
    // The view follows the URL (first load, back/forward, a pasted link, Reset).
    let wanted = |w: f64| match window {
        Some(win) => Viewport::from_window(win, w, full),
        None => default_viewport(c, w),
    };
    {
        let view = view.clone();
        use_effect_with((window, w), move |&(win, w)| {
            if w <= 0.0 {
                return;
            }
            let same = view
                .as_ref()
                .is_some_and(|v| v.width == w && win.is_some_and(|win| v.window() == win));
            if !same {
                view.set(Some(match win {
                    Some(win) => Viewport::from_window(win, w, full),
                    None => default_viewport(c, w),
                }));
            }
        });
    }
    let v = match *view {
        Some(v) if v.width == w && w > 0.0 => v,
        _ => wanted(if w > 0.0 { w } else { 600.0 }),
    };
    let opts = Options::default();
    let rows = Rows::of(&opts);
    let l: Shared<Layout> = (*use_memo((its.clone(), v), move |(its, v)| {
        Shared(Rc::new(layout(c, its, v, &opts)))
    }))
    .clone();
    *frame.borrow_mut() += 1;

    let now = Now {
        view: v,
        layout: l.0.clone(),
        items: its.clone(),
        focus: *focus,
        selected,
        rows,
        full,
    };
    let ctl = {
        let handles = Handles {
            view: view.clone(),
            focus: focus.clone(),
            hover: hover.clone(),
            brush: brush.clone(),
            open_cluster: open_cluster.clone(),
        };
        let (now, dispatch) = (now.clone(), dispatch.clone());
        use_memo((), move |_| Rc::new(Ctl::new(handles, now, dispatch)))
    };
    let ctl: Rc<Ctl> = (*ctl).clone();
    *ctl.now.borrow_mut() = now;
    let Listeners {
        onclick,
        onpointerover,
        onpointerleave,
        onpointerdown,
        onpointermove,
        onpointerup,
        onpointercancel,
        onkeydown,
        onfocusin,
    } = use_gestures(svg.clone(), ctl.clone());

    // Keyboard focus follows the roving focus after a keyboard move (or after a cluster
    // opened by zooming, whose mark is gone): to the mark that holds it now.
    {
        let ctl = ctl.clone();
        let svg = svg.clone();
        use_effect(move || {
            if ctl.move_focus.replace(false) {
                // After the layers have drawn the new view too (they render after this).
                gloo::timers::callback::Timeout::new(0, move || {
                    if let Some(root) = svg.cast::<web_sys::Element>() {
                        dom::focus_in(&root, "[data-key][tabindex=\"0\"]");
                    }
                })
                .forget();
            }
        });
    }
    // A cluster's list takes the focus when it opens (its mark keeps its place but is
    // behind the list for a keyboard user).
    {
        let head = head.clone();
        let opened = open_cluster.is_some();
        use_effect_with(opened, move |&opened| {
            if opened {
                if let Some(root) = head.cast::<web_sys::Element>() {
                    dom::focus_in(&root, ".cluster-list button");
                }
            }
        });
    }
    // One performance mark, `pce:timeline`, once the first marks are drawn (bench/).
    {
        static MARKED: AtomicBool = AtomicBool::new(false);
        let svg = svg.clone();
        use_effect(move || {
            let drawn = svg
                .cast::<web_sys::Element>()
                .and_then(|r| r.query_selector("[data-key]").ok().flatten())
                .is_some();
            if drawn && !MARKED.swap(true, Ordering::Relaxed) {
                dom::mark("pce:timeline");
                crate::warm_search_after_paint();
            }
        });
    }

    // The roving tab stop: the mark holding the focus, else the first event mark.
    let stop: Option<AttrValue> = focus
        .and_then(|f| l.0.stop_of(c, f))
        .or_else(|| l.0.stops(Lane::Events).into_iter().next())
        .map(|st| super::draw::focus_key(st.focus).into());
    let highlight = (*hover).or(*focus).or(selected.map(Focus::Event));
    let shown = window_label(&v);
    // The line under the drawing: what the mouse is on, else the open card's event, else
    // the mark with the keyboard's focus.
    let info = (*hover)
        .or(selected.map(Focus::Event))
        .or(*focus)
        .and_then(|f| describe(c, f))
        .map(|d| html! { <><strong>{ d.title.clone() }</strong>{ format!(" — {} · {}", d.date, d.how_or_stated()) }</> });
    let total_w = w + GUTTER;
    let on = |f: fn(&Ctl)| {
        let ctl = ctl.clone();
        Callback::from(move |_: MouseEvent| f(&ctl))
    };
    let cluster_list = open_cluster.as_ref().map(|members| {
        let buttons = members.iter().filter_map(|&f| {
            let d = describe(c, f)?;
            let action = match f {
                Focus::Event(e) => Action::SelectEvent(e),
                Focus::Article(a) => Action::OpenArticle(a, None),
            };
            let onclick = {
                let ctl = ctl.clone();
                let dispatch = dispatch.clone();
                Callback::from(move |_: MouseEvent| {
                    ctl.close_cluster();
                    dispatch.emit(action.clone());
                })
            };
            Some(html! { <li><button type="button" class="link-button" {onclick}>{ d.title }</button>{ format!(" — {}", d.date) }</li> })
        });
        let kind = if matches!(members.first(), Some(Focus::Article(_))) {
            "articles"
        } else {
            "events"
        };
        html! {
            <section class="cluster-list" aria-label={format!("The {kind} in this cluster")}>
                <p>{ format!("{} {kind} on the same day:", members.len()) }</p>
                <ul>{ for buttons }</ul>
                <button type="button" class="link-button" onclick={on(Ctl::close_cluster)}>{ "Close" }</button>
            </section>
        }
    });
    let layers = if w > 0.0 {
        html! {
            <>
                <Grid layout={l.clone()} {rows} />
                <Bands layout={l.clone()} {rows} stop={stop.clone()} {selected} />
                <Links layout={l.clone()} {rows} width={w} {highlight} />
                <Range view={v} {rows} />
                <Events layout={l.clone()} {rows} stop={stop.clone()} {selected} />
                <Clusters layout={l.clone()} {rows} stop={stop.clone()} {selected} />
                <Articles layout={l.clone()} {rows} stop={stop.clone()} />
                <Ticks layout={l.clone()} {rows} />
                if let Some((a, b)) = *brush {
                    <g class="brush-layer">
                        <rect class="brush" x={px(a.min(b))} width={px((a - b).abs())} y="0" height={px(rows.axis + 8.0)} />
                    </g>
                }
            </>
        }
    } else {
        html! {}
    };
    let (w0, w1) = v.window();
    html! {
        <div class="timeline-graph" ref={head}>
            <div class="timeline-tools" role="toolbar" aria-label="Timeline view" aria-controls="timeline-graph">
                <button type="button" onclick={on(|c| c.zoom_by(2.0))} aria-label="Zoom in">{ "+" }</button>
                <button type="button" onclick={on(|c| c.zoom_by(0.5))} aria-label="Zoom out">{ "−" }</button>
                <button type="button" onclick={on(|c| c.pan_by(-0.5))} aria-label="Earlier">{ "←" }</button>
                <button type="button" onclick={on(|c| c.pan_by(0.5))} aria-label="Later">{ "→" }</button>
                <button type="button" onclick={on(Ctl::reset)}>{ corpus::render::opening_years(c) }</button>
                <button type="button" onclick={on(Ctl::whole)}>{ "Whole range" }</button>
                <button type="button" onclick={on(Ctl::range_to_view)} title="Set the date filter of the whole explorer to the dates in view">{ "Filter to these dates" }</button>
                <Legend />
                <super::picture::SavePicture {hide} />
                <p class="status">{ status(&l.0, &v) }</p>
            </div>
            // No width until the panel is measured (before the first paint): the drawing
            // is never shown at a guessed width.
            <svg id="timeline-graph" class="graph" ref={svg.clone()} width={(w > 0.0).then(|| px(total_w))} height={px(rows.height)}
                 role="group" aria-roledescription="timeline" aria-label={format!("Timeline, {shown}. Arrow keys move between events in time order, Up and Down change lane, Enter opens, plus and minus zoom.")}
                 data-window={format!("{w0},{w1}")}
                 {onclick} {onpointerover} {onpointerleave} {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onkeydown} {onfocusin}>
                <LaneNames {rows} />
                <g transform={format!("translate({},0)", px(GUTTER))}>
                    <clipPath id="timeline-clip"><rect x="-4" y="0" width={px(w + 8.0)} height={px(rows.height)} /></clipPath>
                    <rect class="plot" x="0" y="0" width={px(w)} height={px(rows.height)} />
                    { layers }
                </g>
            </svg>
            <Dimmer svg={svg} layout={l.clone()} frame={*frame.borrow()} />
            <p class="focus-info" aria-hidden="true">{ info.unwrap_or_else(|| Html::from("Point at or focus a mark to see how it was dated.")) }</p>
            <Overview ctl={CtlRef(ctl.clone())} items={Shared(its.clone())} view={v} {full} />
            { for cluster_list }
        </div>
    }
}

/// What the marks mean, folded in the toolbar (the drawing keeps the first screen).
#[component]
fn Legend() -> Html {
    crate::rendered!("Legend");
    html! {
        <details class="legend-key">
            <summary>{ "Key" }</summary>
            <p class="legend">
                <span class="k-dot">{ "● stated date" }</span>
                <span class="k-open">{ "○ resolved or inferred" }</span>
                <span class="k-span">{ "▬ month, year or period: somewhere within" }</span>
                <span class="k-doc">{ "■ article, when published" }</span>
                <span>{ "Drag to move, wheel or pinch to zoom, drag on the dates to filter by them." }</span>
            </p>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct LaneNamesProps {
    rows: Rows,
}

#[component]
fn LaneNames(p: &LaneNamesProps) -> Html {
    crate::rendered!("LaneNames");
    let r = p.rows;
    html! {
        <g class="lanes" aria-hidden="true">
            <text x="4" y={px(r.eras + 12.0)}>{ "Eras" }</text>
            <text x="4" y={px(r.events + 4.0)}>{ "Events" }</text>
            <text x="4" y={px(r.articles + 4.0)}>{ "Articles" }</text>
            <text x="4" y={px(r.axis + 16.0)}>{ "Date" }</text>
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct OverviewProps {
    ctl: CtlRef,
    items: Shared<Vec<Item>>,
    view: Viewport,
    full: (f64, f64),
}

/// The whole range with the window in view, which can be dragged (and moved by keys on
/// its handle).
#[component]
fn Overview(p: &OverviewProps) -> Html {
    crate::rendered!("Overview");
    let (v, full) = (p.view, p.full);
    let w = v.width;
    let k = (w / (full.1 - full.0)).max(1e-9);
    let (x0, x1) = ((v.start - full.0) * k, (v.end - full.0) * k);
    let ctl = &p.ctl.0;
    let down = {
        let ctl = ctl.clone();
        Callback::from(move |e: PointerEvent| ctl.overview_down(&e))
    };
    let moved = {
        let ctl = ctl.clone();
        Callback::from(move |e: PointerEvent| ctl.overview_move(&e))
    };
    let up = {
        let ctl = ctl.clone();
        Callback::from(move |_: PointerEvent| ctl.overview_up())
    };
    let key = {
        let ctl = ctl.clone();
        Callback::from(move |e: KeyboardEvent| ctl.overview_key(&e))
    };
    let year = |day: f64| corpus::Date::from_days(day as i64).year;
    let shown = window_label(&v);
    html! {
        <>
            <svg class="overview" width={px(w + GUTTER)} height={px(OVERVIEW_H)} aria-hidden="true"
                 onpointerdown={down} onpointermove={moved} onpointerup={up}>
                <g transform={format!("translate({},0)", px(GUTTER))}>
                    <Density items={p.items.clone()} width={w} {full} />
                    <rect class="window" x={px(x0)} width={px((x1 - x0).max(3.0))} y="1" height={px(OVERVIEW_H - 2.0)} />
                </g>
            </svg>
            <div class="overview-handle" role="slider" tabindex="0" aria-label="Visible part of the whole timeline"
                 aria-valuemin={px(full.0)} aria-valuemax={px(full.1)} aria-valuenow={px(v.start)} aria-valuetext={shown.clone()}
                 onkeydown={key}>
                { format!("Whole range {} – {}; in view: {shown}. Arrow keys move it.", year(full.0), year(full.1)) }
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct DensityProps {
    items: Shared<Vec<Item>>,
    width: f64,
    full: (f64, f64),
}

/// How many events fall in each few pixels of the whole range (it changes with the
/// filters or the width, not with the view).
#[component]
fn Density(p: &DensityProps) -> Html {
    crate::rendered!("Density");
    let bucket = 3.0;
    let counts = density(&p.items.0, p.full, p.width, bucket);
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let bars = counts
        .iter()
        .enumerate()
        .filter(|(_, &k)| k > 0)
        .map(|(i, &k)| {
            let h = 4.0 + (OVERVIEW_H - 8.0) * ((k as f64).ln_1p() / max.ln_1p());
            super::draw::el(
                "rect",
                &["class", "x", "width", "y", "height"],
                vec![
                    "bar".into(),
                    px(i as f64 * bucket).into(),
                    "2".into(),
                    px(OVERVIEW_H - 2.0 - h).into(),
                    px(h).into(),
                ],
                vec![],
            )
        })
        .collect();
    super::draw::group("density", bars)
}
