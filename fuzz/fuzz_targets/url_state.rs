//! The URL-state parser on the real corpus: `parse_query` never panics, says briefly what
//! it ignored, and the state it gives round-trips through `to_query` (the canonical form
//! reads back to the same state, with nothing ignored, and is stable). The state's filter
//! then runs through the query engine.
#![no_main]

use corpus::state::{parse_query, to_query};
use corpus::Engine;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(corpus_fuzz::real_corpus().clone()))
}

fuzz_target!(|data: &[u8]| {
    let engine = engine();
    let c = engine.corpus();
    let query = String::from_utf8_lossy(data);
    let p = parse_query(c, &query);
    for msg in &p.ignored {
        assert!(msg.chars().count() < 120, "notice too long: {msg}");
    }
    let canonical = to_query(c, &p.state);
    let again = parse_query(c, &canonical);
    assert!(again.ignored.is_empty(), "{canonical}: {:?}", again.ignored);
    assert_eq!(again.state, p.state, "{canonical}");
    assert_eq!(to_query(c, &again.state), canonical);
    let _ = engine.run(&p.state.filter());
});
