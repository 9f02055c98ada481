//! One paragraph of the reader: entity mentions (told apart by kind with underline style
//! and an accessible label, not by colour alone), figures, search hits, emphasis, and a
//! link to the paragraph.

use super::link::ActionLink;
use crate::dom;
use crate::engine;
use crate::store::{use_dispatch, use_store};
use corpus::render::runs;
use corpus::state::{reduce, to_query, Action};
use corpus::{ArticleIx, ParagraphKind};
use yew::prelude::*;

/// Props of [`ParagraphView`].
#[derive(Properties, PartialEq)]
pub struct ParagraphProps {
    /// Article.
    pub article: ArticleIx,
    /// Paragraph index.
    pub index: u32,
    /// Byte ranges of search hits.
    pub hits: Vec<(u32, u32)>,
    /// Is this the paragraph the URL points at?
    pub target: bool,
}

/// A paragraph.
#[component]
pub fn ParagraphView(props: &ParagraphProps) -> Html {
    let dispatch = use_dispatch();
    let store = use_store();
    let copied = use_state(|| false);
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let a = &c.articles[props.article as usize];
    let p = &a.paragraphs[props.index as usize];
    let pieces = runs(engine, props.article, props.index, &props.hits).into_iter().map(|r| {
        let text = &p.text[r.start as usize..r.end as usize];
        let mut inner = html! { { text } };
        if let Some(strong) = r.emphasis {
            inner = if strong { html! { <strong>{ inner }</strong> } } else { html! { <em>{ inner }</em> } };
        }
        if r.hit {
            inner = html! { <mark>{ inner }</mark> };
        }
        if let Some(f) = r.figure {
            let fig = &c.figures[f as usize];
            let title = corpus::render::figure_label(fig);
            inner = html! { <span class="figure" title={title}>{ inner }</span> };
        }
        if let Some((e, kind, _)) = r.entity {
            let ent = &c.entities[e as usize];
            let onclick = {
                let dispatch = dispatch.clone();
                Callback::from(move |_| dispatch.emit(Action::OpenEntity(e)))
            };
            let label = format!("{} ({})", ent.name, super::kind_singular(kind));
            inner = html! {
                <button type="button" class={classes!("mention", format!("k-{}", kind.as_str()))} title={label.clone()} aria-label={format!("{text}: {label}, open card")} {onclick}>{ inner }</button>
            };
        }
        inner
    });
    let action = Action::OpenArticle(props.article, Some(props.index));
    let query = to_query(c, &reduce(&store.state, action.clone()));
    let copy = {
        let copied = copied.clone();
        let url = query.clone();
        Callback::from(move |_| {
            dom::copy_text(&dom::absolute_url(&url));
            copied.set(true);
        })
    };
    let class = classes!(
        "para",
        (p.kind == ParagraphKind::Caption).then_some("caption"),
        props.target.then_some("target")
    );
    let body = html! { { for pieces } };
    html! {
        <div {class} id={p.id.clone()}>
            if p.kind == ParagraphKind::Caption {
                <figure><figcaption><span class="caption-label">{ "Photo caption: " }</span>{ body }</figcaption></figure>
            } else {
                <p>{ body }</p>
            }
            <div class="para-tools">
                <ActionLink class={classes!("para-link")} {action} label={AttrValue::from(format!("Link to paragraph {}", props.index + 1))} title={AttrValue::from("Link to this paragraph")}>{ format!("¶{}", props.index + 1) }</ActionLink>
                <button type="button" class="copy-link" onclick={copy} aria-label={format!("Copy link to paragraph {}", props.index + 1)}>
                    { if *copied { "Copied" } else { "Copy link" } }
                </button>
            </div>
        </div>
    }
}
