//! The Peru Crisis Explorer in the browser.
//!
//! The corpus is compiled from `data/` by `build.rs` and embedded in the binary; the app
//! decodes it once into a [`corpus::Engine`] held in a static and never copied into
//! props. All behaviour (filters, search, URL state, the reducer, paragraph runs, the
//! embed message API) lives in the `corpus` crate and is tested natively; this crate only
//! renders state and dispatches actions. `docs/ARCHITECTURE.md` shows how an action flows
//! from an event to the core and back to the DOM, and where to start.

pub mod app;
pub mod components;
pub mod dom;
pub mod hooks;
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

static CORPUS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));
static ENGINE: OnceLock<Result<Engine, String>> = OnceLock::new();

/// The engine over the embedded corpus, decoded on first use.
pub fn engine() -> Result<&'static Engine, &'static str> {
    match ENGINE.get_or_init(|| {
        corpus::decode(CORPUS_BYTES)
            .map(Engine::new)
            .map_err(|e| e.to_string())
    }) {
        Ok(e) => Ok(e),
        Err(m) => Err(m.as_str()),
    }
}

/// Use `engine` instead of the embedded corpus. For benchmarks and tests that need
/// another corpus (a 10,000-event synthetic one): it must run before the app first
/// asks for the engine; returns `false` if the engine was already set.
pub fn install_engine(engine: Engine) -> bool {
    ENGINE.set(Ok(engine)).is_ok()
}

/// The embedded corpus, undecoded.
pub fn corpus_bytes() -> &'static [u8] {
    CORPUS_BYTES
}

/// Install the panic message and mount the app on `<body>`.
pub fn start() {
    dom::install_panic_message();
    yew::Renderer::<App>::new().render();
}
