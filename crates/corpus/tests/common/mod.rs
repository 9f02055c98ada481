//! Shared helpers for the integration tests.
#![allow(dead_code)]

use corpus::{Corpus, Error};
use corpus_index::{compile, load_dir, Compiled, DataSet, Source};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The corpus the tests run on: the repository's data folder, or the folder that
/// `PCE_DATA_DIR` names (relative to the workspace root, as for the app's build), such as
/// the six-article corpus `scripts/six-data.sh` assembles in `target/six-data`.
pub fn data_dir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    match std::env::var("PCE_DATA_DIR") {
        Ok(d) if !d.is_empty() => root.join(d),
        _ => root.join("data"),
    }
}

/// The real corpus, compiled once per test binary.
pub fn real() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let ds = load_dir(&data_dir()).expect("the data folder loads");
        match compile(&ds) {
            Ok(c) => c,
            Err(errs) => panic!(
                "{} has errors:\n{}",
                data_dir().display(),
                errs.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        }
    })
}

/// The real corpus.
pub fn corpus() -> &'static Corpus {
    &real().corpus
}

/// A small valid data set: two articles, a gazetteer, events and a measure.
pub fn fixture() -> DataSet {
    DataSet {
        articles: Some(src(
            "articles.rec",
            "@article march\nfile: a.txt\n\n@article strike\nfile: b.txt\ntitle: Strike called\ntitle_reason: the text has none\nauthors:\nauthors_reason: no byline\npublished: 2023-03-10\npublished_reason: \"last Friday\" in a later piece\n",
        )),
        gazetteer: Some(src(
            "gazetteer.rec",
            "@entity lima\nname: Lima\nkind: place\nalias: Lima\ndescription: Capital.\n\n@entity ana-ruiz\nname: Ana Ruiz\nkind: person\nalias: Ana Ruiz\nalias: Ruiz\ndescription: Organiser.\n\n@entity cgtp\nname: CGTP\nkind: organization\nalias: CGTP\ndescription: Union.\n",
        )),
        events: Some(src(
            "events.rec",
            "@event big-march\ntitle: March in Lima\ndate: 2023-03-03\ndated: resolved\nbasis: \"on Friday\" before 2023-03-04\ncategory: protest\nentities: lima, ana-ruiz\nevidence: march | Thousands marched in Lima on Friday\n\n@event strike-call\ntitle: CGTP calls a strike\ndate: 2023-03\ndated: stated\ncategory: protest\nentities: cgtp\nevidence: strike | The CGTP called a strike\n",
        )),
        measures: Some(src(
            "measures.rec",
            "@measure marchers\nname: Marchers\nunit: people\ndescription: People marching.\nvalue: march | with [at least 5,000] people | 2023-03-03\n",
        )),
        raw: vec![
            src("raw/a.txt", "# Marchers reach Lima\n\nJuan Pérez\n4 March 2023\n\nThousands marched in Lima on Friday with at least 5,000 people, said Ana Ruiz.\n\nRuiz's group will return."),
            src("raw/b.txt", "English\n\nThe CGTP called a strike in Lima for March.\n"),
        ],
    }
}

/// A named text.
pub fn src(name: &str, text: &str) -> Source {
    Source {
        name: name.into(),
        text: text.into(),
    }
}

/// Compile and expect failure; the errors as `file:line: message` strings.
pub fn errors_of(ds: &DataSet) -> Vec<String> {
    match compile(ds) {
        Ok(_) => panic!("expected errors, got a corpus"),
        Err(errs) => errs.iter().map(Error::to_string).collect(),
    }
}

/// The fixture data folder of the import tests (`tests/fixtures/data`).
pub fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus/tests/fixtures/data")
}

/// The messy web article the import tests import (`tests/fixtures/juliaca.txt`).
pub fn juliaca() -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus/tests/fixtures/juliaca.txt"),
    )
    .expect("tests/fixtures/juliaca.txt")
}

/// The fixture data folder, loaded.
pub fn small_data() -> DataSet {
    load_dir(&fixture_dir()).expect("tests/fixtures/data loads")
}

/// The data set with these files replaced or added (`raw/…` files are added to `raw`).
pub fn with_files(ds: &DataSet, files: &[Source]) -> DataSet {
    let mut next = ds.clone();
    for f in files {
        match f.name.as_str() {
            "articles.rec" => next.articles = Some(f.clone()),
            "gazetteer.rec" => next.gazetteer = Some(f.clone()),
            "events.rec" => next.events = Some(f.clone()),
            "measures.rec" => next.measures = Some(f.clone()),
            _ => {
                next.raw.retain(|r| r.name != f.name);
                next.raw.push(f.clone());
                next.raw.sort_by(|a, b| a.name.cmp(&b.name));
            }
        }
    }
    next
}

/// What a person does after reviewing every draft and accepting it: delete the `draft-`
/// prefixes and write the TODO descriptions.
pub fn confirm_all(text: &str) -> String {
    text.lines()
        .map(|l| {
            if let Some(rest) = l.strip_prefix("@draft-") {
                format!("@{rest}")
            } else if let Some(rest) = l.strip_prefix("draft-") {
                rest.to_string()
            } else if l.starts_with("description: TODO") {
                "description: Named in the Juliaca article.".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Damage a folder of built files: remove `gone`, flip a byte in the middle of `changed`
/// (both relative to `dir`).
pub fn damage(dir: &std::path::Path, gone: &str, changed: &str) {
    std::fs::remove_file(dir.join(gone)).unwrap();
    let mut bytes = std::fs::read(dir.join(changed)).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(dir.join(changed), &bytes).unwrap();
}

/// A fresh, empty temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("corpus-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temporary folder");
    dir
}

/// Copy a folder (files and sub-folders).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for e in std::fs::read_dir(from).expect("read folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy file");
        }
    }
}
