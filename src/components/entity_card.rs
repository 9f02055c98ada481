//! The entity card: description, aliases, the articles and events that mention it, the
//! entities it appears with most, and a button to filter by it.

use super::kind_singular;
use super::link::ActionLink;
use crate::dom;
use crate::engine;
use crate::store::{use_dispatch, use_store};
use corpus::render::{count, date_label, short_date};
use corpus::state::Action;
use corpus::EntityIx;
use yew::prelude::*;

/// Props of [`EntityCard`].
#[derive(Properties, PartialEq)]
pub struct EntityCardProps {
    /// The entity.
    pub entity: EntityIx,
}

/// How many co-occurring entities the card lists.
const TOP_WITH: usize = 8;

/// The card.
#[component]
pub fn EntityCard(props: &EntityCardProps) -> Html {
    let store = use_store();
    let dispatch = use_dispatch();
    // Focus moves into the card, and back where it was when the card closes.
    use_effect_with(props.entity, |_| {
        let before = dom::active_element();
        dom::focus_id("entity-card-title");
        move || {
            if let Some(el) = before {
                let _ = el.focus();
            }
        }
    });
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let e = props.entity;
    let Some(ent) = c.entities.get(e as usize) else {
        return html! {};
    };
    let filtered = store.state.entities.contains(&e);
    let close = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::CloseEntity))
    };
    let toggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.emit(Action::ToggleEntity(e));
            dispatch.emit(Action::CloseEntity);
        })
    };
    let per_article = engine.mentions_by_article(e);
    let articles = per_article.iter().map(|m| {
        let (a, n, p) = (m.article, m.mentions as usize, m.first_paragraph);
        let art = &c.articles[a as usize];
        html! {
            <li>
                <ActionLink action={Action::OpenArticle(a, Some(p))}>{ art.title.clone() }</ActionLink>
                <span class="meta">{ format!(" — {}, {}", short_date(art.published.date), count(n, "mention")) }</span>
            </li>
        }
    });
    let events = engine.events_with(e);
    let event_items = events.iter().map(|&vi| {
        let v = &c.events[vi as usize];
        let first = &v.evidence[0];
        html! {
            <li>
                <time datetime={v.date.start.to_string()}>{ date_label(&v.date) }</time>{ " " }
                <ActionLink action={Action::OpenArticle(first.article, Some(first.paragraph))}>{ v.title.clone() }</ActionLink>
            </li>
        }
    });
    let with = engine.cooccurrence(e, None);
    let with_items = with.iter().take(TOP_WITH).map(|co| {
        let o = &c.entities[co.entity as usize];
        html! {
            <li>
                <ActionLink action={Action::OpenEntity(co.entity)} class={classes!("chip-link", format!("k-{}", o.kind.as_str()))}>{ o.name.clone() }</ActionLink>
                <span class="meta">{ format!(" {}, {}", count(co.paragraphs as usize, "paragraph"), count(co.articles as usize, "article")) }</span>
            </li>
        }
    });
    let aliases: Vec<String> = ent.aliases.iter().map(|a| a.text.clone()).collect();
    html! {
        <div class="card-layer">
            <div class="card-backdrop" onclick={close.clone()}></div>
            <section class={classes!("entity-card", format!("k-{}", ent.kind.as_str()))} role="dialog" aria-modal="true" aria-labelledby="entity-card-title">
                <header>
                    <p class="kind-tag">{ kind_singular(ent.kind) }</p>
                    <h2 id="entity-card-title" tabindex="-1">{ ent.name.clone() }</h2>
                    <button type="button" class="close" onclick={close} aria-label="Close the card">{ "×" }</button>
                </header>
                <p class="description">{ ent.description.clone() }</p>
                if let Some(o) = &ent.outside {
                    <p class="outside"><strong>{ "Outside knowledge (not in the articles): " }</strong>{ o.clone() }</p>
                }
                <p class="aliases"><strong>{ "Written as: " }</strong>{ aliases.join(" · ") }</p>
                <button type="button" class="primary" onclick={toggle}>
                    { if filtered { "Remove this filter" } else { "Filter by this" } }
                </button>
                <h3>{ format!("Mentioned in {}", count(per_article.len(), "article")) }</h3>
                if per_article.is_empty() {
                    <p class="empty">{ "Named only in a byline." }</p>
                } else {
                    <ul>{ for articles }</ul>
                }
                if !events.is_empty() {
                    <h3>{ format!("Events ({})", events.len()) }</h3>
                    <ul class="card-events">{ for event_items }</ul>
                }
                if !with.is_empty() {
                    <h3>{ "Most often named with" }</h3>
                    <ul class="with">{ for with_items }</ul>
                }
            </section>
        </div>
    }
}
