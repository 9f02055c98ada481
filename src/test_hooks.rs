//! Test-only exports, compiled only with `PCE_TEST_HOOKS=1` (see `build.rs`); a normal
//! build contains none of this (the end-to-end suite checks).
//!
//! - `pce_test_panic(message)`: panic, to test the fatal message;
//! - `pce_test_abort()`: a WebAssembly trap with no panic before it;
//! - `pce_test_renders()` and `pce_test_reset_renders()`: how many times each component
//!   rendered since the last reset (the render guard in `tests/e2e/guard.test.mjs`).

use std::cell::RefCell;
use wasm_bindgen::prelude::wasm_bindgen;

thread_local! {
    static RENDERS: RefCell<Vec<(&'static str, u32)>> = const { RefCell::new(Vec::new()) };
}

/// Count one render of `name` (called through [`crate::rendered!`]).
pub fn rendered(name: &'static str) {
    RENDERS.with(|r| {
        let mut r = r.borrow_mut();
        match r.iter_mut().find(|(n, _)| *n == name) {
            Some((_, k)) => *k += 1,
            None => r.push((name, 1)),
        }
    });
}

/// The renders since the last reset, as JSON: `{"ResultsView": 1, ...}`.
#[wasm_bindgen]
pub fn pce_test_renders() -> String {
    RENDERS.with(|r| {
        let items: Vec<String> = r
            .borrow()
            .iter()
            .map(|(n, k)| format!("\"{n}\":{k}"))
            .collect();
        format!("{{{}}}", items.join(","))
    })
}

/// Forget the renders counted so far.
#[wasm_bindgen]
pub fn pce_test_reset_renders() {
    RENDERS.with(|r| r.borrow_mut().clear());
}

/// Panic with `message`, so that the end-to-end tests can check the panic message
/// (`window.wasmBindings.pce_test_panic("...")`).
#[wasm_bindgen]
pub fn pce_test_panic(message: String) {
    panic!("{message}");
}

/// Stop with a WebAssembly trap (`unreachable`) and no panic before it: what a bug below
/// the panic machinery looks like.
#[wasm_bindgen]
pub fn pce_test_abort() {
    std::process::abort();
}
