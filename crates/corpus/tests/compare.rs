//! Side-by-side alignment, on the real corpus and on the small fixture.

mod common;
use common::{corpus, fixture};
use corpus::compare::{align, change_label, Side};
use corpus::Corpus;

fn article(c: &Corpus, id: &str) -> u32 {
    c.article_ix(id)
        .unwrap_or_else(|| panic!("no article {id}"))
}

fn measure_row<'a>(
    c: &Corpus,
    al: &'a corpus::compare::Alignment,
    id: &str,
) -> Option<&'a corpus::compare::FigureRow> {
    al.figures
        .iter()
        .find(|r| c.measures[r.measure as usize].id == id)
}

#[test]
fn the_death_toll_across_the_four_articles_that_report_one() {
    let c = corpus();
    let ids = [
        "2022-12-protests-mount",
        "2023-01-takeover-of-lima",
        "2023-07-protests-resume",
        "2024-12-police-state-buildup",
    ];
    // (value, qualifier) on each article, in publication order: 21 → 56 → 70 → 50.
    let expected = [
        (21.0, "at least"),
        (56.0, ""),
        (70.0, "at least"),
        (50.0, ""),
    ];
    for w in 0..3 {
        let (a, b) = (article(c, ids[w]), article(c, ids[w + 1]));
        let al = align(c, a, b);
        let row = measure_row(c, &al, "death-toll").expect("both report a toll");
        assert_eq!(row.left.len(), 1);
        assert_eq!(row.right.len(), 1);
        assert_eq!(
            (row.left[0].value, row.left[0].qualifier.as_str()),
            expected[w]
        );
        assert_eq!(
            (row.right[0].value, row.right[0].qualifier.as_str()),
            expected[w + 1]
        );
        let ch = row.change.as_ref().expect("one value each: a change");
        assert_eq!(ch.from, Side::Left, "the left is the earlier article");
        assert_eq!(ch.delta, expected[w + 1].0 - expected[w].0);
        // A qualifier on either side ("at least 21") makes the change inexact.
        assert_eq!(
            ch.approximate,
            !expected[w].1.is_empty() || !expected[w + 1].1.is_empty()
        );
    }
    let al = align(c, article(c, ids[0]), article(c, ids[1]));
    let ch = measure_row(c, &al, "death-toll")
        .unwrap()
        .change
        .clone()
        .unwrap();
    assert_eq!(change_label(&ch), "+35 (not exact: a value is qualified)");
    // 56 confirmed deaths (Jan 2023) and 50 killed (Dec 2024): exact, −6.
    let al = align(c, article(c, ids[1]), article(c, ids[3]));
    let ch = measure_row(c, &al, "death-toll")
        .unwrap()
        .change
        .clone()
        .unwrap();
    assert_eq!(change_label(&ch), "−6");
}

#[test]
fn the_same_number_in_two_measures_is_never_paired() {
    let c = corpus();
    // "56" is the January 2023 death toll and, in December 2024, a number of armoured
    // vehicles; "six" is presidents in July 2023 and homicides per day in January 2026.
    let (jan, dec) = (
        article(c, "2023-01-takeover-of-lima"),
        article(c, "2024-12-police-state-buildup"),
    );
    let al = align(c, jan, dec);
    let vehicles = measure_row(c, &al, "pnp-armored-vehicles").unwrap();
    assert!(vehicles.left.is_empty());
    assert_eq!(vehicles.right[0].value, 56.0);
    assert_eq!(vehicles.change, None);
    assert!(al
        .figures
        .iter()
        .filter(|r| r.change.is_some())
        .all(|r| c.measures[r.measure as usize].id == "death-toll"));
    let (jul, jan26) = (
        article(c, "2023-07-protests-resume"),
        article(c, "2026-01-crisis-of-rule"),
    );
    let al = align(c, jul, jan26);
    assert!(al.figures.iter().all(|r| r.change.is_none()));
    assert!(measure_row(c, &al, "presidents-in-five-years")
        .unwrap()
        .right
        .is_empty());
    assert!(measure_row(c, &al, "homicides-per-day")
        .unwrap()
        .left
        .is_empty());
}

#[test]
fn entities_and_events_split_into_shared_and_one_sided() {
    let c = corpus();
    let (jul, dec) = (
        article(c, "2023-07-protests-resume"),
        article(c, "2024-12-police-state-buildup"),
    );
    let al = align(c, jul, dec);
    let boluarte = c.entity_ix("dina-boluarte").unwrap();
    assert!(al.is_shared_entity(boluarte));
    let row = al
        .entities
        .shared
        .iter()
        .find(|r| r.entity == boluarte)
        .unwrap();
    let count = |a: u32| {
        c.entities[boluarte as usize]
            .mentions
            .iter()
            .filter(|m| m.article == a)
            .count()
    };
    assert_eq!(row.left.len(), count(jul));
    assert_eq!(row.right.len(), count(dec));
    assert!(row.left.iter().all(|m| m.article == jul));
    // Its places on each side, for stepping through them: one per mention, text order.
    let item = corpus::state::CompareItem::Entity(boluarte);
    let places = al.places(item, Side::Left);
    assert_eq!(places.len(), count(jul));
    assert!(places
        .windows(2)
        .all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
    assert_eq!(al.places(item, Side::Right).len(), count(dec));
    let ev = al.events.shared[0].event;
    let quotes = al.places(corpus::state::CompareItem::Event(ev), Side::Right);
    assert_eq!(quotes.len(), al.events.shared[0].right.len());
    assert!(al
        .places(corpus::state::CompareItem::Entity(99_999), Side::Left)
        .is_empty());
    // Most mentioned first.
    let totals: Vec<usize> = al
        .entities
        .shared
        .iter()
        .map(|r| r.left.len() + r.right.len())
        .collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
    // Every entity mentioned by either article is in exactly one list.
    for (ei, ent) in c.entities.iter().enumerate() {
        let (l, r) = (
            ent.mentions.iter().any(|m| m.article == jul),
            ent.mentions.iter().any(|m| m.article == dec),
        );
        let ei = ei as u32;
        let lists = [
            al.entities.shared.iter().any(|x| x.entity == ei),
            al.entities.only_left.iter().any(|x| x.entity == ei),
            al.entities.only_right.iter().any(|x| x.entity == ei),
        ];
        assert_eq!(lists, [l && r, l && !r, r && !l], "{}", ent.id);
    }
    // Shared events have passages on both sides and say when each reported them.
    assert!(!al.events.shared.is_empty());
    for row in &al.events.shared {
        assert!(!row.left.is_empty() && !row.right.is_empty());
        assert!(row.left_lag.is_some() && row.right_lag.is_some());
    }
    for row in &al.events.only_left {
        assert!(row.right.is_empty() && row.right_lag.is_none());
    }
    let starts: Vec<_> = al
        .events
        .shared
        .iter()
        .map(|r| c.events[r.event as usize].date.start)
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "time order");
    // Swapping the columns mirrors everything.
    let back = align(c, dec, jul);
    assert_eq!(back.entities.shared.len(), al.entities.shared.len());
    assert_eq!(
        back.entities.only_left,
        al.entities
            .only_right
            .iter()
            .map(|r| corpus::compare::EntityRow {
                entity: r.entity,
                left: r.right.clone(),
                right: r.left.clone()
            })
            .collect::<Vec<_>>()
    );
    assert_eq!(back.events.only_left.len(), al.events.only_right.len());
}

#[test]
fn a_small_fixture_aligns_exactly() {
    let built = corpus_index::compile(&fixture()).unwrap();
    let c = &built.corpus;
    let (march, strike) = (article(c, "march"), article(c, "strike"));
    let al = align(c, march, strike);
    let names = |rows: &[corpus::compare::EntityRow]| -> Vec<String> {
        rows.iter()
            .map(|r| {
                format!(
                    "{} {}/{}",
                    c.entities[r.entity as usize].id,
                    r.left.len(),
                    r.right.len()
                )
            })
            .collect()
    };
    assert_eq!(names(&al.entities.shared), ["lima 1/1"]);
    assert_eq!(names(&al.entities.only_left), ["ana-ruiz 2/0"]);
    assert_eq!(names(&al.entities.only_right), ["cgtp 0/1"]);
    let ev = |rows: &[corpus::compare::EventRow]| -> Vec<&str> {
        rows.iter()
            .map(|r| c.events[r.event as usize].id.as_str())
            .collect()
    };
    assert!(al.events.shared.is_empty());
    assert_eq!(ev(&al.events.only_left), ["big-march"]);
    assert_eq!(ev(&al.events.only_right), ["strike-call"]);
    assert_eq!(
        al.events.only_left[0].left_lag.as_deref(),
        Some("1 day later")
    );
    assert_eq!(al.figures.len(), 1);
    assert_eq!(al.figures[0].left[0].qualifier, "at least");
    assert!(al.figures[0].right.is_empty() && al.figures[0].change.is_none());
    // An article against itself has nothing one-sided and no change.
    let same = align(c, march, march);
    assert!(same.entities.only_left.is_empty() && same.entities.only_right.is_empty());
    assert!(same.figures.iter().all(|r| r.change.is_none()));
    // Unknown articles: an empty alignment, not a panic.
    assert_eq!(align(c, 0, 99), corpus::compare::Alignment::default());
}

#[test]
fn the_matrix_counts_mentions_per_article_sorts_and_filters() {
    use corpus::compare::{matrix, MatrixSort};
    use corpus::EntityKind;
    let c = corpus();
    let all: Vec<u32> = (0..c.articles.len() as u32).collect();
    let rows = matrix(c, &all, &[], MatrixSort::Total);
    // Every mentioned entity has a row, with its mentions per article.
    let mentioned = c.entities.iter().filter(|e| !e.mentions.is_empty()).count();
    assert_eq!(rows.len(), mentioned);
    for r in &rows {
        let e = &c.entities[r.entity as usize];
        assert_eq!(r.total as usize, e.mentions.len());
        for (k, &a) in all.iter().enumerate() {
            assert_eq!(
                r.counts[k] as usize,
                e.mentions.iter().filter(|m| m.article == a).count()
            );
        }
    }
    assert!(rows.windows(2).all(|w| w[0].total >= w[1].total));
    // By name; by one article's column; only people; only two columns.
    let by_name = matrix(c, &all, &[], MatrixSort::Name);
    let names: Vec<String> = by_name
        .iter()
        .map(|r| c.entities[r.entity as usize].name.to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
    let dec = article(c, "2024-12-police-state-buildup");
    let by_dec = matrix(c, &all, &[], MatrixSort::Article(dec));
    let k = dec as usize;
    assert!(by_dec.windows(2).all(|w| w[0].counts[k] >= w[1].counts[k]));
    let people = matrix(c, &all, &[EntityKind::Person], MatrixSort::Total);
    assert!(people
        .iter()
        .all(|r| c.entities[r.entity as usize].kind == EntityKind::Person));
    assert!(!people.is_empty() && people.len() < rows.len());
    let two = [dec, article(c, "2022-12-protests-mount")];
    let pair = matrix(c, &two, &[], MatrixSort::Total);
    assert!(pair.iter().all(|r| r.counts.len() == 2 && r.total > 0));
    assert!(
        pair.len() < rows.len(),
        "entities of other articles only are left out"
    );
    assert!(matrix(c, &[], &[], MatrixSort::Total).is_empty());
}

#[test]
fn the_death_toll_series_keeps_qualifiers_and_dates() {
    use corpus::compare::{bound_of, series, Bound};
    let c = corpus();
    let toll = c
        .measures
        .iter()
        .position(|m| m.id == "death-toll")
        .unwrap() as u32;
    let s = series(c, toll);
    let values: Vec<(f64, Bound)> = s.iter().map(|p| (p.value, p.bound)).collect();
    assert_eq!(
        values,
        [
            (21.0, Bound::AtLeast),
            (56.0, Bound::Exact),
            (70.0, Bound::AtLeast),
            (50.0, Bound::Exact)
        ]
    );
    // July 2023 is known to the month only: a range on the time axis.
    assert!(s[2].when.0 < s[2].when.1);
    assert_eq!(s[0].when.0, s[0].when.1);
    // A measure given in two currencies charts one of them only.
    let spend = c
        .measures
        .iter()
        .position(|m| m.id == "military-spending-increase")
        .unwrap() as u32;
    let sp = series(c, spend);
    assert_eq!(sp.len(), 1, "soles and dollars are not drawn on one axis");
    assert_eq!(bound_of("or more"), Bound::AtLeast);
    assert_eq!(bound_of("nearing"), Bound::AtMost);
    assert_eq!(bound_of("roughly"), Bound::About);
    assert_eq!(bound_of(""), Bound::Exact);
    assert_eq!(
        (Bound::AtLeast.sign(), Bound::AtLeast.words()),
        ("≥", "at least ")
    );
    assert_eq!((Bound::Exact.sign(), Bound::Exact.words()), ("", ""));
    assert!(series(c, 9999).is_empty());
}

/// Article pickers list every article of a small corpus, and at most `cap` of a large
/// one: the current results first, the chosen articles always, in publication order.
#[test]
fn pickers_are_bounded() {
    use corpus::compare::picker_choices;
    let c = corpus();
    let (all, out) = picker_choices(c, [], &[], 200);
    assert_eq!((all.len(), out), (c.articles.len(), 0));
    let dates: Vec<_> = all
        .iter()
        .map(|&a| c.articles[a as usize].published.date)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "publication order");
    // Over the cap: the matched ones, plus the kept one even when it is not matched.
    let (some, out) = picker_choices(c, [4, 3, 2], &[0, 99], 2);
    // Articles 0..4 are in publication order; 2 is past the cap, 99 does not exist.
    assert_eq!(some, vec![0, 3, 4]);
    assert_eq!(out, c.articles.len() - 3);
    let synth = corpus_index::synth::generate(c, 300, 42);
    let matched: Vec<u32> = (0..300).rev().collect();
    let (big, out) = picker_choices(&synth, matched, &[5], 200);
    assert_eq!(big.len(), 201);
    assert!(big.contains(&5) && big.contains(&299) && !big.contains(&50));
    assert_eq!(out, 300 - 201);
}

/// At scale the alignment looks only at what the two articles report, and finds the same
/// as a scan of everything: every mention of each side, every event either reports, in
/// time order.
#[test]
fn alignment_of_two_articles_of_a_large_corpus_equals_a_full_scan() {
    let s = corpus_index::synth::generate(corpus(), 150, 21);
    for (left, right) in [(0u32, 149u32), (37, 38), (90, 12), (5, 5)] {
        let al = align(&s, left, right);
        for (ei, e) in s.entities.iter().enumerate() {
            let on = |a: u32| e.mentions.iter().filter(|m| m.article == a).count();
            let row = al.entities.all().find(|r| r.entity == ei as u32);
            let (l, r) = row.map_or((0, 0), |r| (r.left.len(), r.right.len()));
            assert_eq!(
                (l, r),
                (on(left), on(right)),
                "{} in {left} and {right}",
                e.id
            );
        }
        let mut want: Vec<u32> = (0..s.events.len() as u32)
            .filter(|&v| {
                s.events[v as usize]
                    .evidence
                    .iter()
                    .any(|x| x.article == left || x.article == right)
            })
            .collect();
        want.sort_by_key(|&v| (s.events[v as usize].date.start, v));
        let mut got: Vec<u32> = al.events.all().map(|r| r.event).collect();
        got.sort_by_key(|&v| (s.events[v as usize].date.start, v));
        assert_eq!(got, want, "events of {left} and {right}");
        for side in [
            &al.events.shared,
            &al.events.only_left,
            &al.events.only_right,
        ] {
            let dates: Vec<_> = side
                .iter()
                .map(|r| (s.events[r.event as usize].date.start, r.event))
                .collect();
            let mut sorted = dates.clone();
            sorted.sort();
            assert_eq!(dates, sorted, "each side in time order");
        }
    }
}
