//! Thin helpers over the browser: location, history, focus, messages to a host page.
//! Nothing here decides anything; it only reads and writes the page.

use wasm_bindgen::JsCast;

/// The window (the app only runs in one).
pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// `location.search` (with its `?`), or empty.
pub fn location_search() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Write `?query` into the address bar (relative to the page's base URL, so it works
/// under any sub-path), as a new history entry (`push`) or in place of the current one.
pub fn set_url(query: &str, push: bool) {
    let Some(w) = window() else { return };
    let current = location_search();
    let wanted = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    if current == wanted {
        return;
    }
    let Ok(history) = w.history() else { return };
    // An empty query must still change the URL: use the path without a search part.
    let url = if wanted.is_empty() {
        w.location().pathname().unwrap_or_else(|_| "./".into())
    } else {
        wanted
    };
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

/// A performance mark (`performance.mark(name)`), read by the benchmark in `bench/`.
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Focus an element by id (used for `/` and after opening panels).
pub fn focus_id(id: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The element that has focus now (an HTML or an SVG element).
pub fn active_element() -> Option<web_sys::Element> {
    window()?.document()?.active_element()
}

/// Give `el` the focus (an HTML or an SVG element).
pub fn focus(el: &web_sys::Element) {
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    } else if let Some(el) = el.dyn_ref::<web_sys::SvgElement>() {
        let _ = el.focus();
    }
}

/// Has the focus been lost (nothing focused, or the page itself): the element that had it
/// was removed by what it did?
pub fn focus_lost() -> bool {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return false;
    };
    match (doc.active_element(), doc.body()) {
        (None, _) => true,
        (Some(a), Some(b)) => a == *b.as_ref(),
        _ => false,
    }
}

/// Scroll an element into view (instantly when the reader prefers reduced motion).
pub fn scroll_to_id(id: &str) {
    let Some(w) = window() else { return };
    let Some(el) = w.document().and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    let reduced = w
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Start);
    opts.set_behavior(if reduced {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Scroll the scrolling box around an element (the nearest `.col-body`, which is
/// positioned) so the element is near its top; the page itself does not move.
pub fn scroll_within(id: &str) {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() else {
        return;
    };
    if let Ok(Some(col)) = el.closest(".col-body") {
        col.set_scroll_top((el.offset_top() - 12).max(0));
    }
}

/// Is the viewport phone-sized (the layout's one-column breakpoint)?
pub fn narrow_screen() -> bool {
    window()
        .and_then(|w| w.match_media("(max-width: 720px)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Are we inside a frame?
pub fn in_frame() -> bool {
    let Some(w) = window() else { return false };
    match (w.parent(), w.self_()) {
        (Ok(Some(parent)), me) => !js_sys::Object::is(&parent, &me),
        _ => false,
    }
}

/// Post a message to the host page (embedded mode), encoded by serde as a plain object.
pub fn post_to_host(message: &corpus::embed::AppMessage) {
    let Some(w) = window() else { return };
    if !in_frame() {
        return;
    }
    let Ok(Some(parent)) = w.parent() else { return };
    if let Ok(value) = serde_wasm_bindgen::to_value(message) {
        let _ = parent.post_message(&value, "*");
    }
}

/// Tell the host page the explorer's height (`pce:height`).
pub fn post_height(height: f64) {
    post_to_host(&corpus::embed::AppMessage::Height { height });
}

/// The page's full height in CSS pixels.
pub fn page_height() -> f64 {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map_or(0.0, |e| f64::from(e.scroll_height()))
}

/// A resize observer that stops when dropped.
pub struct Observer {
    observer: web_sys::ResizeObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Call `changed` when any of `targets` changes size (and once when observing starts).
pub fn observe_size(
    targets: &[web_sys::Element],
    changed: impl Fn() + 'static,
) -> Option<Observer> {
    let callback =
        wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
            changed()
        });
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    for t in targets {
        observer.observe(t);
    }
    Some(Observer {
        observer,
        _callback: callback,
    })
}

/// Call `report` with the page's height now and whenever it changes.
pub fn observe_height(report: fn(f64)) -> Option<Observer> {
    let doc = window()?.document()?;
    let mut targets = vec![doc.document_element()?];
    targets.extend(doc.body().map(web_sys::Element::from));
    observe_size(&targets, move || report(page_height()))
}

/// Copy text to the clipboard (best effort; the link stays visible either way).
pub fn copy_text(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Hand `text` to the browser as a file download: a Blob of that MIME type behind an
/// `<a download>` with an object URL, revoked a moment after the click (a navigation to
/// a `blob:` URL of this page is allowed by the Content-Security-Policy, which governs
/// fetches, not downloads).
pub fn download(name: &str, mime: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    gloo::timers::callback::Timeout::new(1_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// The absolute URL of `?query` relative to the current page.
pub fn absolute_url(query: &str) -> String {
    let Some(w) = window() else {
        return format!("?{query}");
    };
    let loc = w.location();
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_default();
    if query.is_empty() {
        format!("{origin}{path}")
    } else {
        format!("{origin}{path}?{query}")
    }
}

/// Show the fatal message (`src/fatal.js`, loaded before the app) if the app ever
/// panics. The same message appears for a WebAssembly trap and for any uncaught error,
/// which `fatal.js` catches itself: one implementation, in the one place that still runs
/// when the WebAssembly cannot. Installed through Yew, so that Yew does not replace it
/// with its console-only hook.
pub fn install_panic_message() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.as_str().into());
        show_fatal(&msg);
    }));
}

/// Call `window.pceFatal(message)` (see [`install_panic_message`]).
pub fn show_fatal(message: &str) {
    let Some(w) = window() else { return };
    if let Ok(f) = js_sys::Reflect::get(&w, &"pceFatal".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call1(&wasm_bindgen::JsValue::NULL, &message.into());
        }
    }
}

/// Focus the first element under `root` that matches `selector` (an HTML or SVG element).
pub fn focus_in(root: &web_sys::Element, selector: &str) {
    if let Ok(Some(el)) = root.query_selector(selector) {
        focus(&el);
    }
}

/// The text of a JavaScript error (its message), or of a rejected value that is a string.
pub fn error_text(err: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| err.as_string().unwrap_or_default())
}
