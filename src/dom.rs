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

/// How a state change enters the browser history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// Not at all (it came from the URL).
    None,
    /// A new entry (back returns to the previous view).
    Push,
    /// Replace the current entry (typing, embedded mode).
    Replace,
}

/// Write `?query` into the address bar (relative to the page's base URL, so it works
/// under any sub-path).
pub fn set_url(query: &str, mode: HistoryMode) {
    let Some(w) = window() else { return };
    let current = location_search();
    let wanted = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    if current == wanted || mode == HistoryMode::None {
        return;
    }
    let Ok(history) = w.history() else { return };
    // An empty query must still change the URL: use the path without a search part.
    let url = if wanted.is_empty() {
        w.location().pathname().unwrap_or_else(|_| "./".into())
    } else {
        wanted
    };
    let _ = match mode {
        HistoryMode::Push => {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        }
        _ => history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
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

/// The element that has focus now.
pub fn active_element() -> Option<web_sys::HtmlElement> {
    window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
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

/// Post a message to the host page (embedded mode).
pub fn post_to_host(fields: &[(&str, wasm_bindgen::JsValue)]) {
    let Some(w) = window() else { return };
    if !in_frame() {
        return;
    }
    let Ok(Some(parent)) = w.parent() else { return };
    let obj = js_sys::Object::new();
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&obj, &(*k).into(), v);
    }
    let _ = parent.post_message(&obj, "*");
}

/// The page's full height in CSS pixels.
pub fn page_height() -> f64 {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .map_or(0.0, |e| f64::from(e.scroll_height()))
}

/// Copy text to the clipboard (best effort; the link stays visible either way).
pub fn copy_text(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
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

/// Show a visible message with reload links if the app ever panics, instead of a dead
/// page. Installed through Yew, so that Yew does not replace it with its console-only hook.
///
/// The message is built from text nodes (the panic text may quote corpus or URL text, and
/// is never parsed as HTML). It is shown in the top layer (a manual popover), so no card or
/// sticky panel of the dead app can cover it; the rest of the page is made `inert` (its
/// controls no longer work), and focus moves to the message, whose `role=alert` has screen
/// readers announce it. Two links: "Reload the explorer" opens the start page (`./`, under
/// the page's base URL), because the address itself may be what caused the panic; "reload
/// this view" keeps the address, for a panic caused by something done on the page.
pub fn install_panic_message() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let msg = info.to_string();
        web_sys::console::error_1(&msg.as_str().into());
        show_panic_message(&msg);
    }));
}

fn show_panic_message(msg: &str) -> Option<()> {
    let win = window()?;
    let doc = win.document()?;
    let body = doc.body()?;
    if doc.get_element_by_id("fatal-error").is_some() {
        return None; // a second panic while the first is shown
    }
    // The page as it stands is dead: keep it visible but out of reach.
    let mut child = body.first_element_child();
    while let Some(el) = child {
        let _ = el.set_attribute("inert", "");
        child = el.next_element_sibling();
    }
    let node = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let el = doc.create_element(tag).ok()?;
        if !text.is_empty() {
            el.set_text_content(Some(text));
        }
        Some(el)
    };
    let link = |text: &str, href: &str| -> Option<web_sys::Element> {
        let a = node("a", text)?;
        a.set_attribute("href", href).ok()?;
        Some(a)
    };
    let div: web_sys::HtmlElement = doc.create_element("div").ok()?.dyn_into().ok()?;
    div.set_id("fatal-error");
    div.set_class_name("fatal");
    div.set_attribute("role", "alert").ok()?;
    div.set_tab_index(-1);
    let said = node("p", "Something went wrong and the explorer stopped.")?;
    let links = node("p", "")?;
    let here = win.location().href().unwrap_or_else(|_| "./".into());
    let (start, view) = (
        link("Reload the explorer", "./")?,
        link("reload this view", &here)?,
    );
    links.append_child(&start).ok()?;
    let _ = links.append_with_str_1(" (from the start page) or ");
    links.append_child(&view).ok()?;
    let _ = links.append_with_str_1(" (the same address, which may stop again).");
    let details = node("p", "Details for a bug report:")?;
    let pre = node("pre", msg)?;
    for part in [&said, &links, &details, &pre] {
        div.append_child(part).ok()?;
    }
    body.prepend_with_node_1(&div).ok()?;
    // Above everything (top layer) where popovers exist; else at the top of the page.
    let on_top = div.set_popover(Some("manual")).is_ok() && div.show_popover().is_ok();
    if !on_top {
        win.scroll_to_with_x_and_y(0.0, 0.0);
    }
    let _ = div.focus();
    Some(())
}
