//! View models: facets, result rows, counts, provenance, the timeline's status line.

mod common;
use common::{corpus, fixture};
use corpus::view::{
    facet, facet_counts, live_count, provenance, result_row, results_count, FACET_SHORT,
};
use corpus::{Engine, EntityKind, Filter, Provenance};
use corpus_index::compile;

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
        .map(|r| result_row(&e, r, "", &[]))
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
    let row = result_row(&e, &r.articles[0], "group", &[]);
    assert_eq!(row.paragraph, Some(1));
    let (s, t) = row.snippet.highlights[0];
    assert_eq!(&row.snippet.text[s as usize..t as usize], "group");
    // An article without title, byline or dateline says so.
    let strike = e.corpus().article_ix("strike").unwrap();
    let row = all
        .articles
        .iter()
        .find(|r| r.article == strike)
        .map(|r| result_row(&e, r, "", &[]))
        .unwrap();
    assert!(row.title_supplied && row.date_inferred);
    assert_eq!(row.authors, "author unknown");
}

#[test]
fn the_lead_is_the_opening_cut_with_an_ellipsis() {
    use corpus::view::{lead, LEAD_CHARS};
    for (ai, a) in corpus().articles.iter().enumerate() {
        let first = &a
            .paragraphs
            .iter()
            .find(|p| p.kind == corpus::ParagraphKind::Body)
            .expect("a body paragraph")
            .text;
        let l = lead(corpus(), ai as u32);
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

#[test]
fn a_measure_lists_every_value_in_date_order_with_the_change() {
    let e = engine();
    let c = e.corpus();
    // Every measure reported by two or more articles: its rows cover its values, in the
    // order of the dates they describe, and each after the first says its change.
    for (mi, m) in c.measures.iter().enumerate() {
        let rows = corpus::view::measure_rows(c, mi as u32);
        assert_eq!(rows.len(), m.values.len(), "{}", m.id);
        for w in rows.windows(2) {
            assert!(
                w[1].change.is_some() || {
                    let (a, b) = (
                        &c.figures[w[0].figure as usize],
                        &c.figures[w[1].figure as usize],
                    );
                    a.unit != b.unit
                }
            );
        }
        if let Some(first) = rows.first() {
            assert_eq!(first.change, None);
        }
        for r in &rows {
            let f = &c.figures[r.figure as usize];
            assert_eq!(r.article, f.article);
            assert_eq!(r.written, c.figure_text(f));
            assert!(!r.as_of.contains(".."), "{}", r.as_of);
        }
    }
    // The death toll keeps its qualifiers and says when a change is not exact.
    let toll = c
        .measures
        .iter()
        .position(|m| m.id == "death-toll")
        .expect("death toll") as u32;
    let rows = corpus::view::measure_rows(c, toll);
    assert!(rows.iter().any(|r| r.value.starts_with("at least")));
    assert!(rows
        .iter()
        .filter_map(|r| r.change.as_deref())
        .any(|ch| ch.contains("not exact")));
}

#[test]
fn an_article_lists_its_figures_with_what_they_measure() {
    let e = engine();
    let c = e.corpus();
    for (ai, _) in c.articles.iter().enumerate() {
        let figs = corpus::view::article_figures(&e, ai as u32);
        assert_eq!(
            figs.len(),
            c.figures.iter().filter(|f| f.article == ai as u32).count()
        );
        for w in figs.windows(2) {
            let (a, b) = (
                &c.figures[w[0].figure as usize],
                &c.figures[w[1].figure as usize],
            );
            assert!(
                (a.paragraph, a.start) < (b.paragraph, b.start),
                "text order"
            );
        }
        for f in &figs {
            if let Some(m) = f.measure {
                assert_eq!(f.what, c.measures[m as usize].name);
                assert!(c.measures[m as usize]
                    .values
                    .iter()
                    .any(|v| v.figure == f.figure));
                assert!(corpus::view::figure_title(&e, f.figure).starts_with(&f.what));
            }
        }
    }
}

#[test]
fn an_entity_filter_shows_the_passage_that_names_it() {
    let e = engine();
    let c = e.corpus();
    let kenna = c.entity_ix("lisa-kenna").expect("Kenna");
    let r = e.run(&Filter {
        entities: vec![kenna],
        ..Filter::default()
    });
    assert!(!r.articles.is_empty());
    for a in &r.articles {
        let row = result_row(&e, a, "", &[kenna]);
        let p = row.paragraph.expect("a passage");
        assert!(e.entities_in_paragraph(a.article, p).contains(&kenna));
        let marked: Vec<&str> = row
            .snippet
            .highlights
            .iter()
            .map(|&(s, t)| &row.snippet.text[s as usize..t as usize])
            .collect();
        assert!(marked.iter().any(|m| m.contains("Kenna")), "{marked:?}");
    }
}

#[test]
fn a_search_that_finds_nothing_offers_names_and_a_filter_to_drop() {
    let e = engine();
    let c = e.corpus();
    let f = Filter {
        text: "Bolaurte".into(),
        ..Filter::default()
    };
    let r = e.run(&f);
    let d = corpus::view::dead_end(&e, &f, &r).expect("a dead end");
    assert!(
        d.suggestions.iter().any(|s| s.word == "Boluarte"),
        "{:?}",
        d.suggestions
    );
    // An entity and a word that never meet: dropping either finds something.
    let kenna = c.entity_ix("lisa-kenna").unwrap();
    let f = Filter {
        text: "Jerí".into(),
        entities: vec![kenna],
        ..Filter::default()
    };
    let r = e.run(&f);
    let d = corpus::view::dead_end(&e, &f, &r).expect("a dead end");
    assert!(d.drops.len() >= 2, "{:?}", d.drops);
    for drop in &d.drops {
        let again = e.run(&drop.filter);
        assert!(
            !(again.articles.is_empty() && again.events.is_empty()),
            "{}",
            drop.what
        );
        assert!(drop.gives.contains("article"));
    }
    assert!(d.drops.iter().any(|x| x.what.contains("Lisa Kenna")));
    // Results, or nothing asked: no dead end.
    let all = e.run(&Filter::default());
    assert_eq!(corpus::view::dead_end(&e, &Filter::default(), &all), None);
}

#[test]
fn names_seen_together_never_read_zero_paragraphs() {
    let e = engine();
    let c = e.corpus();
    for ent in 0..c.entities.len() as u32 {
        for co in e.cooccurrence(ent, None) {
            let l = corpus::view::cooccurrence_label(&co);
            assert!(!l.starts_with("in 0 "), "{l}");
        }
    }
}

#[test]
fn readers_see_titles_not_article_ids_in_the_notes() {
    let c = corpus();
    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    let mut notes: Vec<&str> = Vec::new();
    notes.extend(c.events.iter().filter_map(|e| e.basis.as_deref()));
    notes.extend(
        c.measures
            .iter()
            .flat_map(|m| m.values.iter().filter_map(|v| v.note.as_deref())),
    );
    notes.extend(c.entities.iter().map(|e| e.description.as_str()));
    notes.extend(
        c.articles
            .iter()
            .filter_map(|a| a.published.reason.as_deref()),
    );
    assert!(notes.len() > 20);
    for n in notes {
        for id in &ids {
            assert!(!n.contains(id), "{id} in: {n}");
        }
        assert!(
            !n.as_bytes()
                .windows(4)
                .any(|w| w[0].is_ascii_digit() && &w[1..3] == b".." && w[3].is_ascii_digit()),
            "a .. range in: {n}"
        );
    }
    let titles = vec![("2023-01-x".to_string(), "“X”".to_string())];
    assert_eq!(
        corpus_index::compile::readable("in 2023-01-x, 21..27 Jul; not 2023-01-xy", &titles),
        "in “X”, 21–27 Jul; not 2023-01-xy"
    );
}

#[test]
fn a_saved_picture_says_in_words_what_the_view_selects() {
    use corpus::render::selection_summary;
    use corpus::state::parse_query;
    let c = corpus();
    let say = |q: &str| selection_summary(c, &parse_query(c, q).state);
    assert_eq!(say(""), "Everything in the explorer");
    let kenna = &c.entities[c.entity_ix("lisa-kenna").expect("Kenna") as usize];
    assert_eq!(
        say("q=Kenna&e=lisa-kenna&from=2023-01-01&to=2023-03-31"),
        format!(
            "Search “Kenna” · Person: {} · Events dated 1 Jan 2023 – 31 Mar 2023",
            kenna.name
        )
    );
    assert_eq!(
        say("from=2023-01-01&on=published"),
        "Articles published from 1 Jan 2023"
    );
    assert_eq!(say("to=2023-03-31"), "Events dated until 31 Mar 2023");
}

#[test]
fn a_saved_picture_names_its_source_and_the_publications() {
    use corpus::render::{corpus_tagline, picture_source, publications};
    let c = corpus();
    let line = picture_source(c);
    let tagline = corpus_tagline(c);
    assert!(
        line.starts_with(&format!(
            "Source: Peru Crisis Explorer — {}",
            tagline[..1].to_lowercase()
        )),
        "{line}"
    );
    assert!(line.contains(&tagline[1..]), "{line}");
    for (p, _) in publications(c) {
        assert!(line.contains(&p.name), "{line} lacks {}", p.name);
    }
    assert!(line.ends_with('.'));
}

/// A gazetteer of thousands of names: an expanded or filtered facet lists at most
/// FACET_LONG of them and says how many more the filter box finds.
#[test]
fn a_facet_of_thousands_of_names_stays_bounded() {
    use corpus::model::{Entity, EntityKind};
    use corpus::query::Facet;
    use corpus::view::FACET_LONG;
    let n = 1_500;
    let c = corpus::Corpus {
        entities: (0..n)
            .map(|i| Entity {
                id: format!("person-{i}"),
                name: format!("Person {i}"),
                kind: EntityKind::Person,
                aliases: Vec::new(),
                description: String::new(),
                outside: None,
                mentions: Vec::new(),
            })
            .collect(),
        ..corpus::Corpus::default()
    };
    let counts: Vec<Facet> = (0..n as u32)
        .map(|entity| Facet {
            entity,
            articles: entity % 7,
            events: 0,
        })
        .collect();
    let short = facet(&c, &counts, &[], &[], EntityKind::Person, "", false);
    assert_eq!((short.rows.len(), short.beyond), (FACET_SHORT, 0));
    assert_eq!(short.toggle, Some(false));
    let long = facet(&c, &counts, &[], &[], EntityKind::Person, "", true);
    assert_eq!(long.rows.len(), FACET_LONG);
    assert_eq!(long.beyond, n - FACET_LONG);
    assert_eq!(long.matching, n);
    // "Person 1" matches 1, 10–19, 100–199, 1000–1499: 611 names, 200 listed.
    let found = facet(&c, &counts, &[], &[], EntityKind::Person, "person 1", false);
    assert_eq!(found.matching, 611);
    assert_eq!(
        (found.rows.len(), found.beyond),
        (FACET_LONG, 611 - FACET_LONG)
    );
    // A selected name far down the list is still listed (selected values come first).
    let pick = (n - 1) as u32;
    let sel = facet(&c, &counts, &[pick], &[], EntityKind::Person, "", true);
    assert_eq!(sel.rows[0].entity, pick);
}

#[test]
fn an_articles_figures_are_its_own_in_order() {
    // The engine's per-article list (what a paragraph drawn and the figures table read)
    // against a scan of every figure, over the real corpus and a synthetic one.
    for c in [
        corpus().clone(),
        corpus_index::synth::generate(corpus(), 80, 11),
    ] {
        let e = Engine::new(c);
        let c = e.corpus();
        let mut seen = 0;
        for a in 0..c.articles.len() as u32 {
            let scan: Vec<u32> = (0..c.figures.len() as u32)
                .filter(|&i| c.figures[i as usize].article == a)
                .collect();
            assert_eq!(e.figures_in_article(a), scan.as_slice(), "article {a}");
            seen += scan.len();
        }
        assert_eq!(seen, c.figures.len());
        assert!(seen > 0);
        assert!(e.figures_in_article(c.articles.len() as u32).is_empty());
    }
}
