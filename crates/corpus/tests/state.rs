//! URL state: round trips on the real corpus, and hostile input never breaks anything.

mod common;
use common::corpus;
use corpus::state::{parse_query, reduce, to_query, Action, AppState, CompareItem};
use corpus::{Date, DateField, EntityKind, Order};

fn full_state() -> AppState {
    let c = corpus();
    AppState {
        text: "Kenna \"takeover of Lima\" Jerí & co=1%".into(),
        entities: vec![
            c.entity_ix("lisa-kenna").unwrap(),
            c.entity_ix("dina-boluarte").unwrap(),
        ],
        kinds: vec![EntityKind::Person, EntityKind::Place],
        range: Some((
            Date::new(2022, 12, 1).unwrap(),
            Date::new(2023, 7, 31).unwrap(),
        )),
        range_field: DateField::Published,
        order: Order::Relevance,
        article: Some(c.article_ix("2023-01-takeover-of-lima").unwrap()),
        paragraph: Some(13),
        entity: Some(c.entity_ix("lisa-kenna").unwrap()),
        embed: true,
        window: Some((
            Date::new(2022, 11, 15).unwrap(),
            Date::new(2023, 3, 1).unwrap(),
        )),
        event: c.event_ix("era-state-of-emergency"),
        list: true,
        compare: Some((
            c.article_ix("2022-12-protests-mount").unwrap(),
            c.article_ix("2024-12-police-state-buildup").unwrap(),
        )),
        compare_item: Some(CompareItem::Entity(c.entity_ix("dina-boluarte").unwrap())),
        linked: true,
        matrix: false,
        matrix_sort: corpus::compare::MatrixSort::Article(
            c.article_ix("2026-01-crisis-of-rule").unwrap(),
        ),
        measure: Some(0),
    }
}

#[test]
fn round_trip_of_every_field() {
    let c = corpus();
    let s = full_state();
    let q = to_query(c, &s);
    let back = parse_query(c, &q);
    assert!(back.ignored.is_empty(), "{:?}", back.ignored);
    assert_eq!(back.state, s);
    assert_eq!(to_query(c, &back.state), q, "canonical form is stable");
    assert!(q.contains("a=2023-01-takeover-of-lima&p=p14"), "{q}");
    assert!(
        q.contains("win=2022-11-15,2023-03-01&ev=era-state-of-emergency&timeline=list"),
        "{q}"
    );
    assert!(
        q.contains("cmp=2022-12-protests-mount,2024-12-police-state-buildup&cmpsel=entity:dina-boluarte&linked=1"),
        "{q}"
    );
    assert!(q.contains("msort=2026-01-crisis-of-rule"), "{q}");
    let mut m = s.clone();
    m.compare = None;
    m.compare_item = None;
    m.matrix = true;
    m.matrix_sort = corpus::compare::MatrixSort::Name;
    assert_eq!(parse_query(c, &to_query(c, &m)).state, m);
    let mut ev = s.clone();
    ev.compare_item = c.event_ix("era-state-of-emergency").map(CompareItem::Event);
    assert_eq!(parse_query(c, &to_query(c, &ev)).state, ev);
    assert_eq!(to_query(c, &AppState::default()), "");
    assert_eq!(parse_query(c, "").state, AppState::default());
    assert_eq!(parse_query(c, "?").state, AppState::default());
}

#[test]
fn open_ended_ranges_and_month_precision() {
    let c = corpus();
    let p = parse_query(c, "from=2023-01&to=2023");
    assert_eq!(
        p.state.range,
        Some((
            Date::new(2023, 1, 1).unwrap(),
            Date::new(2023, 12, 31).unwrap()
        ))
    );
    let p = parse_query(c, "from=2024-01-01");
    let q = to_query(c, &p.state);
    assert_eq!(q, "from=2024-01-01");
    assert_eq!(parse_query(c, &q).state, p.state);
}

#[test]
fn reducer_actions() {
    let c = corpus();
    let peru = c.entity_ix("peru").unwrap();
    let s = reduce(&AppState::default(), Action::ToggleEntity(peru));
    assert_eq!(s.entities, [peru]);
    let s = reduce(&s, Action::ToggleEntity(peru));
    assert!(s.entities.is_empty());
    let d = |y, m, dd| Date::new(y, m, dd).unwrap();
    let s = reduce(&s, Action::SetRange(Some((d(2024, 1, 1), d(2023, 1, 1)))));
    assert_eq!(
        s.range,
        Some((d(2023, 1, 1), d(2024, 1, 1))),
        "inverted ranges are swapped"
    );
    let s = reduce(&s, Action::SetText("x".repeat(10_000)));
    assert_eq!(s.text.len(), 500);
    let s = reduce(&s, Action::OpenArticle(1, Some(2)));
    let s = reduce(&s, Action::ClearFilters);
    assert!(!s.has_filters());
    assert_eq!(
        (s.article, s.paragraph),
        (Some(1), Some(2)),
        "clearing filters keeps the reader open"
    );
    let s = reduce(&s, Action::CloseArticle);
    assert_eq!((s.article, s.paragraph), (None, None));
    let s = reduce(&s, Action::SetWindow(Some((d(2023, 3, 1), d(2023, 3, 3)))));
    assert_eq!(
        s.window,
        Some((d(2023, 3, 1), d(2023, 3, 8))),
        "a window under a week is widened"
    );
    let s = reduce(&s, Action::SetWindow(Some((d(2024, 1, 1), d(2023, 1, 1)))));
    assert_eq!(
        s.window,
        Some((d(2023, 1, 1), d(2024, 1, 1))),
        "and swapped"
    );
    let s = reduce(&s, Action::SelectEvent(3));
    assert_eq!(s.event, Some(3));
    // The side-by-side view: a pair, an item in it, the same article twice ignored.
    let item = Some(CompareItem::Entity(peru));
    let n = reduce(&s, Action::SelectCompareItem(item));
    assert_eq!(n.compare_item, None, "nothing to select without a pair");
    let n = reduce(&s, Action::Compare(0, 2));
    let n = reduce(&n, Action::SelectCompareItem(item));
    assert_eq!((n.compare, n.compare_item), (Some((0, 2)), item));
    assert_eq!(
        reduce(&n, Action::Compare(0, 2)).compare_item,
        item,
        "same pair keeps it"
    );
    assert_eq!(
        reduce(&n, Action::Compare(2, 0)).compare_item,
        None,
        "a new pair clears it"
    );
    assert_eq!(
        reduce(&n, Action::Compare(1, 1)),
        n,
        "one article twice is ignored"
    );
    let n = reduce(&n, Action::SetLinked(true));
    assert!(n.linked);
    let n = reduce(&n, Action::ShowMatrix(true));
    assert_eq!(
        (n.matrix, n.compare),
        (true, None),
        "the matrix replaces the comparison"
    );
    let n = reduce(&n, Action::Compare(3, 4));
    assert_eq!(
        (n.matrix, n.compare),
        (false, Some((3, 4))),
        "and the other way round"
    );
    let r = reduce(&n, Action::OpenArticle(3, Some(1)));
    assert_eq!(
        (r.compare, r.article),
        (None, Some(3)),
        "a passage opens in the reader"
    );
    let n = reduce(&n, Action::CloseCompare);
    assert_eq!((n.compare, n.compare_item), (None, None));
    let s = reduce(&s, Action::SetList(true));
    let s = reduce(&s, Action::ClearFilters);
    assert!(
        s.list && s.event == Some(3) && s.window.is_some(),
        "the view is not a filter"
    );
    let s = reduce(&s, Action::CloseEvent);
    assert_eq!(s.event, None);
    for _ in 0..30 {
        let s2 = reduce(&AppState::default(), Action::ToggleKind(EntityKind::Event));
        assert_eq!(s2.kinds, [EntityKind::Event]);
    }
}

/// Hostile and broken URLs: each gives a usable state and says what it ignored.
#[test]
fn hostile_urls_never_break() {
    let c = corpus();
    let long = "x".repeat(5000);
    let cases: Vec<(String, usize)> = vec![
        ("e=nobody".into(), 1),
        ("e=peru,nobody,lima".into(), 1),
        ("a=no-such-article".into(), 1),
        ("a=2022-12-protests-mount&p=p999".into(), 1),
        ("p=p3".into(), 1),
        ("from=2023-02-30".into(), 1),
        ("from=2024-01-01&to=2023-01-01".into(), 1),
        ("from=yesterday&to=tomorrow".into(), 2),
        ("sort=random".into(), 1),
        ("on=never".into(), 1),
        ("kind=person,robot".into(), 1),
        ("embed=maybe".into(), 1),
        ("ent=<script>alert(1)</script>".into(), 1),
        ("q=<img src=x onerror=alert(1)>".into(), 0),
        ("%3Cscript%3E=1".into(), 1),
        ("q=a&q=b".into(), 1),
        (format!("q={long}"), 1),
        (format!("{long}=1"), 1),
        ("q=%E0%A4%A&e=%ZZ".into(), 1),
        ("&&&==&=".into(), 0),
        ("q=\u{202e}evil\u{0000}".into(), 0),
        ("e=".into(), 0),
        ("a=&p=".into(), 2),
        (format!("e={}", ["peru"; 50].join(",")), 0),
        ("utm_source=newsletter".into(), 1),
        ("win=2023-01-01,2023-02-01".into(), 0),
        ("win=2023-02-01,2023-01-01".into(), 1),
        ("win=2023-01-01,2023-01-02".into(), 1),
        ("win=2023-01-01".into(), 1),
        ("win=0001-01-01,9999-12-31".into(), 1),
        ("win=2023-01-01,2023-02-30".into(), 1),
        ("win=,".into(), 1),
        ("win=NaN,Infinity".into(), 1),
        ("ev=no-such-event".into(), 1),
        ("ev=%3Cscript%3E".into(), 1),
        ("timeline=3d".into(), 1),
        ("timeline=graph&ev=era-jeri-government".into(), 0),
        (
            "cmp=2023-01-takeover-of-lima,2026-01-crisis-of-rule&cmpsel=event:era-jeri-government&linked=0".into(),
            0,
        ),
        ("cmp=2023-01-takeover-of-lima".into(), 1),
        ("cmp=2023-01-takeover-of-lima,2023-01-takeover-of-lima".into(), 1),
        ("cmp=2023-01-takeover-of-lima,nope".into(), 1),
        ("cmp=,".into(), 1),
        ("cmp=%3Cscript%3E,%3C/script%3E".into(), 1),
        ("cmpsel=entity:peru".into(), 1),
        ("cmp=2023-01-takeover-of-lima,2026-01-crisis-of-rule&cmpsel=peru".into(), 1),
        ("cmp=2023-01-takeover-of-lima,2026-01-crisis-of-rule&cmpsel=entity:nobody".into(), 1),
        ("cmp=2023-01-takeover-of-lima,2026-01-crisis-of-rule&cmpsel=event:".into(), 1),
        ("linked=yes".into(), 1),
        ("view=matrix&msort=name".into(), 0),
        ("view=table".into(), 1),
        ("msort=%3Cb%3E".into(), 1),
        ("view=matrix&cmp=2023-01-takeover-of-lima,2026-01-crisis-of-rule".into(), 1),
    ];
    for (q, want) in cases {
        let p = parse_query(c, &q);
        assert_eq!(p.ignored.len(), want, "{q:.80}: {:?}", p.ignored);
        for msg in &p.ignored {
            assert!(msg.chars().count() < 120, "notice too long: {msg}");
        }
        // The state it gives writes and reads back without loss.
        let again = parse_query(c, &to_query(c, &p.state));
        assert_eq!(again.state, p.state, "{q:.80}");
        assert!(again.ignored.is_empty());
    }
    assert_eq!(
        parse_query(c, "q=a&q=b").state.text,
        "a",
        "first value wins"
    );
}

/// `${c*N}` in the shared hostile-URL list stands for the character c repeated N times.
fn expand(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        let end = tail.find('}').expect("`${` closed by `}`");
        let (c, n) = tail[..end].split_once('*').expect("`${c*N}`");
        out.push_str(&c.repeat(n.parse().expect("N is a number")));
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The hostile URLs the end-to-end suite opens (tests/hostile-urls.txt): every one is
/// reported (at least one notice), briefly, and what is kept reads back cleanly.
#[test]
fn hostile_url_list() {
    let c = corpus();
    let list = include_str!("../../../tests/hostile-urls.txt");
    let lines: Vec<String> = list
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(expand)
        .collect();
    assert!(lines.len() >= 50, "{} hostile URLs", lines.len());
    for q in &lines {
        let p = parse_query(c, q);
        assert!(!p.ignored.is_empty(), "{q:.80}: nothing reported");
        for msg in &p.ignored {
            assert!(msg.chars().count() < 120, "notice too long: {msg}");
            assert!(
                !msg.chars().any(|c| c.is_control()
                    || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}')),
                "a notice shows invisible characters as U+XXXX: {msg:?}"
            );
        }
        let unique: std::collections::BTreeSet<&String> = p.ignored.iter().collect();
        assert_eq!(
            unique.len(),
            p.ignored.len(),
            "{q:.80}: a notice said twice"
        );
        let again = parse_query(c, &to_query(c, &p.state));
        assert_eq!(again.state, p.state, "{q:.80}");
        assert!(again.ignored.is_empty(), "{q:.80}: {:?}", again.ignored);
    }
}
