//! The Peru Crisis Explorer in the browser.
//!
//! The corpus is compiled from `data/` by `build.rs` into a file that sits beside the
//! WebAssembly (`corpus-HASH.bin`, placed by `scripts/corpusfile.mjs`); the page's loader
//! fetches it while the WebAssembly downloads and hands the bytes over as
//! `window.pceCorpus` (a promise), and [`start`] decodes them once into a
//! [`corpus::Engine`] held in a static and never copied into props. All behaviour (filters, search, URL state, the reducer, paragraph runs, the
//! embed message API) lives in the `corpus` crate and is tested natively; this crate only
//! renders state and dispatches actions. `docs/ARCHITECTURE.md` shows how an action flows
//! from an event to the core and back to the DOM, and where to start.

pub mod app;
pub mod components;
pub mod dom;
pub mod hooks;
pub mod index_files;
pub mod store;
#[cfg(pce_test_hooks)]
pub mod test_hooks;

/// Count a render of the named component, in builds with `PCE_TEST_HOOKS=1` only (see
/// [`test_hooks`]); nothing at all in a normal build.
#[macro_export]
macro_rules! rendered {
    ($name:literal) => {
        #[cfg(pce_test_hooks)]
        $crate::test_hooks::rendered($name);
    };
}

pub use app::App;

use corpus::Engine;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();

/// The engine over the corpus the page loaded; an error until [`start`] (or
/// [`install_engine`]) has put one in.
pub fn engine() -> Result<&'static Engine, &'static str> {
    match ENGINE.get() {
        Some(Ok(e)) => Ok(e),
        Some(Err(m)) => Err(m.as_str()),
        None => Err("the corpus is not loaded yet"),
    }
}

/// Use `engine` as the corpus: the page's own (from [`start`]), or another one for
/// benchmarks and tests (a 10,000-event synthetic corpus, the corpus embedded in the
/// in-browser tests). It must run before the app first asks for the engine; returns
/// `false` if an engine was already set.
pub fn install_engine(engine: Engine) -> bool {
    ENGINE.set(Ok(engine)).is_ok()
}

/// Decode a corpus file's bytes and install its engine; the error names what is wrong.
/// Performance marks `pce:corpus-decoded` and `pce:engine` time the two steps (bench/).
pub fn install_corpus(bytes: &[u8]) -> Result<(), String> {
    let (corpus, index) = corpus::export::decode_with_index(bytes)
        .map_err(|e| format!("The explorer's data could not be read: {e}"))?;
    dom::mark("pce:corpus-decoded");
    let engine = match index {
        Some(meta) => Engine::with_index(corpus, meta)
            .map_err(|e| format!("The explorer's data could not be read: {e}"))?,
        None => Engine::new(corpus),
    };
    dom::mark("pce:engine");
    if install_engine(engine) {
        Ok(())
    } else {
        Err("The explorer's data was loaded twice.".into())
    }
}

/// Get the search index ready once the first screen is on screen: after the next frame
/// has been painted (an animation frame, then a task), so the first keystroke does not
/// wait for it and the first screen does not either. An index written at build time is
/// fetched whole if it is small ([`index_files::prefetch_small`]), else a chunk at a time
/// as searches need them; an index built in memory (the in-browser tests' corpus) is
/// built. Called when the timeline is first drawn, and by [`start`] after a few seconds
/// for views without the timeline; only the first call does anything, and a search made
/// earlier gets what it needs itself.
pub fn warm_search_after_paint() {
    use std::sync::atomic::{AtomicBool, Ordering};
    static ASKED: AtomicBool = AtomicBool::new(false);
    if ASKED.swap(true, Ordering::Relaxed) {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    let after_frame = Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, || {
            if let Ok(e) = engine() {
                if e.chunk_files().is_empty() {
                    e.warm();
                    dom::mark("pce:search-ready");
                } else {
                    index_files::prefetch_small();
                }
            }
        })
        .forget();
    });
    let _ = w.request_animation_frame(after_frame.unchecked_ref());
}

/// Install the panic message, wait for the corpus the loader is fetching
/// (`window.pceCorpus`, a promise of its bytes) and mount the app on `<body>`. A corpus
/// that cannot be loaded or read shows the fatal message with its reason and the reload
/// links, never a blank page.
pub fn start() {
    dom::install_panic_message();
    let pending = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"pceCorpus".into()).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let Some(pending) = pending else {
        dom::show_fatal("The explorer's data was not requested: this page has no corpus loader (build it with trunk, whose post-build hook adds one).");
        return;
    };
    let loaded = Closure::once(move |bytes: JsValue| {
        dom::mark("pce:corpus-loaded");
        let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
        match install_corpus(&bytes) {
            Ok(()) => {
                yew::Renderer::<App>::new().render();
                gloo::timers::callback::Timeout::new(3_000, warm_search_after_paint).forget();
            }
            Err(m) => dom::show_fatal(&m),
        }
    });
    let failed = Closure::once(move |err: JsValue| {
        dom::show_fatal(&dom::error_text(&err));
    });
    let _ = pending.then2(&loaded, &failed);
    // The promise calls them once, after this function has returned.
    loaded.forget();
    failed.forget();
}
