//! The command line, end to end on a copy of the fixture folder: `import` writes drafts,
//! `check` refuses them and says what is left, `show` reads the text meanwhile, `export`
//! says why it exports nothing, a person confirms, and then `check` and `export` pass.

#[path = "../../corpus/tests/common/mod.rs"]
mod common;
use common::{confirm_all, copy_dir, fixture_dir, temp_dir};
use std::path::Path;
use std::process::{Command, Output};

fn corpus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corpus"))
        .args(args)
        .output()
        .expect("run the corpus binary")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn import_review_confirm_check_export() {
    let dir = temp_dir("cli-import");
    copy_dir(&fixture_dir(), &dir);
    let data = dir.to_str().unwrap();
    let article =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/tests/fixtures/juliaca.txt");
    let id = "2023-01-police-fire-on-marchers";

    // The fixture is valid and fully curated.
    let o = corpus(&["check", data]);
    assert!(o.status.success(), "{}", err(&o));

    // Import: the raw file is copied as it is, drafts are written.
    let o = corpus(&["import", article.to_str().unwrap(), "--data", data]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains(&format!("imported raw/juliaca.txt as article `{id}`")),
        "{}",
        out(&o)
    );
    assert_eq!(
        std::fs::read(dir.join("raw/juliaca.txt")).unwrap(),
        std::fs::read(&article).unwrap()
    );
    let gaz = std::fs::read_to_string(dir.join("gazetteer.rec")).unwrap();
    assert!(gaz.contains("@draft-entity national-human-rights-coordinator"));

    // Check refuses the drafts, each at its file and line, and says what is left.
    let o = corpus(&["check", data]);
    assert!(!o.status.success());
    assert!(
        err(&o).contains(": draft: @draft-entity puno is proposed, not confirmed"),
        "{}",
        err(&o)
    );
    assert!(err(&o).contains("no corpus written"));
    assert!(
        out(&o).contains(&format!(
            "warning: {id} (raw/juliaca.txt) is not fully curated:\n  10 drafts not confirmed: "
        )),
        "{}",
        out(&o)
    );
    assert!(
        out(&o).contains("NOT valid: 3 articles (2 fully curated)"),
        "{}",
        out(&o)
    );

    // Show reads the text while the data has errors, and lists them after it.
    let o = corpus(&["show", id, data]);
    assert!(o.status.success(), "{}", err(&o));
    let shown = out(&o);
    assert!(shown.contains("\np2 (raw line 13)\n"), "{shown}");
    assert!(shown.contains("[National Human Rights Coordinator|organization:national-human-rights-coordinator draft]"), "{shown}");
    assert!(shown.contains("{17 protesters|death-toll}"), "{shown}");
    assert!(
        shown.contains("errors in the data (the text above is shown as far as it could be built):"),
        "{shown}"
    );
    let o = corpus(&["show", "juliaca.txt", data]);
    assert!(o.status.success(), "show by raw file name");
    let o = corpus(&["show", "nope", data]);
    assert!(!o.status.success());
    assert!(err(&o).contains("no article `nope`"), "{}", err(&o));

    // Export says why it exports nothing, and where to read the text meanwhile.
    let o = corpus(&["export", data]);
    assert!(!o.status.success());
    assert!(o.stdout.is_empty());
    assert!(
        err(&o).contains("nothing exported") && err(&o).contains("corpus show ARTICLE"),
        "{}",
        err(&o)
    );

    // A person reviews and confirms (here, a script that accepts every draft).
    for f in [
        "articles.rec",
        "gazetteer.rec",
        "events.rec",
        "measures.rec",
    ] {
        let p = dir.join(f);
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, confirm_all(&t)).unwrap();
    }
    let o = corpus(&["check", data]);
    assert!(o.status.success(), "{}\n{}", out(&o), err(&o));
    assert!(out(&o).contains("valid: 3 articles"), "{}", out(&o));
    // What is left is a warning, not an error: the figure no measure fits.
    assert!(
        out(&o).contains("1 figure with no measure: {more than 60} at raw/juliaca.txt:13 (p2)"),
        "{}",
        out(&o)
    );

    let o = corpus(&["export", data]);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let a = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .expect("the article is exported");
    assert_eq!(a["authors"][0], "Jane Doe");
    assert_eq!(a["authors_status"], "stated");
    assert_eq!(a["published"]["date"], "2023-01-10");

    // The same file cannot be imported twice.
    let o = corpus(&["import", article.to_str().unwrap(), "--data", data]);
    assert!(!o.status.success());
    assert!(err(&o).contains("already exists"), "{}", err(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors() {
    let o = corpus(&["import"]);
    assert_eq!(o.status.code(), Some(2));
    let o = corpus(&["show"]);
    assert_eq!(o.status.code(), Some(2));
    let o = corpus(&["import", "x.txt", "--data"]);
    assert_eq!(o.status.code(), Some(2));
    let o = corpus(&["import", "/no/such/file.txt", "--data", "/tmp"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("cannot read"), "{}", err(&o));
}

#[test]
fn export_formats_take_a_view_address_and_write_to_a_file() {
    let data = common::data_dir();
    let data = data.to_str().unwrap();
    // Today's behaviour: JSON of everything on stdout.
    let o = corpus(&["export", data]);
    assert!(o.status.success(), "{}", err(&o));
    let all: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    // A view's address selects; CSV starts with the byte-order mark and a header.
    let o = corpus(&[
        "export",
        data,
        "--format",
        "csv",
        "--query",
        "q=Juliaca",
        "--base",
        "https://example.org/",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let csv = out(&o);
    assert!(csv.starts_with("\u{feff}id,title,start,end,"), "{csv}");
    assert!(csv.contains("https://example.org/?a="));
    let rows = csv.matches("\r\n").count();
    assert!(
        rows > 1 && rows < all["events"].as_array().unwrap().len(),
        "{rows}"
    );
    let dir = temp_dir("cli-export");
    let file = dir.join("t.json");
    let o = corpus(&[
        "export",
        data,
        "--format",
        "timelinejs",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).is_empty());
    let tl: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(tl["events"].as_array().unwrap().len() > 10);
    let o = corpus(&["export", data, "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("unknown format xml"), "{}", err(&o));
}

#[test]
fn query_prints_what_the_explorer_shows_for_each_url() {
    let data = fixture_dir();
    let data = data.to_str().unwrap();
    let o = corpus(&["query", "--data", data, "", "e=nobody&q=nothing-at-all"]);
    assert!(o.status.success(), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).expect("JSON");
    let all = &v[0];
    let ds = corpus_index::load_dir(&fixture_dir()).unwrap();
    let c = corpus_index::compile(&ds).unwrap().corpus;
    assert_eq!(all["query"], "");
    assert_eq!(all["articles"].as_array().unwrap().len(), c.articles.len());
    assert_eq!(all["events"].as_array().unwrap().len(), c.events.len());
    // Every facet, each with the articles that mention its entity.
    for e in &c.entities {
        let mut mentioned: Vec<u32> = e.mentions.iter().map(|m| m.article).collect();
        mentioned.dedup();
        assert_eq!(
            all["facets"][&e.id]["articles"],
            mentioned.len(),
            "{}",
            e.id
        );
    }
    let none = &v[1];
    assert_eq!(none["articles"].as_array().unwrap().len(), 0);
    assert_eq!(none["ignored"].as_array().unwrap().len(), 1, "{none}");
}

/// A build folder as trunk writes it: the gzipped corpus file and `index/`.
fn built(dir: &Path, n: usize) -> corpus_index::files::SiteFiles {
    let c = corpus_index::synth::generate(common::corpus(), n, 11);
    let files = corpus_index::files::site_files(&c, 4 * 1024);
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("corpus-0123456789abcdef.bin"),
        corpus_index::files::gzip(&files.corpus),
    )
    .unwrap();
    corpus_index::files::write_chunks(dir, &files).unwrap();
    files
}

#[test]
fn verify_checks_a_build_folder_and_names_each_bad_file() {
    let dir = temp_dir("cli-verify");
    let files = built(&dir, 30);
    let d = dir.to_str().unwrap();
    let o = corpus(&["verify", d]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains(&format!(
            "{} search index and text files are present and unchanged",
            files.chunks.len()
        )),
        "{}",
        out(&o)
    );
    // One file gone, one changed: both named, and the command fails.
    let (gone, _) = &files.chunks[2];
    let (changed, _) = &files.chunks[3];
    std::fs::remove_file(dir.join(gone)).unwrap();
    std::fs::write(dir.join(changed), b"not this").unwrap();
    let o = corpus(&["verify", d]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(e.contains(gone.as_str()) && e.contains("missing"), "{e}");
    assert!(
        e.contains(changed.as_str()) && e.contains("not the ones"),
        "{e}"
    );
    assert!(e.contains("2 problem(s)"), "{e}");
    // Not a build folder; no folder at all; no argument.
    let empty = temp_dir("cli-verify-empty");
    std::fs::create_dir_all(&empty).unwrap();
    let o = corpus(&["verify", empty.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("expected one corpus file"), "{}", err(&o));
    let o = corpus(&["verify", "/nonexistent/pce"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("/nonexistent/pce"), "{}", err(&o));
    assert_eq!(corpus(&["verify"]).status.code(), Some(2));
}
