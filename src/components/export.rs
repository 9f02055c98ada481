//! The Export menu above the results: the current view (what the filters, search and date
//! range select) as CSV of events, entities or figures, TimelineJS JSON, or JSON in the
//! `corpus export` schema. Each file is made by the core function the command line uses
//! (`corpus::export`), from the store's results when the button is pressed, and handed to
//! the browser as a Blob behind an `<a download>`: no server, nothing to render until
//! asked, so the menu reads nothing from the store while drawing.

use crate::dom;
use crate::store::use_store;
use corpus::export::{self, Selection};
use yew::prelude::*;

/// The formats offered: (label, what the file holds, file stem, extension, MIME type).
const FORMATS: [(&str, &str, &str, &str, &str); 5] = [
    (
        "Events (CSV)",
        "events",
        "events",
        "csv",
        "text/csv;charset=utf-8",
    ),
    (
        "Names (CSV)",
        "entities",
        "entities",
        "csv",
        "text/csv;charset=utf-8",
    ),
    (
        "Figures (CSV)",
        "figures",
        "figures",
        "csv",
        "text/csv;charset=utf-8",
    ),
    (
        "Timeline (TimelineJS JSON)",
        "timelinejs",
        "timeline",
        "json",
        "application/json",
    ),
    (
        "Everything selected (JSON)",
        "json",
        "corpus",
        "json",
        "application/json",
    ),
];

/// The Export menu.
#[component]
pub fn ExportMenu() -> Html {
    let store = use_store();
    let buttons = FORMATS.iter().map(|&(label, format, stem, ext, mime)| {
        let store = store.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let Ok(engine) = crate::engine() else {
                return;
            };
            let c = engine.corpus();
            let snap = store.snapshot();
            let state = snap.state();
            let sel = Selection::of(c, &snap.results, &state.kinds);
            // Paragraph links point at this page, wherever it is hosted.
            let base = dom::absolute_url("");
            let text = match format {
                "events" => export::csv_events(c, &sel, &base),
                "entities" => export::csv_entities(c, &sel),
                "figures" => export::csv_figures(c, &sel, &base),
                "timelinejs" => export::timelinejs(c, &sel, &base),
                _ => export::json_text(c, &sel),
            };
            let name = export::file_name(stem, state.range, state.has_filters(), ext);
            dom::download(&name, mime, &text);
        });
        html! { <li><button type="button" {onclick}>{ label }</button></li> }
    });
    html! {
        <details class="export">
            <summary>{ "Export" }</summary>
            <div class="export-menu">
                <p class="meta">{ "Download what this view selects:" }</p>
                <ul>{ for buttons }</ul>
            </div>
        </details>
    }
}
