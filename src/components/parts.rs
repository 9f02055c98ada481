//! Small pieces several views draw the same way: an event's date with its "how dated"
//! badge, the links to the passages that report an event, an entity chip, and the
//! options of an article picker.

use super::link::{action_link, link};
use crate::store::Store;
use corpus::render::{date_label, how_dated, short_date};
use corpus::state::Action;
use corpus::{Corpus, DateMethod, EntityIx, Event};
use yew::prelude::*;

/// The event's date at its precision, with a badge when it was not stated (its tooltip
/// says how it was found).
pub fn event_date(ev: &Event) -> Html {
    html! {
        <>
            <time datetime={ev.date.start.to_string()}>{ date_label(&ev.date) }</time>
            if ev.method != DateMethod::Stated {
                <span class="badge inferred" title={how_dated(ev.method, ev.basis.as_deref())}>{ ev.method.as_str() }</span>
            }
        </>
    }
}

/// "9 Dec 2022 ¶4" links to each passage that reports the event.
pub fn evidence_links(store: &Store, c: &Corpus, ev: &Event) -> Html {
    let items = ev.evidence.iter().map(|evd| {
        let a = &c.articles[evd.article as usize];
        // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
        let text = format!("{} ¶{}", short_date(a.published.date), evd.paragraph + 1);
        let label = format!(
            "{text}: passage in “{}”, paragraph {}",
            a.title,
            evd.paragraph + 1
        );
        html! {
            <li>{ action_link(store, Action::OpenArticle(evd.article, Some(evd.paragraph)), None, Some(label), None, Html::from(text)) }</li>
        }
    });
    html! { <ul class="evidence-links">{ for items }</ul> }
}

/// A chip that opens an entity's card, marked with its kind in words.
pub fn entity_chip(store: &Store, c: &Corpus, e: EntityIx) -> Html {
    let Some(ent) = c.entities.get(e as usize) else {
        return html! {};
    };
    html! {
        <li class={classes!("chip", format!("k-{}", ent.kind.as_str()))}>
            { link(store, Action::OpenEntity(e), html! {
                <><span class="kind-tag">{ super::kind_singular(ent.kind) }</span>{ ent.name.clone() }</>
            }) }
        </li>
    }
}

/// An article named by date and title, as the article pickers list it.
pub fn article_name(a: &corpus::Article) -> String {
    format!("{} — {}", short_date(a.published.date), a.title)
}

/// The `<option>`s of an article picker: every article of a small corpus; of a large
/// one, the current results up to [`corpus::compare::PICKER_MAX`] and the chosen
/// articles (`keep`), then a line saying how many are left out. `selected` is marked
/// selected; `skip` is not offered.
pub fn article_options(
    c: &Corpus,
    results: Option<&corpus::Results>,
    keep: &[corpus::ArticleIx],
    selected: Option<corpus::ArticleIx>,
    skip: Option<corpus::ArticleIx>,
) -> Html {
    let matched = results
        .into_iter()
        .flat_map(|r| r.articles.iter().map(|r| r.article));
    let (choices, left_out) =
        corpus::compare::picker_choices(c, matched, keep, corpus::compare::PICKER_MAX);
    let options = choices.into_iter().filter(|&a| Some(a) != skip).map(|a| {
        html! {
            <option value={a.to_string()} selected={Some(a) == selected}>{ article_name(&c.articles[a as usize]) }</option>
        }
    });
    html! {
        <>
            { for options }
            if left_out > 0 {
                <option value="" disabled=true>{ format!("… {}: narrow the results to find them", corpus::render::count(left_out, "more article")) }</option>
            }
        </>
    }
}

/// Does the corpus list more articles than a picker offers (so pickers follow the
/// results)?
pub fn large_corpus(c: &Corpus) -> bool {
    c.articles.len() > corpus::compare::PICKER_MAX
}

/// The results a picker offers, for a large corpus only: a small one offers every
/// article, so its pickers never change with the results.
#[yew::hook]
pub fn use_picker_results() -> Option<super::Shared> {
    let large = crate::engine().is_ok_and(|e| large_corpus(e.corpus()));
    (*crate::store::use_select(move |s| large.then(|| super::Shared(s.results.clone())))).clone()
}

/// In place of text still being fetched ([`crate::hooks::use_text`]): a line saying so,
/// or the reason it could not be loaded (naming the file) with "Try again"; nothing once it
/// is here. `what` starts the sentence: `This article's text`. A function, not a
/// component: a component kind costs the WebAssembly its own lifecycle code.
pub fn text_status(state: &crate::hooks::TextState, what: &str) -> Html {
    use crate::hooks::TextState;
    match state {
        TextState::Ready => html! {},
        TextState::Loading => html! {
            <p class="text-loading" role="status">{ format!("{what} is loading…") }</p>
        },
        TextState::Failed { message, retry } => {
            let retry = retry.clone();
            html! {
                <div class="text-failed" role="alert">
                    <p><strong>{ format!("{what} could not be loaded. ") }</strong>{ message.clone() }</p>
                    <button type="button" class="retry" onclick={Callback::from(move |_: MouseEvent| retry.emit(()))}>{ "Try again" }</button>
                </div>
            }
        }
    }
}
