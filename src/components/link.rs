//! Links that describe themselves: a real `<a href>` to the state an action leads to (it
//! opens in a new tab, can be copied, works without the app), carrying the action as a
//! `data-act` token ([`corpus::state::Action::token`]).
//!
//! A link is not a component and reads no state when the app changes: its `href` is
//! written when it is drawn, and [`crate::hooks::use_links`] writes it again from the
//! current state the moment a pointer, a finger or the keyboard reaches it (before it can
//! be followed, copied or dragged), and follows a plain click in place. So a change of
//! state re-renders no link, and no link holds a callback.

use crate::engine;
use crate::store::Store;
use corpus::state::{reduce, to_query, Action};
use yew::prelude::*;
use yew::virtual_dom::VTag;

/// The address an action leads to from `state`: `?query` (or `?` for the start).
pub fn href(c: &corpus::Corpus, state: &corpus::state::AppState, action: &Action) -> String {
    let mut out = String::from("?");
    out.push_str(&to_query(c, &reduce(state, action.clone())));
    out
}

/// A link to where `action` leads, with optional class, accessible name and tooltip.
pub fn action_link(
    store: &Store,
    action: Action,
    class: Option<AttrValue>,
    label: Option<String>,
    title: Option<String>,
    children: Html,
) -> Html {
    let mut a = VTag::new("a");
    if let Ok(e) = engine() {
        a.add_attribute("href", href(e.corpus(), &store.state().state, &action));
    }
    if let Some(t) = action.token() {
        a.add_attribute("data-act", t);
    }
    if let Some(c) = class {
        a.add_attribute("class", c);
    }
    if let Some(l) = label {
        a.add_attribute("aria-label", l);
    }
    if let Some(t) = title {
        a.add_attribute("title", t);
    }
    a.add_child(children);
    a.into()
}

/// A plain link to where `action` leads.
pub fn link(store: &Store, action: Action, children: Html) -> Html {
    action_link(store, action, None, None, None, children)
}
