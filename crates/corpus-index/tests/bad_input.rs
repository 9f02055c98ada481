//! Every kind of bad input gives a clear `file:line` error and no corpus.

#[path = "../../corpus/tests/common/mod.rs"]
mod common;
use common::{errors_of, fixture, src};
use corpus_index::compile;

fn with(mut f: impl FnMut(&mut corpus_index::DataSet)) -> corpus_index::DataSet {
    let mut ds = fixture();
    f(&mut ds);
    ds
}

fn replace(ds: &mut corpus_index::DataSet, file: &str, from: &str, to: &str) {
    let s = match file {
        "articles.rec" => ds.articles.as_mut(),
        "gazetteer.rec" => ds.gazetteer.as_mut(),
        "events.rec" => ds.events.as_mut(),
        "measures.rec" => ds.measures.as_mut(),
        _ => ds.raw.iter_mut().find(|r| r.name == file),
    }
    .unwrap();
    assert!(s.text.contains(from), "fixture has no {from:?}");
    s.text = s.text.replacen(from, to, 1);
}

fn assert_one(errs: &[String], prefix: &str, needle: &str) {
    assert!(
        errs.iter()
            .any(|e| e.starts_with(prefix) && e.contains(needle)),
        "no error starting {prefix:?} containing {needle:?} in:\n{}",
        errs.join("\n")
    );
}

#[test]
fn the_fixture_itself_is_valid() {
    let c = compile(&fixture())
        .unwrap_or_else(|e| panic!("{e:?}"))
        .corpus;
    assert_eq!(c.articles.len(), 2);
    assert_eq!(c.events.len(), 2);
    assert_eq!(c.measures[0].values.len(), 1);
    let ruiz = &c.entities[1];
    assert_eq!(ruiz.mentions.len(), 2, "Ana Ruiz and Ruiz's");
}

#[test]
fn malformed_record_file() {
    let errs = errors_of(&with(|d| {
        replace(d, "gazetteer.rec", "kind: place\n", "kind place\n")
    }));
    assert_one(&errs, "gazetteer.rec:3:", "expected `key: value`");
    let errs = errors_of(&with(|d| {
        replace(d, "events.rec", "@event big-march", "@event Big March")
    }));
    assert_one(&errs, "events.rec:1:", "record header");
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "gazetteer.rec",
            "description: Capital.",
            "description: Capital.\ncolour: red",
        )
    }));
    assert_one(&errs, "gazetteer.rec:6:", "unknown key `colour`");
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "articles.rec",
            "@article march",
            "# a comment\nfile: orphan.txt\n@article march",
        )
    }));
    assert_one(&errs, "articles.rec:2:", "before the first");
}

#[test]
fn duplicate_ids() {
    let errs = errors_of(&with(|d| {
        replace(d, "gazetteer.rec", "@entity cgtp", "@entity lima")
    }));
    assert_one(
        &errs,
        "gazetteer.rec:14:",
        "id `lima` already used on line 1",
    );
    let errs = errors_of(&with(|d| {
        replace(d, "events.rec", "@event strike-call", "@event big-march")
    }));
    assert_one(&errs, "events.rec:10:", "already used");
    let errs = errors_of(&with(|d| {
        replace(d, "articles.rec", "@article strike", "@article march")
    }));
    assert_one(&errs, "articles.rec:4:", "already used");
}

#[test]
fn duplicate_alias_across_entities() {
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "gazetteer.rec",
            "alias: CGTP",
            "alias: CGTP\nalias: Ruiz",
        )
    }));
    assert_one(
        &errs,
        "gazetteer.rec:18:",
        "alias `Ruiz` already belongs to `ana-ruiz`",
    );
}

#[test]
fn unknown_entity_and_article_ids() {
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "events.rec",
            "entities: lima, ana-ruiz",
            "entities: lima, ana-ruis",
        )
    }));
    assert_one(
        &errs,
        "events.rec:7:",
        "entity `ana-ruis` is not in the gazetteer",
    );
    let errs = errors_of(&with(|d| {
        replace(d, "events.rec", "evidence: march |", "evidence: marsh |")
    }));
    assert_one(&errs, "events.rec:8:", "article `marsh`");
    let errs = errors_of(&with(|d| {
        replace(d, "articles.rec", "file: a.txt", "file: zzz.txt")
    }));
    assert_one(&errs, "articles.rec:2:", "no file `raw/zzz.txt`");
}

#[test]
fn quotes_not_found() {
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "events.rec",
            "Thousands marched in Lima on Friday",
            "Thousands marched in Lima on Saturday",
        )
    }));
    assert_one(&errs, "events.rec:8:", "quote not found");
    // Markdown or escapes in a quote do not match the cleaned text.
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "events.rec",
            "The CGTP called a strike",
            "The *CGTP* called a strike",
        )
    }));
    assert_one(&errs, "events.rec:16:", "quote not found");
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "measures.rec",
            "with [at least 5,000] people",
            "with [at least 6,000] people",
        )
    }));
    assert_one(&errs, "measures.rec:5:", "quote not found");
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "measures.rec",
            "with [at least 5,000] people",
            "[with] at least 5,000 people",
        )
    }));
    assert_one(&errs, "measures.rec:5:", "no recognised figure");
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "measures.rec",
            "with [at least 5,000] people",
            "with at least 5,000 people",
        )
    }));
    assert_one(&errs, "measures.rec:5:", "square brackets");
}

#[test]
fn impossible_dates() {
    let errs = errors_of(&with(|d| {
        replace(d, "events.rec", "date: 2023-03-03", "date: 2023-02-30")
    }));
    assert_one(&errs, "events.rec:3:", "bad date");
    let errs = errors_of(&with(|d| {
        replace(d, "events.rec", "date: 2023-03\n", "date: 2023-13\n")
    }));
    assert_one(&errs, "events.rec:12:", "bad date");
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "events.rec",
            "date: 2023-03-03",
            "date: 2023-03-03..2023-01-01",
        )
    }));
    assert_one(&errs, "events.rec:3:", "bad date");
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "articles.rec",
            "published: 2023-03-10",
            "published: 2023-02-29",
        )
    }));
    assert_one(&errs, "articles.rec:10:", "bad date");
    let errs = errors_of(&with(|d| {
        replace(d, "measures.rec", "| 2023-03-03", "| March 2023")
    }));
    assert_one(&errs, "measures.rec:5:", "as-of");
}

#[test]
fn empty_article() {
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "raw/b.txt",
            "The CGTP called a strike in Lima for March.\n",
            "Loading\n",
        )
    }));
    assert_one(&errs, "raw/b.txt:1:", "empty article");
}

#[test]
fn missing_metadata_is_asked_for() {
    let errs = errors_of(&with(|d| {
        replace(d, "articles.rec", "published: 2023-03-10\n", "")
    }));
    assert_one(&errs, "articles.rec:4:", "no dateline");
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "articles.rec",
            "published_reason: \"last Friday\" in a later piece\n",
            "",
        )
    }));
    assert_one(&errs, "articles.rec:10:", "published_reason");
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "events.rec",
            "basis: \"on Friday\" before 2023-03-04\n",
            "",
        )
    }));
    assert_one(&errs, "events.rec:1:", "basis");
}

#[test]
fn stated_metadata_cannot_be_overridden() {
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "articles.rec",
            "file: a.txt\n",
            "file: a.txt\npublished: 2023-03-05\npublished_reason: guess\n",
        )
    }));
    assert_one(&errs, "articles.rec:3:", "the text has a dateline");
}

#[test]
fn a_new_article_with_full_header_needs_no_record() {
    let mut ds = fixture();
    ds.raw.push(src(
        "raw/c_new_piece.txt",
        "# New piece on Lima\n\nAna Ruiz\n5 May 2023\n\nMore marches in Lima.",
    ));
    let built = compile(&ds).unwrap();
    assert!(built.corpus.articles.iter().any(|a| a.id == "c-new-piece"));
    assert!(built.notes.iter().any(|n| n.contains("c-new-piece")));
    // Without a dateline it is an error that says what to add.
    let mut ds = fixture();
    ds.raw.push(src(
        "raw/d.txt",
        "# Undated piece\n\nAna Ruiz\n\nMore marches in Lima.",
    ));
    let errs = errors_of(&ds);
    assert_one(&errs, "raw/d.txt:1:", "no dateline");
}

#[test]
fn invalid_utf8_and_missing_folder_name_the_file() {
    let dir = std::env::temp_dir().join(format!("corpus-bad-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("raw")).unwrap();
    std::fs::write(dir.join("raw/x.txt"), b"ok line\nbad \xff byte\n").unwrap();
    let errs = corpus_index::load_dir(&dir).unwrap_err();
    assert_eq!(
        errs[0].to_string(),
        "raw/x.txt:2: cannot read: not valid UTF-8"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_command_prints_file_line_and_fails() {
    let dir = std::env::temp_dir().join(format!("corpus-cli-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("raw")).unwrap();
    let ds = with(|d| replace(d, "events.rec", "date: 2023-03-03", "date: 2023-02-31"));
    for s in [&ds.articles, &ds.gazetteer, &ds.events, &ds.measures]
        .into_iter()
        .flatten()
        .chain(ds.raw.iter())
    {
        std::fs::write(dir.join(&s.name), &s.text).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_corpus"))
        .arg("check")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("events.rec:3: bad date"), "{err}");
    assert!(err.contains("no corpus written"));
    // Fixed, it passes and export prints JSON.
    std::fs::write(dir.join("events.rec"), &fixture().events.unwrap().text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_corpus"))
        .arg("export")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_rejected_alias_gives_one_error_not_two() {
    let errs = errors_of(&with(|d| {
        replace(
            d,
            "gazetteer.rec",
            "alias: CGTP",
            "alias: CGTP\nalias: Ruiz",
        )
    }));
    assert_eq!(errs.len(), 1, "{errs:?}");
}

#[test]
fn a_publication_is_a_name_and_an_optional_web_address() {
    let c = |ds: &corpus_index::DataSet| compile(ds).unwrap_or_else(|e| panic!("{e:?}")).corpus;
    let ok = with(|d| {
        replace(
            d,
            "articles.rec",
            "file: a.txt\n",
            "file: a.txt\npublication: La Voz | https://example.org/voz\n",
        );
        replace(
            d,
            "articles.rec",
            "file: b.txt\n",
            "file: b.txt\npublication: Diario Sur\n",
        );
    });
    let corpus = c(&ok);
    let pubs: Vec<(String, Option<String>)> = corpus
        .articles
        .iter()
        .map(|a| {
            let p = a.publication.as_ref().unwrap();
            (p.name.clone(), p.url.clone())
        })
        .collect();
    assert!(pubs.contains(&("La Voz".into(), Some("https://example.org/voz".into()))));
    assert!(pubs.contains(&("Diario Sur".into(), None)));
    assert_eq!(corpus::render::publications(&corpus).len(), 2);
    assert!(c(&fixture())
        .articles
        .iter()
        .all(|a| a.publication.is_none()));
    // The address becomes a link: only http(s), never `javascript:` or a relative path.
    for bad in [
        "La Voz | javascript:alert(1)",
        "La Voz | /local",
        "La Voz | https://",
        "La Voz | https://example.org/a b",
        " | https://example.org/",
    ] {
        let errs = errors_of(&with(|d| {
            replace(
                d,
                "articles.rec",
                "file: a.txt\n",
                &format!("file: a.txt\npublication: {bad}\n"),
            )
        }));
        assert_one(&errs, "articles.rec:3:", "publication");
    }
}
