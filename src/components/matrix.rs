//! Across all articles: entity × article mention counts (sortable, by kind, over the
//! articles the app's filters match), from which two columns go to the side-by-side
//! view; and each measure's values over time, qualifiers and date ranges drawn as such.

use super::link::{action_link, link};
use super::parts::article_name;
use super::use_results;
use crate::engine;
use crate::store::{use_dispatch, use_select, use_store, Store};
use corpus::compare::{matrix, series, Bound, MatrixSort, Point};
use corpus::render::{date_label, number, short_date};
use corpus::state::Action;
use corpus::{ArticleIx, Corpus, DateSpec, EntityKind};
use yew::prelude::*;

/// The matrix view: a column per article the filters match.
#[component]
pub fn Matrix() -> Html {
    crate::rendered!("Matrix");
    let results = use_results();
    let (kinds, matrix_sort) =
        (*use_select(|s| (s.state().kinds.clone(), s.state().matrix_sort))).clone();
    let store = use_store();
    let dispatch = use_dispatch();
    let chosen = use_state(Vec::<ArticleIx>::new);
    let Ok(engine) = engine() else {
        return html! {};
    };
    let c = engine.corpus();
    // Columns: the matching articles, oldest first.
    let mut cols: Vec<ArticleIx> = results.0.articles.iter().map(|a| a.article).collect();
    corpus::util::sort_by(&mut cols, |&a, &b| {
        (c.articles[a as usize].published.date, a) < (c.articles[b as usize].published.date, b)
    });
    let rows = matrix(c, &cols, &kinds, matrix_sort);
    let sort_button = |sort: MatrixSort, label: String| {
        let dispatch = dispatch.clone();
        let on = matrix_sort == sort;
        html! {
            <button type="button" class="sort" aria-pressed={on.to_string()}
                onclick={Callback::from(move |_: MouseEvent| dispatch.emit(Action::SortMatrix(sort)))}>
                { label }{ if on { " ▼" } else { "" } }
            </button>
        }
    };
    let aria_sort = |sort: MatrixSort| {
        if matrix_sort == sort {
            "descending"
        } else {
            "none"
        }
    };
    let choose = |a: ArticleIx| {
        let chosen = chosen.clone();
        Callback::from(move |_: Event| {
            let mut v = (*chosen).clone();
            if let Some(i) = v.iter().position(|&x| x == a) {
                v.remove(i);
            } else {
                v.push(a);
                if v.len() > 2 {
                    v.remove(0);
                }
            }
            chosen.set(v);
        })
    };
    let compare = {
        let dispatch = dispatch.clone();
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            if let [a, b] = chosen.as_slice() {
                dispatch.emit(Action::Compare(*a, *b));
            }
        })
    };
    let close = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::ShowMatrix(false)))
    };
    let kind_box = |k: EntityKind| {
        let dispatch = dispatch.clone();
        let on = kinds.contains(&k);
        html! {
            <label><input type="checkbox" checked={on}
                onchange={Callback::from(move |_: Event| dispatch.emit(Action::ToggleKind(k)))} />
                { format!(" {}", super::kind_plural(k)) }</label>
        }
    };
    let head = cols.iter().map(|&a| {
        let ar = &c.articles[a as usize];
        let name = article_name(ar);
        html! {
            <th scope="col" aria-sort={aria_sort(MatrixSort::Article(a))}>
                { sort_button(MatrixSort::Article(a), short_date(ar.published.date)) }
                <span class="col-title" title={ar.title.clone()}>{ corpus::timeline::cut(&ar.title, 40) }</span>
                <label class="pick"><input type="checkbox" checked={chosen.contains(&a)} onchange={choose(a)}
                    aria-label={format!("Choose “{name}” to compare")} />{ " compare" }</label>
            </th>
        }
    });
    let body = rows.iter().map(|r| {
        let e = &c.entities[r.entity as usize];
        let cells = r.counts.iter().map(|&n| {
            if n == 0 {
                html! { <td class="zero"><span aria-hidden="true">{ "·" }</span><span class="visually-hidden">{ "0" }</span></td> }
            } else {
                html! { <td>{ n }</td> }
            }
        });
        html! {
            <tr>
                <th scope="row">
                    { link(&store, Action::OpenEntity(r.entity), Html::from(e.name.clone())) }
                    <span class="kind">{ format!(" {}", super::kind_singular(e.kind)) }</span>
                </th>
                { for cells }
                <td class="total">{ r.total }</td>
            </tr>
        }
    });
    let charts = (0..c.measures.len() as u32).filter_map(|m| {
        let pts = series(c, m);
        let arts = pts.iter().map(|p| p.article).fold(Vec::new(), |mut v, a| {
            if !v.contains(&a) {
                v.push(a);
            }
            v
        });
        (arts.len() >= 2).then(|| chart(&store, c, m, &pts))
    });
    let ready = chosen.len() == 2;
    html! {
        <section id="matrix" class="matrix" aria-labelledby="matrix-title" tabindex="-1">
            <div class="compare-bar">
                <h2 id="matrix-title">{ "Across all articles" }</h2>
                <div class="kinds" role="group" aria-label="Kinds of names">{ for EntityKind::ALL.into_iter().map(kind_box) }</div>
                <button type="button" disabled={!ready} onclick={compare}>
                    { if ready { "Compare the two chosen".to_string() } else { format!("Choose two articles to compare ({} chosen)", chosen.len()) } }
                </button>
                <button type="button" class="close" onclick={close}>{ "Close" }</button>
            </div>
            <p class="hint">{ format!("{} in {} (the articles your filters match). Counts are mentions.", corpus::render::count(rows.len(), "name"), corpus::render::count(cols.len(), "article")) }</p>
            <div class="table-scroll">
                <table class="matrix-table">
                    <caption class="visually-hidden">{ "Mentions of each name in each article" }</caption>
                    <thead><tr>
                        <th scope="col" aria-sort={aria_sort(MatrixSort::Name)}>{ sort_button(MatrixSort::Name, "Name".into()) }</th>
                        { for head }
                        <th scope="col" aria-sort={aria_sort(MatrixSort::Total)}>{ sort_button(MatrixSort::Total, "Total".into()) }</th>
                    </tr></thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
            <h3>{ "Figures over time" }</h3>
            <p class="hint">{ "Each measure reported by two or more articles, at the date each value describes. ▲ at least, ▼ at most, ~ about; a bar is a month or longer. Select a value for its passage." }</p>
            <div class="charts">{ for charts }</div>
        </section>
    }
}

/// A small chart of one measure's values over time.
fn chart(store: &Store, c: &Corpus, measure: u32, pts: &[Point]) -> Html {
    const W: f64 = 340.0;
    const H: f64 = 160.0;
    const PAD: f64 = 34.0;
    let m = &c.measures[measure as usize];
    let t0 = pts.iter().map(|p| p.when.0.to_days()).min().unwrap_or(0) as f64;
    let t1 = pts.iter().map(|p| p.when.1.to_days()).max().unwrap_or(0) as f64 + 1.0;
    let span = (t1 - t0).max(1.0);
    let top = pts.iter().map(|p| p.value).fold(0.0, f64::max).max(1.0) * 1.25;
    let x = |d: f64| PAD + (d - t0) / span * (W - 2.0 * PAD);
    let y = |v: f64| H - 36.0 - v / top * (H - 56.0);
    let px = |v: f64| (v.round() as i64).to_string();
    // Date labels in rows under the axis, as many rows as it takes: every point is
    // labelled with its date (the chart grows a row rather than drop a label).
    let mut ends: Vec<f64> = Vec::new();
    let rows: Vec<Option<usize>> = pts
        .iter()
        .map(|p| {
            let (x0, x1) = (
                x(p.when.0.to_days() as f64),
                x((p.when.1.to_days() + 1) as f64),
            );
            let cx = (x0 + x1) / 2.0;
            let w = when_of(p).chars().count() as f64 * 6.0;
            let row = match ends.iter().position(|&e| cx - w / 2.0 > e + 6.0) {
                Some(r) => r,
                None => {
                    ends.push(f64::MIN);
                    ends.len() - 1
                }
            };
            ends[row] = cx + w / 2.0;
            Some(row)
        })
        .collect();
    let h_all = H + (ends.len().max(2) - 2) as f64 * 13.0;
    let marks = pts.iter().zip(rows).map(|(p, row)| {
        let f = &c.figures[p.figure as usize];
        let (x0, x1) = (x(p.when.0.to_days() as f64), x((p.when.1.to_days() + 1) as f64));
        let cx = (x0 + x1) / 2.0;
        let cy = y(p.value);
        let (sign, word) = (p.bound.sign(), p.bound.words());
        let when = when_of(p);
        // A large corpus's passage may not be loaded: the label then stops at the title.
        let written = c.figure_text(f);
        let label = format!(
            "{word}{} as of {when}, in “{}”{}",
            number(p.value),
            c.articles[p.article as usize].title,
            if written.is_empty() { String::new() } else { format!(": “{written}”") }
        );
        let arrow = match p.bound {
            Bound::AtLeast => html! { <path class="bound" d={format!("M{} {}v-14m-4 5l4-5l4 5", px(cx), px(cy - 6.0))} /> },
            Bound::AtMost => html! { <path class="bound" d={format!("M{} {}v14m-4-5l4 5l4-5", px(cx), px(cy + 6.0))} /> },
            _ => html! {},
        };
        let range = if x1 - x0 > 3.0 {
            html! { <line class="range" x1={px(x0)} x2={px(x1)} y1={px(cy)} y2={px(cy)} /> }
        } else {
            html! {}
        };
        // The texts sit beside the link, not in it: its name says all they say, and
        // more (WCAG 2.5.3 wants the visible text inside a control in its name).
        let bounded = (p.bound != Bound::Exact).then_some("bounded");
        html! {
            <g class={classes!("point", bounded)}>
                { action_link(store, Action::OpenArticle(p.article, Some(f.paragraph)), None, Some(label.clone()), None, html! {
                    <>
                        { range }
                        <circle cx={px(cx)} cy={px(cy)} r="5" />
                        { arrow }
                    </>
                }) }
                <text x={px(cx)} y={px(cy - 24.0)} aria-hidden="true">{ format!("{sign}{}", number(p.value)) }</text>
                if let Some(r) = row {
                    <text class="when" x={px(cx)} y={px(H - 18.0 + r as f64 * 13.0)} aria-hidden="true">{ when.clone() }</text>
                }
            </g>
        }
    });
    let summary = pts
        .iter()
        .map(|p| {
            format!(
                "{}{} ({})",
                p.bound.words(),
                number(p.value),
                short_date(p.when.0)
            )
        })
        .collect::<Vec<_>>()
        .join(", then ");
    html! {
        <figure class="chart">
            <figcaption>{ action_link(store, Action::OpenMeasure(measure), None, Some(format!("{}: every value, across the articles", m.name)), None, html! { <strong>{ m.name.clone() }</strong> }) }{ format!(" ({})", m.unit) }</figcaption>
            <svg width={px(W)} height={px(h_all)} viewBox={format!("0 0 {} {}", px(W), px(h_all))} role="group" aria-label={format!("{}: {summary}", m.name)}>
                <line class="base" x1={px(PAD / 2.0)} x2={px(W - PAD / 2.0)} y1={px(y(0.0))} y2={px(y(0.0))} />
                { for marks }
            </svg>
        </figure>
    }
}

/// When a value is as of: a day, or the span it may fall in.
fn when_of(p: &Point) -> String {
    if p.when.0 == p.when.1 {
        short_date(p.when.0)
    } else {
        date_label(&DateSpec {
            start: p.when.0,
            end: p.when.1,
            precision: corpus::Precision::Span,
        })
    }
}
