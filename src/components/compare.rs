//! Two articles side by side: the comparison summary (shared and one-sided entities and
//! events, figures with their changes) over two reader columns, with the selected item's
//! mentions marked and stepped through. The alignment is `corpus::compare::align`.

use super::link::action_link;
use super::paragraph::ParagraphView;
use super::parts::{event_date, use_picker_results};
use super::Shared;
use crate::dom;
use crate::engine;
use crate::store::{use_dispatch, use_select, use_store};
use corpus::compare::{align, change_label, CompareItem, EntityRow, EventRow, Side, Value};
use corpus::render::{date_label, figure_value, published_label};
use corpus::state::Action;
use corpus::ArticleIx;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`Compare`].
#[derive(Properties, PartialEq)]
pub struct CompareProps {
    /// The left article.
    pub left: ArticleIx,
    /// The right article.
    pub right: ArticleIx,
}

/// The side-by-side view.
#[component]
pub fn Compare(props: &CompareProps) -> Html {
    crate::rendered!("Compare");
    let (item, linked) = *use_select(|s| (s.state().compare_item, s.state().linked));
    let results = use_picker_results();
    let store = use_store();
    let dispatch = use_dispatch();
    // Which mention of the selected item each column shows (reset with the item).
    let step = use_state(|| (0usize, 0usize));
    // On phones the columns are tabs.
    let tab = use_state(|| Side::Left);
    let cols = (use_node_ref(), use_node_ref());
    let syncing = use_mut_ref(|| false);
    let (left, right) = (props.left, props.right);
    // Both articles' text (fetched, for a large corpus: crate::hooks::use_text).
    let text_state = crate::hooks::use_text(vec![left, right]);
    let ready = text_state == crate::hooks::TextState::Ready;
    let al = use_memo((left, right), |&(l, r)| match engine() {
        Ok(e) => align(e.corpus(), l, r),
        Err(_) => Default::default(),
    });
    // Which entities both mention, for the mentions in the columns.
    let shared = {
        let al = al.clone();
        use_memo((left, right), move |_| {
            let n = engine().map_or(0, |e| e.corpus().entities.len());
            let mut v = vec![false; n];
            for r in &al.entities.shared {
                v[r.entity as usize] = true;
            }
            Shared(Rc::new(v))
        })
    };
    {
        let step = step.clone();
        use_effect_with((item, left, right), move |_| step.set((0, 0)));
    }
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let (Some(la), Some(ra)) = (
        c.articles.get(left as usize),
        c.articles.get(right as usize),
    ) else {
        return html! {};
    };
    let select = |i: CompareItem| {
        let dispatch = dispatch.clone();
        let on = item == Some(i);
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::SelectCompareItem((!on).then_some(i)))
        })
    };
    let pick_article = |side: Side| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let Some(sel) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            else {
                return;
            };
            let Ok(ix) = sel.value().parse::<u32>() else {
                return;
            };
            let (l, r) = side.of((ix, right), (left, ix));
            if l == r {
                // Choosing the other column's article swaps the two.
                dispatch.emit(Action::Compare(right, left));
            } else {
                dispatch.emit(Action::Compare(l, r));
            }
        })
    };
    let options = |current: ArticleIx| {
        super::parts::article_options(
            c,
            results.as_ref().map(|r| &*r.0),
            &[left, right],
            Some(current),
            None,
        )
    };
    let swap = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Compare(right, left)))
    };
    let close = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::CloseCompare))
    };
    let to_matrix = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::ShowMatrix(true)))
    };
    let toggle_linked = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.emit(Action::SetLinked(!linked)))
    };

    // The selected item's places on each side, and the one each column is at.
    let at = item.map(|i| (al.places(i, Side::Left), al.places(i, Side::Right)));
    let current = |side: Side| -> Option<(u32, u32, u32)> {
        let (l, r) = at.as_ref()?;
        let (list, k) = side.of((l, step.0), (r, step.1));
        list.get(k).copied()
    };
    // Bring each column's current place into view when it changes.
    {
        let id = |side: Side, a: &corpus::Article, prefix: &str| {
            current(side)
                .and_then(|p| a.paragraphs.get(p.0 as usize))
                .map(|p| format!("{prefix}{}", p.id))
        };
        let ids = (id(Side::Left, la, "L-"), id(Side::Right, ra, "R-"));
        let syncing = syncing.clone();
        use_effect_with(ids, move |(l, r)| {
            *syncing.borrow_mut() = true;
            for id in [l, r].into_iter().flatten() {
                dom::scroll_within(id);
            }
            *syncing.borrow_mut() = false;
        });
    }
    let stepper = |side: Side| -> Html {
        let Some((l, r)) = at.as_ref() else {
            return html! {};
        };
        let (list, k) = side.of((l, step.0), (r, step.1));
        let n = list.len();
        if n == 0 {
            return html! { <p class="stepper">{ "Not in this article." }</p> };
        }
        let go = |d: isize| {
            let step = step.clone();
            Callback::from(move |_: MouseEvent| {
                let (a, b) = *step;
                let next = |k: usize| ((k as isize + d).rem_euclid(n as isize)) as usize;
                step.set(side.of((next(a), b), (a, next(b))));
            })
        };
        let name = side.of("left", "right");
        html! {
            <p class="stepper" role="group" aria-label={format!("Places in the {name} article")}>
                <button type="button" onclick={go(-1)} aria-label={format!("Previous place in the {name} article")}>{ "◀" }</button>
                <span aria-live="polite">{ format!(" {} of {} ", k + 1, n) }</span>
                <button type="button" onclick={go(1)} aria-label={format!("Next place in the {name} article")}>{ "▶" }</button>
            </p>
        }
    };

    // Linked scroll: a column's scroll moves the other to the same fraction.
    let onscroll = |from: Side| {
        let cols = cols.clone();
        let syncing = syncing.clone();
        Callback::from(move |_: Event| {
            if !linked || *syncing.borrow() {
                return;
            }
            let (a, b) = from.of((&cols.0, &cols.1), (&cols.1, &cols.0));
            let (Some(a), Some(b)) = (a.cast::<web_sys::Element>(), b.cast::<web_sys::Element>())
            else {
                return;
            };
            let range =
                |e: &web_sys::Element| f64::from(e.scroll_height() - e.client_height()).max(1.0);
            let frac = f64::from(a.scroll_top()) / range(&a);
            *syncing.borrow_mut() = true;
            b.set_scroll_top((frac * range(&b)).round() as i32);
            let syncing = syncing.clone();
            gloo::timers::callback::Timeout::new(50, move || *syncing.borrow_mut() = false)
                .forget();
        })
    };

    let column = |side: Side, a: &corpus::Article, ix: ArticleIx| -> Html {
        let prefix = side.of("L-", "R-");
        let mine: Vec<(u32, u32, u32)> = at
            .as_ref()
            .map(|(l, r)| side.of(l, r).clone())
            .unwrap_or_default();
        let here = current(side);
        let paragraphs = (0..a.paragraphs.len() as u32).map(|i| {
            let hits: Vec<(u32, u32)> = mine.iter().filter(|p| p.0 == i).map(|p| (p.1, p.2)).collect();
            html! {
                <ParagraphView key={i} article={ix} index={i} {hits} target={here.is_some_and(|h| h.0 == i)}
                    id_prefix={AttrValue::from(prefix)} shared={Some((*shared).clone())} />
            }
        });
        let (node, name) = side.of((cols.0.clone(), "left"), (cols.1.clone(), "right"));
        html! {
            <article class={classes!("col", name, (*tab == side).then_some("active"))} aria-labelledby={format!("{prefix}title")}>
                <header class="col-head">
                    <h3 id={format!("{prefix}title")}>{ a.title.clone() }</h3>
                    <p class="col-meta">{ format!("Published {}", published(a)) }</p>
                    { stepper(side) }
                </header>
                <div class="col-body" ref={node} tabindex="0" role="region" aria-label={format!("Text of the {name} article")} onscroll={onscroll(side)}>
                    if ready {
                        { for paragraphs }
                    } else {
                        { super::parts::text_status(&text_state, &format!("The {name} article's text")) }
                    }
                </div>
            </article>
        }
    };

    let entity_row = |r: &EntityRow| -> Html {
        let e = &c.entities[r.entity as usize];
        let i = CompareItem::Entity(r.entity);
        html! {
            <tr class={classes!((item == Some(i)).then_some("selected"))}>
                <th scope="row"><button type="button" class="link-button" aria-pressed={(item == Some(i)).to_string()} onclick={select(i)}>{ e.name.clone() }</button>
                    <span class="kind">{ format!(" {}", super::kind_singular(e.kind)) }</span></th>
                <td>{ r.left.len() }</td>
                <td>{ r.right.len() }</td>
            </tr>
        }
    };
    let chips = |rows: &[EntityRow], side: Side| -> Html {
        let items = rows.iter().map(|r| {
            let e = &c.entities[r.entity as usize];
            let i = CompareItem::Entity(r.entity);
            let n = side.of(&r.left, &r.right).len();
            html! { <li><button type="button" class="chip" aria-pressed={(item == Some(i)).to_string()} onclick={select(i)}>{ format!("{} ({n})", e.name) }</button></li> }
        });
        html! { <ul class="chips">{ for items }</ul> }
    };
    let event_item = |r: &EventRow| -> Html {
        let ev = &c.events[r.event as usize];
        let i = CompareItem::Event(r.event);
        let when = |lag: &Option<String>, name: &str| lag.as_ref().map(|l| format!("{name}: {l}"));
        let lags: Vec<String> = [when(&r.left_lag, "left"), when(&r.right_lag, "right")]
            .into_iter()
            .flatten()
            .collect();
        html! {
            <li class={classes!((item == Some(i)).then_some("selected"))}>
                { event_date(ev) }
                { " " }
                <button type="button" class="link-button" aria-pressed={(item == Some(i)).to_string()} onclick={select(i)}>{ ev.title.clone() }</button>
                <span class="lag">{ format!(" — reported {}", lags.join("; ")) }</span>
            </li>
        }
    };
    let value_cell = |vals: &[Value], ix: ArticleIx, side: &'static str| -> Html {
        if vals.is_empty() {
            return html! { <td class="none" data-label={side}>{ "—" }</td> };
        }
        let items = vals.iter().map(|v| {
            let f = &c.figures[v.figure as usize];
            let text = figure_value(f);
            let quote = c.figure_text(f).to_string();
            // A large corpus's passage may still be loading: its paragraph stands in.
            let shown = if quote.is_empty() {
                format!(" ¶{}", f.paragraph + 1)
            } else {
                format!(" “{quote}”")
            };
            let passage = action_link(
                &store,
                Action::OpenArticle(ix, Some(f.paragraph)),
                Some("passage".into()),
                Some(format!("Passage:{shown}")),
                Some(quote.clone()),
                Html::from(shown),
            );
            html! {
                <div class="value">
                    <strong>{ text }</strong>
                    <span class="as-of">{ format!(" as of {}", date_label(&v.as_of)) }</span>
                    { passage }
                    if let Some(n) = &v.note { <span class="note">{ format!(" ({n})") }</span> }
                </div>
            }
        });
        html! { <td data-label={side}>{ for items }</td> }
    };
    let figure_rows = al.figures.iter().map(|r| {
        let m = &c.measures[r.measure as usize];
        let change = match &r.change {
            Some(ch) => {
                let dir = ch.from.of("left → right", "right → left");
                format!("{} ({dir}, earlier to later)", change_label(ch))
            }
            None if !r.left.is_empty() && !r.right.is_empty() => {
                "not paired (several values)".into()
            }
            None => "only one side".into(),
        };
        html! {
            <tr>
                <th scope="row" title={m.description.clone()}>{ m.name.clone() }</th>
                { value_cell(&r.left, left, "Left") }
                { value_cell(&r.right, right, "Right") }
                <td class="change" data-label="Change">{ change }</td>
            </tr>
        }
    });
    let tab_button = |side: Side, label: String| {
        let tab = tab.clone();
        let on = *tab == side;
        html! {
            <button type="button" aria-pressed={on.to_string()} aria-controls="compare-columns"
                onclick={Callback::from(move |_: MouseEvent| tab.set(side))}>{ label }</button>
        }
    };
    let short = |a: &corpus::Article| corpus::timeline::cut(&a.title, 28);
    html! {
        <section id="compare" class="compare" aria-labelledby="compare-title" tabindex="-1">
            <div class="compare-bar">
                <h2 id="compare-title">{ "Side by side" }</h2>
                <label>{ "Left " }<select onchange={pick_article(Side::Left)} aria-label="Left article">{ options(left) }</select></label>
                <button type="button" onclick={swap} aria-label="Swap the two articles">{ "⇄ Swap" }</button>
                <label>{ "Right " }<select onchange={pick_article(Side::Right)} aria-label="Right article">{ options(right) }</select></label>
                <label class="linked"><input type="checkbox" checked={linked} onchange={toggle_linked} />{ " Scroll together" }</label>
                <button type="button" onclick={to_matrix}>{ "All articles" }</button>
                <button type="button" class="close" onclick={close}>{ "Close" }</button>
            </div>
            <div class="compare-summary">
                <section aria-labelledby="cmp-entities">
                    <h3 id="cmp-entities">{ format!("Named in both ({})", al.entities.shared.len()) }</h3>
                    <table class="counts">
                        <caption class="visually-hidden">{ "Entities both articles mention, with mentions on each side" }</caption>
                        <thead><tr><th scope="col">{ "Entity" }</th><th scope="col">{ "Left" }</th><th scope="col">{ "Right" }</th></tr></thead>
                        <tbody>{ for al.entities.shared.iter().map(entity_row) }</tbody>
                    </table>
                    <details>
                        <summary>{ format!("Only in the left article ({})", al.entities.only_left.len()) }</summary>
                        { chips(&al.entities.only_left, Side::Left) }
                    </details>
                    <details>
                        <summary>{ format!("Only in the right article ({})", al.entities.only_right.len()) }</summary>
                        { chips(&al.entities.only_right, Side::Right) }
                    </details>
                </section>
                <section aria-labelledby="cmp-events">
                    <h3 id="cmp-events">{ format!("Events both report ({})", al.events.shared.len()) }</h3>
                    if al.events.shared.is_empty() { <p>{ "None." }</p> }
                    <ul class="events">{ for al.events.shared.iter().map(event_item) }</ul>
                    <details>
                        <summary>{ format!("Only in the left article ({})", al.events.only_left.len()) }</summary>
                        <ul class="events">{ for al.events.only_left.iter().map(event_item) }</ul>
                    </details>
                    <details>
                        <summary>{ format!("Only in the right article ({})", al.events.only_right.len()) }</summary>
                        <ul class="events">{ for al.events.only_right.iter().map(event_item) }</ul>
                    </details>
                </section>
            </div>
            <div class="compare-tabs" role="group" aria-label="Article shown">
                { tab_button(Side::Left, format!("Left: {}", short(la))) }
                { tab_button(Side::Right, format!("Right: {}", short(ra))) }
            </div>
            <div id="compare-columns" class="columns">
                { column(Side::Left, la, left) }
                { column(Side::Right, ra, right) }
            </div>
            <section aria-labelledby="cmp-figures" class="figures-section compare-summary">
                <h3 id="cmp-figures">{ format!("Figures ({})", al.figures.len()) }</h3>
                <p class="hint">{ "Values are paired only when they measure the same thing; “at least” and “or more” are kept." }</p>
                <div class="table-scroll">
                    <table class="figures">
                        <caption class="visually-hidden">{ "Measures with a value in either article" }</caption>
                        <thead><tr><th scope="col">{ "Measure" }</th><th scope="col">{ "Left" }</th><th scope="col">{ "Right" }</th><th scope="col">{ "Change" }</th></tr></thead>
                        <tbody>{ for figure_rows }</tbody>
                    </table>
                </div>
            </section>
        </section>
    }
}

fn published(a: &corpus::Article) -> String {
    let when = published_label(&a.published);
    if a.published.status == corpus::Provenance::Stated {
        when
    } else {
        format!("{when} (inferred)")
    }
}
