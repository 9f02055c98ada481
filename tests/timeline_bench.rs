//! Benchmark (not a test): the time per timeline zoom or pan step in headless Chromium
//! with 10,000 synthetic events, from the wheel event to the DOM patched and laid out.
//! Run with `scripts/bench-timeline.sh` (a release build); it prints p50 and p95.
//! It asserts nothing about time: the figures are for people to read.
#![cfg(target_arch = "wasm32")]

use peru_crisis_explorer::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Articles to generate: 8 events each, so 10,000 events.
const ARTICLES: usize = 1250;
/// Steps measured (after warm-up) for each kind of step.
const STEPS: usize = 60;

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

/// Let the page run (a zero timeout: the measured time is an upper bound that includes
/// this timer's latency).
async fn tick() {
    gloo_timers::future::TimeoutFuture::new(0).await;
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

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() - 1) as f64 * p).round() as usize]
}

#[wasm_bindgen_test]
async fn zoom_and_pan_steps_at_ten_thousand_events() {
    let real = corpus::decode(peru_crisis_explorer::corpus_bytes()).unwrap();
    let synthetic = corpus::synth::generate(&real, ARTICLES, 7);
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
    for (name, dx, dy) in [("zoom", 0.0, -60.0), ("pan", 40.0, 0.0)] {
        let mut times = Vec::new();
        for i in 0..STEPS + 5 {
            let frame = svg.get_attribute("data-frame");
            let t0 = now();
            // Steps alternate direction every ten so the view never reaches a bound
            // (where a step changes nothing).
            let sign = if (i / 10) % 2 == 1 { -1.0 } else { 1.0 };
            wheel(&svg, x, y, dx * sign, dy * sign);
            let mut waited = 0;
            while svg.get_attribute("data-frame") == frame && waited < 500 {
                tick().await;
                waited += 1;
            }
            if svg.get_attribute("data-frame") == frame {
                continue; // nothing to draw: not a sample
            }
            let _ = svg
                .dyn_ref::<web_sys::Element>()
                .unwrap()
                .get_bounding_client_rect();
            if i >= 5 {
                times.push(now() - t0);
            }
            gloo_timers::future::TimeoutFuture::new(1).await;
        }
        let marks = svg.query_selector_all("[data-key]").unwrap().length();
        let (p50, p95) = (percentile(&mut times, 0.5), percentile(&mut times, 0.95));
        results.push(format!(
            "{name}: p50 {p50:.1} ms, p95 {p95:.1} ms ({STEPS} steps, {marks} marks drawn at the end)"
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
