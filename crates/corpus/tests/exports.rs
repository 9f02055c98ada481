//! Exports: golden files from the real corpus, and the properties each format promises.
//!
//! Golden files (`tests/golden/`) are compared byte for byte; `UPDATE_GOLDEN=1 cargo test
//! -p corpus --test exports` rewrites them (review the diff before committing).

mod common;
use std::path::PathBuf;

/// Compare `actual` with the golden file `name`, or rewrite it under `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (UPDATE_GOLDEN=1 cargo test -p corpus --test exports writes it)",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .split('\n')
            .zip(actual.split('\n'))
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.split('\n').count().min(actual.split('\n').count()));
        panic!(
            "{} differs from the export, first at line {}:\n  golden: {:?}\n  export: {:?}\n(UPDATE_GOLDEN=1 rewrites it)",
            path.display(),
            line + 1,
            expected.split('\n').nth(line),
            actual.split('\n').nth(line)
        );
    }
}

fn hostile() -> &'static corpus::Corpus {
    static C: std::sync::OnceLock<corpus::Corpus> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile-data");
        let ds = corpus::load_dir(&dir).expect("tests/hostile-data loads");
        corpus::compile(&ds).expect("tests/hostile-data compiles").corpus
    })
}

fn serde_pretty(c: &corpus::Corpus) -> String {
    serde_json::to_string_pretty(&corpus::to_json(c)).unwrap() + "\n"
}

#[test]
fn the_json_export_of_the_whole_corpus_is_unchanged() {
    golden("corpus.json", &serde_pretty(common::corpus()));
    golden("hostile.json", &serde_pretty(hostile()));
}
