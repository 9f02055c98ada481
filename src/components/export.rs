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

/// Where an export stands while a large corpus's text is fetched for it.
#[derive(Clone, PartialEq)]
enum Pending {
    /// Nothing under way.
    Idle,
    /// Fetching the text of this many articles for the export named.
    Fetching(usize),
    /// The text could not be fetched: the message names the file.
    Failed(String, usize),
}

/// The Export menu. A large corpus's text is fetched before an export that quotes it
/// (`Selection::text_articles`), with a line saying so, or the reason it failed and
/// "Try again".
#[component]
pub fn ExportMenu() -> Html {
    let store = use_store();
    let pending = use_state(|| Pending::Idle);
    let run = {
        let store = store.clone();
        let pending = pending.clone();
        Callback::from(move |i: usize| {
            let Ok(engine) = crate::engine() else {
                return;
            };
            let c = engine.corpus();
            let snap = store.snapshot();
            let state = snap.state();
            let sel = Selection::of(c, &snap.results, &state.kinds);
            let articles = sel.text_articles(c);
            let need = c.text_parts_needed(articles.iter().copied());
            if !need.is_empty() {
                pending.set(Pending::Fetching(articles.len()));
                let (pending, run_again) = (pending.clone(), i);
                let store = store.clone();
                crate::index_files::load_text(need, move |r| match r {
                    Ok(()) => {
                        pending.set(Pending::Idle);
                        // Every file is in: this time the export is written at once.
                        download(&store, run_again);
                    }
                    Err(m) => pending.set(Pending::Failed(m, run_again)),
                });
                return;
            }
            download(&store, i);
        })
    };
    let buttons = FORMATS.iter().enumerate().map(|(i, &(label, ..))| {
        let run = run.clone();
        let busy = matches!(*pending, Pending::Fetching(_));
        let onclick = Callback::from(move |_: MouseEvent| run.emit(i));
        html! { <li><button type="button" disabled={busy} {onclick}>{ label }</button></li> }
    });
    let status = match &*pending {
        Pending::Idle => html! {},
        Pending::Fetching(n) => html! {
            <p class="text-loading" role="status">{ format!("Fetching the text of {} for the export…", corpus::render::count(*n, "article")) }</p>
        },
        Pending::Failed(m, i) => {
            let (run, i) = (run.clone(), *i);
            html! {
                <div class="text-failed" role="alert">
                    <p><strong>{ "The export needs text that could not be loaded. " }</strong>{ m.clone() }</p>
                    <button type="button" class="retry" onclick={Callback::from(move |_: MouseEvent| run.emit(i))}>{ "Try again" }</button>
                </div>
            }
        }
    };
    html! {
        <details class="export">
            <summary>{ "Export" }</summary>
            <div class="export-menu">
                <p class="meta">{ "Download what this view selects:" }</p>
                <ul>{ for buttons }</ul>
                { status }
            </div>
        </details>
    }
}

/// Write export `i` of [`FORMATS`] for what the view selects and download it.
fn download(store: &crate::store::StoreRef, i: usize) {
    let Ok(engine) = crate::engine() else {
        return;
    };
    let Some(&(_, format, stem, ext, mime)) = FORMATS.get(i) else {
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
}
