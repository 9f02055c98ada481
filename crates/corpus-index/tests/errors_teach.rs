//! Errors that teach: a quote that is not found names the closest passage and the first
//! differing character; one bad record gives one error, at its own line.

#[path = "../../corpus/tests/common/mod.rs"]
mod common;
use common::{data_dir, src};
use corpus_index::compile::build;
use corpus_index::{load_dir, DataSet};

/// The real data set with one replacement in one file; the errors as strings.
fn real_with(file: &str, from: &str, to: &str) -> Vec<String> {
    let mut ds = load_dir(&data_dir()).unwrap();
    let s = match file {
        "articles.rec" => ds.articles.as_mut(),
        "gazetteer.rec" => ds.gazetteer.as_mut(),
        "events.rec" => ds.events.as_mut(),
        _ => ds.measures.as_mut(),
    }
    .unwrap();
    assert!(s.text.contains(from), "{file} has no {from:?}");
    s.text = s.text.replacen(from, to, 1);
    build(&ds).errors.iter().map(|e| e.to_string()).collect()
}

/// The 1-based line of the first line of `needle` in a data file.
fn line_of(file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(data_dir().join(file)).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {file}"));
    text[..at].matches('\n').count() + 1
}

fn exactly_one(errs: &[String], prefix: &str, needle: &str) {
    assert_eq!(
        errs.len(),
        1,
        "expected one error, got:\n{}",
        errs.join("\n")
    );
    assert!(
        errs[0].starts_with(prefix) && errs[0].contains(needle),
        "expected {prefix:?} … {needle:?}, got {}",
        errs[0]
    );
}

#[test]
fn a_wrong_article_record_gives_one_error_not_forty() {
    // Before: 42 errors, 17 of them "never found" on correct gazetteer lines and the rest
    // "unknown article" on correct evidence lines.
    let l = line_of("articles.rec", "file: 001_c4252d1428ab7677.txt");
    let errs = real_with(
        "articles.rec",
        "file: 001_c4252d1428ab7677.txt\n",
        "file: 001_c4252d1428ab7677.txt\ntitle: Protests mount\n",
    );
    exactly_one(
        &errs,
        &format!("articles.rec:{}: conflict", l + 1),
        "remove `title`",
    );
    let errs = real_with(
        "articles.rec",
        "file: 001_c4252d1428ab7677.txt",
        "file: 001_c4252d1428ab.txt",
    );
    exactly_one(
        &errs,
        &format!("articles.rec:{l}: unknown id"),
        "raw files with no record: raw/001_c4252d1428ab7677.txt",
    );
}

#[test]
fn missing_or_bad_article_metadata_gives_one_error() {
    let rec = line_of("articles.rec", "@article 2023-01-takeover-of-lima");
    let errs = real_with("articles.rec", "published: 2023-01-23\n", "");
    exactly_one(
        &errs,
        &format!("articles.rec:{rec}: missing"),
        "no dateline",
    );
    let l = line_of("articles.rec", "published: 2023-01-23");
    let errs = real_with(
        "articles.rec",
        "published: 2023-01-23",
        "published: 2023-01-32",
    );
    exactly_one(&errs, &format!("articles.rec:{l}: bad date"), "2023-01-32");
}

#[test]
fn a_broken_header_gives_one_error() {
    let l = line_of("articles.rec", "@article 2022-12-protests-mount");
    let errs = real_with(
        "articles.rec",
        "@article 2022-12-protests-mount",
        "@article",
    );
    exactly_one(
        &errs,
        &format!("articles.rec:{l}: syntax error"),
        "`@KIND ID`",
    );
    let errs = real_with(
        "articles.rec",
        "@article 2022-12-protests-mount",
        "@article 2022-12-Protests-mount",
    );
    exactly_one(&errs, &format!("articles.rec:{l}: invalid"), "lowercase");
    let l = line_of("gazetteer.rec", "@entity dina-boluarte");
    let errs = real_with("gazetteer.rec", "@entity dina-boluarte", "@entity");
    exactly_one(
        &errs,
        &format!("gazetteer.rec:{l}: syntax error"),
        "`@KIND ID`",
    );
    let errs = real_with(
        "gazetteer.rec",
        "@entity dina-boluarte",
        "@entity pedro-castillo",
    );
    exactly_one(
        &errs,
        &format!("gazetteer.rec:{l}: duplicate"),
        "already used",
    );
    let l = line_of("measures.rec", "@measure death-toll");
    let errs = real_with("measures.rec", "@measure death-toll", "@measure");
    exactly_one(
        &errs,
        &format!("measures.rec:{l}: syntax error"),
        "`@KIND ID`",
    );
    let l = line_of("events.rec", "@event era-castillo-government");
    let errs = real_with(
        "events.rec",
        "@event era-castillo-government",
        "@entity era-castillo-government",
    );
    exactly_one(
        &errs,
        &format!("events.rec:{l}: syntax error"),
        "expected `@event ID`",
    );
}

#[test]
fn one_bad_field_gives_one_error() {
    let l = line_of("gazetteer.rec", "alias: Dina Boluarte");
    let errs = real_with(
        "gazetteer.rec",
        "alias: Dina Boluarte",
        "alias: Dina Boluart",
    );
    exactly_one(&errs, &format!("gazetteer.rec:{l}: invalid"), "never found");
    let l = line_of("events.rec", "entities: pedro-castillo, peru");
    let errs = real_with(
        "events.rec",
        "entities: pedro-castillo, peru",
        "entities: pedro-castilo, peru",
    );
    exactly_one(
        &errs,
        &format!("events.rec:{l}: unknown id"),
        "pedro-castilo",
    );
}

fn curly() -> DataSet {
    DataSet {
        articles: None,
        gazetteer: Some(src(
            "gazetteer.rec",
            "@entity lima\nname: Lima\nkind: place\nalias: Lima\ndescription: Capital.\n",
        )),
        events: Some(src(
            "events.rec",
            "@event t\ntitle: T\ndate: 2023-01-19\ndated: stated\ncategory: protest\nevidence: a | Protests in Peru’s capital marked the “takeover of Lima”\n",
        )),
        measures: None,
        raw: vec![src(
            "raw/a.txt",
            "# Marchers in Lima\n\nAna Ruiz\n20 January 2023\n\nA first paragraph.\n\nProtests in Peru’s capital marked the “takeover of Lima” on January 19.",
        )],
    }
}

fn quote_error(quote: &str) -> String {
    let mut ds = curly();
    let ev = ds.events.as_mut().unwrap();
    ev.text = ev.text.replace(
        "Protests in Peru’s capital marked the “takeover of Lima”",
        quote,
    );
    let errs: Vec<String> = build(&ds).errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    errs[0].clone()
}

#[test]
fn quote_hint_straight_apostrophe_for_curly() {
    assert!(
        build(&curly()).errors.is_empty(),
        "{:?}",
        build(&curly()).errors
    );
    let e = quote_error("Protests in Peru's capital");
    assert!(e.starts_with("events.rec:6: quote not found:"), "{e}");
    assert!(
        e.contains("closest passage (p2): “Protests in Peru’s capital"),
        "{e}"
    );
    assert!(
        e.contains("first difference at character 17 of the quote: the quote has ' (U+0027 APOSTROPHE, straight) where the text has ’ (U+2019 RIGHT SINGLE QUOTATION MARK, a curly apostrophe)"),
        "{e}"
    );
}

#[test]
fn quote_hint_straight_double_quotes_for_curly() {
    let e = quote_error("marked the \"takeover of Lima\"");
    assert!(
        e.contains("the quote has \" (U+0022 QUOTATION MARK, straight) where the text has “ (U+201C LEFT DOUBLE QUOTATION MARK, curly)"),
        "{e}"
    );
}

#[test]
fn quote_hint_double_space_and_other_words() {
    let e = quote_error("marked the “takeover of  Lima”");
    assert!(e.contains("a double space"), "{e}");
    let e = quote_error("Protests in Peru’s capital marked the “takeover of Cusco”");
    assert!(
        e.contains("the quote has C (U+0043) where the text has L (U+004C)"),
        "{e}"
    );
    let e = quote_error("Nothing like it at all, not a word");
    assert!(
        e.contains("no passage of the article is close to it"),
        "{e}"
    );
}

#[test]
fn a_measure_quote_gets_the_hint_too() {
    let mut ds = common::fixture();
    let m = ds.measures.as_mut().unwrap();
    m.text = m.text.replace(
        "with [at least 5,000] people",
        "with [at least 5.000] people",
    );
    let errs: Vec<String> = build(&ds).errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].starts_with("measures.rec:5: quote not found"),
        "{}",
        errs[0]
    );
    assert!(
        errs[0].contains("the quote has . (U+002E) where the text has , (U+002C)"),
        "{}",
        errs[0]
    );
}
