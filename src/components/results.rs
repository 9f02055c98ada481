//! The results: matching articles (with the snippet that shows why they matched) and
//! matching events, in the chosen order.

use super::link::ActionLink;
use super::parts::{entity_chip, event_date, evidence_links};
use super::Shared;
use crate::engine;
use crate::store::{use_dispatch, use_store};
use corpus::render::{count, short_date};
use corpus::search::Snippet;
use corpus::state::Action;
use corpus::{Order, Precision, Provenance};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`ResultsView`].
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The results to show.
    pub results: Shared,
}

/// Render text with highlighted byte ranges.
pub fn highlighted(text: &str, ranges: &[(u32, u32)]) -> Html {
    let mut out = Vec::new();
    let mut at = 0usize;
    for &(s, e) in ranges {
        let (s, e) = (s as usize, e as usize);
        if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        out.push(html! { { &text[at..s] } });
        out.push(html! { <mark>{ &text[s..e] }</mark> });
        at = e;
    }
    out.push(html! { { &text[at..] } });
    html! { { for out } }
}

fn snippet_html(s: &Snippet) -> Html {
    highlighted(&s.text, &s.highlights)
}

/// How many events are listed before "Show more".
const EVENTS_PAGE: usize = 60;
/// How many articles are listed before "Show more".
const ARTICLES_PAGE: usize = 50;

/// The results view.
#[component]
pub fn ResultsView(props: &ResultsProps) -> Html {
    let store = use_store();
    let dispatch = use_dispatch();
    let events_shown = use_state(|| EVENTS_PAGE);
    let articles_shown = use_state(|| ARTICLES_PAGE);
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let r = &props.results.0;
    let s = &store.state;
    let show_matrix = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::ShowMatrix(true)))
    };
    let on_order = {
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
    };
    let articles = r.articles.iter().take(*articles_shown).map(|ar| {
        let a = &c.articles[ar.article as usize];
        let snippet = ar.snippet.clone().or_else(|| if s.text.trim().is_empty() { None } else { engine.snippet(ar, &s.text) });
        let (para, body) = match &snippet {
            Some((p, sn)) => (Some(*p), snippet_html(sn)),
            None => {
                let first = a.paragraphs.iter().find(|p| p.kind == corpus::ParagraphKind::Body).map(|p| p.text.as_str()).unwrap_or("");
                let cut: String = first.chars().take(220).collect();
                let more = if first.chars().count() > 220 { "…" } else { "" };
                (None, html! { <>{ cut }{ more }</> })
            }
        };
        let inferred = a.published.status != Provenance::Stated;
        let date = match a.published.precision {
            Precision::Day => short_date(a.published.date),
            _ => {
                let (e, l) = a.published.span();
                format!("{} – {}", short_date(e), short_date(l))
            }
        };
        let current = s.article == Some(ar.article);
        html! {
            <li key={a.id.clone()} class={classes!("result", current.then_some("current"))}>
                <article aria-labelledby={format!("r-{}", a.id)}>
                    <h3 id={format!("r-{}", a.id)}>
                        <ActionLink action={Action::OpenArticle(ar.article, para)}>{ a.title.clone() }</ActionLink>
                        if a.title_status == Provenance::Supplied {
                            <span class="badge inferred" title="The scraped text has no title; this one is supplied">{ "title supplied" }</span>
                        }
                    </h3>
                    <p class="meta">
                        <time datetime={a.published.date.to_string()}>{ date }</time>
                        if inferred {
                            <span class="badge inferred" title="No dateline: the date is inferred from the text">{ "date inferred" }</span>
                        }
                        <span class="authors">{ if a.authors.is_empty() { "author unknown".to_string() } else { a.authors.join(", ") } }</span>
                    </p>
                    <p class="snippet">{ body }</p>
                </article>
            </li>
        }
    });
    let events = r.events.iter().take(*events_shown).map(|&vi| {
        let v = &c.events[vi as usize];
        html! {
            <li key={v.id.clone()} class={classes!("event", format!("c-{}", v.category.as_str()))}>
                <p class="event-date">{ event_date(v) }</p>
                <p class="event-title">{ v.title.clone() }</p>
                <p class="event-meta"><span class="category">{ v.category.as_str() }</span>{ " · reported in " }</p>
                { evidence_links(c, v) }
            </li>
        }
    });
    let more_events = {
        let events_shown = events_shown.clone();
        Callback::from(move |_| events_shown.set(*events_shown + EVENTS_PAGE))
    };
    let more_articles = {
        let articles_shown = articles_shown.clone();
        Callback::from(move |_| articles_shown.set(*articles_shown + ARTICLES_PAGE))
    };
    let entity_hits = r.entities.iter().take(12).map(|&e| entity_chip(c, e));
    html! {
        <>
            <div class="results-head">
                <h2>{ "Results" }</h2>
                <p class="counts">{ format!("{}, {}", count(r.articles.len(), "article"), count(r.events.len(), "event")) }</p>
                <button type="button" class="to-matrix" onclick={show_matrix}>{ "Names × articles" }</button>
                <label for="order">{ "Order" }</label>
                <select id="order" onchange={on_order}>
                    <option value="newest" selected={s.order == Order::Newest}>{ "Newest first" }</option>
                    <option value="oldest" selected={s.order == Order::Oldest}>{ "Oldest first" }</option>
                    <option value="relevance" selected={s.order == Order::Relevance}>{ "Best match first" }</option>
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
                    <ol class="result-list">{ for articles }</ol>
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
                    <ol class="event-list">{ for events }</ol>
                    if r.events.len() > *events_shown {
                        <button type="button" class="link-button" onclick={more_events}>{ format!("Show more events ({} more)", r.events.len() - *events_shown) }</button>
                    }
                }
            </section>
        </>
    }
}
