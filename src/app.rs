//! The app shell: store provider, URL sync, keyboard shortcuts, embed messaging, layout.

use crate::components::{
    entity_card::EntityCard, filters::FilterPanel, notices::Notices, reader::Reader,
    results::ResultsView, search_box::SearchBox, timeline::Timeline,
};
use crate::dom;
use crate::engine;
use crate::store::{Msg, Store, StoreHandle};
use corpus::embed;
use corpus::state::{parse_query, to_query, Action};
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The explorer.
#[component]
pub fn App() -> Html {
    match engine() {
        Ok(_) => html! { <Explorer /> },
        Err(msg) => html! {
            <main class="fatal" role="alert">
                <h1>{ "Peru Crisis Explorer" }</h1>
                <p>{ "The corpus embedded in this page could not be read: " }{ msg }</p>
                <p><a href="./">{ "Reload" }</a></p>
            </main>
        },
    }
}

#[component]
fn Explorer() -> Html {
    let Ok(engine) = engine() else {
        return html! {};
    };
    let corpus = engine.corpus();
    let store = use_reducer(|| Store::from_parsed(parse_query(corpus, &dom::location_search())));

    // The URL follows the state.
    {
        let history = store.history;
        use_effect_with(store.state.clone(), move |state| {
            let q = to_query(corpus, state);
            dom::set_url(&q, history);
            if state.embed {
                dom::post_to_host(&[("type", "pce:state".into()), ("query", q.into())]);
            }
        });
    }
    // Back and forward.
    {
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            let listener = dom::window().map(|w| {
                EventListener::new(&w, "popstate", move |_| {
                    dispatcher.dispatch(Msg::FromUrl(parse_query(corpus, &dom::location_search())));
                })
            });
            move || drop(listener)
        });
    }
    // Keyboard: `/` focuses the search box, Escape closes the entity card.
    {
        let store = store.clone();
        use_effect_with(store.state.entity.is_some(), move |card_open| {
            let card_open = *card_open;
            let dispatcher = store.dispatcher();
            let listener = dom::window().map(|w| {
                EventListener::new_with_options(
                    &w,
                    "keydown",
                    EventListenerOptions::enable_prevent_default(),
                    move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                            return;
                        };
                        if e.ctrl_key() || e.meta_key() || e.alt_key() {
                            return;
                        }
                        let typing = dom::active_element().is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
                        });
                        if e.key() == "/" && !typing {
                            e.prevent_default();
                            dom::focus_id("search");
                        } else if e.key() == "Escape" && card_open {
                            dispatcher.dispatch(Msg::Do(Action::CloseEntity));
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }
    // Embedded: take commands from the host page, tell it our height.
    {
        let store = store.clone();
        use_effect_with(store.state.embed, move |embed| {
            let mut listeners = Vec::new();
            if *embed {
                let store = store.clone();
                if let Some(w) = dom::window() {
                    listeners.push(EventListener::new(&w, "message", move |e| {
                        host_message(&store, e)
                    }));
                }
                dom::post_to_host(&[("type", "pce:ready".into())]);
            }
            move || drop(listeners)
        });
    }
    {
        let embed = store.state.embed;
        use_effect(move || {
            if embed {
                dom::post_to_host(&[
                    ("type", "pce:height".into()),
                    ("height", dom::page_height().into()),
                ]);
            }
        });
    }

    let results = {
        let filter = store.state.filter();
        use_memo(filter, |f| engine.run(f))
    };
    let s = &store.state;
    let count = format!(
        "{} and {} match",
        corpus::render::count(results.articles.len(), "article"),
        corpus::render::count(results.events.len(), "event")
    );
    let class = classes!(
        "app",
        s.embed.then_some("embed"),
        s.article.is_some().then_some("reading"),
        (s.compare.is_some() || s.matrix).then_some("comparing")
    );
    let full_link = {
        let mut full = s.clone();
        full.embed = false;
        format!("?{}", to_query(corpus, &full))
    };
    html! {
        <ContextProvider<StoreHandle> context={store.clone()}>
            <div {class}>
                <a class="skip-link" href="#results">{ "Skip to results" }</a>
                <header class="top" role="banner">
                    <div class="brand">
                        <h1><a href="./" class="home">{ "Peru Crisis Explorer" }</a></h1>
                        <p class="tagline">{ corpus::render::corpus_tagline(corpus) }</p>
                    </div>
                    <SearchBox />
                    if s.embed {
                        <a class="open-full" href={full_link} target="_blank" rel="noopener">{ "Open the full explorer" }</a>
                    }
                </header>
                <Notices />
                <Timeline results={crate::components::Shared(results.clone())} />
                if let Some((l, r)) = s.compare {
                    <crate::components::compare::Compare left={l} right={r} results={crate::components::Shared(results.clone())} />
                } else if s.matrix {
                    <crate::components::matrix::Matrix results={crate::components::Shared(results.clone())} />
                } else {
                    <div class="layout">
                        <FilterPanel results={crate::components::Shared(results.clone())} />
                        <main id="results" class="results" tabindex="-1">
                            <ResultsView results={crate::components::Shared(results.clone())} />
                        </main>
                        if let Some(a) = s.article {
                            <Reader article={a} results={crate::components::Shared(results.clone())} />
                        }
                    </div>
                }
                if let Some(e) = s.entity {
                    <EntityCard entity={e} />
                }
                <div id="live-count" class="visually-hidden" aria-live="polite" aria-atomic="true">{ count }</div>
                <footer class="bottom">
                    <p>
                        { "Every claim links to the passage it comes from. Dates and titles not stated in the text are marked inferred, with the reason. " }
                        <a href="https://www.wsws.org/" rel="noopener">{ "Articles: World Socialist Web Site" }</a>
                    </p>
                </footer>
            </div>
        </ContextProvider<StoreHandle>>
    }
}

/// Read a message from the host page; only the parent frame may command the explorer.
fn host_message(store: &StoreHandle, e: &web_sys::Event) {
    let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
        return;
    };
    let Some(w) = dom::window() else { return };
    let from_parent = match (e.source(), w.parent()) {
        (Some(src), Ok(Some(parent))) => js_sys::Object::is(&src, &parent),
        _ => false,
    };
    if !from_parent {
        return;
    }
    let data = e.data();
    let kind = js_sys::Reflect::get(&data, &"type".into())
        .ok()
        .and_then(|v| v.as_string());
    let Some(kind) = kind.filter(|k| k.starts_with("pce:")) else {
        return;
    };
    let mut fields = Vec::new();
    for key in ["query", "article", "paragraph", "text", "entities"] {
        let Ok(v) = js_sys::Reflect::get(&data, &key.into()) else {
            continue;
        };
        if v.is_undefined() {
            continue;
        }
        let value = if let Some(s) = v.as_string() {
            embed::Value::Str(s)
        } else if js_sys::Array::is_array(&v) {
            let arr: js_sys::Array = v.unchecked_into();
            let items: Vec<Option<String>> = arr.iter().map(|x| x.as_string()).collect();
            if items.iter().all(Option::is_some) {
                embed::Value::List(items.into_iter().flatten().collect())
            } else {
                embed::Value::Other
            }
        } else {
            embed::Value::Other
        };
        fields.push((key.to_string(), value));
    }
    let Ok(engine) = engine() else { return };
    match embed::read(&kind, &fields) {
        Ok(change) => {
            let q = embed::apply(engine.corpus(), &store.state, &change);
            let parsed = parse_query(engine.corpus(), &q);
            // A message is all or nothing: any part it cannot use refuses the whole of it.
            if parsed.ignored.is_empty() {
                store.dispatch(Msg::FromUrl(parsed));
            } else {
                for msg in &parsed.ignored {
                    dom::post_to_host(&[
                        ("type", "pce:error".into()),
                        ("message", msg.as_str().into()),
                    ]);
                }
            }
        }
        Err(msg) => dom::post_to_host(&[("type", "pce:error".into()), ("message", msg.into())]),
    }
}
