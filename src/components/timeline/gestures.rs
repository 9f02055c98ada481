//! How the reader moves the timeline: wheel, drag, pinch, a drag on the dates (a date
//! filter), clicks on marks, hover, the keyboard, the toolbar's buttons and the overview.
//!
//! The listeners are registered once per drawing ([`use_gestures`]), not per frame: they
//! read what is drawn now from [`Ctl::now`] and change the graph through its state
//! handles. The visible window changes at once and reaches the store (and so the URL) a
//! moment after the movement stops. Keyboard moves come from
//! [`corpus::timeline::navigate`]; nothing here decides where a key leads.

use super::draw::{parse_key, Rows, GUTTER};
use crate::engine;
use crate::store::Dispatch;
use corpus::state::Action;
use corpus::timeline::{
    default_viewport, lane_of, navigate, Focus, Item, Lane, Layout, Nav, Viewport,
};
use corpus::EventIx;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How long the view must rest before it is written to the URL (ms).
const SETTLE_MS: u32 = 300;

/// What a pointer gesture is doing.
#[derive(Clone, Copy, Default)]
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

/// What is drawn now (what the listeners read).
#[derive(Clone)]
pub struct Now {
    /// The view drawn (or being drawn).
    pub view: Viewport,
    /// Its layout.
    pub layout: Rc<Layout>,
    /// The items laid out.
    pub items: Rc<Vec<Item>>,
    /// The mark holding the roving focus.
    pub focus: Option<Focus>,
    /// The selected event.
    pub selected: Option<EventIx>,
    /// Vertical positions.
    pub rows: Rows,
    /// The whole range of the corpus (days).
    pub full: (f64, f64),
}

/// The graph's controller: its state handles and what is drawn now.
pub struct Ctl {
    /// What is drawn now.
    pub now: RefCell<Now>,
    view: UseStateHandle<Option<Viewport>>,
    focus: UseStateHandle<Option<Focus>>,
    hover: UseStateHandle<Option<Focus>>,
    brush: UseStateHandle<Option<(f64, f64)>>,
    open_cluster: UseStateHandle<Option<Vec<Focus>>>,
    settle: RefCell<Option<Timeout>>,
    /// Keyboard focus must follow the roving focus after the next render.
    pub move_focus: Cell<bool>,
    pointers: RefCell<Pointers>,
    dispatch: Dispatch,
}

/// The controller, as a prop (equal to itself).
#[derive(Clone)]
pub struct CtlRef(pub Rc<Ctl>);

impl PartialEq for CtlRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The state handles the controller drives.
pub struct Handles {
    pub view: UseStateHandle<Option<Viewport>>,
    pub focus: UseStateHandle<Option<Focus>>,
    pub hover: UseStateHandle<Option<Focus>>,
    pub brush: UseStateHandle<Option<(f64, f64)>>,
    pub open_cluster: UseStateHandle<Option<Vec<Focus>>>,
}

/// Where an event happened in the drawing it belongs to (the `<svg>` around its target):
/// x right of the lane names, y from the top. `offsetX` is not used: on SVG children it
/// is measured from the child, not the drawing.
pub fn local(e: &Event, client_x: i32, client_y: i32) -> (f64, f64) {
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

fn pointer_xy(e: &PointerEvent) -> (f64, f64) {
    local(e, e.client_x(), e.client_y())
}

/// The mark an event happened on (its `data-key`) and its element.
fn mark_of(e: &Event) -> Option<(Focus, web_sys::Element)> {
    let el = e
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-key], [data-for]")
        .ok()??;
    let key = el
        .get_attribute("data-key")
        .or_else(|| el.get_attribute("data-for"))?;
    Some((parse_key(&key)?, el))
}

fn capture(e: &PointerEvent) {
    if let Some(t) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        let _ = t.set_pointer_capture(e.pointer_id());
    }
}

impl Ctl {
    /// A controller over these handles, drawing `now`.
    pub fn new(h: Handles, now: Now, dispatch: Dispatch) -> Ctl {
        Ctl {
            now: RefCell::new(now),
            view: h.view,
            focus: h.focus,
            hover: h.hover,
            brush: h.brush,
            open_cluster: h.open_cluster,
            settle: RefCell::new(None),
            move_focus: Cell::new(false),
            pointers: RefCell::default(),
            dispatch,
        }
    }

    fn view(&self) -> Viewport {
        self.now.borrow().view
    }

    fn full(&self) -> (f64, f64) {
        self.now.borrow().full
    }

    /// Change the view now; write it to the URL once it settles.
    pub fn set_view(&self, nv: Viewport) {
        if nv == self.view() {
            return;
        }
        self.now.borrow_mut().view = nv;
        self.view.set(Some(nv));
        let dispatch = self.dispatch.clone();
        *self.settle.borrow_mut() = Some(Timeout::new(SETTLE_MS, move || {
            dispatch.emit(Action::SetWindow(Some(nv.window())));
        }));
    }

    /// Zoom by `k` around the middle.
    pub fn zoom_by(&self, k: f64) {
        let v = self.view();
        self.set_view(v.zoom(k, v.width / 2.0, self.full()));
    }

    /// Move by `k` widths (negative: earlier).
    pub fn pan_by(&self, k: f64) {
        let v = self.view();
        self.set_view(v.pan(v.width * k, self.full()));
    }

    /// Back to the opening view (and no window in the URL).
    pub fn reset(&self) {
        self.settle.borrow_mut().take();
        if let Ok(e) = engine() {
            let v = default_viewport(e.corpus(), self.view().width.max(1.0));
            self.now.borrow_mut().view = v;
            self.view.set(Some(v));
        }
        self.dispatch.emit(Action::SetWindow(None));
    }

    /// The whole range of the corpus.
    pub fn whole(&self) {
        let (v, full) = (self.view(), self.full());
        self.set_view(Viewport {
            start: full.0,
            end: full.1,
            width: v.width,
        });
    }

    /// Filter the whole explorer to the dates in view.
    pub fn range_to_view(&self) {
        let v = self.view();
        self.dispatch
            .emit(Action::SetRange(Some(v.range_between(0.0, v.width))));
    }

    /// Open a mark: a cluster zooms in on its members (or lists them when they share a
    /// day), an event opens its card, an article the reader.
    pub fn open(&self, f: Focus, cluster: Option<usize>) {
        let Ok(engine) = engine() else { return };
        let c = engine.corpus();
        match (f, cluster) {
            (_, Some(i)) => {
                let now = self.now.borrow().clone();
                match now
                    .layout
                    .open_cluster(lane_of(c, f), i, &now.view, now.full)
                {
                    Some((Some(z), members)) => {
                        self.open_cluster.set(None);
                        self.set_view(z);
                        // The cluster's mark is gone: the focus goes to its first member.
                        if let Some(&first) = members.first() {
                            self.now.borrow_mut().focus = Some(first);
                            self.focus.set(Some(first));
                            self.move_focus.set(true);
                        }
                    }
                    Some((None, members)) => self.open_cluster.set(Some(members)),
                    None => {}
                }
            }
            (Focus::Event(e), None) => {
                self.open_cluster.set(None);
                self.dispatch.emit(Action::SelectEvent(e));
            }
            (Focus::Article(a), None) => self.dispatch.emit(Action::OpenArticle(a, None)),
        }
    }

    /// Close the list of a cluster's members.
    pub fn close_cluster(&self) {
        self.open_cluster.set(None);
    }

    fn wheel(&self, e: &web_sys::WheelEvent) {
        let (v, full) = (self.view(), self.full());
        let (dx, dy) = (e.delta_x(), e.delta_y());
        let scale = if e.delta_mode() == 1 { 16.0 } else { 1.0 };
        let x = local(e, e.client_x(), e.client_y()).0;
        let nv = if e.shift_key() || dx.abs() > dy.abs() {
            let d = if dx.abs() > dy.abs() { dx } else { dy };
            v.pan(d * scale, full)
        } else {
            let k = if e.ctrl_key() { 0.01 } else { 0.0015 };
            v.zoom((-dy * scale * k).exp(), x, full)
        };
        e.prevent_default();
        self.set_view(nv);
    }

    fn pointer_down(&self, e: &PointerEvent) {
        if e.button() != 0 && e.pointer_type() == "mouse" {
            return;
        }
        let (x, y) = pointer_xy(e);
        let (v, axis) = {
            let now = self.now.borrow();
            (now.view, now.rows.axis)
        };
        let mut p = self.pointers.borrow_mut();
        p.down.retain(|d| d.0 != e.pointer_id());
        p.down.push((e.pointer_id(), x, y));
        p.dragged = false;
        p.gesture = if p.down.len() == 2 {
            let (a, b) = (p.down[0], p.down[1]);
            Gesture::Pinch {
                dist: (a.1 - b.1).hypot(a.2 - b.2).max(1.0),
                view: v,
                mid: (a.1 + b.1) / 2.0,
            }
        } else {
            Gesture::Pressed {
                x,
                view: v,
                brush: e.shift_key() || y >= axis - 14.0,
            }
        };
    }

    fn pointer_move(&self, e: &PointerEvent) {
        let (x, y) = pointer_xy(e);
        let full = self.full();
        let mut p = self.pointers.borrow_mut();
        if let Some(d) = p.down.iter_mut().find(|d| d.0 == e.pointer_id()) {
            d.1 = x;
            d.2 = y;
        }
        let next = match p.gesture {
            Gesture::Pressed { x: x0, view, brush } if (x - x0).abs() > 4.0 => {
                capture(e);
                p.dragged = true;
                if brush {
                    self.brush.set(Some((x0, x)));
                    Some(Gesture::Brush { x0 })
                } else {
                    Some(Gesture::Pan { x: x0, view })
                }
            }
            Gesture::Pan { x: x0, view } => {
                drop(p);
                self.set_view(view.pan(x0 - x, full));
                return;
            }
            Gesture::Brush { x0 } => {
                let w = self.view().width;
                self.brush.set(Some((x0, corpus::util::clamp(x, 0.0, w))));
                None
            }
            Gesture::Pinch { dist, view, mid } if p.down.len() == 2 => {
                let (a, b) = (p.down[0], p.down[1]);
                let d = (a.1 - b.1).hypot(a.2 - b.2).max(1.0);
                let m = (a.1 + b.1) / 2.0;
                drop(p);
                self.set_view(view.zoom(d / dist, mid, full).pan(mid - m, full));
                return;
            }
            _ => None,
        };
        if let Some(g) = next {
            p.gesture = g;
        }
    }

    fn pointer_up(&self, e: &PointerEvent) {
        let mut p = self.pointers.borrow_mut();
        p.down.retain(|d| d.0 != e.pointer_id());
        if let Gesture::Brush { x0 } = p.gesture {
            let v = self.view();
            let x1 = corpus::util::clamp(pointer_xy(e).0, 0.0, v.width);
            self.brush.set(None);
            if (x1 - x0).abs() > 4.0 {
                self.dispatch
                    .emit(Action::SetRange(Some(v.range_between(x0, x1))));
            }
        }
        p.gesture = Gesture::Idle;
    }

    fn pointer_cancel(&self, e: &PointerEvent) {
        let mut p = self.pointers.borrow_mut();
        p.down.retain(|d| d.0 != e.pointer_id());
        p.gesture = Gesture::Idle;
        self.brush.set(None);
    }

    fn click(&self, e: &Event) {
        if std::mem::take(&mut self.pointers.borrow_mut().dragged) {
            return;
        }
        let Some((f, el)) = mark_of(e) else { return };
        let cluster = el
            .get_attribute("data-cluster")
            .and_then(|v| v.parse::<usize>().ok());
        self.focus.set(Some(f));
        self.now.borrow_mut().focus = Some(f);
        self.open(f, cluster);
    }

    fn keydown(&self, e: &KeyboardEvent) {
        let Ok(engine) = engine() else { return };
        let c = engine.corpus();
        let now = self.now.borrow().clone();
        let (v, full, l) = (now.view, now.full, &now.layout);
        let key = e.key();
        let nav = match key.as_str() {
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
            let current = now
                .focus
                .or_else(|| l.stops(Lane::Events).first().map(|s| s.focus));
            if let Some((f, nv)) = navigate(c, &now.items, l, &v, full, current, nav) {
                self.set_view(nv);
                self.move_focus.set(true);
                self.now.borrow_mut().focus = Some(f);
                self.focus.set(Some(f));
            }
            return;
        }
        let at = now.focus.and_then(|f| l.stop_of(c, f));
        let centre = at.as_ref().map_or(v.width / 2.0, |st| st.x);
        match key.as_str() {
            "Enter" | " " => {
                e.prevent_default();
                if let Some(f) = now.focus {
                    self.open(f, at.and_then(|st| st.cluster));
                }
            }
            "+" | "=" => self.set_view(v.zoom(2.0, centre, full)),
            "-" | "_" => self.set_view(v.zoom(0.5, centre, full)),
            "PageUp" => {
                e.prevent_default();
                self.set_view(v.pan(-v.width / 2.0, full));
            }
            "PageDown" => {
                e.prevent_default();
                self.set_view(v.pan(v.width / 2.0, full));
            }
            "Escape" if now.selected.is_some() => self.dispatch.emit(Action::CloseEvent),
            _ => {}
        }
    }

    fn focus_in(&self, e: &Event) {
        let key = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.get_attribute("data-key"));
        let f = key.as_deref().and_then(parse_key);
        if f.is_some() && f != self.now.borrow().focus {
            self.now.borrow_mut().focus = f;
            self.focus.set(f);
        }
    }

    /// The overview's scale: pixels per day of the whole range.
    fn overview_scale(&self) -> f64 {
        let now = self.now.borrow();
        (now.view.width / (now.full.1 - now.full.0)).max(1e-9)
    }

    /// Pressing the overview: outside the window moves it there first; then drag it.
    pub fn overview_down(&self, e: &PointerEvent) {
        let x = pointer_xy(e).0;
        let (v, full) = (self.view(), self.full());
        let k = self.overview_scale();
        let (x0, x1) = ((v.start - full.0) * k, (v.end - full.0) * k);
        let from = if x < x0 || x > x1 {
            let nv = v.centred(full.0 + x / k, full);
            self.set_view(nv);
            nv
        } else {
            v
        };
        capture(e);
        self.pointers.borrow_mut().gesture = Gesture::Overview { x, view: from };
    }

    /// Dragging the overview's window.
    pub fn overview_move(&self, e: &PointerEvent) {
        let g = self.pointers.borrow().gesture;
        if let Gesture::Overview { x: x0, view } = g {
            let x = pointer_xy(e).0;
            let k = self.overview_scale();
            self.set_view(view.pan((x - x0) / k * view.scale(), self.full()));
        }
    }

    /// The end of a drag on the overview.
    pub fn overview_up(&self) {
        self.pointers.borrow_mut().gesture = Gesture::Idle;
    }

    /// Keys on the overview's handle (a slider).
    pub fn overview_key(&self, e: &KeyboardEvent) {
        let (v, full) = (self.view(), self.full());
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
        self.set_view(nv);
    }
}

/// The drawing's listeners, built once per drawing: equal across renders, so Yew never
/// registers them again; marks hold none of their own (clicks and hovers are read off the
/// drawing from the mark's `data-key`).
#[derive(Clone)]
pub struct Listeners {
    pub onclick: Callback<MouseEvent>,
    pub onpointerover: Callback<PointerEvent>,
    pub onpointerleave: Callback<PointerEvent>,
    pub onpointerdown: Callback<PointerEvent>,
    pub onpointermove: Callback<PointerEvent>,
    pub onpointerup: Callback<PointerEvent>,
    pub onpointercancel: Callback<PointerEvent>,
    pub onkeydown: Callback<KeyboardEvent>,
    pub onfocusin: Callback<FocusEvent>,
}

/// The drawing's listeners (see [`Listeners`]); the wheel's is registered on the drawing
/// itself, not passive, so the page does not scroll under a zoom.
#[hook]
pub fn use_gestures(svg: NodeRef, ctl: Rc<Ctl>) -> Listeners {
    {
        let ctl = ctl.clone();
        use_effect_with((), move |_| {
            let listener = svg.cast::<web_sys::Element>().map(|el| {
                EventListener::new_with_options(
                    &el,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        if let Some(e) = e.dyn_ref() {
                            ctl.wheel(e)
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }
    (*use_memo((), move |_| {
        let c = ctl;
        macro_rules! cb {
            ($t:ty, |$ctl:ident, $e:ident| $body:expr) => {{
                let $ctl = c.clone();
                Callback::from(move |$e: $t| $body)
            }};
        }
        Listeners {
            onclick: cb!(MouseEvent, |ctl, e| ctl.click(&e)),
            // Hover is a mouse's: a finger's tap leaves no "hover" behind to describe.
            onpointerover: cb!(PointerEvent, |ctl, e| {
                if e.pointer_type() == "mouse" {
                    ctl.hover.set(mark_of(&e).map(|m| m.0))
                }
            }),
            onpointerleave: cb!(PointerEvent, |ctl, _e| ctl.hover.set(None)),
            onpointerdown: cb!(PointerEvent, |ctl, e| ctl.pointer_down(&e)),
            onpointermove: cb!(PointerEvent, |ctl, e| ctl.pointer_move(&e)),
            onpointerup: cb!(PointerEvent, |ctl, e| ctl.pointer_up(&e)),
            onpointercancel: cb!(PointerEvent, |ctl, e| ctl.pointer_cancel(&e)),
            onkeydown: cb!(KeyboardEvent, |ctl, e| ctl.keydown(&e)),
            onfocusin: cb!(FocusEvent, |ctl, e| ctl.focus_in(&e)),
        }
    }))
    .clone()
}
