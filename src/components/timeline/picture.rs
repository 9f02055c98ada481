//! "Save picture": the timeline's drawing as it is on screen, as an SVG or a PNG, with a
//! title, what the view selects, the key and the source line.
//!
//! The picture is made by `src/picture.js`, loaded the first time a reader asks (so the
//! first visit does not carry it): this asks with a `pce:picture` event carrying the
//! words only the app knows (the title, the selection in words, the source lines, the
//! file name), and shows the `pce:picture-done` answer, or why the script could not load.

use crate::dom;
use crate::store::use_store;
use corpus::render::{picture_source, selection_summary, short_date};
use corpus::state::to_query;
use gloo::events::EventListener;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// Where `picture.js` is: not asked for, on its way, or listening.
#[derive(Clone, Copy, PartialEq)]
enum Script {
    Absent,
    Loading,
    Ready,
}

thread_local! {
    static SCRIPT: Cell<Script> = const { Cell::new(Script::Absent) };
    /// The request made while the script was on its way.
    static PENDING: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Send `detail` as a `name` event on the document.
fn send(name: &str, detail: &JsValue) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = doc.dispatch_event(&event);
    }
}

/// The answer a failed load gives, in the form `picture.js` answers.
fn failed(message: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"ok".into(), &false.into());
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message.into());
    send("pce:picture-done", &detail);
}

/// Hand the request to `picture.js`, loading it first if needed (relative to the page, so
/// a sub-path works).
fn ask(request: JsValue) {
    match SCRIPT.get() {
        Script::Ready => send("pce:picture", &request),
        Script::Loading => PENDING.set(Some(request)),
        Script::Absent => {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let Ok(script) = doc.create_element("script") else {
                return;
            };
            let _ = script.set_attribute("type", "module");
            let _ = script.set_attribute("src", "picture.js");
            PENDING.set(Some(request));
            SCRIPT.set(Script::Loading);
            EventListener::once(&script, "load", |_| {
                SCRIPT.set(Script::Ready);
                if let Some(r) = PENDING.take() {
                    send("pce:picture", &r);
                }
            })
            .forget();
            let again = script.clone();
            EventListener::once(&script, "error", move |_| {
                again.remove();
                SCRIPT.set(Script::Absent);
                PENDING.set(None);
                failed("Could not load the picture maker (picture.js). Check the connection and try again.");
            })
            .forget();
            if let Some(head) = doc.head() {
                let _ = head.append_child(&script);
            }
        }
    }
}

/// Props of [`SavePicture`].
#[derive(Properties, PartialEq)]
pub struct SavePictureProps {
    /// What does not match is hidden rather than faded.
    pub hide: bool,
}

/// The "Save picture" menu of the timeline's toolbar.
#[component]
pub fn SavePicture(props: &SavePictureProps) -> Html {
    crate::rendered!("SavePicture");
    let store = use_store();
    let message = use_state_eq(String::new);
    {
        let message = message.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                EventListener::new(&doc, "pce:picture-done", move |e| {
                    let detail = e
                        .dyn_ref::<web_sys::CustomEvent>()
                        .map(|e| e.detail())
                        .unwrap_or(JsValue::UNDEFINED);
                    let text = js_sys::Reflect::get(&detail, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                        .unwrap_or_default();
                    message.set(text);
                })
            });
            move || drop(listener)
        });
    }
    let hide = props.hide;
    let save = |format: &'static str| {
        let store = store.clone();
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            let Ok(engine) = crate::engine() else {
                return;
            };
            let c = engine.corpus();
            let snap = store.snapshot();
            let mut state = snap.state().clone();
            state.embed = false;
            let filtering = state.has_filters();
            let about = picture_source(c);
            let today = js_sys::Date::new_0();
            let today = corpus::Date {
                year: today.get_full_year() as i32,
                month: today.get_month() as u8 + 1,
                day: today.get_date() as u8,
            };
            // The request `src/picture.js` reads from the `pce:picture` event (a plain
            // object: serde's encoder costs the wasm more than these few fields).
            let source = js_sys::Array::of3(
                &about.into(),
                &format!("This view: {}", dom::absolute_url(&to_query(c, &state))).into(),
                &format!(
                    "Saved {}. Each mark's passages, and how each date was read, are at this view's address.",
                    short_date(today)
                )
                .into(),
            );
            let name = corpus::export::file_name("timeline", state.range, filtering, format);
            let request = js_sys::Object::new();
            for (key, value) in [
                ("format", JsValue::from_str(format)),
                ("name", name.into()),
                ("title", "Peru Crisis Explorer: timeline".into()),
                ("subtitle", selection_summary(c, &state).into()),
                ("source", source.into()),
                ("faded", (filtering && !hide).into()),
            ] {
                let _ = js_sys::Reflect::set(&request, &key.into(), &value);
            }
            message.set("Making the picture…".into());
            ask(request.into());
        })
    };
    html! {
        <details class="legend-key save-picture">
            <summary>{ "Save picture" }</summary>
            <div class="legend save-menu">
                <p class="meta">{ "The drawing as it is on screen, with its key and source:" }</p>
                <button type="button" onclick={save("svg")}>{ "SVG (vector)" }</button>
                <button type="button" onclick={save("png")}>{ "PNG (image)" }</button>
                <p class="save-status" role="status">{ (*message).clone() }</p>
            </div>
        </details>
    }
}
