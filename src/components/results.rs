//! The results: matching articles (with the snippet that shows why they matched) and
//! matching events, in the chosen order. Each row is a component keyed by its id, built
//! from its view model (`corpus::view::result_row`), so a change re-renders the rows
//! that changed.

use super::link::{action_link, link};
use super::parts::{entity_chip, event_date, evidence_links};
use super::use_results;
use crate::engine;
use crate::store::{use_dispatch, use_select, use_store, SearchStatus};
use corpus::search::Snippet;
use corpus::state::Action;
use corpus::view::{dead_end, measure_rows, result_row, results_count, ResultRow};
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
    let filter = use_select(|s| s.state().filter());
    let current = *use_select(|s| s.state().article);
    let search = use_select(|s| s.search.clone());
    let (text, order, entities) = (filter.text.clone(), filter.order, filter.entities.clone());
    let store = use_store();
    let dispatch = use_dispatch();
    let events_shown = use_state(|| EVENTS_PAGE);
    let articles_shown = use_state(|| ARTICLES_PAGE);
    // The text of the articles listed and of the figures' passages (fetched, for a large
    // corpus: crate::hooks::use_text).
    let text_state = crate::hooks::use_text({
        let r = &results.0;
        let figures = engine().map_or(Vec::new(), |e| {
            let c = e.corpus();
            r.figures
                .iter()
                .take(10)
                .filter_map(|&f| c.figures.get(f as usize).map(|f| f.article))
                .collect()
        });
        r.articles
            .iter()
            .take(*articles_shown)
            .map(|a| a.article)
            .chain(figures)
            .collect()
    });
    let text_ready = text_state == crate::hooks::TextState::Ready;
    // The rows (snippets included) are computed once per result set (and again when
    // their text comes in).
    let rows = {
        let shown = *articles_shown;
        use_memo(
            (results.clone(), shown, text_ready),
            move |(r, shown, _)| match engine() {
                Ok(e) => {
                    r.0.articles
                        .iter()
                        .take(*shown)
                        .map(|a| Rc::new(result_row(e, a, &text, &entities)))
                        .collect()
                }
                Err(_) => Vec::new(),
            },
        )
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
    // A search that found nothing: the names it may have meant, the filter to drop.
    let ready = *search == SearchStatus::Ready;
    let dead = if ready {
        dead_end(engine, &filter, r)
    } else {
        None
    };
    let measures = r.measures.iter().take(8).map(|&m| {
        let Some(me) = c.measures.get(m as usize) else {
            return html! {};
        };
        let rows = measure_rows(c, m);
        let values: Vec<String> = rows
            .iter()
            .map(|x| format!("{} ({})", x.value, x.as_of))
            .collect();
        html! {
            <li>
                { action_link(&store, Action::OpenMeasure(m), Some("measure-link".into()), None, None, Html::from(me.name.clone())) }
                <span class="meta">{ format!(" — {}: {}", corpus::render::count(rows.len(), "value"), values.join(" → ")) }</span>
            </li>
        }
    });
    let figures = r.figures.iter().take(10).filter(|_| text_ready).filter_map(|&fi| {
        let f = c.figures.get(fi as usize)?;
        let a = c.articles.get(f.article as usize)?;
        let text = format!("“{}” — {} ¶{}", c.figure_text(f), a.title, f.paragraph + 1);
        Some(html! { <li>{ link(&store, Action::OpenArticle(f.article, Some(f.paragraph)), Html::from(text)) }</li> })
    });
    html! {
        <>
            <div class="results-head">
                <h2>{ "Results" }</h2>
                <p class="counts">{ if *search == SearchStatus::Loading { "Searching…".to_string() } else { results_count(r) } }</p>
                <button type="button" class="to-matrix" onclick={dispatch.on(Action::ShowMatrix(true))}>{ "Names × articles" }</button>
                <super::export::ExportMenu />
                <label for="order">{ "Order" }</label>
                <select id="order" onchange={on_order}>
                    <option value="newest" selected={order == Order::Newest}>{ "Newest first" }</option>
                    <option value="oldest" selected={order == Order::Oldest}>{ "Oldest first" }</option>
                    <option value="relevance" selected={order == Order::Relevance}>{ "Best match first" }</option>
                </select>
            </div>
            <SearchStatusLine />
            { super::parts::text_status(&text_state, "The passages of these results") }
            if let Some(t) = &r.typed_date {
                <TypedDateNote label={t.label()} inferred={t.year_inferred} from={t.from} to={t.to} rest={AttrValue::from(t.rest.clone())} />
            }
            if let Some(d) = dead {
                <DeadEndView suggestions={Rc::new(d.suggestions)} drops={Rc::new(d.drops)} text={AttrValue::from(filter.text.clone())} />
            }
            if !r.measures.is_empty() {
                <section class="measure-hits" aria-labelledby="measure-hits-title">
                    <h3 id="measure-hits-title">{ "Figures matching your search, across articles" }</h3>
                    <ul>{ for measures }</ul>
                </section>
            }
            if !r.figures.is_empty() {
                <section class="figure-hits" aria-labelledby="figure-hits-title">
                    <h3 id="figure-hits-title">{ "Passages with that figure" }</h3>
                    <ul>{ for figures }</ul>
                </section>
            }
            if !r.entities.is_empty() {
                <section class="entity-hits" aria-labelledby="entity-hits-title">
                    <h3 id="entity-hits-title">{ "Names matching your search" }</h3>
                    <ul class="chips">{ for entity_hits }</ul>
                </section>
            }
            <section aria-labelledby="articles-title">
                <h3 id="articles-title" class="section-title">{ "Articles" }</h3>
                if r.articles.is_empty() && ready {
                    <p class="empty">{ "No article matches. Remove a filter or change the search." }</p>
                } else if r.articles.is_empty() {
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
                if r.events.is_empty() && ready {
                    <p class="empty">{ "No event matches." }</p>
                } else if r.events.is_empty() {
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

/// Whether the results are the search's: nothing when they are; while the search index's
/// files the search needs are loading, a line saying so to screen readers (on screen, the
/// counts line says "Searching…"; the results below are the last search's); when one could
/// not be loaded, the message, which names it, and a button that tries again. A live
/// region, so that a screen reader hears both.
#[component]
fn SearchStatusLine() -> Html {
    crate::rendered!("SearchStatusLine");
    let search = use_select(|s| s.search.clone());
    let dispatch = use_dispatch();
    let retry = Callback::from(move |_: MouseEvent| dispatch.retry_search());
    html! {
        <div class="search-status" role="status" aria-live="polite">
            { match &*search {
                SearchStatus::Ready => html! {},
                // Said to screen readers; on screen the counts line says "Searching…" (a
                // line that came and went would move the results for a moment).
                SearchStatus::Loading => html! { <p class="loading visually-hidden">{ "Searching: loading part of the search index…" }</p> },
                SearchStatus::Failed(m) => html! {
                    <div class="search-failed">
                        <p><strong>{ "The search could not finish. " }</strong>{ m.to_string() }</p>
                        <button type="button" class="retry" onclick={retry}>{ "Try again" }</button>
                    </div>
                },
            } }
        </div>
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
            <p class="event-title">{ action_link(&store, Action::SelectEvent(props.event), None, Some(format!("{}: open its card", v.title)), None, Html::from(v.title.clone())) }</p>
            <p class="event-meta"><span class="category">{ v.category.as_str() }</span>{ " · reported in " }</p>
            { evidence_links(&store, c, v) }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct TypedDateProps {
    label: String,
    inferred: bool,
    from: corpus::Date,
    to: corpus::Date,
    rest: AttrValue,
}

/// A date typed in the search box: it already limits the events; one click makes it the
/// date filter of the whole explorer (and takes it out of the search).
#[component]
fn TypedDateNote(p: &TypedDateProps) -> Html {
    crate::rendered!("TypedDateNote");
    let dispatch = use_dispatch();
    let filter = use_select(|s| s.state().filter());
    let apply = {
        let mut f = (*filter).clone();
        f.range = Some((p.from, p.to));
        f.range_field = corpus::DateField::Event;
        f.text = p.rest.to_string();
        dispatch.on::<MouseEvent>(Action::SetFilter(f))
    };
    html! {
        <p class="typed-date" role="status">
            { format!("Events on {}", p.label) }
            if p.inferred { { " (the year is inferred: the latest with events then)" } }
            { " are listed. " }
            <button type="button" class="link-button" onclick={apply}>{ format!("Filter the explorer to {}", p.label) }</button>
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct DeadEndProps {
    suggestions: Rc<Vec<corpus::Suggestion>>,
    drops: Rc<Vec<corpus::view::FilterDrop>>,
    text: AttrValue,
}

/// Nothing found: say so, offer the names the words may have meant, and the parts of the
/// filter whose removal finds something.
#[component]
fn DeadEndView(p: &DeadEndProps) -> Html {
    crate::rendered!("DeadEndView");
    let dispatch = use_dispatch();
    let filter = use_select(|s| s.state().filter());
    let suggestions = p.suggestions.iter().map(|s| {
        let mut f = (*filter).clone();
        f.text = s.text.clone();
        html! {
            <li><button type="button" class="link-button" onclick={dispatch.on::<MouseEvent>(Action::SetFilter(f))}>{ s.word.clone() }</button>
                { format!(" ({})", s.spelling) }</li>
        }
    });
    let drops = p.drops.iter().map(|d| {
        html! {
            <li><button type="button" class="link-button" onclick={dispatch.on::<MouseEvent>(Action::SetFilter(d.filter.clone()))}>{ format!("Drop {}", d.what) }</button>
                { format!(": {}", d.gives) }</li>
        }
    });
    html! {
        <section class="dead-end" aria-labelledby="dead-end-title">
            <h3 id="dead-end-title">{ if p.text.trim().is_empty() { "Nothing matches these filters".to_string() } else { format!("Nothing matches “{}”", p.text.trim()) } }</h3>
            if !p.suggestions.is_empty() {
                <p>{ "Did you mean:" }</p>
                <ul class="suggestions">{ for suggestions }</ul>
            }
            if !p.drops.is_empty() {
                <ul class="drops">{ for drops }</ul>
            }
        </section>
    }
}
