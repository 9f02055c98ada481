//! The card of a selected timeline event: its date and how it was dated, its title, the
//! entities involved as chips, and every piece of evidence as a quote that links to its
//! paragraph in the reader, with how long after the event each article reported it.

use super::link::action_link;
use super::parts::entity_chip;
use crate::dom;
use crate::engine;
use crate::store::{use_dispatch, use_store};
use corpus::render::{date_label, lag, short_date};
use corpus::state::Action;
use corpus::{DateMethod, EventIx};
use yew::prelude::*;

/// Props of [`EventCard`].
#[derive(Properties, PartialEq)]
pub struct EventCardProps {
    /// The event.
    pub event: EventIx,
}

/// The card.
#[component]
pub fn EventCard(props: &EventCardProps) -> Html {
    crate::rendered!("EventCard");
    let dispatch = use_dispatch();
    let store = use_store();
    // The quotes' articles' text (fetched, for a large corpus: crate::hooks::use_text).
    let text_state = crate::hooks::use_text(
        engine()
            .ok()
            .and_then(|e| e.corpus().events.get(props.event as usize))
            .map(|ev| ev.evidence.iter().map(|x| x.article).collect())
            .unwrap_or_default(),
    );
    let ready = text_state == crate::hooks::TextState::Ready;
    // Opened from afar (an event in the results, a cluster's list that closed), the card
    // takes the focus and comes into view; from the timeline the mark keeps it. When the
    // card closes, the focus goes back to what opened it.
    use_effect_with(props.event, |_| {
        let before = dom::active_element();
        let from_timeline = before
            .as_ref()
            .is_some_and(|el| el.closest(".timeline .graph").ok().flatten().is_some());
        let take = dom::focus_lost() || !from_timeline;
        if take {
            dom::focus_id("event-card-title");
            dom::scroll_to_id("event-card-title");
        }
        move || {
            let inside = dom::active_element()
                .is_some_and(|el| el.closest(".event-card").ok().flatten().is_some());
            if take && (inside || dom::focus_lost()) {
                if let Some(el) = before.filter(|el| el.is_connected()) {
                    dom::focus(&el);
                }
            }
        }
    });
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let Some(ev) = c.events.get(props.event as usize) else {
        return html! {};
    };
    // Escape in the card closes it (the timeline's own Escape covers a focused mark).
    let close_on_escape = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                dispatch.emit(Action::CloseEvent);
            }
        })
    };
    let how = match ev.method {
        DateMethod::Stated => "Stated in the text",
        DateMethod::Resolved => "Resolved from a relative expression",
        DateMethod::Inferred => "Inferred",
    };
    let precision = match ev.date.precision {
        corpus::Precision::Day => "to the day",
        corpus::Precision::Month => "to the month: it may fall on any day in it",
        corpus::Precision::Year => "to the year: it may fall on any day in it",
        corpus::Precision::Span => "as a period",
    };
    let chips = ev.entities.iter().map(|&e| entity_chip(&store, c, e));
    let evidence = ev.evidence.iter().map(|evd| {
        let a = &c.articles[evd.article as usize];
        let when = lag(&ev.date, a.published.span());
        let text = format!("{} ¶{}", a.title, evd.paragraph + 1);
        // The accessible name starts with the visible text (label in name).
        let label = format!("{text}: read in context");
        html! {
            <li>
                if ready {
                    <blockquote>{ format!("“{}”", c.quote(evd)) }</blockquote>
                }
                <p class="source">
                    { action_link(&store, Action::OpenArticle(evd.article, Some(evd.paragraph)), None, Some(label), None, Html::from(text)) }
                    { format!(" — published {}, {when}", short_date(a.published.date)) }
                </p>
            </li>
        }
    });
    html! {
        <section class={classes!("event-card", format!("c-{}", ev.category.as_str()))} aria-labelledby="event-card-title" onkeydown={close_on_escape}>
            <header>
                <p class="event-date">
                    <time datetime={ev.date.start.to_string()}>{ date_label(&ev.date) }</time>
                    if ev.method != DateMethod::Stated {
                        <span class="badge inferred">{ ev.method.as_str() }</span>
                    }
                    <span class="category">{ ev.category.as_str() }</span>
                </p>
                <h3 id="event-card-title" tabindex="-1">{ ev.title.clone() }</h3>
                <button type="button" class="close" onclick={dispatch.on(Action::CloseEvent)} aria-label="Close the event card">{ "×" }</button>
            </header>
            <p class="dated"><strong>{ "How it was dated: " }</strong>{ format!("{how}, {precision}.") }
                if let Some(b) = &ev.basis { { format!(" {b}") } }
            </p>
            if !ev.entities.is_empty() {
                <ul class="chips" aria-label="Who and what is involved">{ for chips }</ul>
            }
            <h4>{ format!("Evidence ({})", ev.evidence.len()) }</h4>
            { super::parts::text_status(&text_state, "The quoted passages") }
            <ul class="evidence">{ for evidence }</ul>
        </section>
    }
}
