//! The app's listeners on the page, one hook each (Yew's `examples/contexts` habit): they
//! read the store when an event comes, so none of them re-renders anything by itself.
//!
//! - [`use_address`]: back and forward read the address into the store;
//! - [`use_shortcuts`]: `/` focuses the search box, Escape closes the entity card;
//! - [`use_links`]: every [`crate::components::link`] on the page, followed in place
//!   and kept pointing at the current state;
//! - [`use_embedding`]: an embedded explorer takes commands from its host page and tells
//!   it its height;
//! - [`use_printing`]: whether the page is being printed (the timeline's list is drawn
//!   for print only then);
//! - [`use_narrow`]: whether the screen is phone-sized (the results come first there).

use crate::components::link::href;
use crate::dom;
use crate::engine;
use crate::store::{use_select, use_store, StoreRef};
use corpus::embed;
use corpus::state::Action;
use corpus::update::Msg;
use gloo::events::{EventListener, EventListenerOptions, EventListenerPhase};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Back and forward: read the address.
#[hook]
pub fn use_address() {
    let store = use_store();
    use_effect_with((), move |_| {
        let listener = dom::window().map(|w| {
            EventListener::new(&w, "popstate", move |_| {
                store.drop_pending_address();
                store.send(Msg::Address(dom::location_search()));
            })
        });
        move || drop(listener)
    });
}

/// `/` focuses the search box (unless typing); Escape closes the entity or figure card.
#[hook]
pub fn use_shortcuts() {
    let store = use_store();
    use_effect_with((), move |_| {
        let listener = dom::window().map(|w| {
            EventListener::new_with_options(
                &w,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if e.ctrl_key() || e.meta_key() || e.alt_key() {
                        return;
                    }
                    let typing = dom::active_element().is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                    });
                    let key = e.key();
                    if key == "/" && !typing {
                        e.prevent_default();
                        dom::focus_id("search");
                    } else if key == "Escape" {
                        let st = &store.state().state;
                        if st.entity.is_some() {
                            store.send(Msg::Do(Action::CloseEntity));
                        } else if st.measure.is_some() {
                            store.send(Msg::Do(Action::CloseMeasure));
                        }
                    }
                },
            )
        });
        move || drop(listener)
    });
}

/// The link (an `a[data-act]`) an event happened in, with its action.
fn link_of(e: &web_sys::Event) -> Option<(web_sys::Element, Action)> {
    let el = e
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[data-act]")
        .ok()??;
    let action = Action::from_token(&el.get_attribute("data-act")?)?;
    Some((el, action))
}

/// Write a link's `href` from the current state.
fn refresh(store: &StoreRef, el: &web_sys::Element, action: &Action) {
    let Ok(engine) = engine() else { return };
    let h = href(engine.corpus(), &store.state().state, action);
    if el.get_attribute("href").as_deref() != Some(h.as_str()) {
        let _ = el.set_attribute("href", &h);
    }
}

/// Every action link on the page: a plain click does the action in place (a click with a
/// modifier or another button is left to the browser: a new tab, a new window); and
/// whatever can follow, copy or drag a link (a pointer over it, a finger or a button
/// pressing it, keyboard focus, the context menu) first rewrites its `href` from the
/// current state. One listener for every link, so links hold no callbacks and re-render
/// with nothing. Registered while the app first renders (not in an effect, which Yew may
/// run a frame later), so a link works as soon as it is on the page.
#[hook]
pub fn use_links() {
    let store = use_store();
    let _listeners = use_memo((), move |_| {
        let mut listeners = Vec::new();
        if let Some(doc) = dom::window().and_then(|w| w.document()) {
            let s = store.clone();
            listeners.push(EventListener::new_with_options(
                &doc,
                "click",
                EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let Some(m) = e.dyn_ref::<web_sys::MouseEvent>() else {
                        return;
                    };
                    if m.default_prevented()
                        || m.ctrl_key()
                        || m.meta_key()
                        || m.shift_key()
                        || m.alt_key()
                        || m.button() != 0
                    {
                        return;
                    }
                    if let Some((_, action)) = link_of(e) {
                        e.prevent_default();
                        s.send(Msg::Do(action));
                    }
                },
            ));
            for kind in [
                "mouseover",
                "focusin",
                "pointerdown",
                "contextmenu",
                "dragstart",
                "touchstart",
            ] {
                let s = store.clone();
                let opts = EventListenerOptions {
                    phase: EventListenerPhase::Capture,
                    passive: true,
                };
                listeners.push(EventListener::new_with_options(
                    &doc,
                    kind,
                    opts,
                    move |e| {
                        if let Some((el, action)) = link_of(e) {
                            refresh(&s, &el, &action);
                        }
                    },
                ));
            }
        }
        listeners
    });
}

/// Embedded (`embed=1`): take commands from the parent frame, say the explorer is ready,
/// and tell the host the page's height whenever it changes.
#[hook]
pub fn use_embedding() {
    let store = use_store();
    let embed = use_select(|s| s.state().embed);
    use_effect_with(*embed, move |&embed| {
        let mut listener = None;
        let mut observer = None;
        if embed {
            if let Some(w) = dom::window() {
                let s = store.clone();
                listener = Some(EventListener::new(&w, "message", move |e| {
                    host_message(&s, e)
                }));
            }
            observer = dom::observe_height(dom::post_height);
            dom::post_to_host(&embed::AppMessage::Ready);
        }
        move || drop((listener, observer))
    });
}

/// A message from the host page: only the parent frame may command the explorer.
fn host_message(store: &StoreRef, e: &web_sys::Event) {
    let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
        return;
    };
    let Some(w) = dom::window() else { return };
    let from_parent = match (e.source(), w.parent()) {
        (Some(src), Ok(Some(parent))) => js_sys::Object::is(&src, &parent),
        _ => false,
    };
    if !from_parent {
        return;
    }
    // Messages of other scripts (no `pce:` type) are not for the explorer: ignored.
    let data = e.data();
    let Ok(Tagged { kind }) = serde_wasm_bindgen::from_value::<Tagged>(data.clone()) else {
        return;
    };
    if !kind.starts_with("pce:") {
        return;
    }
    let message = embed::HostMessage::decode(&kind, serde_wasm_bindgen::Deserializer::from(data));
    store.send(Msg::Host(message));
}

/// Just the `type` of a message, to tell the explorer's messages from others.
#[derive(serde::Deserialize)]
struct Tagged {
    #[serde(rename = "type")]
    kind: String,
}

/// A card that takes the focus: when it opens (or shows another `item`), the focus moves
/// to its title (`title_id`); when it closes, back to what had it before.
#[hook]
pub fn use_card_focus(item: u32, title_id: &'static str) {
    use_effect_with(item, move |_| {
        let before = dom::active_element();
        dom::focus_id(title_id);
        move || {
            if let Some(el) = before {
                dom::focus(&el);
            }
        }
    });
}

/// Is the page being printed? (From `beforeprint` to `afterprint`.)
#[hook]
pub fn use_printing() -> bool {
    let printing = use_state_eq(|| false);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let mut listeners = Vec::new();
            if let Some(w) = dom::window() {
                for (kind, on) in [("beforeprint", true), ("afterprint", false)] {
                    let p = printing.clone();
                    listeners.push(EventListener::new(&w, kind, move |_| p.set(on)));
                }
            }
            move || drop(listeners)
        });
    }
    *printing
}

/// Is the screen phone-sized (the layout's one-column breakpoint)? Follows changes (a
/// phone turned sideways).
#[hook]
pub fn use_narrow() -> bool {
    let narrow = use_state_eq(dom::narrow_screen);
    {
        let narrow = narrow.clone();
        use_effect_with((), move |_| {
            let mq = dom::window().and_then(|w| w.match_media("(max-width: 720px)").ok().flatten());
            let listener = mq.map(|mq| {
                let target: web_sys::EventTarget = mq.clone().into();
                EventListener::new(&target, "change", move |_| narrow.set(mq.matches()))
            });
            move || drop(listener)
        });
    }
    *narrow
}

/// Whether the text of the articles a view shows is here ([`use_text`]).
#[derive(Clone, PartialEq)]
pub enum TextState {
    /// All of it is loaded (always, for a corpus whose file holds its text).
    Ready,
    /// Its files are being fetched.
    Loading,
    /// A file could not be loaded: the message names it; `retry` fetches again.
    Failed {
        /// What went wrong, naming the file.
        message: String,
        /// Fetch the missing files again.
        retry: Callback<()>,
    },
}

/// Fetch the text files the articles `articles` need (a large corpus keeps its text out of
/// the first screen's file: `corpus::text`) and say where they are; the component
/// re-renders when they are in, when one fails, and when another view's text comes in
/// (a file it needed may be among them: a failure shown here then fetches again what is
/// still missing).
#[hook]
pub fn use_text(articles: Vec<u32>) -> TextState {
    let attempt = use_state(|| 0u32);
    let failed = use_state(|| None::<(Vec<u32>, u32, String)>);
    // Text that another view fetched may be this one's too (a failure here may be over).
    let _ = use_select(|s| s.texts);
    let store = use_store();
    let needed = crate::engine()
        .map(|e| e.corpus().text_parts_needed(articles.iter().copied()))
        .unwrap_or_default();
    {
        let failed = failed.clone();
        use_effect_with((needed.clone(), *attempt), move |(needed, attempt)| {
            if !needed.is_empty() {
                let key = (needed.clone(), *attempt);
                crate::index_files::load_text(needed.clone(), move |r| match r {
                    Ok(()) => {
                        failed.set(None);
                        store.text_arrived();
                    }
                    Err(m) => failed.set(Some((key.0, key.1, m))),
                });
            }
        });
    }
    if needed.is_empty() {
        return TextState::Ready;
    }
    match &*failed {
        Some((k, a, m)) if *k == needed && *a == *attempt => TextState::Failed {
            message: m.clone(),
            retry: {
                let attempt = attempt.clone();
                Callback::from(move |_| attempt.set(*attempt + 1))
            },
        },
        _ => TextState::Loading,
    }
}
