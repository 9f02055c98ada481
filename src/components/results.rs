//! The results: matching articles (with the snippet that shows why they matched) and
//! matching events, in the chosen order. Each row is a component keyed by its id, built
//! from its view model (`corpus::view::result_row`), so a change re-renders the rows
//! that changed.

use super::link::link;
use super::parts::{entity_chip, event_date, evidence_links};
use super::use_results;
use crate::engine;
use crate::store::{use_dispatch, use_select, use_store};
use corpus::search::Snippet;
use corpus::state::Action;
use corpus::view::{result_row, results_count, ResultRow};
use corpus::{ArticleIx, EventIx, Order};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Render text with highlighted byte ranges.
pub fn highlighted(text: &str, ranges: &[(u32, u32)]) -> Html {
    let mut out = Vec::new();
    let mut at = 0usize;
    for &(s, e) in ranges {
        let (s, e) = (s as usize, e as usize);
        if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push(Html::from(&text[at..s]));
        out.push(html! { <mark>{ &text[s..e] }</mark> });
        at = e;
    }
    out.push(Html::from(&text[at..]));
    out.into_iter().collect()
}

fn snippet_html(s: &Snippet) -> Html {
    highlighted(&s.text, &s.highlights)
}

/// How many events are listed before "Show more".
const EVENTS_PAGE: usize = 20;
/// How many articles are listed before "Show more".
const ARTICLES_PAGE: usize = 20;

/// The results view.
#[component]
pub fn ResultsView() -> Html {
    crate::rendered!("ResultsView");
    let results = use_results();
    let (text, order, current) = (*use_select(|s| {
        let st = s.state();
        (st.text.clone(), st.order, st.article)
    }))
    .clone();
    let store = use_store();
    let dispatch = use_dispatch();
    let events_shown = use_state(|| EVENTS_PAGE);
    let articles_shown = use_state(|| ARTICLES_PAGE);
    // The rows (snippets included) are computed once per result set.
    let rows = {
        let shown = *articles_shown;
        use_memo((results.clone(), shown), move |(r, shown)| match engine() {
            Ok(e) => {
                r.0.articles
                    .iter()
                    .take(*shown)
                    .map(|a| Rc::new(result_row(e, a, &text)))
                    .collect()
            }
            Err(_) => Vec::new(),
        })
    };
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let r = &results.0;
    let on_order = dispatch_order(&dispatch);
    let more_events = {
        let events_shown = events_shown.clone();
        Callback::from(move |_: MouseEvent| events_shown.set(*events_shown + EVENTS_PAGE))
    };
    let more_articles = {
        let articles_shown = articles_shown.clone();
        Callback::from(move |_: MouseEvent| articles_shown.set(*articles_shown + ARTICLES_PAGE))
    };
    let entity_hits = r
        .entities
        .iter()
        .take(12)
        .map(|&e| entity_chip(&store, c, e));
    html! {
        <>
            <div class="results-head">
                <h2>{ "Results" }</h2>
                <p class="counts">{ results_count(r) }</p>
                <button type="button" class="to-matrix" onclick={dispatch.on(Action::ShowMatrix(true))}>{ "Names × articles" }</button>
                <label for="order">{ "Order" }</label>
                <select id="order" onchange={on_order}>
                    <option value="newest" selected={order == Order::Newest}>{ "Newest first" }</option>
                    <option value="oldest" selected={order == Order::Oldest}>{ "Oldest first" }</option>
                    <option value="relevance" selected={order == Order::Relevance}>{ "Best match first" }</option>
                </select>
            </div>
            if !r.entities.is_empty() {
                <section class="entity-hits" aria-labelledby="entity-hits-title">
                    <h3 id="entity-hits-title">{ "Names matching your search" }</h3>
                    <ul class="chips">{ for entity_hits }</ul>
                </section>
            }
            <section aria-labelledby="articles-title">
                <h3 id="articles-title" class="section-title">{ "Articles" }</h3>
                if r.articles.is_empty() {
                    <p class="empty">{ "No article matches. Remove a filter or change the search." }</p>
                } else {
                    <ol class="result-list">
                        { for rows.iter().map(|row| html! {
                            <ResultItem key={row.article} row={row.clone()} current={current == Some(row.article)} />
                        }) }
                    </ol>
                    if r.articles.len() > *articles_shown {
                        <button type="button" class="link-button" onclick={more_articles}>{ format!("Show more articles ({} more)", r.articles.len() - *articles_shown) }</button>
                    }
                }
            </section>
            <section aria-labelledby="events-title">
                <h3 id="events-title" class="section-title">{ "Events" }</h3>
                if r.events.is_empty() {
                    <p class="empty">{ "No event matches." }</p>
                } else {
                    <ol class="event-list">
                        { for r.events.iter().take(*events_shown).map(|&event| html! { <EventItem key={event} {event} /> }) }
                    </ol>
                    if r.events.len() > *events_shown {
                        <button type="button" class="link-button" onclick={more_events}>{ format!("Show more events ({} more)", r.events.len() - *events_shown) }</button>
                    }
                }
            </section>
        </>
    }
}

fn dispatch_order(dispatch: &crate::store::Dispatch) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| {
        let v = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .map(|s| s.value())
            .unwrap_or_default();
        let o = match v.as_str() {
            "oldest" => Order::Oldest,
            "relevance" => Order::Relevance,
            _ => Order::Newest,
        };
        dispatch.emit(Action::SetOrder(o));
    })
}

#[derive(Properties, PartialEq)]
struct ResultItemProps {
    row: Rc<ResultRow>,
    current: bool,
}

/// One article in the results.
#[component]
fn ResultItem(props: &ResultItemProps) -> Html {
    crate::rendered!("ResultItem");
    let store = use_store();
    let Ok(engine) = engine() else {
        return html! {};
    };
    let row = &props.row;
    let a: ArticleIx = row.article;
    let Some(art) = engine.corpus().articles.get(a as usize) else {
        return html! {};
    };
    let title_id = format!("r-{}", art.id);
    html! {
        <li class={classes!("result", props.current.then_some("current"))}>
            <article aria-labelledby={title_id.clone()}>
                <h3 id={title_id}>
                    { link(&store, Action::OpenArticle(a, row.paragraph), Html::from(art.title.clone())) }
                    if row.title_supplied {
                        <span class="badge inferred" title="The scraped text has no title; this one is supplied">{ "title supplied" }</span>
                    }
                </h3>
                <p class="meta">
                    <time datetime={art.published.date.to_string()}>{ row.date.clone() }</time>
                    if row.date_inferred {
                        <span class="badge inferred" title="No dateline: the date is inferred from the text">{ "date inferred" }</span>
                    }
                    <span class="authors">{ row.authors.clone() }</span>
                </p>
                <p class="snippet">{ snippet_html(&row.snippet) }</p>
            </article>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct EventItemProps {
    event: EventIx,
}

/// One event in the results (drawn once: nothing in it changes with the state).
#[component]
fn EventItem(props: &EventItemProps) -> Html {
    crate::rendered!("EventItem");
    let store = use_store();
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let Some(v) = c.events.get(props.event as usize) else {
        return html! {};
    };
    html! {
        <li class={classes!("event", format!("c-{}", v.category.as_str()))}>
            <p class="event-date">{ event_date(v) }</p>
            <p class="event-title">{ v.title.clone() }</p>
            <p class="event-meta"><span class="category">{ v.category.as_str() }</span>{ " · reported in " }</p>
            { evidence_links(&store, c, v) }
        </li>
    }
}
