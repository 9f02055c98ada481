//! The filter panel: selected entities as removable chips, clear-all, date range, and a
//! facet per entity kind with live counts and a filter box. Each facet reads only its
//! own counts (`corpus::view::facet_counts`), and each value is a component of its own,
//! so a change re-renders the values whose counts moved.

use super::kind_plural;
use crate::engine;
use crate::store::{use_dispatch, use_select};
use corpus::state::Action;
use corpus::view::{facet, facet_count_label, facet_counts, FacetRow};
use corpus::{Date, DateField, EntityKind};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The filter panel.
#[component]
pub fn FilterPanel() -> Html {
    crate::rendered!("FilterPanel");
    let (embed, any) = *use_select(|s| (s.state().embed, s.state().has_filters()));
    // Open on wide screens, folded on phones and when embedded.
    let open_at_start = use_memo((), move |_| !embed && !crate::dom::narrow_screen());
    html! {
        <aside class="filters" aria-labelledby="filters-title">
            <details class="filters-box" open={*open_at_start}>
                <summary><h2 id="filters-title">{ "Filters" }</h2><FilterCount /></summary>
                if any {
                    <ActiveFilters />
                }
                <DateRange />
                { for EntityKind::ALL.into_iter().map(|k| html! { <Facet kind={k} /> }) }
            </details>
        </aside>
    }
}

/// How many of the panel's filters are in use (names, dates, kinds), beside its title: a
/// folded panel (on a phone, embedded) still says that the results are filtered.
#[component]
fn FilterCount() -> Html {
    crate::rendered!("FilterCount");
    let n = *use_select(|s| {
        let st = s.state();
        st.entities.len() + usize::from(st.range.is_some()) + usize::from(!st.kinds.is_empty())
    });
    html! {
        if n > 0 {
            <span class="filter-count">{ format!("· {n} in use") }</span>
        }
    }
}

/// The selected entities as removable chips, and "Clear all filters".
#[component]
fn ActiveFilters() -> Html {
    crate::rendered!("ActiveFilters");
    let entities = use_select(|s| s.state().entities.clone());
    let dispatch = use_dispatch();
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let chips = entities.iter().filter_map(|&e| {
        let ent = c.entities.get(e as usize)?;
        Some(html! {
            <li key={ent.id.clone()} class={classes!("chip", format!("k-{}", ent.kind.as_str()))}>
                <span class="kind-tag">{ super::kind_singular(ent.kind) }</span>
                <span>{ ent.name.clone() }</span>
                <button type="button" onclick={dispatch.on(Action::RemoveEntity(e))} aria-label={format!("Remove filter {}", ent.name)}>{ "×" }</button>
            </li>
        })
    });
    html! {
        <div class="active-filters">
            if !entities.is_empty() {
                <ul class="chips" aria-label="Selected entities">{ for chips }</ul>
            }
            <button type="button" class="clear-all" onclick={dispatch.on(Action::ClearFilters)}>{ "Clear all filters" }</button>
        </div>
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

/// A date typed in a date box, once it is complete: `None` while it is empty, `Some(None)`
/// while it is partial (a year still being typed reads as year 2 or 20), else the date.
fn typed_date(v: &str) -> Option<Option<Date>> {
    if v.is_empty() {
        return None;
    }
    Some(Date::parse_iso(v).filter(|d| d.year >= 1000))
}

#[component]
fn DateRange() -> Html {
    crate::rendered!("DateRange");
    let (range, field) = *use_select(|s| (s.state().range, s.state().range_field));
    let dispatch = use_dispatch();
    // Why the last date typed was not applied (an inverted range), said until it is.
    let problem = use_state_eq(|| None::<String>);
    let (from, to) = range.unwrap_or((Date::FIRST, Date::LAST));
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
        let problem = problem.clone();
        Callback::from(move |e: Event| {
            let d = match typed_date(&input_value(&e)) {
                None => None,
                Some(Some(d)) => Some(d),
                // Partial input never changes the filter.
                Some(None) => return,
            };
            let (a, b) = if is_from {
                (d.unwrap_or(Date::FIRST), to)
            } else {
                (from, d.unwrap_or(Date::LAST))
            };
            if a > b {
                problem.set(Some(format!(
                    "“From” ({a}) is after “To” ({b}): the dates were not changed."
                )));
                return;
            }
            problem.set(None);
            let open = a == Date::FIRST && b == Date::LAST;
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
    html! {
        <fieldset class="date-range">
            <legend>{ "Dates" }</legend>
            <div class="row">
                <label for="date-from">{ "From" }</label>
                <input id="date-from" type="date" value={from_v} min="1900-01-01" max="2030-12-31" onchange={set(true)} aria-describedby="date-problem" />
            </div>
            <div class="row">
                <label for="date-to">{ "To" }</label>
                <input id="date-to" type="date" value={to_v} min="1900-01-01" max="2030-12-31" onchange={set(false)} aria-describedby="date-problem" />
            </div>
            <p id="date-problem" class="date-problem" role="status">{ (*problem).clone().unwrap_or_default() }</p>
            <div class="row">
                <label for="date-field">{ "Dates of" }</label>
                <select id="date-field" onchange={on_field}>
                    <option value="event" selected={field == DateField::Event}>{ "events (when it happened)" }</option>
                    <option value="published" selected={field == DateField::Published}>{ "publication" }</option>
                </select>
            </div>
            if range.is_some() {
                <button type="button" class="link-button" onclick={dispatch.on(Action::SetRange(None))}>{ "Clear dates" }</button>
            }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct FacetProps {
    kind: EntityKind,
}

#[component]
fn Facet(props: &FacetProps) -> Html {
    crate::rendered!("Facet");
    let kind = props.kind;
    // This kind's counts only: a change that leaves them equal leaves the facet alone.
    let counts = use_select(move |s| match engine() {
        Ok(e) => facet_counts(e.corpus(), &s.results, kind),
        Err(_) => Vec::new(),
    });
    let selected = use_select(|s| (s.state().entities.clone(), s.state().kinds.clone()));
    let needle = use_state(String::new);
    let expanded = use_state(|| false);
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let v = facet(
        c,
        &counts,
        &selected.0,
        &selected.1,
        kind,
        &needle,
        *expanded,
    );
    if v.hidden {
        return html! {};
    }
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
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let plural = kind_plural(kind).to_lowercase();
    html! {
        <section class={classes!("facet", format!("k-{}", kind.as_str()))} aria-labelledby={format!("{id}-title")}>
            <h3 id={format!("{id}-title")}>
                <span class="kind-swatch" aria-hidden="true"></span>
                { kind_plural(kind) }
                <span class="facet-total">{ format!(" ({})", v.total) }</span>
            </h3>
            if v.has_filter_box {
                <div class="facet-search">
                    <label for={format!("{id}-filter")} class="visually-hidden">{ format!("Filter {plural}") }</label>
                    <input id={format!("{id}-filter")} type="search" placeholder={format!("Filter {plural}…")} value={(*needle).clone()} oninput={on_needle} />
                </div>
            }
            if v.rows.is_empty() {
                <p class="facet-none">{ "No match." }</p>
            } else {
                <ul class="facet-list">
                    { for v.rows.iter().map(|&row| html! { <FacetValue key={row.entity} {row} /> }) }
                </ul>
            }
            if v.beyond > 0 {
                <p class="facet-more">{ format!("… {} not listed: type in the filter box to find them", corpus::render::count(v.beyond, "more")) }</p>
            }
            if let Some(open) = v.toggle {
                <button type="button" class="link-button" onclick={toggle_all} aria-expanded={if open { "true" } else { "false" }}>
                    { if open { "Show fewer".to_string() } else if v.matching > corpus::view::FACET_LONG { format!("Show {} of {}", corpus::view::FACET_LONG, v.matching) } else { format!("Show all {}", v.matching) } }
                </button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FacetValueProps {
    row: FacetRow,
}

/// One facet value: re-rendered only when its counts or its selection change.
#[component]
fn FacetValue(props: &FacetValueProps) -> Html {
    crate::rendered!("FacetValue");
    let dispatch = use_dispatch();
    let Ok(engine) = engine() else {
        return html! {};
    };
    let row = props.row;
    let Some(e) = engine.corpus().entities.get(row.entity as usize) else {
        return html! {};
    };
    let input_id = format!("f-{}", e.id);
    let count_text = facet_count_label(&row);
    html! {
        <li class={classes!("facet-value", row.empty.then_some("empty"), row.selected.then_some("selected"))}>
            <input type="checkbox" id={input_id.clone()} checked={row.selected} disabled={row.empty} onchange={dispatch.on(Action::ToggleEntity(row.entity))} />
            <label for={input_id}>
                <span class="name">{ e.name.clone() }</span>
                <span class="count" title={count_text.clone()}>
                    <span aria-hidden="true">{ row.articles }</span>
                    <span class="visually-hidden">{ count_text }</span>
                </span>
                if row.empty {
                    <span class="none">{ "none with current filters" }</span>
                }
            </label>
        </li>
    }
}
