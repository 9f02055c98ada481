//! `corpus check` says what is left to curate in each article, not just `ok`.

#[path = "../../corpus/tests/common/mod.rs"]
mod common;
use common::{juliaca, small_data, src, with_files};
use corpus_index::compile::build;
use corpus_index::coverage::coverage;

#[test]
fn a_curated_article_is_complete() {
    let b = build(&small_data());
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let cov = coverage(&b);
    assert_eq!(cov.len(), 2);
    assert!(cov.iter().all(|c| c.is_complete()), "{cov:#?}");
}

#[test]
fn an_article_with_only_a_record_is_not_ok() {
    let mut ds = small_data();
    ds.raw.push(src(
        "raw/c_kenna.txt",
        "# Envoy visits Lima\n\nAna Ruiz\n10 January 2023\n\nThe envoy said nothing of note.\n\nLisa Kenna met officials in Lima last Thursday, and 12 people protested outside.\n\nKenna left.",
    ));
    let b = build(&ds);
    assert!(b.errors.is_empty(), "it compiles: {:?}", b.errors);
    let cov = coverage(&b);
    let c = cov.iter().find(|c| c.article == "c-kenna").unwrap();
    assert!(!c.is_complete());
    let bare: Vec<(&str, usize)> = c
        .bare_paragraphs
        .iter()
        .map(|p| (p.paragraph.as_str(), p.line))
        .collect();
    assert_eq!(bare, [("p1", 6), ("p3", 10)]);
    let names: Vec<(&str, usize)> = c.names.iter().map(|n| (n.name.as_str(), n.count)).collect();
    assert_eq!(names, [("Lisa Kenna", 1)]);
    assert_eq!(c.dated.len(), 1);
    assert_eq!(c.dated[0].expression, "last Thursday");
    assert_eq!(c.dated[0].place.paragraph, "p2");
    let figs: Vec<&str> = c.figures.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(figs, ["12 people"]);
    let report = c.report(4);
    for want in [
        "  2 paragraphs with no curated entity: raw/c_kenna.txt:6 (p1); raw/c_kenna.txt:10 (p3)",
        "  1 name not in the gazetteer: Lisa Kenna, first at raw/c_kenna.txt:8 (p2)",
        "  1 dated sentence with no event: “last Thursday” at raw/c_kenna.txt:8 (p2): “Lisa Kenna met officials",
        "  1 figure with no measure: {12 people} at raw/c_kenna.txt:8 (p2)",
    ] {
        assert!(report.contains(want), "{want}\nin\n{report}");
    }
}

#[test]
fn report_lists_the_first_few_and_counts_the_rest() {
    let mut ds = small_data();
    let body: Vec<String> = (1..=7)
        .map(|i| format!("Paragraph {i} names nobody at all."))
        .collect();
    ds.raw.push(src(
        "raw/c_many.txt",
        &format!(
            "# Many paragraphs\n\nAna Ruiz\n10 January 2023\n\n{}",
            body.join("\n\n")
        ),
    ));
    let cov = coverage(&build(&ds));
    let c = cov.iter().find(|c| c.article == "c-many").unwrap();
    let r = c.report(4);
    assert!(r.contains("7 paragraphs with no curated entity: "), "{r}");
    assert!(r.contains("(p4), and 3 more"), "{r}");
}

#[test]
fn unconfirmed_drafts_are_counted_per_article() {
    let ds = small_data();
    let imp = corpus_index::import::import(&ds, "juliaca.txt", &juliaca()).unwrap();
    let b = build(&with_files(&ds, &imp.files));
    let cov = coverage(&b);
    let c = cov.iter().find(|c| c.article == imp.id).unwrap();
    assert_eq!(c.drafts.len(), 10, "{:#?}", c.drafts);
    assert!(c
        .drafts
        .iter()
        .any(|d| d.starts_with("gazetteer.rec:") && d.ends_with("@draft-entity puno")));
    assert!(c
        .drafts
        .iter()
        .any(|d| d.contains("draft-evidence in @event castillo-ouster")));
    assert!(c
        .drafts
        .iter()
        .any(|d| d.contains("draft-value in @measure death-toll")));
    // The draft for the existing event also concerns only the new article.
    let march = cov.iter().find(|c| c.article == "march").unwrap();
    assert!(march.drafts.is_empty(), "{:?}", march.drafts);
    assert!(c.report(4).contains("10 drafts not confirmed: "));
}

#[test]
fn the_real_articles_have_readable_coverage() {
    let b = build(&corpus_index::load_dir(&common::data_dir()).unwrap());
    assert!(b.errors.is_empty());
    let cov = coverage(&b);
    assert_eq!(cov.len(), b.corpus.articles.len());
    let aliases: Vec<&str> = b
        .corpus
        .entities
        .iter()
        .flat_map(|e| e.aliases.iter().map(|a| a.text.as_str()))
        .collect();
    for c in &cov {
        assert!(c.drafts.is_empty());
        for n in &c.names {
            assert!(
                !aliases.contains(&n.name.as_str()),
                "{} is an alias",
                n.name
            );
            assert!(
                !corpus_index::scan::is_demonym(&n.name),
                "{} is a demonym",
                n.name
            );
        }
        for line in c.report(4).lines() {
            assert!(
                line.chars().count() < 600,
                "a report line this long is not readable: {line}"
            );
        }
    }
}

/// What a curator decided to leave is written in the article's record: it leaves the
/// report, the article is complete, and a line that matches nothing is reported.
#[test]
fn not_curated_lines_leave_items_on_purpose_and_stale_ones_are_reported() {
    let mut ds = small_data();
    ds.raw.push(src(
        "raw/c_kenna.txt",
        "# Envoy visits Lima\n\nAna Ruiz\n10 January 2023\n\nThe envoy said nothing of note.\n\nLisa Kenna met officials in Lima last Thursday, and 12 people protested outside.\n\nKenna left.",
    ));
    let record = |extra: &str| {
        let mut text = ds.articles.as_ref().unwrap().text.clone();
        text.push_str("\n@article c-kenna\nfile: c_kenna.txt\n");
        text.push_str(extra);
        with_files(&ds, &[src("articles.rec", &text)])
    };
    let all = "not_curated: paragraph p1 | names nobody\n\
               not_curated: paragraph p3 | a surname alone\n\
               not_curated: name Lisa Kenna | a test of the mechanism\n\
               not_curated: dated last Thursday | a test of the mechanism\n\
               not_curated: figure 12 people | a crowd, not a toll\n";
    let b = build(&record(all));
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let cov = coverage(&b);
    let c = cov.iter().find(|c| c.article == "c-kenna").unwrap();
    assert!(c.is_complete(), "{c:#?}");
    assert_eq!(c.left_on_purpose, 5);

    // One line too many: it matches nothing, and the report says which line to remove.
    let b = build(&record(&format!(
        "{all}not_curated: name Nobody Here | stale\n"
    )));
    assert!(b.errors.is_empty(), "{:?}", b.errors);
    let cov = coverage(&b);
    let c = cov.iter().find(|c| c.article == "c-kenna").unwrap();
    assert!(!c.is_complete());
    assert_eq!(c.stale.len(), 1);
    assert!(c.stale[0].starts_with("articles.rec:") && c.stale[0].ends_with(": name Nobody Here"));
    assert!(
        c.report(4)
            .contains("1 not_curated line that matches nothing left (remove it)"),
        "{}",
        c.report(4)
    );

    // A line without a reason or with an unknown kind is an error at its line.
    for bad in [
        "not_curated: name Lisa Kenna\n",
        "not_curated: person Lisa Kenna | a kind that does not exist\n",
        "not_curated: figure | nothing named\n",
    ] {
        let b = build(&record(bad));
        let errs: Vec<String> = b.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 1, "{bad}: {errs:?}");
        assert!(
            errs[0].starts_with("articles.rec:") && errs[0].contains("KIND WHAT | why"),
            "{errs:?}"
        );
    }
}
