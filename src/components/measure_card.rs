//! One figure across every article: a measure's values in the order of the dates they
//! describe, each as written with its qualifier, its as-of date, the article and passage,
//! and the change from the one before (`corpus::view::measure_rows`).

use super::link::action_link;
use crate::engine;
use crate::store::{use_dispatch, use_store};
use corpus::render::short_date;
use corpus::state::Action;
use corpus::view::measure_rows;
use yew::prelude::*;

/// Props of [`MeasureCard`].
#[derive(Properties, PartialEq)]
pub struct MeasureCardProps {
    /// The measure.
    pub measure: u32,
}

/// The card.
#[component]
pub fn MeasureCard(props: &MeasureCardProps) -> Html {
    crate::rendered!("MeasureCard");
    let store = use_store();
    let dispatch = use_dispatch();
    crate::hooks::use_card_focus(props.measure, "measure-card-title");
    // The values' passages (fetched, for a large corpus: crate::hooks::use_text).
    let text_state = crate::hooks::use_text(engine().map_or(Vec::new(), |e| {
        let c = e.corpus();
        c.measures
            .get(props.measure as usize)
            .map(|m| {
                m.values
                    .iter()
                    .filter_map(|v| c.figures.get(v.figure as usize).map(|f| f.article))
                    .collect()
            })
            .unwrap_or_default()
    }));
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let Some(m) = c.measures.get(props.measure as usize) else {
        return html! {};
    };
    let rows = measure_rows(c, props.measure);
    let close = dispatch.on::<MouseEvent>(Action::CloseMeasure);
    let body = rows.iter().map(|r| {
        let a = &c.articles[r.article as usize];
        let passage = if r.written.is_empty() {
            format!("{} ¶{}", a.title, r.paragraph + 1)
        } else {
            format!("“{}”, {} ¶{}", r.written, a.title, r.paragraph + 1)
        };
        html! {
            <tr>
                <th scope="row">{ r.value.clone() }</th>
                <td data-label="As of">{ r.as_of.clone() }</td>
                <td data-label="Article and passage">
                    { action_link(&store, Action::OpenArticle(r.article, Some(r.paragraph)), None, Some(format!("Passage: {passage}")), None, Html::from(passage.clone())) }
                    <span class="meta">{ format!(" — published {}", short_date(a.published.date)) }</span>
                    if let Some(n) = &r.note { <span class="note">{ format!(" ({n})") }</span> }
                </td>
                <td class="change" data-label="Change">{ r.change.clone().unwrap_or_else(|| "—".into()) }</td>
            </tr>
        }
    });
    html! {
        <div class="card-layer">
            <div class="card-backdrop" onclick={close.clone()}></div>
            <section class="entity-card measure-card" role="dialog" aria-modal="true" aria-labelledby="measure-card-title">
                <header>
                    <p class="kind-tag">{ "figure across articles" }</p>
                    <h2 id="measure-card-title" tabindex="-1">{ m.name.clone() }</h2>
                    <button type="button" class="close" onclick={close} aria-label="Close the figure">{ "×" }</button>
                </header>
                <p class="description">{ m.description.clone() }{ format!(" Unit: {}.", m.unit) }</p>
                <p class="hint">{ "Each value as the article writes it, “at least” and “or more” kept, in the order of the dates they describe; the change is from the value above." }</p>
                { super::parts::text_status(&text_state, "The values' passages") }
                <div class="table-scroll">
                    <table class="measure-values">
                        <caption class="visually-hidden">{ format!("{} in every article that reports it", m.name) }</caption>
                        <thead><tr><th scope="col">{ "Value" }</th><th scope="col">{ "As of" }</th><th scope="col">{ "Article and passage" }</th><th scope="col">{ "Change" }</th></tr></thead>
                        <tbody>{ for body }</tbody>
                    </table>
                </div>
            </section>
        </div>
    }
}
