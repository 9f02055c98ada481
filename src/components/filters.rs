//! The filter panel: selected entities as removable chips, clear-all, date range, and a
//! facet per entity kind with live counts and a filter box.

use super::{kind_plural, Shared};
use crate::engine;
use crate::store::{use_dispatch, use_store};
use corpus::render::count;
use corpus::search::fold;
use corpus::state::Action;
use corpus::{Date, DateField, EntityKind};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`FilterPanel`].
#[derive(Properties, PartialEq)]
pub struct FilterPanelProps {
    /// Current results (for the facet counts).
    pub results: Shared,
}

/// The filter panel.
#[component]
pub fn FilterPanel(props: &FilterPanelProps) -> Html {
    let store = use_store();
    let dispatch = use_dispatch();
    // Open on wide screens, folded on phones and when embedded; the reader toggles it.
    let open_at_start = use_state(|| !store.state.embed && !crate::dom::narrow_screen());
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let s = &store.state;
    let chips = s.entities.iter().map(|&e| {
        let ent = &c.entities[e as usize];
        let remove = {
            let dispatch = dispatch.clone();
            Callback::from(move |_| dispatch.emit(Action::RemoveEntity(e)))
        };
        html! {
            <li key={ent.id.clone()} class={classes!("chip", format!("k-{}", ent.kind.as_str()))}>
                <span class="kind-tag">{ super::kind_singular(ent.kind) }</span>
                <span>{ ent.name.clone() }</span>
                <button type="button" onclick={remove} aria-label={format!("Remove filter {}", ent.name)}>{ "×" }</button>
            </li>
        }
    });
    let clear = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::ClearFilters))
    };
    html! {
        <aside class="filters" aria-labelledby="filters-title">
            <details class="filters-box" open={*open_at_start}>
                <summary><h2 id="filters-title">{ "Filters" }</h2></summary>
                if s.has_filters() {
                    <div class="active-filters">
                        if !s.entities.is_empty() {
                            <ul class="chips" aria-label="Selected entities">{ for chips }</ul>
                        }
                        <button type="button" class="clear-all" onclick={clear}>{ "Clear all filters" }</button>
                    </div>
                }
                <DateRange />
                { for EntityKind::ALL.into_iter().map(|k| html! { <Facet kind={k} results={props.results.clone()} /> }) }
            </details>
        </aside>
    }
}

fn input_value(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .or_else(|| {
            e.target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
        })
        .unwrap_or_default()
}

#[component]
fn DateRange() -> Html {
    let store = use_store();
    let dispatch = use_dispatch();
    let s = &store.state;
    let (from, to) = s.range.unwrap_or((
        Date {
            year: 1,
            month: 1,
            day: 1,
        },
        Date {
            year: 9999,
            month: 12,
            day: 31,
        },
    ));
    let from_v = if from.year > 1 {
        from.to_string()
    } else {
        String::new()
    };
    let to_v = if to.year < 9999 {
        to.to_string()
    } else {
        String::new()
    };
    let set = |is_from: bool| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = input_value(&e);
            let d = Date::parse_iso(&v);
            let (mut a, mut b) = (from, to);
            if is_from {
                a = d.unwrap_or(Date {
                    year: 1,
                    month: 1,
                    day: 1,
                });
            } else {
                b = d.unwrap_or(Date {
                    year: 9999,
                    month: 12,
                    day: 31,
                });
            }
            let open = a.year == 1 && b.year == 9999;
            dispatch.emit(Action::SetRange((!open).then_some((a, b))));
        })
    };
    let on_field = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let f = if input_value(&e) == "published" {
                DateField::Published
            } else {
                DateField::Event
            };
            dispatch.emit(Action::SetRangeField(f));
        })
    };
    let clear = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::SetRange(None)))
    };
    html! {
        <fieldset class="date-range">
            <legend>{ "Dates" }</legend>
            <div class="row">
                <label for="date-from">{ "From" }</label>
                <input id="date-from" type="date" value={from_v} min="1900-01-01" max="2030-12-31" onchange={set(true)} />
            </div>
            <div class="row">
                <label for="date-to">{ "To" }</label>
                <input id="date-to" type="date" value={to_v} min="1900-01-01" max="2030-12-31" onchange={set(false)} />
            </div>
            <div class="row">
                <label for="date-field">{ "Dates of" }</label>
                <select id="date-field" onchange={on_field}>
                    <option value="event" selected={s.range_field == DateField::Event}>{ "events (when it happened)" }</option>
                    <option value="published" selected={s.range_field == DateField::Published}>{ "publication" }</option>
                </select>
            </div>
            if s.range.is_some() {
                <button type="button" class="link-button" onclick={clear}>{ "Clear dates" }</button>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct FacetProps {
    kind: EntityKind,
    results: Shared,
}

/// How many values a facet shows before "Show all".
const SHORT_LIST: usize = 8;

#[component]
fn Facet(props: &FacetProps) -> Html {
    let store = use_store();
    let dispatch = use_dispatch();
    let needle = use_state(String::new);
    let expanded = use_state(|| false);
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let s = &store.state;
    let kind = props.kind;
    let mut values: Vec<_> = props
        .results
        .0
        .facets
        .iter()
        .filter(|f| c.entities[f.entity as usize].kind == kind)
        .copied()
        .collect();
    // When kinds are restricted the engine omits other kinds; count them anyway so every facet works.
    if values.is_empty() && !s.kinds.is_empty() && !s.kinds.contains(&kind) {
        return html! {};
    }
    let total = values.len();
    // Selected first, then by articles, events and name.
    corpus::util::sort_by_key(&mut values, |f| {
        let e = &c.entities[f.entity as usize];
        (
            !s.entities.contains(&f.entity),
            std::cmp::Reverse(f.articles),
            std::cmp::Reverse(f.events),
            e.name.clone(),
        )
    });
    let folded = fold(needle.trim());
    if !folded.is_empty() {
        values.retain(|f| {
            let e = &c.entities[f.entity as usize];
            fold(&e.name).contains(&folded)
                || e.aliases.iter().any(|a| fold(&a.text).contains(&folded))
        });
    }
    let matching = values.len();
    let shown: Vec<_> = if *expanded || !folded.is_empty() {
        values
    } else {
        values.into_iter().take(SHORT_LIST).collect()
    };
    let id = format!("facet-{}", kind.as_str());
    let on_needle = {
        let needle = needle.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                needle.set(i.value());
            }
        })
    };
    let toggle_all = {
        let expanded = expanded.clone();
        Callback::from(move |_| expanded.set(!*expanded))
    };
    let items = shown.iter().map(|f| {
        let e = &c.entities[f.entity as usize];
        let ix = f.entity;
        let selected = s.entities.contains(&ix);
        let empty = f.articles == 0 && f.events == 0 && !selected;
        let onchange = {
            let dispatch = dispatch.clone();
            Callback::from(move |_| dispatch.emit(Action::ToggleEntity(ix)))
        };
        let input_id = format!("f-{}", e.id);
        let count_text = format!("{}, {}", count(f.articles as usize, "article"), count(f.events as usize, "event"));
        html! {
            <li key={e.id.clone()} class={classes!("facet-value", empty.then_some("empty"), selected.then_some("selected"))}>
                <input type="checkbox" id={input_id.clone()} checked={selected} disabled={empty} {onchange} />
                <label for={input_id}>
                    <span class="name">{ e.name.clone() }</span>
                    <span class="count" title={count_text.clone()}>
                        <span aria-hidden="true">{ f.articles }</span>
                        <span class="visually-hidden">{ count_text }</span>
                    </span>
                    if empty {
                        <span class="none">{ "none with current filters" }</span>
                    }
                </label>
            </li>
        }
    });
    html! {
        <section class={classes!("facet", format!("k-{}", kind.as_str()))} aria-labelledby={format!("{id}-title")}>
            <h3 id={format!("{id}-title")}>
                <span class="kind-swatch" aria-hidden="true"></span>
                { kind_plural(kind) }
                <span class="facet-total">{ format!(" ({total})") }</span>
            </h3>
            if total > SHORT_LIST {
                <div class="facet-search">
                    <label for={format!("{id}-filter")} class="visually-hidden">{ format!("Filter {}", kind_plural(kind).to_lowercase()) }</label>
                    <input id={format!("{id}-filter")} type="search" placeholder={format!("Filter {}…", kind_plural(kind).to_lowercase())} value={(*needle).clone()} oninput={on_needle} />
                </div>
            }
            if shown.is_empty() {
                <p class="facet-none">{ "No match." }</p>
            } else {
                <ul class="facet-list">{ for items }</ul>
            }
            if folded.is_empty() && matching > SHORT_LIST {
                <button type="button" class="link-button" onclick={toggle_all} aria-expanded={if *expanded { "true" } else { "false" }}>
                    { if *expanded { "Show fewer".to_string() } else { format!("Show all {matching}") } }
                </button>
            }
        </section>
    }
}
