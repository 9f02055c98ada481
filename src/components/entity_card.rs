//! The entity card: description, aliases, the articles and events that mention it, the
//! entities it appears with most, and a button to filter by it.

use super::kind_singular;
use super::link::{action_link, link};
use crate::engine;
use crate::store::{use_dispatch, use_select, use_store};
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
    crate::rendered!("EntityCard");
    let e = props.entity;
    let filtered = *use_select(move |s| s.state().entities.contains(&e));
    let store = use_store();
    let dispatch = use_dispatch();
    crate::hooks::use_card_focus(e, "entity-card-title");
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let Some(ent) = c.entities.get(e as usize) else {
        return html! {};
    };
    let close = dispatch.on::<MouseEvent>(Action::CloseEntity);
    let toggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::ToggleEntity(e));
            dispatch.emit(Action::CloseEntity);
        })
    };
    let per_article = engine.mentions_by_article(e);
    let articles = per_article.iter().map(|m| {
        let art = &c.articles[m.article as usize];
        html! {
            <li>
                { link(&store, Action::OpenArticle(m.article, Some(m.first_paragraph)), Html::from(art.title.clone())) }
                <span class="meta">{ format!(" — {}, {}", short_date(art.published.date), count(m.mentions as usize, "mention")) }</span>
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
                { link(&store, Action::OpenArticle(first.article, Some(first.paragraph)), Html::from(v.title.clone())) }
            </li>
        }
    });
    let with = engine.cooccurrence(e, None);
    let with_items = with.iter().take(TOP_WITH).map(|co| {
        let o = &c.entities[co.entity as usize];
        let class = format!("chip-link k-{}", o.kind.as_str());
        html! {
            <li>
                { action_link(&store, Action::OpenEntity(co.entity), Some(class.into()), None, None, Html::from(o.name.clone())) }
                <span class="meta">{ format!(" {}", corpus::view::cooccurrence_label(co)) }</span>
            </li>
        }
    });
    let aliases: Vec<&str> = ent.aliases.iter().map(|a| a.text.as_str()).collect();
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
