//! View models: facets, result rows, counts, provenance, the timeline's status line.

mod common;
use common::{corpus, fixture};
use corpus::view::{
    facet, facet_counts, live_count, provenance, result_row, results_count, FACET_SHORT,
};
use corpus::{compile, Engine, EntityKind, Filter, Provenance};

fn engine() -> Engine {
    Engine::new(corpus().clone())
}

#[test]
fn a_facet_lists_selected_first_then_by_matches() {
    let e = engine();
    let c = e.corpus();
    let all = e.run(&Filter::default());
    let counts = facet_counts(c, &all, EntityKind::Person);
    let people = c
        .entities
        .iter()
        .filter(|x| x.kind == EntityKind::Person)
        .count();
    assert_eq!(counts.len(), people);
    let v = facet(c, &counts, &[], &[], EntityKind::Person, "", false);
    assert!(!v.hidden);
    assert_eq!(v.total, people);
    assert_eq!(v.rows.len(), people.min(FACET_SHORT));
    assert_eq!(v.toggle, (people > FACET_SHORT).then_some(false));
    for w in v.rows.windows(2) {
        assert!(
            (w[0].articles, w[0].events) >= (w[1].articles, w[1].events),
            "by matches: {w:?}"
        );
    }
    // The least mentioned, once selected, comes first.
    let last = counts
        .iter()
        .min_by_key(|f| (f.articles, f.events))
        .expect("people");
    let v = facet(
        c,
        &counts,
        &[last.entity],
        &[],
        EntityKind::Person,
        "",
        false,
    );
    assert_eq!(v.rows[0].entity, last.entity);
    assert!(v.rows[0].selected);
    // Expanded, all are listed.
    let v = facet(c, &counts, &[], &[], EntityKind::Person, "", true);
    assert_eq!(v.rows.len(), people);
}

#[test]
fn a_facet_filter_box_forgives_accents_and_finds_aliases() {
    let e = engine();
    let c = e.corpus();
    let counts = facet_counts(c, &e.run(&Filter::default()), EntityKind::Person);
    let jeri = c
        .entity_ix("jose-jeri")
        .expect("José Jerí is in the gazetteer");
    let v = facet(c, &counts, &[], &[], EntityKind::Person, " jeri ", false);
    assert!(v.rows.iter().any(|r| r.entity == jeri), "{v:?}");
    assert_eq!(v.toggle, None, "no toggle while filtering");
    let v = facet(c, &counts, &[], &[], EntityKind::Person, "zzzz", false);
    assert!(v.rows.is_empty());
    assert_eq!(v.matching, 0);
}

#[test]
fn values_that_would_give_nothing_are_marked_empty() {
    let e = engine();
    let c = e.corpus();
    // Filter by one article's worth of text: many people are not in it.
    let first = &c.articles[0];
    let r = e.run(&Filter {
        text: format!(
            "\"{}\"",
            first.paragraphs[0]
                .text
                .split(' ')
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        ),
        ..Filter::default()
    });
    let counts = facet_counts(c, &r, EntityKind::Person);
    let v = facet(c, &counts, &[], &[], EntityKind::Person, "", true);
    for row in &v.rows {
        assert_eq!(row.empty, row.articles == 0 && row.events == 0);
    }
}

#[test]
fn a_kind_left_out_of_the_filters_hides_its_facet() {
    let e = engine();
    let c = e.corpus();
    let r = e.run(&Filter {
        kinds: vec![EntityKind::Place],
        ..Filter::default()
    });
    let people = facet_counts(c, &r, EntityKind::Person);
    assert!(people.is_empty());
    let v = facet(
        c,
        &people,
        &[],
        &[EntityKind::Place],
        EntityKind::Person,
        "",
        false,
    );
    assert!(v.hidden);
    let places = facet_counts(c, &r, EntityKind::Place);
    assert!(
        !facet(
            c,
            &places,
            &[],
            &[EntityKind::Place],
            EntityKind::Place,
            "",
            false
        )
        .hidden
    );
}

#[test]
fn a_result_row_shows_why_it_matched() {
    let e = Engine::new(compile(&fixture()).expect("fixture").corpus);
    let all = e.run(&Filter::default());
    assert_eq!(results_count(&all), "2 articles, 2 events");
    assert_eq!(live_count(&all), "2 articles and 2 events match");
    let march = e.corpus().article_ix("march").unwrap();
    let row = all
        .articles
        .iter()
        .find(|r| r.article == march)
        .map(|r| result_row(&e, r, ""))
        .unwrap();
    assert_eq!(row.paragraph, None);
    assert!(row.snippet.text.starts_with("Thousands marched"));
    assert!(row.snippet.highlights.is_empty());
    assert_eq!(row.authors, "Juan Pérez");
    assert_eq!(row.date, "4 Mar 2023");
    assert!(!row.date_inferred && !row.title_supplied);
    // With a search, the passage that matched, with its hits.
    let r = e.run(&Filter {
        text: "group".into(),
        ..Filter::default()
    });
    let row = result_row(&e, &r.articles[0], "group");
    assert_eq!(row.paragraph, Some(1));
    let (s, t) = row.snippet.highlights[0];
    assert_eq!(&row.snippet.text[s as usize..t as usize], "group");
    // An article without title, byline or dateline says so.
    let strike = e.corpus().article_ix("strike").unwrap();
    let row = all
        .articles
        .iter()
        .find(|r| r.article == strike)
        .map(|r| result_row(&e, r, ""))
        .unwrap();
    assert!(row.title_supplied && row.date_inferred);
    assert_eq!(row.authors, "author unknown");
}

#[test]
fn the_lead_is_the_opening_cut_with_an_ellipsis() {
    use corpus::view::{lead, LEAD_CHARS};
    for a in &corpus().articles {
        let first = &a
            .paragraphs
            .iter()
            .find(|p| p.kind == corpus::ParagraphKind::Body)
            .expect("a body paragraph")
            .text;
        let l = lead(a);
        if first.chars().count() > LEAD_CHARS {
            assert!(l.ends_with('…'), "{l}");
            assert_eq!(l.chars().count(), LEAD_CHARS + 1);
            assert!(first.starts_with(l.trim_end_matches('…')));
        } else {
            assert_eq!(&l, first);
        }
    }
}

#[test]
fn provenance_says_what_is_stated_and_why_the_rest() {
    let c = compile(&fixture()).expect("fixture").corpus;
    let march = &c.articles[c.article_ix("march").unwrap() as usize];
    let rows = provenance(march);
    assert_eq!(
        rows.iter().map(|r| r.field).collect::<Vec<_>>(),
        ["Title", "Authors", "Published"]
    );
    assert!(rows.iter().all(|r| !r.inferred && r.why.is_none()));
    assert_eq!(rows[2].datetime.as_deref(), Some("2023-03-04"));
    let strike = &c.articles[c.article_ix("strike").unwrap() as usize];
    assert_eq!(strike.title_status, Provenance::Supplied);
    let rows = provenance(strike);
    assert!(rows.iter().all(|r| r.inferred), "{rows:?}");
    assert_eq!(rows[0].status, "supplied (not in the text)");
    assert_eq!(rows[1].value, "Unknown");
    let (summary, lines) = rows[2].why.clone().expect("the date's reason");
    assert_eq!(summary, "How the date was inferred");
    assert!(lines[0].contains("last Friday"));
}

#[test]
fn the_timeline_status_says_what_lies_outside_the_window() {
    use corpus::timeline::{default_viewport, items, layout, status, Options};
    let c = corpus();
    let its = items(c, None);
    let v = default_viewport(c, 900.0);
    let l = layout(c, &its, &v, &Options::default());
    let s = status(&l, &v);
    assert!(s.starts_with("Showing "), "{s}");
    if l.before > 0 {
        assert!(s.contains(" earlier"), "{s}");
    }
    if l.after > 0 {
        assert!(s.contains(" later."), "{s}");
    }
    assert!(!s.contains(".,"), "{s}");
}

#[test]
fn a_search_that_finds_nothing_keeps_the_facet_order() {
    let e = engine();
    let c = e.corpus();
    let none = e.run(&Filter {
        text: "\"zzzz qqqq\"".into(),
        ..Filter::default()
    });
    assert!(none.articles.is_empty() && none.events.is_empty());
    for kind in EntityKind::ALL {
        let counts = facet_counts(c, &none, kind);
        let v = facet(c, &counts, &[], &[], kind, "", true);
        assert!(v.rows.iter().all(|r| r.empty), "{kind:?}");
        // Most mentioned first, as an unfiltered list of equal counts would be.
        let mentions: Vec<usize> = v
            .rows
            .iter()
            .map(|r| c.entities[r.entity as usize].mentions.len())
            .collect();
        assert!(
            mentions.windows(2).all(|w| w[0] >= w[1]),
            "{kind:?}: {mentions:?}"
        );
    }
}
