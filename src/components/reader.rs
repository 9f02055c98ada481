//! The article reader: provenance (what is stated, what is inferred and why), clean
//! paragraphs with marked mentions, figures and search hits, paragraph links.

use super::paragraph::ParagraphView;
use super::parts::{article_options, use_picker_results};
use crate::dom;
use crate::engine;
use crate::store::{use_dispatch, use_select};
use corpus::search::highlight;
use corpus::state::Action;
use corpus::view::provenance;
use corpus::{ArticleIx, EntityKind};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`Reader`].
#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    /// The article to show.
    pub article: ArticleIx,
}

/// The reader.
#[component]
pub fn Reader(props: &ReaderProps) -> Html {
    crate::rendered!("Reader");
    let (target, text) = (*use_select(|s| (s.state().paragraph, s.state().text.clone()))).clone();
    let dispatch = use_dispatch();
    let article = props.article;
    // A large corpus's text is fetched when an article opens (crate::hooks::use_text).
    let text_state = crate::hooks::use_text(vec![article]);
    let ready = text_state == crate::hooks::TextState::Ready;
    // Bring the reader (or the linked paragraph) into view when it changes.
    // If what opened it is gone (a chart point of the view it replaced), the focus goes
    // to the paragraph it links to, or the reader.
    use_effect_with((article, target, ready), move |(a, t, _)| {
        let id = t
            .and_then(|p| {
                engine()
                    .ok()?
                    .corpus()
                    .articles
                    .get(*a as usize)?
                    .paragraphs
                    .get(p as usize)
                    .map(|para| para.id.clone())
            })
            .unwrap_or_else(|| "reader".into());
        dom::scroll_to_id(&id);
        if dom::focus_lost() {
            dom::focus_id(&id);
        }
    });
    // Search hits per paragraph, computed once per article and search.
    let hits = use_memo((article, text, ready), |(a, text, _)| {
        // The query the engine runs (a typed date and a word still being typed left out).
        let query = engine().map(|e| e.query(text)).unwrap_or_default();
        match engine() {
            Ok(e) if !query.is_empty() => e
                .corpus()
                .articles
                .get(*a as usize)
                .map(|art| {
                    (0..art.paragraphs.len() as u32)
                        .map(|p| highlight(e.corpus().paragraph_text(*a, p), &query))
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::<Vec<(u32, u32)>>::new(),
        }
    });
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    let Some(a) = c.articles.get(article as usize) else {
        return html! {};
    };
    let article_url = crate::dom::absolute_url(&corpus::state::to_query(
        c,
        &corpus::state::AppState {
            article: Some(article),
            ..Default::default()
        },
    ));
    let paragraphs = (0..a.paragraphs.len() as u32).map(|i| {
        let hits = hits.get(i as usize).cloned().unwrap_or_default();
        html! { <ParagraphView key={i} {article} index={i} {hits} target={target == Some(i)} /> }
    });
    let rows = provenance(a).into_iter().map(|r| {
        let value = match &r.datetime {
            Some(d) => html! { <><time datetime={d.clone()}>{ r.value.clone() }</time>{ " " }</> },
            None if r.value.is_empty() => html! {},
            None => html! { <>{ r.value.clone() }{ " " }</> },
        };
        html! {
            <div>
                <dt>{ r.field }</dt>
                <dd>
                    { value }
                    <span class={classes!("badge", r.inferred.then_some("inferred"))}>{ r.status }</span>
                    if let Some((summary, lines)) = r.why {
                        <details><summary>{ summary }</summary>{ for lines.into_iter().map(|l| html! { <p>{ l }</p> }) }</details>
                    }
                </dd>
            </div>
        }
    });
    html! {
        <section id="reader" class="reader" aria-labelledby="reader-title" tabindex="-1">
            <div class="reader-bar">
                <button type="button" class="close" onclick={dispatch.on(Action::CloseArticle)}>{ "← Back to results" }</button>
                <ComparePicker {article} />
            </div>
            <header class="article-head">
                <h2 id="reader-title">{ a.title.clone() }</h2>
                <dl class="provenance">
                    { for rows }
                    <div>
                        <dt>{ "Source" }</dt>
                        <dd><details><summary>{ "The file it was cleaned from" }</summary>
                            <p><code>{ format!("raw/{}", a.source_file) }</code>{ ", the text exactly as scraped; names, figures and paragraphs are read off it when the explorer is built." }</p>
                        </details></dd>
                    </div>
                </dl>
                <Legend />
                if ready {
                    <Figures {article} />
                }
                // On paper the links are addresses: the article's, and each paragraph's
                // from the ¶ number printed beside it.
                <p class="print-only print-address">
                    { "In the explorer: " }<span class="url">{ article_url.clone() }</span>
                    { ". Paragraph N (¶N beside it): " }<span class="url">{ format!("{article_url}&p=pN") }</span>
                </p>
            </header>
            if ready {
                <div class="article-body">{ for paragraphs }</div>
            } else {
                <div class="article-body">
                    { super::parts::text_status(&text_state, "This article's text") }
                </div>
            }
        </section>
    }
}

/// "Compare with": side by side with another article (this one on the left).
#[component]
fn ComparePicker(props: &ReaderProps) -> Html {
    crate::rendered!("ComparePicker");
    let results = use_picker_results();
    let dispatch = use_dispatch();
    let Ok(engine) = engine() else {
        return html! {};
    };
    let article = props.article;
    let onchange = Callback::from(move |e: Event| {
        let other = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .and_then(|s| s.value().parse::<u32>().ok());
        if let Some(o) = other {
            dispatch.emit(Action::Compare(article, o));
        }
    });
    let others = article_options(
        engine.corpus(),
        results.as_ref().map(|r| &*r.0),
        &[],
        None,
        Some(article),
    );
    html! {
        <label class="compare-with">{ "Compare with " }
            <select {onchange}>
                <option value="" selected=true>{ "another article…" }</option>
                { others }
            </select>
        </label>
    }
}

/// The article's figures in a compact table, each linked to its passage (and to the
/// same figure across the articles, when a measure holds it).
#[component]
fn Figures(props: &ReaderProps) -> Html {
    crate::rendered!("Figures");
    let store = crate::store::use_store();
    let Ok(engine) = engine() else {
        return html! {};
    };
    let figures = corpus::view::article_figures(engine, props.article);
    if figures.is_empty() {
        return html! {};
    }
    let a = props.article;
    let rows = figures.iter().map(|f| {
        let n = f.paragraph + 1;
        let what = match f.measure {
            Some(m) => super::link::action_link(&store, Action::OpenMeasure(m), None, Some(format!("{}: across the articles", f.what)), None, Html::from(f.what.clone())),
            None => Html::from(f.what.clone()),
        };
        html! {
            <tr>
                <th scope="row">{ f.written.clone() }</th>
                <td>{ what }</td>
                <td>{ super::link::action_link(&store, Action::OpenArticle(a, Some(f.paragraph)), None, Some(format!("Paragraph {n}")), None, Html::from(format!("¶{n}"))) }</td>
            </tr>
        }
    });
    html! {
        <details class="figures-list">
            <summary>{ format!("Figures in this article ({})", figures.len()) }</summary>
            <table>
                <caption class="visually-hidden">{ "Every figure of the article, what it measures, and its paragraph" }</caption>
                <thead><tr><th scope="col">{ "As written" }</th><th scope="col">{ "Measures" }</th><th scope="col">{ "Where" }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </details>
    }
}

#[component]
fn Legend() -> Html {
    crate::rendered!("Legend");
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
