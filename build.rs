//! Compile `data/` into the binary corpus the app loads. Any data error stops the build
//! with `file:line: message`, and no corpus is written.
//!
//! The corpus is written twice: `$OUT_DIR/corpus.bin`, which the in-browser tests embed
//! (`tests/browser.rs`; their engine builds its search index in memory), and
//! `target/<target>/<profile>/pce-corpus.bin` with the search index built here and
//! written in chunks (`corpus_index::files`: the corpus file describes them, the chunks
//! go to `pce-corpus/index/`). Trunk's post-build hook (`scripts/corpusfile.mjs`) places
//! them beside the WebAssembly as content-hashed files: the page fetches the corpus file
//! while the WebAssembly downloads, and a chunk when a search needs it. A corpus with more
//! than `files::TEXT_INLINE_MAX` bytes of text has it in `pce-corpus/text/` (consecutive
//! articles a file), fetched when a view shows one of them. The app's WebAssembly holds
//! code only.
//!
//! Two environment variables build the app over another corpus (tests and benchmarks):
//! - `PCE_DATA_DIR=path`: compile that folder instead of `data/` (relative to the
//!   workspace root), e.g. the hostile-payload corpus in `tests/hostile-data`;
//! - `PCE_SYNTH=N`: embed a synthetic corpus of N articles generated from the data
//!   (`corpus_index::synth`, fixed seed), e.g. the 10,000-article benchmark build.
//!
//! `PCE_TEST_HOOKS=1` compiles the app with `cfg(pce_test_hooks)`: test-only exports such
//! as `pce_test_panic` (see `src/lib.rs`), used by the end-to-end tests of the hostile build.

use std::path::PathBuf;

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-env-changed=PCE_DATA_DIR");
    println!("cargo:rerun-if-env-changed=PCE_SYNTH");
    println!("cargo:rerun-if-env-changed=PCE_TEST_HOOKS");
    println!("cargo::rustc-check-cfg=cfg(pce_test_hooks)");
    if std::env::var("PCE_TEST_HOOKS").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=pce_test_hooks");
    }
    let data = match std::env::var("PCE_DATA_DIR") {
        Ok(d) if !d.is_empty() => manifest.join(d),
        _ => manifest.join("data"),
    };
    println!("cargo:rerun-if-changed={}", data.display());
    let synth = match std::env::var("PCE_SYNTH") {
        Ok(n) if !n.is_empty() => match n.parse::<usize>() {
            Ok(n) if n > 0 => Some(n),
            _ => panic!("PCE_SYNTH must be a number of articles above 0, not {n:?}"),
        },
        _ => None,
    };
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let out = out_dir.join("corpus.bin");
    // OUT_DIR is target/<target>/<profile>/build/<package>-<hash>/out.
    let beside = out_dir
        .ancestors()
        .nth(3)
        .expect("OUT_DIR is inside the target folder")
        .join("pce-corpus.bin");
    let built = corpus_index::load_dir(&data).and_then(|ds| corpus_index::compile(&ds));
    match built {
        Ok(b) => {
            let corpus = match synth {
                Some(n) => corpus_index::synth::generate(&b.corpus, n, 42),
                None => b.corpus,
            };
            std::fs::write(&out, corpus::encode(&corpus)).expect("write corpus.bin");
            let files = corpus_index::files::site_files(&corpus, corpus_index::files::CHUNK_TARGET);
            let folder = beside.with_file_name("pce-corpus");
            if let Err(e) = corpus_index::files::write_chunks(&folder, &files) {
                panic!("writing the search index's files: {e}");
            }
            std::fs::write(&beside, &files.corpus).expect("write pce-corpus.bin");
        }
        Err(errs) => {
            let _ = std::fs::remove_file(&out);
            let _ = std::fs::remove_file(&beside);
            let shown = data.strip_prefix(&manifest).unwrap_or(&data).display();
            for e in &errs {
                // Paths relative to the data folder, made relative to the workspace.
                println!("cargo:warning={shown}/{e}");
            }
            panic!("{} error(s) in {shown}/; see the warnings above or run `cargo run -p corpus-index -- check {shown}`", errs.len());
        }
    }
}
