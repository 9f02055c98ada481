//! Benchmark (not a test): the time per timeline zoom or pan step in headless Chromium
//! with 10,000 synthetic events, from the wheel event to the DOM patched and laid out
//! (style and layout forced by reading the drawing's size; painting is not included).
//! Run with `scripts/bench-timeline.sh` (a release build); it prints p50 and p95.
//! It asserts nothing about time: the figures are for people to read.
#![cfg(target_arch = "wasm32")]

use peru_crisis_explorer::App;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Articles to generate: 8 events each, so 10,000 events.
const ARTICLES: usize = 1250;
/// Steps measured (after warm-up) for each kind of step.
const STEPS: usize = 60;

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// Let the page run: first the microtasks already queued (where Yew renders), then, if
/// the frame is not drawn yet, a zero timeout (whose latency, clamped by the browser to
/// a few milliseconds, then counts in the measured time: an upper bound).
async fn tick(first: bool) {
    if first {
        let resolved = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
        let _ = wasm_bindgen_futures::JsFuture::from(resolved).await;
    } else {
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
}

fn wheel(svg: &web_sys::Element, x: f64, y: f64, dx: f64, dy: f64) {
    let init = web_sys::WheelEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    init.set_delta_x(dx);
    init.set_delta_y(dy);
    let ev = web_sys::WheelEvent::new_with_event_init_dict("wheel", &init).unwrap();
    svg.dispatch_event(&ev).unwrap();
}

/// One wheel step: the time from the event to the frame drawn and laid out, or `None`
/// when the step changed nothing.
async fn step(svg: &web_sys::Element, x: f64, y: f64, dx: f64, dy: f64) -> Option<f64> {
    let frame = svg.get_attribute("data-frame");
    let t0 = now();
    wheel(svg, x, y, dx, dy);
    let mut waited = 0;
    while svg.get_attribute("data-frame") == frame && waited < 500 {
        tick(waited == 0).await;
        waited += 1;
    }
    let drawn = svg.get_attribute("data-frame") != frame;
    // Reading the size forces style and layout.
    let _ = svg.get_bounding_client_rect();
    let t = now() - t0;
    gloo_timers::future::TimeoutFuture::new(1).await;
    drawn.then_some(t)
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() - 1) as f64 * p).round() as usize]
}

#[wasm_bindgen_test]
async fn zoom_and_pan_steps_at_ten_thousand_events() {
    let real = corpus::decode(include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"))).unwrap();
    let synthetic = corpus_index::synth::generate(&real, ARTICLES, 7);
    let events = synthetic.events.len();
    assert!(peru_crisis_explorer::install_engine(corpus::Engine::new(
        synthetic
    )));
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    root.set_attribute("style", "width:1280px").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let _app = yew::Renderer::<App>::with_root(root.clone()).render();
    let svg = loop {
        if let Some(s) = root.query_selector(".graph").unwrap() {
            if s.query_selector("[data-key]").unwrap().is_some() {
                break s;
            }
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    };
    let rect = svg.get_bounding_client_rect();
    let (x, y) = (rect.left() + rect.width() / 2.0, rect.top() + 100.0);
    let mut results = Vec::new();
    // The default view (mid-2022 to early 2026: dense, clusters), then zoomed in to
    // about a month (single marks with labels, span rows).
    for (name, dx, dy, zoom_first) in [
        ("zoom", 0.0, -60.0, 0),
        ("pan", 40.0, 0.0, 0),
        ("pan, zoomed in to about a month", 40.0, 0.0, 70),
    ] {
        for _ in 0..zoom_first {
            step(&svg, x, y, 0.0, -60.0).await;
        }
        let window = svg.get_attribute("data-window").unwrap_or_default();
        let mut times = Vec::new();
        for i in 0..STEPS + 5 {
            // Steps alternate direction every ten so the view never reaches a bound
            // (where a step changes nothing).
            let sign = if (i / 10) % 2 == 1 { -1.0 } else { 1.0 };
            if let Some(t) = step(&svg, x, y, dx * sign, dy * sign).await {
                if i >= 5 {
                    times.push(t);
                }
            }
        }
        let marks = svg.query_selector_all("[data-key]").unwrap().length();
        let (p50, p95) = (percentile(&mut times, 0.5), percentile(&mut times, 0.95));
        results.push(format!(
            "{name}: p50 {p50:.1} ms, p95 {p95:.1} ms ({} steps from {window}, {marks} marks drawn at the end)",
            times.len()
        ));
    }
    console_log!("timeline benchmark, {events} events:");
    for r in &results {
        console_log!("  {r}");
    }
    web_sys::console::log_1(
        &format!("BENCH timeline {events} events: {}", results.join("; ")).into(),
    );
}
