//! Shared helpers for the integration tests.
#![allow(dead_code)]

use corpus::{compile, load_dir, Compiled, Corpus, DataSet, Error, Source};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The repository's data folder.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

/// The real corpus, compiled once per test binary.
pub fn real() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        let ds = load_dir(&data_dir()).expect("data/ loads");
        match compile(&ds) {
            Ok(c) => c,
            Err(errs) => panic!(
                "data/ has errors:\n{}",
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
