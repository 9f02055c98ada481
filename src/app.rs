//! The app: the store provider, the page's listeners, and the layout.
//!
//! `App` checks that the corpus is loaded (see [`crate::start`]), provides the store
//! ([`crate::store::StoreProvider`]) and draws [`Shell`], which lays the page out from
//! the few facts that change the layout (embedded, reading, comparing, a card open).
//! Every widget inside reads its own part of the store; see `docs/ARCHITECTURE.md`.

use crate::components::{
    compare::Compare, entity_card::EntityCard, filters::FilterPanel, matrix::Matrix,
    measure_card::MeasureCard, notices::Notices, reader::Reader, results::ResultsView,
    search_box::SearchBox, timeline::Timeline,
};
use crate::engine;
use crate::hooks;
use crate::store::use_select;
use corpus::state::to_query;
use yew::prelude::*;

/// The explorer.
#[component]
pub fn App() -> Html {
    crate::rendered!("App");
    match engine() {
        Ok(_) => html! {
            <crate::store::StoreProvider><Shell /></crate::store::StoreProvider>
        },
        Err(msg) => html! {
            <main class="fatal" role="alert">
                <h1>{ "Peru Crisis Explorer" }</h1>
                <p>{ "The explorer's data is not loaded: " }{ msg }</p>
                <p><a href="./">{ "Reload" }</a></p>
            </main>
        },
    }
}

/// What decides the page's layout.
#[derive(Clone, Copy, PartialEq)]
struct Layout {
    embed: bool,
    article: Option<u32>,
    compare: Option<(u32, u32)>,
    matrix: bool,
    entity: Option<u32>,
    measure: Option<u32>,
}

#[component]
fn Shell() -> Html {
    crate::rendered!("Shell");
    hooks::use_address();
    hooks::use_shortcuts();
    hooks::use_links();
    hooks::use_embedding();
    // On a phone the results come first and the timeline after them, in the page's order
    // as on screen (reading and keyboard orders follow).
    let narrow = hooks::use_narrow();
    let l = *use_select(|s| {
        let st = s.state();
        Layout {
            embed: st.embed,
            article: st.article,
            compare: st.compare,
            matrix: st.matrix,
            entity: st.entity,
            measure: st.measure,
        }
    });
    let Ok(engine) = engine() else {
        return html! {};
    };
    let corpus = engine.corpus();
    let class = classes!(
        "app",
        l.embed.then_some("embed"),
        l.article.is_some().then_some("reading"),
        (l.compare.is_some() || l.matrix).then_some("comparing")
    );
    let main = if let Some((left, right)) = l.compare {
        html! { <Compare {left} {right} /> }
    } else if l.matrix {
        html! { <Matrix /> }
    } else {
        html! {
            <div class="layout">
                <FilterPanel />
                <main id="results" class="results" tabindex="-1">
                    <ResultsView />
                </main>
                if let Some(article) = l.article {
                    <Reader {article} />
                }
            </div>
        }
    };
    html! {
        <div {class}>
            <a class="skip-link" href="#results">{ "Skip to results" }</a>
            <header class="top" role="banner">
                <div class="brand">
                    <h1><a href="./" class="home">{ "Peru Crisis Explorer" }</a></h1>
                    <p class="tagline">{ corpus::render::corpus_tagline(corpus) }</p>
                </div>
                <SearchBox />
                <PrintedView />
                if l.embed {
                    <FullLink />
                }
            </header>
            <Notices />
            if !narrow {
                <Timeline />
            }
            { main }
            if narrow {
                <Timeline />
            }
            if let Some(entity) = l.entity {
                <EntityCard {entity} />
            } else if let Some(measure) = l.measure {
                <MeasureCard {measure} />
            }
            <LiveCount />
            <footer class="bottom">
                <p>
                    { "Every claim links to the passage it comes from. Dates and titles not stated in the text are marked inferred, with the reason. " }
                    <Credits />
                </p>
            </footer>
        </div>
    }
}

/// The footer's credit: the publications the articles come from (`publication:` in
/// `articles.rec`), each once, linked when the record gives its address.
#[component]
fn Credits() -> Html {
    crate::rendered!("Credits");
    let Ok(engine) = engine() else {
        return html! {};
    };
    let publications = corpus::render::publications(engine.corpus());
    if publications.is_empty() {
        return html! {};
    }
    let last = publications.len() - 1;
    html! {
        <span class="credits">
            { "Articles: " }
            { for publications.iter().enumerate().map(|(i, (p, _))| {
                let sep = match i {
                    0 => "",
                    _ if i == last => " and ",
                    _ => ", ",
                };
                html! {
                    <>
                        { sep }
                        if let Some(url) = &p.url {
                            <a href={url.clone()} rel="noopener">{ p.name.clone() }</a>
                        } else {
                            { p.name.clone() }
                        }
                    </>
                }
            }) }
        </span>
    }
}

/// Embedded: a link to the same view in the full explorer.
#[component]
fn FullLink() -> Html {
    crate::rendered!("FullLink");
    let query = use_select(|s| {
        let mut full = s.state().clone();
        full.embed = false;
        engine().map_or(String::new(), |e| to_query(e.corpus(), &full))
    });
    html! {
        <a class="open-full" href={format!("?{query}")} target="_blank" rel="noopener">{ "Open the full explorer" }</a>
    }
}

/// The results' counts, announced after each change.
#[component]
fn LiveCount() -> Html {
    crate::rendered!("LiveCount");
    let results = use_select(|s| crate::components::Shared(s.results.clone()));
    html! {
        <div id="live-count" class="visually-hidden" aria-live="polite" aria-atomic="true">
            { corpus::view::live_count(&results.0) }
        </div>
    }
}

/// On paper, under the title: what the printed view selects and its address (filled in
/// when printing starts, so it never re-renders while the reader moves around).
#[component]
fn PrintedView() -> Html {
    crate::rendered!("PrintedView");
    let printing = hooks::use_printing();
    let store = crate::store::use_store();
    let text = printing
        .then(|| {
            let engine = engine().ok()?;
            let c = engine.corpus();
            let mut state = store.snapshot().state().clone();
            state.embed = false;
            let what = corpus::render::selection_summary(c, &state);
            Some(format!(
                "{what}. This view: {}",
                crate::dom::absolute_url(&to_query(c, &state))
            ))
        })
        .flatten();
    html! {
        <p class="print-only print-view">{ text.unwrap_or_default() }</p>
    }
}
