//! The timeline as a chronological list grouped by year and month: the list view, the
//! print view, and the fallback for screen readers.

use crate::components::link::{action_link, link};
use crate::components::parts::{event_date, evidence_links};
use crate::components::use_results;
use crate::engine;
use crate::store::{use_select, use_store};
use corpus::render::short_date;
use corpus::state::Action;
use corpus::timeline::groups;
use corpus::Provenance;
use yew::prelude::*;

/// Props of [`TimelineList`].
#[derive(Properties, PartialEq)]
pub struct TimelineListProps {
    /// Hidden on screen, shown in print (the graph is on screen).
    pub print_only: bool,
}

/// How many events are listed before "Show more".
const PAGE: usize = 400;

/// The list.
#[component]
pub fn TimelineList(props: &TimelineListProps) -> Html {
    crate::rendered!("TimelineList");
    let results = use_results();
    let hide_unmatched = *use_select(|s| s.state().has_filters());
    let store = use_store();
    let shown = use_state(|| PAGE);
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let r = &results.0;
    let (events, articles): (Vec<u32>, Vec<u32>) = if hide_unmatched {
        (
            r.events.clone(),
            r.articles.iter().map(|a| a.article).collect(),
        )
    } else {
        (
            (0..c.events.len() as u32).collect(),
            (0..c.articles.len() as u32).collect(),
        )
    };
    let gs = groups(c, &events, &articles);
    let mut out: Vec<Html> = Vec::new();
    let mut year = None;
    let mut months: Vec<Html> = Vec::new();
    let flush = |year: Option<i32>, months: &mut Vec<Html>, out: &mut Vec<Html>| {
        if let Some(y) = year {
            let ms = std::mem::take(months);
            out.push(html! {
                <section class="year" key={y.to_string()}>
                    <h3>{ y.to_string() }</h3>
                    { for ms }
                </section>
            });
        }
    };
    let mut listed = 0usize;
    for g in &gs {
        if listed >= *shown {
            break;
        }
        listed += g.events.len();
        if year != Some(g.year) {
            flush(year, &mut months, &mut out);
            year = Some(g.year);
        }
        let heading = g.heading.clone();
        let evs = g.events.iter().map(|&e| {
            let ev = &c.events[e as usize];
            html! {
                <li class={classes!("tl-event", format!("c-{}", ev.category.as_str()))} data-event={ev.id.clone()}>
                    { event_date(ev) }
                    { " " }
                    { action_link(&store, Action::SelectEvent(e), Some("tl-title".into()), None, None, Html::from(ev.title.clone())) }
                    <span class="meta">{ " — reported in " }</span>
                    { evidence_links(&store, c, ev) }
                </li>
            }
        });
        let arts = g.articles.iter().map(|&a| {
            let ar = &c.articles[a as usize];
            html! {
                <li class="tl-article">
                    <time datetime={ar.published.date.to_string()}>{ short_date(ar.published.date) }</time>
                    if ar.published.status != Provenance::Stated {
                        <span class="badge inferred" title={ar.published.reason.clone().unwrap_or_default()}>{ "date inferred" }</span>
                    }
                    <span class="kind-tag">{ " Article published: " }</span>
                    { link(&store, Action::OpenArticle(a, None), Html::from(ar.title.clone())) }
                </li>
            }
        });
        months.push(html! {
            <section class="month">
                <h4>{ heading }</h4>
                <ol>{ for evs }{ for arts }</ol>
            </section>
        });
    }
    flush(year, &mut months, &mut out);
    let more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(*shown + PAGE))
    };
    html! {
        <div class={classes!("timeline-list", props.print_only.then_some("print-only"))}>
            if hide_unmatched {
                <p class="note">{ format!("Showing what matches the filters: {} and {}.", corpus::render::count(events.len(), "event"), corpus::render::count(articles.len(), "article")) }</p>
            }
            if gs.is_empty() {
                <p class="empty">{ "Nothing on the timeline matches. Remove a filter or change the search." }</p>
            }
            { for out }
            if events.len() > listed {
                <button type="button" class="link-button" onclick={more}>{ format!("Show more events ({} more)", events.len() - listed) }</button>
            }
        </div>
    }
}
