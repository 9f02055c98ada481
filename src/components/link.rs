//! A real link to the state an action leads to: it opens in a new tab, can be copied,
//! and a plain click dispatches the action instead of reloading.

use crate::engine;
use crate::store::use_store;
use corpus::state::{reduce, to_query, Action};
use yew::prelude::*;

/// Props of [`ActionLink`].
#[derive(Properties, PartialEq)]
pub struct ActionLinkProps {
    /// What following the link does.
    pub action: Action,
    /// CSS classes.
    #[prop_or_default]
    pub class: Classes,
    /// Accessible name, when the text is not enough.
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// Tooltip.
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// Content.
    #[prop_or_default]
    pub children: Html,
}

/// A link that dispatches an action.
#[component]
pub fn ActionLink(props: &ActionLinkProps) -> Html {
    let store = use_store();
    let Ok(engine) = engine() else {
        return html! {};
    };
    let next = reduce(&store.state, props.action.clone());
    let href = format!("?{}", to_query(engine.corpus(), &next));
    let onclick = {
        let store = store.clone();
        let action = props.action.clone();
        Callback::from(move |e: MouseEvent| {
            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                return; // let the browser open it elsewhere
            }
            e.prevent_default();
            store.dispatch(crate::store::Msg::Do(action.clone()));
        })
    };
    html! {
        <a {href} class={props.class.clone()} {onclick} aria-label={props.label.clone()} title={props.title.clone()}>
            { props.children.clone() }
        </a>
    }
}
