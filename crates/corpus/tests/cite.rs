//! Citations of a paragraph (the reader's "Cite" menu): what each form says when the
//! corpus knows the author and date, when it does not, and when it inferred them.

mod common;
use corpus::cite::{bibtex_escape, cite, key};

const URL: &str = "https://example.org/explorer/?a=2022-12-protests-mount&p=p3";

fn article(id: &str) -> u32 {
    common::corpus()
        .article_ix(id)
        .expect("the article is in the corpus")
}

#[test]
fn a_stated_article_is_cited_with_its_author_date_and_paragraph_url() {
    let c = common::corpus();
    let x = cite(c, article("2022-12-protests-mount"), 2, URL);
    assert_eq!(
        x.plain,
        format!("Andrea Lobo. “Protests mount in Peru with at least 21 killed by US-trained security forces.” World Socialist Web Site, 16 December 2022, paragraph 3. {URL}")
    );
    assert_eq!(
        x.bibtex,
        format!("@misc{{lobo2022protests-p3,\n  author = {{Andrea Lobo}},\n  title = {{{{Protests mount in Peru with at least 21 killed by US-trained security forces}}}},\n  howpublished = {{World Socialist Web Site}},\n  year = {{2022}},\n  month = {{12}},\n  date = {{2022-12-16}},\n  url = {{{URL}}},\n  note = {{Paragraph 3}},\n}}\n")
    );
    let csl: serde_json::Value = serde_json::from_str(&x.csl_json).unwrap();
    let item = &csl[0];
    assert_eq!(item["id"], "lobo2022protests-p3");
    assert_eq!(item["type"], "article-newspaper");
    assert_eq!(item["author"][0]["literal"], "Andrea Lobo");
    assert_eq!(
        item["issued"]["date-parts"][0],
        serde_json::json!([2022, 12, 16])
    );
    assert!(item["issued"].get("circa").is_none());
    assert_eq!(item["URL"], URL);
    assert_eq!(item["container-title"], "World Socialist Web Site");
}

#[test]
fn an_unknown_author_is_said_and_left_out_of_the_entries() {
    let c = common::corpus();
    let x = cite(c, article("2023-01-takeover-of-lima"), 13, URL);
    assert!(x.plain.starts_with("Author unknown. “["), "{}", x.plain);
    assert!(!x.bibtex.contains("author ="), "{}", x.bibtex);
    assert!(x.bibtex.contains("author unknown"), "{}", x.bibtex);
    assert!(x.bibtex.starts_with("@misc{anon2023"), "{}", x.bibtex);
    let csl: serde_json::Value = serde_json::from_str(&x.csl_json).unwrap();
    assert!(csl[0].get("author").is_none());
    assert!(csl[0]["note"].as_str().unwrap().contains("author unknown"));
}

#[test]
fn an_inferred_date_says_inferred_and_a_bounded_one_gives_its_bounds() {
    let c = common::corpus();
    // Inferred to the day.
    let x = cite(c, article("2023-01-takeover-of-lima"), 0, URL);
    assert!(
        x.plain
            .contains(", 23 January 2023 (inferred), paragraph 1."),
        "{}",
        x.plain
    );
    assert!(x.bibtex.contains("note = {Paragraph 1; author unknown; publication date inferred: 23 January 2023 (inferred); title supplied by the corpus curators}"), "{}", x.bibtex);
    let csl: serde_json::Value = serde_json::from_str(&x.csl_json).unwrap();
    assert_eq!(csl[0]["issued"]["circa"], true);
    // Only bounded: both bounds, no day pretended.
    let x = cite(c, article("2023-07-protests-resume"), 4, URL);
    assert!(
        x.plain
            .contains("between 21 July 2023 and 27 July 2023 (inferred)"),
        "{}",
        x.plain
    );
    assert!(
        x.bibtex.contains("date = {2023-07-21/2023-07-27}"),
        "{}",
        x.bibtex
    );
    assert!(!x.bibtex.contains("month ="), "{}", x.bibtex);
    let csl: serde_json::Value = serde_json::from_str(&x.csl_json).unwrap();
    assert_eq!(
        csl[0]["issued"]["date-parts"],
        serde_json::json!([[2023, 7, 21], [2023, 7, 27]])
    );
}

#[test]
fn a_supplied_title_is_in_square_brackets() {
    let c = common::corpus();
    let a = article("2023-01-takeover-of-lima");
    let x = cite(c, a, 0, URL);
    let title = &c.articles[a as usize].title;
    assert!(
        x.plain
            .contains(&format!("“[{}]", title.trim_end_matches('.'))),
        "{}",
        x.plain
    );
    assert!(
        x.bibtex.contains(&format!("title = {{{{[{title}]}}}}")),
        "{}",
        x.bibtex
    );
}

#[test]
fn bibtex_special_characters_are_escaped() {
    assert_eq!(
        bibtex_escape(r"50% & $3 #1 a_b {x} \ ^ ~"),
        r"50\% \& \$3 \#1 a\_b \{x\} \textbackslash{} \textasciicircum{} \textasciitilde{}"
    );
    // The hostile corpus: every field of every entry stays balanced.
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile-data");
    let h = corpus_index::compile(&corpus_index::load_dir(&dir).unwrap())
        .unwrap()
        .corpus;
    for a in 0..h.articles.len() as u32 {
        let b = cite(&h, a, 0, "https://example.org/?a=x&p=p1").bibtex;
        let mut depth = 0i32;
        let mut prev = ' ';
        for ch in b.chars() {
            match ch {
                '{' if prev != '\\' => depth += 1,
                '}' if prev != '\\' => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "{b}");
            prev = ch;
        }
        assert_eq!(depth, 0, "{b}");
        serde_json::from_str::<serde_json::Value>(&cite(&h, a, 0, "u").csl_json).unwrap();
    }
}

#[test]
fn keys_are_stable_ascii_and_name_the_paragraph() {
    let c = common::corpus();
    let a = &c.articles[article("2026-01-crisis-of-rule") as usize];
    assert_eq!(key(a, 4), "uco2026elections-p5");
    assert_eq!(key(a, 4), key(a, 4));
    for a in &c.articles {
        let k = key(a, 0);
        assert!(
            k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "{k}"
        );
    }
}
