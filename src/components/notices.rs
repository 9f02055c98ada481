//! What the URL (or a host message) asked for that could not be used.

use crate::store::{use_store, Msg};
use yew::prelude::*;

/// The notice banner.
#[component]
pub fn Notices() -> Html {
    let store = use_store();
    if store.notices.is_empty() {
        return html! {};
    }
    let dismiss = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Msg::DismissNotices))
    };
    html! {
        <section class="notice" role="status" aria-labelledby="notice-title">
            <h2 id="notice-title">{ "Part of this link could not be used" }</h2>
            <ul>
                { for store.notices.iter().map(|n| html! { <li>{ n }</li> }) }
            </ul>
            <p>{ "The explorer shows everything else it asked for." }</p>
            <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
        </section>
    }
}
