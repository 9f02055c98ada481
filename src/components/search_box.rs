//! The search box: as-you-type, `/` focuses it (see the app), Escape clears it.

use crate::store::{use_dispatch, use_select};
use corpus::state::Action;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The search box.
#[component]
pub fn SearchBox() -> Html {
    crate::rendered!("SearchBox");
    let text = use_select(|s| s.state().text.clone());
    let dispatch = use_dispatch();
    let oninput = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                dispatch.emit(Action::SetText(input.value()));
            }
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Escape" {
            e.prevent_default();
            dispatch.emit(Action::SetText(String::new()));
        }
    });
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    html! {
        <form class="search" role="search" {onsubmit}>
            <label for="search">{ "Search the articles" }</label>
            <input id="search" type="search" value={(*text).clone()} {oninput} {onkeydown}
                placeholder="Jerí, “takeover of Lima”, troops…" autocomplete="off" spellcheck="false"
                aria-describedby="search-help" />
            <p id="search-help" class="help">
                { "Accents and case do not matter. Words of three letters or more match as prefixes; put a phrase in quotes. Press " }
                <kbd>{ "/" }</kbd>{ " to search, " }<kbd>{ "Esc" }</kbd>{ " to clear." }
            </p>
        </form>
    }
}
