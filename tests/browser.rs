//! In-browser component tests (headless Chromium via wasm-bindgen-test-runner):
//! `cargo test --target wasm32-unknown-unknown`. Each test mounts the real App on a fresh
//! element with a given URL and polls the DOM (never sleeps a fixed time).
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use peru_crisis_explorer::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The corpus build.rs compiled (the real one, or the one `PCE_DATA_DIR` named at build
/// time), embedded here because the tests have no page loader to fetch it: the tests read
/// their expectations from it, not from numbers of five articles.
static CORPUS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));

fn corpus() -> &'static corpus::Corpus {
    if peru_crisis_explorer::engine().is_err() {
        peru_crisis_explorer::install_corpus(CORPUS_BYTES).unwrap();
    }
    peru_crisis_explorer::engine().unwrap().corpus()
}

/// The number of articles that mention an entity.
fn articles_naming(id: &str) -> usize {
    let c = corpus();
    let e = &c.entities[c.entity_ix(id).unwrap() as usize];
    let mut a: Vec<u32> = e.mentions.iter().map(|m| m.article).collect();
    a.sort_unstable();
    a.dedup();
    a.len()
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

thread_local! {
    /// The tests share one page and one URL: they take turns.
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

struct Mounted {
    root: Element,
    handle: Option<yew::AppHandle<App>>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
        self.root.remove();
        BUSY.with(|b| b.set(false));
    }
}

/// Wait for our turn, set the URL's query, then mount the app.
async fn mount(query: &str) -> Mounted {
    while BUSY.with(|b| b.replace(true)) {
        TimeoutFuture::new(10).await;
    }
    let w = web_sys::window().unwrap();
    let path = w.location().pathname().unwrap();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    w.history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    corpus();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    Mounted {
        root,
        handle: Some(handle),
    }
}

/// Wait until `f` finds something (up to ~3 s).
async fn until<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    for _ in 0..150 {
        if let Some(v) = f() {
            return v;
        }
        TimeoutFuture::new(20).await;
    }
    panic!("timed out waiting for {what}");
}

fn q(root: &Element, sel: &str) -> Option<Element> {
    root.query_selector(sel).ok().flatten()
}

fn all(root: &Element, sel: &str) -> Vec<Element> {
    let list = root.query_selector_all(sel).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn text(root: &Element, sel: &str) -> String {
    q(root, sel)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn search() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

#[wasm_bindgen_test]
async fn shows_all_articles_and_events() {
    let m = mount("").await;
    let n = until("results", || {
        let n = all(&m.root, ".result-list > li").len();
        (n > 0).then_some(n)
    })
    .await;
    // Every article and event of the corpus the app loads, whatever its size.
    let c = corpus();
    assert_eq!(n, c.articles.len());
    let counts = text(&m.root, ".counts");
    let want = format!("{} articles, {} events", c.articles.len(), c.events.len());
    assert!(counts.starts_with(&want), "{counts} is not {want}");
    // Newest first: the corpus keeps its articles oldest first.
    let first = text(&m.root, ".result-list > li h3");
    let newest = &c.articles.last().unwrap().title;
    assert!(first.contains(newest.as_str()), "{first} is not {newest}");
    // Live region announces counts.
    assert!(text(&m.root, "#live-count").contains(&format!("{} articles", c.articles.len())));
}

#[wasm_bindgen_test]
async fn search_from_url_is_accent_insensitive_and_highlighted() {
    let m = mount("q=Jeri").await;
    until("one result", || {
        (all(&m.root, ".result-list > li").len() == 1).then_some(())
    })
    .await;
    let marks = all(&m.root, ".result .snippet mark");
    assert!(!marks.is_empty());
    assert!(marks[0].text_content().unwrap().starts_with("Jer"));
    let input: HtmlInputElement = q(&m.root, "#search").unwrap().dyn_into().unwrap();
    assert_eq!(input.value(), "Jeri");
}

#[wasm_bindgen_test]
async fn facet_checkbox_filters_and_updates_url() {
    let m = mount("").await;
    let cb: HtmlElement = until("kenna facet", || q(&m.root, "#f-lisa-kenna"))
        .await
        .dyn_into()
        .unwrap();
    cb.click();
    until("two results", || {
        (all(&m.root, ".result-list > li").len() == 2).then_some(())
    })
    .await;
    until("filter in the URL", || {
        search().contains("e=lisa-kenna").then_some(())
    })
    .await;
    // The chip is there and removes the filter.
    let remove: HtmlElement = until("chip", || q(&m.root, ".chips .chip button"))
        .await
        .dyn_into()
        .unwrap();
    remove.click();
    until("every article again", || {
        (all(&m.root, ".result-list > li").len() == corpus().articles.len()).then_some(())
    })
    .await;
    until("filter gone from the URL", || {
        (!search().contains("e=")).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn reader_shows_provenance_and_marked_mentions() {
    let m = mount("a=2023-01-takeover-of-lima&p=p14").await;
    until("reader", || q(&m.root, "#reader")).await;
    let prov = text(&m.root, ".provenance");
    assert!(prov.contains("supplied"), "{prov}");
    assert!(prov.contains("inferred"), "{prov}");
    assert!(prov.contains("Unknown"), "{prov}");
    let target = until("target paragraph", || q(&m.root, ".para.target")).await;
    assert_eq!(target.id(), "p14");
    assert!(target.text_content().unwrap().contains("Lisa Kenna"));
    // Mentions are buttons told apart by kind class and label.
    let kenna = all(&m.root, "#p14 a.mention")
        .into_iter()
        .find(|b| b.text_content().unwrap() == "Lisa Kenna")
        .expect("Kenna mention");
    assert!(kenna
        .get_attribute("class")
        .unwrap()
        .split_whitespace()
        .any(|c| c == "k-person"));
    assert!(kenna
        .get_attribute("aria-label")
        .unwrap()
        .contains("person"));
    assert!(!all(&m.root, ".figure").is_empty(), "figures are marked");
}

#[wasm_bindgen_test]
async fn mention_opens_entity_card_which_adds_a_filter() {
    let m = mount("a=2023-01-takeover-of-lima").await;
    let kenna: HtmlElement = until("mention", || {
        all(&m.root, "a.mention")
            .into_iter()
            .find(|b| b.text_content().unwrap() == "Lisa Kenna")
    })
    .await
    .dyn_into()
    .unwrap();
    kenna.click();
    let card = until("card", || q(&m.root, ".entity-card")).await;
    assert_eq!(card.get_attribute("role").as_deref(), Some("dialog"));
    assert!(text(&m.root, ".entity-card h2").contains("Lisa Kenna"));
    let naming = format!("Mentioned in {} articles", articles_naming("lisa-kenna"));
    assert!(text(&m.root, ".entity-card").contains(&naming), "{naming}");
    until("card in the URL", || {
        search().contains("ent=lisa-kenna").then_some(())
    })
    .await;
    let add: HtmlElement = q(&m.root, ".entity-card .primary")
        .unwrap()
        .dyn_into()
        .unwrap();
    add.click();
    until("card closed", || {
        q(&m.root, ".entity-card").is_none().then_some(())
    })
    .await;
    until("filtered", || {
        (all(&m.root, ".result-list > li").len() == 2).then_some(())
    })
    .await;
    until("filter in the URL", || {
        search().contains("e=lisa-kenna").then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn broken_url_shows_a_notice_and_the_rest() {
    let m = mount("e=nobody&q=Kenna&from=2023-02-30&zzz=1").await;
    let notice = until("notice", || q(&m.root, ".notice")).await;
    let t = notice.text_content().unwrap();
    assert!(t.contains("unknown entity “nobody”"), "{t}");
    assert!(t.contains("not a date"), "{t}");
    assert!(t.contains("unknown parameter “zzz”"), "{t}");
    until("kenna results", || {
        (all(&m.root, ".result-list > li").len() == 2).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn escape_clears_the_search() {
    let m = mount("q=Kenna").await;
    let input: HtmlInputElement = until("input", || q(&m.root, "#search"))
        .await
        .dyn_into()
        .unwrap();
    until("two", || {
        (all(&m.root, ".result-list > li").len() == 2).then_some(())
    })
    .await;
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Escape");
        init.set_bubbles(true);
        init
    })
    .unwrap();
    input.dispatch_event(&ev).unwrap();
    until("every article again", || {
        (all(&m.root, ".result-list > li").len() == corpus().articles.len()).then_some(())
    })
    .await;
    assert_eq!(input.value(), "");
}

fn key(el: &Element, key: &str) {
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn click(el: &Element) {
    let ev = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &{
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn active_key() -> Option<String> {
    document()
        .active_element()
        .and_then(|e| e.get_attribute("data-key"))
}

fn window_days(root: &Element) -> Option<(String, String)> {
    let w = q(root, ".graph")?.get_attribute("data-window")?;
    let (a, b) = w.split_once(',')?;
    Some((a.to_string(), b.to_string()))
}

#[wasm_bindgen_test]
async fn timeline_draws_the_window_from_the_url_and_opens_an_event_card() {
    let m = mount("win=2022-11-20,2023-02-10").await;
    until("event marks", || q(&m.root, ".graph [data-event]")).await;
    assert_eq!(
        window_days(&m.root),
        Some(("2022-11-20".into(), "2023-02-10".into()))
    );
    // One tab stop: exactly one mark is in the tab order.
    let tabbable = all(&m.root, ".graph [data-key][tabindex='0']");
    assert_eq!(tabbable.len(), 1);
    assert!(!all(&m.root, ".graph .mark.article").is_empty());
    assert!(!all(&m.root, ".graph .band").is_empty(), "era bands");
    // Uncertain dates look different and say so.
    let uncertain = q(&m.root, ".graph .mark.event.uncertain").expect("an inferred mark");
    let label = uncertain.get_attribute("aria-label").unwrap();
    assert!(
        label.contains("inferred: ") || label.contains("resolved: "),
        "{label}"
    );
    // Choosing an event opens its card, with evidence linking to the reader.
    let mark = q(&m.root, ".graph g.event[data-event]").unwrap();
    let id = mark.get_attribute("data-event").unwrap();
    click(&mark);
    let card = until("event card", || q(&m.root, ".event-card")).await;
    until("URL has the event", || {
        search().contains(&format!("ev={id}")).then_some(())
    })
    .await;
    assert!(card.text_content().unwrap().contains("How it was dated"));
    let link = q(&card, ".evidence a").expect("evidence link");
    assert!(link.get_attribute("href").unwrap().contains("&p=p"));
    assert!(q(&card, "blockquote").is_some());
}

#[wasm_bindgen_test]
async fn timeline_keyboard_moves_in_time_order_and_zooms() {
    let m = mount("win=2022-11-20,2023-02-10").await;
    let first = until("tab stop", || q(&m.root, ".graph [data-key][tabindex='0']")).await;
    let first: web_sys::SvgElement = first.dyn_into().unwrap();
    first.focus().unwrap();
    let k0 = active_key().unwrap();
    key(&first, "ArrowRight");
    let k1 = until("focus moved", || active_key().filter(|k| *k != k0)).await;
    assert_eq!(
        all(&m.root, ".graph [data-key][tabindex='0']").len(),
        1,
        "still one tab stop"
    );
    let focused: Element = document().active_element().unwrap();
    assert_eq!(focused.get_attribute("tabindex").as_deref(), Some("0"));
    // Down goes to the article lane.
    key(&focused, "ArrowDown");
    until("article focused", || {
        active_key().filter(|k| k.starts_with('a'))
    })
    .await;
    assert_ne!(active_key().unwrap(), k1);
    // + zooms in around the focus; the URL follows once the view settles.
    let before = window_days(&m.root).unwrap();
    let focused: Element = document().active_element().unwrap();
    key(&focused, "+");
    until("zoomed", || window_days(&m.root).filter(|w| *w != before)).await;
    until("URL has the new window", || {
        search().contains("win=").then_some(()).filter(|_| {
            let (a, b) = window_days(&m.root).unwrap();
            search().contains(&format!("win={a},{b}"))
        })
    })
    .await;
}

#[wasm_bindgen_test]
async fn timeline_list_groups_matching_events_by_year_and_month() {
    let m = mount("timeline=list&e=dina-boluarte").await;
    let list = until("list", || q(&m.root, ".timeline-list:not(.print-only)")).await;
    assert!(
        q(&m.root, ".graph").is_none(),
        "the list replaces the graph"
    );
    let years: Vec<i32> = all(&list, ".year > h3")
        .iter()
        .map(|h| h.text_content().unwrap().parse().unwrap())
        .collect();
    assert!(!years.is_empty());
    assert!(years.windows(2).all(|w| w[0] < w[1]), "{years:?}");
    assert!(list
        .text_content()
        .unwrap()
        .contains("Showing what matches the filters"));
    // Every listed event matches the filter: it is among the results' events.
    let n_list = all(&list, ".tl-event").len();
    let counts = text(&m.root, ".counts");
    assert!(
        counts.contains(&format!("{n_list} event")),
        "{counts} vs {n_list}"
    );
}

#[wasm_bindgen_test]
async fn compare_view_lists_what_both_share_and_steps_through_an_entity() {
    let m = mount("cmp=2022-12-protests-mount,2023-07-protests-resume").await;
    let rows = until("shared entities", || {
        let r = all(&m.root, "#compare .counts tbody tr");
        (!r.is_empty()).then_some(r)
    })
    .await;
    // The death toll: at least 21, then at least 70; the change is inexact.
    let toll = all(&m.root, "table.figures tbody tr")
        .into_iter()
        .find(|r| r.text_content().unwrap_or_default().contains("Death toll"))
        .expect("a death-toll row");
    let t = toll.text_content().unwrap_or_default();
    assert!(
        t.contains("at least 21") && t.contains("at least 70"),
        "{t}"
    );
    assert!(t.contains("+49 (not exact"), "{t}");
    // Choosing the first shared entity selects it in the URL and marks it on both sides.
    let first = rows[0]
        .query_selector("button")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap();
    let name = first.text_content().unwrap_or_default();
    first.click();
    until("cmpsel in the URL", || {
        search().contains("cmpsel=entity:").then_some(())
    })
    .await;
    let left = rows[0]
        .query_selector_all("td")
        .unwrap()
        .item(0)
        .unwrap()
        .text_content()
        .unwrap();
    let marks = until("marks in the left column", || {
        let n = all(&m.root, ".col.left .col-body mark").len();
        (n > 0).then_some(n)
    })
    .await;
    assert_eq!(marks.to_string(), left, "{name}: one mark per mention");
    assert!(text(&m.root, ".col.left .stepper").contains(&format!("1 of {left}")));
    assert_eq!(first.get_attribute("aria-pressed").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn matrix_counts_mentions_and_charts_the_death_toll() {
    let m = mount("view=matrix&msort=name&kind=person").await;
    let rows = until("matrix rows", || {
        let r = all(&m.root, ".matrix-table tbody tr");
        (!r.is_empty()).then_some(r)
    })
    .await;
    // People only, by name.
    let kinds: Vec<String> = all(&m.root, ".matrix-table tbody .kind")
        .iter()
        .map(|k| k.text_content().unwrap_or_default().trim().to_string())
        .collect();
    assert!(kinds.iter().all(|k| k == "person"), "{kinds:?}");
    let names: Vec<String> = rows
        .iter()
        .map(|r| {
            r.query_selector("th a")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
                .to_lowercase()
        })
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    // One column per article (no filter: every one), a name and a total.
    let c = corpus();
    assert_eq!(
        all(&m.root, ".matrix-table thead th").len(),
        c.articles.len() + 2
    );
    // The death toll chart: a point per value the core charts, the bounded ones marked
    // (in the real corpus, four values, two of them "at least").
    let chart = all(&m.root, ".chart")
        .into_iter()
        .find(|c| c.text_content().unwrap_or_default().contains("Death toll"))
        .expect("a death-toll chart");
    let toll = c
        .measures
        .iter()
        .position(|m| m.id == "death-toll")
        .unwrap();
    let points = corpus::compare::series(c, toll as u32);
    let bounded = points
        .iter()
        .filter(|p| p.bound != corpus::compare::Bound::Exact)
        .count();
    assert!(points.len() >= 4 && bounded >= 2, "{points:?}");
    assert_eq!(
        chart.query_selector_all(".point").unwrap().length() as usize,
        points.len()
    );
    assert_eq!(
        chart.query_selector_all(".point.bounded").unwrap().length() as usize,
        bounded
    );
}
