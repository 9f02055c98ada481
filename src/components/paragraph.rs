//! One paragraph of the reader: entity mentions (told apart by kind with underline style
//! and an accessible label, not by colour alone), figures, search hits, emphasis, and a
//! link to the paragraph. Re-rendered only when its own props change (its hits, whether
//! the URL points at it).

use super::link::action_link;
use crate::dom;
use crate::engine;
use crate::store::use_store;
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
    /// Prefix of the element id (the side-by-side columns show two articles, whose
    /// paragraph ids would otherwise collide).
    #[prop_or_default]
    pub id_prefix: AttrValue,
    /// In the side-by-side view: which entities both articles mention (by index), so a
    /// mention says whether the other article has it too.
    #[prop_or_default]
    pub shared: Option<super::Shared<Vec<bool>>>,
}

/// A paragraph.
#[component]
pub fn ParagraphView(props: &ParagraphProps) -> Html {
    crate::rendered!("ParagraphView");
    let store = use_store();
    let copied = use_state(|| false);
    let citing = use_state(|| false);
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let a = &c.articles[props.article as usize];
    let p = &a.paragraphs[props.index as usize];
    // The text (a large corpus's is fetched by the view first: crate::hooks::use_text).
    let para_text = c.paragraph_text(props.article, props.index);
    // Runs of one mention go into one link, so "Lisa Kenna" with a hit on "Kenna" stays
    // a single control.
    let mut pieces: Vec<Html> = Vec::new();
    let mut group: Vec<Html> = Vec::new();
    let mut group_entity: Option<(u32, corpus::EntityKind, String)> = None;
    let flush = |pieces: &mut Vec<Html>,
                 group: &mut Vec<Html>,
                 ge: &mut Option<(u32, corpus::EntityKind, String)>| {
        if let Some((e, kind, text)) = ge.take() {
            let ent = &c.entities[e as usize];
            let mut label = format!("{} ({})", ent.name, super::kind_singular(kind));
            // Side by side: shared mentions stand out, one-sided ones say so (in words,
            // not only by style).
            let side = props
                .shared
                .as_ref()
                .map(|sh| sh.0.get(e as usize).copied().unwrap_or(false));
            match side {
                Some(true) => label.push_str(", in both articles"),
                Some(false) => label.push_str(", only in this article"),
                None => {}
            }
            let class = format!(
                "mention k-{}{}",
                kind.as_str(),
                match side {
                    Some(true) => " both",
                    Some(false) => " one-side",
                    None => "",
                }
            );
            let inner: Html = std::mem::take(group).into_iter().collect();
            pieces.push(action_link(
                &store,
                Action::OpenEntity(e),
                Some(class.into()),
                Some(format!("{text}: {label}, open card")),
                Some(label),
                inner,
            ));
        }
    };
    for r in runs(engine, props.article, props.index, &props.hits) {
        let text = &para_text[r.start as usize..r.end as usize];
        let mut inner = Html::from(text);
        if let Some(strong) = r.emphasis {
            inner = if strong {
                html! { <strong>{ inner }</strong> }
            } else {
                html! { <em>{ inner }</em> }
            };
        }
        if r.hit {
            inner = html! { <mark>{ inner }</mark> };
        }
        if let Some(f) = r.figure {
            // What it measures, in words; a figure that a measure holds opens that measure
            // across the articles (unless it sits inside a name, which is a link already).
            let title = corpus::view::figure_title(engine, f);
            inner = match engine.measure_of_figure(f) {
                Some(m) if r.entity.is_none() => action_link(
                    &store,
                    Action::OpenMeasure(m),
                    Some("figure".into()),
                    Some(format!(
                        "{}: {title}, across the articles",
                        &para_text[r.start as usize..r.end as usize]
                    )),
                    Some(title),
                    inner,
                ),
                _ => html! { <span class="figure" {title}>{ inner }</span> },
            };
        }
        match r.entity {
            Some((e, kind, starts)) => {
                if starts || group_entity.as_ref().is_none_or(|g| g.0 != e) {
                    flush(&mut pieces, &mut group, &mut group_entity);
                    group_entity = Some((e, kind, String::new()));
                }
                if let Some(g) = group_entity.as_mut() {
                    g.2.push_str(text);
                }
                group.push(inner);
            }
            None => {
                flush(&mut pieces, &mut group, &mut group_entity);
                pieces.push(inner);
            }
        }
    }
    flush(&mut pieces, &mut group, &mut group_entity);
    let action = Action::OpenArticle(props.article, Some(props.index));
    let copy = {
        let copied = copied.clone();
        let store = store.clone();
        let action = action.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(e) = crate::engine() {
                let q = to_query(e.corpus(), &reduce(&store.state().state, action.clone()));
                dom::copy_text(&dom::absolute_url(&q));
                copied.set(true);
            }
        })
    };
    let n = props.index + 1;
    let dom_id = format!("{}{}", props.id_prefix, p.id);
    let toggle_cite = {
        let citing = citing.clone();
        Callback::from(move |_: MouseEvent| citing.set(!*citing))
    };
    let cite_panel = citing.then(|| {
        // The paragraph's own address, without the filters of the current view.
        let url = corpus::export::paragraph_url(c, &dom::absolute_url(""), props.article, props.index);
        let cite = corpus::cite::cite(c, props.article, props.index, &url);
        let form = |name: &str, short: &str, text: String, rows: u32| {
            let id = format!("{dom_id}-cite-{short}");
            let copy = {
                let text = text.clone();
                Callback::from(move |_: MouseEvent| dom::copy_text(&text))
            };
            html! {
                <div class="cite-form">
                    <label for={id.clone()}>{ name }</label>
                    <textarea id={id} readonly=true rows={rows.to_string()} value={text} />
                    <button type="button" class="copy-cite" onclick={copy} aria-label={format!("Copy the {name} citation")}>{ "Copy" }</button>
                </div>
            }
        };
        html! {
            <div class="cite-panel" id={format!("{dom_id}-cite")}>
                { form("Plain text", "plain", cite.plain, 3) }
                { form("BibTeX", "bibtex", cite.bibtex, 8) }
                { form("CSL-JSON", "csl", cite.csl_json, 8) }
            </div>
        }
    });
    let body: Html = pieces.into_iter().collect();
    let caption = p.kind == ParagraphKind::Caption;
    let class = classes!(
        "para",
        caption.then_some("caption"),
        props.target.then_some("target")
    );
    html! {
        <div {class} id={dom_id.clone()} tabindex="-1">
            if caption {
                <figure><figcaption><span class="caption-label">{ "Photo caption: " }</span>{ body }</figcaption></figure>
            } else {
                <p>{ body }</p>
            }
            <div class="para-tools">
                { action_link(&store, action, Some("para-link".into()), Some(format!("Link to paragraph {n}")), Some("Link to this paragraph".into()), Html::from(format!("¶{n}"))) }
                <button type="button" class="copy-link" onclick={copy} aria-label={format!("Copy link to paragraph {n}")}>
                    { if *copied { "Copied" } else { "Copy link" } }
                </button>
                <button type="button" class="cite" onclick={toggle_cite} aria-expanded={(*citing).to_string()} aria-controls={citing.then(|| format!("{dom_id}-cite"))} aria-label={format!("Cite paragraph {n}")}>
                    { "Cite" }
                </button>
            </div>
            { for cite_panel }
        </div>
    }
}
