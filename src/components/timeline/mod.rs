//! The timeline: eras, events (when they happened) and articles (when they were
//! published), linked, in one SVG drawn from [`corpus::timeline::layout`]; or, at the
//! reader's choice, as a chronological list.
//!
//! - [`Timeline`] (here): the panel: its heading and mode, the graph or the list, the
//!   selected event's card;
//! - [`graph`]: the drawing with its toolbar and overview, holding the visible window;
//! - [`layers`]: one component per layer of the drawing, and the dimming of what does
//!   not match the filters;
//! - [`gestures`]: wheel, drag, pinch, keys, clicks: how the reader moves it;
//! - [`draw`]: the drawing's rows and mark builders;
//! - [`list`]: the chronological list (also the print view);
//! - [`picture`]: "Save picture": the drawing as SVG or PNG (made by `src/picture.js`).

pub mod draw;
pub mod gestures;
pub mod graph;
pub mod layers;
pub mod list;
pub mod picture;

use super::event_card::EventCard;
use crate::engine;
use crate::hooks::use_printing;
use crate::store::{use_dispatch, use_select};
use corpus::render::date_label;
use corpus::state::Action;
use yew::prelude::*;

/// The timeline panel: heading, mode, graph or list, event card.
#[component]
pub fn Timeline() -> Html {
    crate::rendered!("Timeline");
    let (list, filtering) = *use_select(|s| (s.state().list, s.state().has_filters()));
    let dispatch = use_dispatch();
    let hide = use_state_eq(|| false);
    let printing = use_printing();
    let toggle_hide = {
        let hide = hide.clone();
        Callback::from(move |_: Event| hide.set(!*hide))
    };
    html! {
        <section class={classes!("timeline", list.then_some("list-mode"))} aria-labelledby="timeline-title">
            <div class="timeline-head">
                <h2 id="timeline-title">{ "Timeline" }</h2>
                <div class="mode" role="group" aria-label="Show the timeline as">
                    <button type="button" aria-pressed={(!list).to_string()} onclick={dispatch.on(Action::SetList(false))}>{ "Graph" }</button>
                    <button type="button" aria-pressed={list.to_string()} onclick={dispatch.on(Action::SetList(true))}>{ "List" }</button>
                </div>
                if filtering && !list {
                    <label class="hide-toggle"><input type="checkbox" checked={*hide} onchange={toggle_hide} />{ " Hide what does not match" }</label>
                }
            </div>
            if !list {
                <graph::Graph hide={*hide && filtering} />
            }
            // The list is also the print view: drawn for print only when it is printed.
            if list || printing {
                <list::TimelineList print_only={!list} />
            }
            <SelectedEvent />
        </section>
    }
}

/// The selected event's card, and its announcement.
#[component]
fn SelectedEvent() -> Html {
    crate::rendered!("SelectedEvent");
    let event = *use_select(|s| s.state().event);
    let announce = event
        .and_then(|e| engine().ok()?.corpus().events.get(e as usize).cloned())
        .map(|ev| format!("Selected: {}, {}", ev.title, date_label(&ev.date)));
    html! {
        <>
            <div class="timeline-card">
                if let Some(e) = event {
                    <EventCard event={e} />
                }
            </div>
            <div class="visually-hidden" aria-live="polite">{ announce.unwrap_or_default() }</div>
        </>
    }
}
