//! The search index's files, fetched when a search needs them, and a large corpus's text
//! files, fetched when a view shows one of their articles ([`load_text`], through
//! `crate::hooks::use_text`).
//!
//! A corpus built by trunk has its search index written at build time, in chunks by term
//! range (`crates/corpus-index/src/files.rs`), beside the corpus file. The engine says which
//! chunks a search needs ([`corpus::Engine::chunks_needed`]); [`load`] fetches them through
//! the page loader's `window.pceFetch` (relative to the corpus file, with each one's hash
//! as its integrity, inflated) and installs them. The store runs a search once its chunks
//! are in and shows a message with a retry when one cannot be loaded; [`prefetch_small`]
//! loads a small index whole once the first screen is drawn, so that with the real corpus
//! no keystroke waits for the network (of a large one, only the word forms' table).

use crate::engine;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// An index at most this large (stored bytes, all files) is loaded whole after the first
/// screen; a larger one a chunk at a time, as searches need them.
pub const PREFETCH_MAX: u64 = 256 * 1024;

/// The page loader's promise of a file's bytes, or a rejected promise if there is no
/// loader (a page not built by trunk).
fn fetch_file(path: &str, integrity: &str) -> js_sys::Promise {
    let f = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"pceFetch".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match f.and_then(|f| {
        f.call2(&JsValue::NULL, &path.into(), &integrity.into())
            .ok()
    }) {
        Some(p) => p
            .dyn_into::<js_sys::Promise>()
            .unwrap_or_else(|p| js_sys::Promise::resolve(&p)),
        None => js_sys::Promise::reject(&js_sys::Error::new("this page has no file loader").into()),
    }
}

/// Why a fetch failed, as the loader's error says it, with the file it names.
fn reason(err: &JsValue) -> String {
    let why = match crate::dom::error_text(err) {
        t if t.is_empty() => "it could not be fetched".to_string(),
        t => t,
    };
    match js_sys::Reflect::get(err, &"path".into())
        .ok()
        .and_then(|p| p.as_string())
    {
        Some(path) => format!("{path}: {why}"),
        None => why,
    }
}

/// Fetch and install the index files `need` (numbers as the engine gives them), then call
/// `done` once: `Ok` when all are installed, or the message to show, which names the
/// file.
pub fn load(need: Vec<u32>, done: impl FnOnce(Result<(), String>) + 'static) {
    let Ok(e) = engine() else {
        done(Err("the corpus is not loaded".into()));
        return;
    };
    let files = e.chunk_files();
    fetch_and_install(
        &need,
        &|c| files.get(c as usize).map(|f| (f.path(), f.integrity())),
        "the search index has no file",
        Box::new(move |c, bytes| e.install_chunk(c, bytes)),
        Box::new(done),
    );
}

/// Fetch and install the text files `need` (numbers as the corpus gives them:
/// [`corpus::Corpus::text_parts_needed`]), then call `done` once, as [`load`] does.
pub fn load_text(need: Vec<u32>, done: impl FnOnce(Result<(), String>) + 'static) {
    let Ok(e) = engine() else {
        done(Err("the corpus is not loaded".into()));
        return;
    };
    let parts = e.corpus().text.parts();
    fetch_and_install(
        &need,
        &|t| parts.get(t as usize).map(|f| (f.path(), f.integrity())),
        "the corpus has no text file",
        Box::new(move |t, bytes| e.corpus().install_text(t, bytes)),
        Box::new(done),
    );
}

/// How a fetched file goes in: its number and inflated bytes.
type Install = Box<dyn Fn(u32, &[u8]) -> Result<(), String>>;

/// Fetch the files `need` together (each one's path and integrity from `file`; a number
/// it does not know is reported as `missing` and its number), install each in turn, and
/// call `done` once with the first failure (naming its file) or `Ok`. Not generic: one
/// copy in the WebAssembly for both kinds of file and every caller.
fn fetch_and_install(
    need: &[u32],
    file: &dyn Fn(u32) -> Option<(String, String)>,
    missing: &str,
    install: Install,
    done: Box<dyn FnOnce(Result<(), String>)>,
) {
    let mut wanted = Vec::with_capacity(need.len());
    for &n in need {
        let Some((path, integrity)) = file(n) else {
            done(Err(format!("{missing} {}", n + 1)));
            return;
        };
        wanted.push((n, path, integrity));
    }
    let promises = js_sys::Array::new();
    for (_, path, integrity) in &wanted {
        promises.push(&fetch_file(path, integrity));
    }
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let finish = {
        let done = done.clone();
        move |r: Result<(), String>| {
            if let Some(d) = done.borrow_mut().take() {
                d(r);
            }
        }
    };
    let finish2 = finish.clone();
    let loaded = Closure::once(move |all: JsValue| {
        let all: js_sys::Array = all.unchecked_into();
        for (i, (n, path, _)) in wanted.iter().enumerate() {
            let bytes = js_sys::Uint8Array::new(&all.get(i as u32)).to_vec();
            if let Err(m) = install(*n, &bytes) {
                finish(Err(format!("{path}: {m}")));
                return;
            }
        }
        finish(Ok(()));
    });
    let failed = Closure::once(move |err: JsValue| finish2(Err(reason(&err))));
    let _ = js_sys::Promise::all(&promises).then2(&loaded, &failed);
    // The promise calls one of them once; the other is never called (a few bytes each).
    loaded.forget();
    failed.forget();
}

/// After the first screen: load the whole index if it is small ([`PREFETCH_MAX`]); else
/// only the word forms' file (the last), which every search of a word of three letters or
/// more needs, so that such a search fetches its chunks in one round.
pub fn prefetch_small() {
    let Ok(e) = engine() else { return };
    let files = e.chunk_files();
    let total: u64 = files.iter().map(|f| u64::from(f.size)).sum();
    if files.is_empty() {
        return;
    }
    let (need, all) = if total <= PREFETCH_MAX {
        ((0..files.len() as u32).collect(), true)
    } else {
        (vec![files.len() as u32 - 1], false)
    };
    load(need, move |r| {
        if r.is_ok() && all {
            crate::dom::mark("pce:search-ready");
        }
    });
}
