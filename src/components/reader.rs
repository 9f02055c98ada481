//! The article reader: provenance (what is stated, what is inferred and why), clean
//! paragraphs with marked mentions, figures and search hits, paragraph links.

use super::paragraph::ParagraphView;
use crate::dom;
use crate::engine;
use crate::store::{use_dispatch, use_store};
use corpus::render::short_date;
use corpus::search::{highlight, Query};
use corpus::state::Action;
use corpus::{ArticleIx, EntityKind, Provenance};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`Reader`].
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// The article to show.
    pub article: ArticleIx,
    /// The current results: a large corpus's "Compare with" offers these.
    pub results: super::Shared,
}

/// The reader.
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    let store = use_store();
    let dispatch = use_dispatch();
    let target = store.state.paragraph;
    let article = props.article;
    // Bring the reader (or the linked paragraph) into view when it changes.
    use_effect_with((article, target), move |(a, t)| match t {
        Some(p) => {
            if let Ok(engine) = engine() {
                if let Some(para) = engine
                    .corpus()
                    .articles
                    .get(*a as usize)
                    .and_then(|x| x.paragraphs.get(*p as usize))
                {
                    dom::scroll_to_id(&para.id);
                }
            }
        }
        None => dom::scroll_to_id("reader"),
    });
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let Some(a) = c.articles.get(article as usize) else {
        return html! {};
    };
    let query = Query::parse(&store.state.text);
    let close = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::CloseArticle))
    };
    // Side by side with another article (this one on the left).
    let compare_with = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let other = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|s| s.value().parse::<u32>().ok());
            if let Some(o) = other {
                dispatch.emit(Action::Compare(article, o));
            }
        })
    };
    let others = super::parts::article_options(c, &props.results.0, &[], None, Some(article));
    let pub_date = corpus::render::published_label(&a.published);
    let status = |p: Provenance| match p {
        Provenance::Stated => "stated in the text",
        Provenance::Inferred => "inferred",
        Provenance::Supplied => "supplied (not in the text)",
        Provenance::Unknown => "unknown",
    };
    let paragraphs = (0..a.paragraphs.len() as u32).map(|i| {
        let hits = if query.is_empty() {
            Vec::new()
        } else {
            highlight(&a.paragraphs[i as usize].text, &query)
        };
        html! { <ParagraphView key={i} {article} index={i} {hits} target={target == Some(i)} /> }
    });
    let bounds = match (a.published.earliest, a.published.latest) {
        (Some(e), Some(l)) => Some(format!(
            "Possible dates: {} to {}.",
            short_date(e),
            short_date(l)
        )),
        _ => None,
    };
    html! {
        <section id="reader" class="reader" aria-labelledby="reader-title" tabindex="-1">
            <div class="reader-bar">
                <button type="button" class="close" onclick={close}>{ "← Back to results" }</button>
                <label class="compare-with">{ "Compare with " }
                    <select onchange={compare_with}>
                        <option value="" selected=true>{ "another article…" }</option>
                        { others }
                    </select>
                </label>
            </div>
            <header class="article-head">
                <h2 id="reader-title">{ a.title.clone() }</h2>
                <dl class="provenance">
                    <div>
                        <dt>{ "Title" }</dt>
                        <dd>
                            <span class={classes!("badge", (a.title_status != Provenance::Stated).then_some("inferred"))}>{ status(a.title_status) }</span>
                            if let Some(r) = &a.title_reason { <details><summary>{ "Why" }</summary><p>{ r.clone() }</p></details> }
                        </dd>
                    </div>
                    <div>
                        <dt>{ "Authors" }</dt>
                        <dd>
                            { if a.authors.is_empty() { "Unknown".to_string() } else { a.authors.join(", ") } }
                            { " " }
                            <span class={classes!("badge", (a.authors_status != Provenance::Stated).then_some("inferred"))}>{ status(a.authors_status) }</span>
                            if let Some(r) = &a.authors_reason { <details><summary>{ "Why" }</summary><p>{ r.clone() }</p></details> }
                        </dd>
                    </div>
                    <div>
                        <dt>{ "Published" }</dt>
                        <dd>
                            <time datetime={a.published.date.to_string()}>{ pub_date }</time>
                            { " " }
                            <span class={classes!("badge", (a.published.status != Provenance::Stated).then_some("inferred"))}>{ status(a.published.status) }</span>
                            if let Some(r) = &a.published.reason {
                                <details><summary>{ "How the date was inferred" }</summary>
                                    <p>{ r.clone() }</p>
                                    if let Some(b) = &bounds { <p>{ b.clone() }</p> }
                                </details>
                            }
                        </dd>
                    </div>
                    <div>
                        <dt>{ "Source file" }</dt>
                        <dd><code>{ format!("raw/{}", a.source_file) }</code></dd>
                    </div>
                </dl>
                <Legend />
            </header>
            <div class="article-body">{ for paragraphs }</div>
        </section>
    }
}

#[component]
fn Legend() -> Html {
    html! {
        <details class="legend">
            <summary>{ "How names and figures are marked" }</summary>
            <ul>
                { for EntityKind::ALL.into_iter().map(|k| html! {
                    <li><span class={classes!("mention", "sample", format!("k-{}", k.as_str()))}>{ super::kind_plural(k) }</span>
                        { match k {
                            EntityKind::Person => " — solid underline",
                            EntityKind::Organization => " — dashed underline",
                            EntityKind::Place => " — dotted underline",
                            EntityKind::Event => " — double underline",
                        } }
                    </li>
                }) }
                <li><span class="figure sample">{ "Figures" }</span>{ " — boxed" }</li>
                <li><mark>{ "Search hits" }</mark>{ " — highlighted" }</li>
            </ul>
            <p>{ "Select a name to open its card." }</p>
        </details>
    }
}
