//! The query engine on the fixture and on the real corpus.

mod common;
use common::{corpus, fixture};
use corpus::{Date, DateField, Engine, EntityKind, Filter, Order};
use corpus_index::compile;

fn fixture_engine() -> Engine {
    Engine::new(compile(&fixture()).unwrap().corpus)
}

fn ids(e: &Engine, r: &corpus::Results) -> Vec<String> {
    r.articles
        .iter()
        .map(|a| e.corpus().articles[a.article as usize].id.clone())
        .collect()
}

#[test]
fn no_filter_gives_everything_newest_first() {
    let e = fixture_engine();
    let r = e.run(&Filter::default());
    assert_eq!(ids(&e, &r), ["strike", "march"]);
    let r = e.run(&Filter {
        order: Order::Oldest,
        ..Filter::default()
    });
    assert_eq!(ids(&e, &r), ["march", "strike"]);
    assert_eq!(r.events.len(), 2);
}

#[test]
fn entities_combine_with_and() {
    let e = fixture_engine();
    let lima = e.corpus().entity_ix("lima").unwrap();
    let ruiz = e.corpus().entity_ix("ana-ruiz").unwrap();
    let cgtp = e.corpus().entity_ix("cgtp").unwrap();
    assert_eq!(
        ids(
            &e,
            &e.run(&Filter {
                entities: vec![lima],
                ..Filter::default()
            })
        ),
        ["strike", "march"]
    );
    let r = e.run(&Filter {
        entities: vec![lima, ruiz],
        ..Filter::default()
    });
    assert_eq!(ids(&e, &r), ["march"]);
    assert_eq!(r.events.len(), 1);
    assert!(e
        .run(&Filter {
            entities: vec![ruiz, cgtp],
            ..Filter::default()
        })
        .articles
        .is_empty());
    assert!(
        e.run(&Filter {
            entities: vec![999],
            ..Filter::default()
        })
        .articles
        .is_empty(),
        "unknown entity matches nothing"
    );
}

#[test]
fn facet_counts_follow_the_filter() {
    let e = fixture_engine();
    let lima = e.corpus().entity_ix("lima").unwrap();
    let cgtp = e.corpus().entity_ix("cgtp").unwrap();
    let r = e.run(&Filter {
        entities: vec![lima],
        ..Filter::default()
    });
    let f = |r: &corpus::Results, x| *r.facets.iter().find(|f| f.entity == x).unwrap();
    assert_eq!(f(&r, lima).articles, 2);
    assert_eq!(f(&r, cgtp).articles, 1);
    let r = e.run(&Filter {
        text: "Ruiz".into(),
        ..Filter::default()
    });
    assert_eq!(
        f(&r, cgtp).articles,
        0,
        "a value that gives nothing shows 0"
    );
    let r = e.run(&Filter {
        kinds: vec![EntityKind::Person],
        ..Filter::default()
    });
    assert_eq!(r.facets.len(), 1);
}

#[test]
fn date_range_on_events_or_publication() {
    let e = fixture_engine();
    let d = |s| Date::parse_iso(s).unwrap();
    // Event dates: the march happened 2023-03-03, the strike call is March (month).
    let r = e.run(&Filter {
        range: Some((d("2023-03-01"), d("2023-03-03"))),
        ..Filter::default()
    });
    assert_eq!(r.events.len(), 2, "a month-precise event overlaps");
    let r = e.run(&Filter {
        range: Some((d("2023-03-04"), d("2023-03-31"))),
        ..Filter::default()
    });
    assert_eq!(r.events.len(), 1);
    // Publication dates: march published 2023-03-04, strike 2023-03-10.
    let r = e.run(&Filter {
        range: Some((d("2023-03-05"), d("2023-03-31"))),
        range_field: DateField::Published,
        ..Filter::default()
    });
    assert_eq!(ids(&e, &r), ["strike"]);
    assert_eq!(r.events.len(), 1);
}

#[test]
fn text_prefix_phrase_and_highlights() {
    let e = fixture_engine();
    let r = e.run(&Filter {
        text: "marc".into(),
        ..Filter::default()
    });
    assert_eq!(
        ids(&e, &r),
        ["strike", "march"],
        "prefix matches March and marched"
    );
    let r = e.run(&Filter {
        text: "\"marched in lima\"".into(),
        ..Filter::default()
    });
    assert_eq!(ids(&e, &r), ["march"]);
    let (_, s) = r.articles[0].snippet.as_ref().unwrap();
    let (a, b) = s.highlights[0];
    assert_eq!(&s.text[a as usize..b as usize], "marched in Lima");
    assert!(e
        .run(&Filter {
            text: "\"lima marched\"".into(),
            ..Filter::default()
        })
        .articles
        .is_empty());
    // All clauses must match within the article.
    assert!(e
        .run(&Filter {
            text: "strike Ruiz".into(),
            ..Filter::default()
        })
        .articles
        .is_empty());
    // Titles count.
    let r = e.run(&Filter {
        text: "marchers".into(),
        ..Filter::default()
    });
    assert_eq!(ids(&e, &r), ["march"]);
}

#[test]
fn relevance_order() {
    let e = Engine::new(corpus().clone());
    let r = e.run(&Filter {
        text: "Kenna".into(),
        order: Order::Relevance,
        ..Filter::default()
    });
    assert_eq!(r.articles.len(), 2);
    assert!(r.articles[0].score >= r.articles[1].score);
    let r = e.run(&Filter {
        text: "Kenna".into(),
        ..Filter::default()
    });
    let c = e.corpus();
    assert!(
        c.articles[r.articles[0].article as usize].published.date
            > c.articles[r.articles[1].article as usize].published.date
    );
}

#[test]
fn accent_and_case_insensitive_on_real_text() {
    let e = Engine::new(corpus().clone());
    for (q, want) in [
        ("JERI", 1),
        ("oscar arriola", 1),
        ("mariategui", 1),
        ("Huánuco", 1),
        ("huanuco", 1),
    ] {
        assert_eq!(
            e.run(&Filter {
                text: q.into(),
                ..Filter::default()
            })
            .articles
            .len(),
            want,
            "{q}"
        );
    }
}

#[test]
fn cooccurrence_on_real_corpus() {
    let e = Engine::new(corpus().clone());
    let c = e.corpus();
    let kenna = c.entity_ix("lisa-kenna").unwrap();
    let co = e.cooccurrence(kenna, None);
    assert!(!co.is_empty());
    assert!(co.windows(2).all(|w| w[0].paragraphs >= w[1].paragraphs));
    let boluarte = c.entity_ix("dina-boluarte").unwrap();
    let b = co
        .iter()
        .find(|x| x.entity == boluarte)
        .expect("Boluarte appears with Kenna");
    assert_eq!(b.articles, 2);
    assert!(co.iter().all(|x| x.entity != kenna));
    // Restricted to a scope.
    let mut scope = corpus::query::BitSet::empty(c.articles.len());
    scope.insert(c.article_ix("2023-07-protests-resume").unwrap() as usize);
    assert!(e
        .cooccurrence(kenna, Some(&scope))
        .iter()
        .all(|x| x.articles <= 1));
}

#[test]
fn eras_do_not_make_every_article_match_a_date_range() {
    let e = Engine::new(corpus().clone());
    let d = |s| Date::parse_iso(s).unwrap();
    let r = e.run(&Filter {
        range: Some((d("2025-01-01"), d("2026-12-31"))),
        ..Filter::default()
    });
    // The articles of 2022 to 2024 report eras that reach into the range (Boluarte's
    // government), but no other event of it: they do not match.
    let found = ids(&e, &r);
    assert!(
        found.iter().any(|a| a == "2026-01-crisis-of-rule"),
        "{found:?}"
    );
    for older in [
        "2022-12-protests-mount",
        "2023-01-takeover-of-lima",
        "2023-07-protests-resume",
        "2024-12-police-state-buildup",
    ] {
        assert!(!found.iter().any(|a| a == older), "{older} in {found:?}");
    }
    // The era itself is still an event in range.
    assert!(r
        .events
        .iter()
        .any(|&v| e.corpus().events[v as usize].category == corpus::Category::Era));
}

#[test]
fn an_entity_article_by_article_and_its_events() {
    let e = Engine::new(corpus().clone());
    let c = e.corpus();
    let kenna = c.entity_ix("lisa-kenna").unwrap();
    let per = e.mentions_by_article(kenna);
    let ids: Vec<&str> = per
        .iter()
        .map(|m| c.articles[m.article as usize].id.as_str())
        .collect();
    assert_eq!(ids, ["2023-01-takeover-of-lima", "2023-07-protests-resume"]);
    assert!(per.iter().all(|m| m.mentions >= 1));
    assert!(
        c.articles[per[0].article as usize].paragraphs[per[0].first_paragraph as usize]
            .text
            .contains("Lisa Kenna")
    );
    let evs = e.events_with(kenna);
    assert_eq!(evs.len(), 2);
    assert!(evs
        .iter()
        .all(|&v| c.events[v as usize].entities.contains(&kenna)));
    assert!(c.events[evs[0] as usize].date.start <= c.events[evs[1] as usize].date.start);
    assert!(e.mentions_by_article(9999).is_empty() && e.events_with(9999).is_empty());
}
