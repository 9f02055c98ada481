//! What the URL (or a host message) asked for that could not be used.

use crate::store::{use_dispatch, use_select};
use corpus::update::Msg;
use yew::prelude::*;

/// The notice banner.
#[component]
pub fn Notices() -> Html {
    crate::rendered!("Notices");
    let notices = use_select(|s| s.model.notices.clone());
    let dispatch = use_dispatch();
    if notices.is_empty() {
        return html! {};
    }
    let dismiss = Callback::from(move |_: MouseEvent| dispatch.send(Msg::DismissNotices));
    html! {
        <section class="notice" role="status" aria-labelledby="notice-title">
            <h2 id="notice-title">{ "Part of this link could not be used" }</h2>
            <ul>
                { for notices.iter().map(|n| html! { <li>{ n }</li> }) }
            </ul>
            <p>{ "The explorer shows everything else it asked for." }</p>
            <button type="button" onclick={dismiss}>{ "Dismiss" }</button>
        </section>
    }
}
