//! The model's update: the history policy, host messages all or nothing, notices, link
//! tokens and the URL parameter table.

mod common;
use common::corpus;
use corpus::embed::HostMessage;
use corpus::state::{params_table, to_query, Action, AppState, PARAMS};
use corpus::update::{update, Effect, Model, Msg};

fn model(q: &str) -> Model {
    Model::from_query(corpus(), q)
}

fn first_article() -> u32 {
    0
}

#[test]
fn a_step_adds_a_history_entry_and_typing_replaces_it() {
    let c = corpus();
    let m = model("");
    let u = update(c, &m, Msg::Do(Action::OpenArticle(first_article(), None)));
    let next = u.model.expect("the state changed");
    assert_eq!(
        u.effects,
        vec![Effect::Address {
            query: to_query(c, &next.state),
            push: true
        }]
    );
    let u = update(c, &next, Msg::Do(Action::SetText("lima".into())));
    assert!(matches!(
        u.effects.as_slice(),
        [Effect::Address { push: false, query }] if query.contains("q=lima")
    ));
    // Moving the timeline replaces too.
    let win = (
        corpus::Date::new(2022, 11, 1).unwrap(),
        corpus::Date::new(2023, 2, 1).unwrap(),
    );
    let u = update(c, &next, Msg::Do(Action::SetWindow(Some(win))));
    assert!(matches!(
        u.effects.as_slice(),
        [Effect::Address { push: false, .. }]
    ));
}

#[test]
fn nothing_changes_nothing_happens() {
    let c = corpus();
    let m = model("q=lima");
    let u = update(c, &m, Msg::Do(Action::SetText("lima".into())));
    assert_eq!(u.model, None);
    assert!(u.effects.is_empty());
    assert_eq!(update(c, &m, Msg::DismissNotices).model, None);
}

#[test]
fn embedded_never_pushes_and_tells_the_host() {
    let c = corpus();
    let m = model("embed=1");
    let u = update(c, &m, Msg::Do(Action::OpenArticle(first_article(), None)));
    let q = to_query(c, &u.model.expect("changed").state);
    assert_eq!(
        u.effects,
        vec![
            Effect::Address {
                query: q.clone(),
                push: false
            },
            Effect::PostState(q)
        ]
    );
}

#[test]
fn back_and_forward_read_the_address_and_write_nothing() {
    let c = corpus();
    let m = model("q=lima");
    let u = update(c, &m, Msg::Address("?q=kenna&e=nobody".into()));
    let next = u.model.expect("changed");
    assert_eq!(next.state.text, "kenna");
    assert_eq!(next.notices.len(), 1, "{:?}", next.notices);
    assert!(u.effects.is_empty(), "{:?}", u.effects);
    // Embedded, the host hears of it.
    let m = model("embed=1");
    let u = update(c, &m, Msg::Address("?embed=1&q=lima".into()));
    assert_eq!(u.effects, vec![Effect::PostState("q=lima&embed=1".into())]);
}

/// A host message as the app receives it: a JSON object decoded into the typed message,
/// or the decoder's refusal.
fn host(json: &str) -> Msg {
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let kind = value["type"].as_str().unwrap_or("").to_string();
    Msg::Host(HostMessage::decode(&kind, value))
}

#[test]
fn a_host_message_is_used_whole_or_refused_whole() {
    let c = corpus();
    let m = model("embed=1&q=lima");
    let ok = update(
        c,
        &m,
        host(r#"{"type": "pce:navigate", "query": "q=kenna"}"#),
    );
    let next = ok.model.expect("accepted");
    assert_eq!(next.state.text, "kenna");
    assert!(next.state.embed, "embed mode is kept");
    assert_eq!(
        ok.effects,
        vec![
            Effect::Address {
                query: "q=kenna&embed=1".into(),
                push: false
            },
            Effect::PostState("q=kenna&embed=1".into())
        ]
    );
    // One unusable part refuses all of it, and says why, once per problem.
    let bad = update(
        c,
        &m,
        host(r#"{"type": "pce:navigate", "query": "q=kenna&e=nobody&sort=sideways"}"#),
    );
    assert_eq!(bad.model, None);
    assert_eq!(bad.effects.len(), 2, "{:?}", bad.effects);
    assert!(bad
        .effects
        .iter()
        .all(|e| matches!(e, Effect::PostError(_))));
    // A malformed message is refused with its reason.
    for (json, says) in [
        (
            r#"{"type": "pce:search", "text": 3}"#,
            "pce:search: invalid type",
        ),
        (r#"{"type": "pce:search"}"#, "missing field `text`"),
        (
            r#"{"type": "pce:set-filters", "entities": "peru"}"#,
            "pce:set-filters: invalid type",
        ),
        (
            r#"{"type": "pce:open-article", "article": []}"#,
            "pce:open-article: invalid type",
        ),
        (
            r#"{"type": "pce:format-disk"}"#,
            "unknown message type `pce:format-disk`",
        ),
    ] {
        let bad = update(c, &m, host(json));
        assert_eq!(bad.model, None, "{json}");
        assert!(
            matches!(bad.effects.as_slice(), [Effect::PostError(w)] if w.contains(says)),
            "{json}: {:?}",
            bad.effects
        );
    }
    // A message that changes nothing posts nothing.
    let same = update(
        c,
        &m,
        host(r#"{"type": "pce:search", "text": "lima", "extra": "ignored"}"#),
    );
    assert_eq!(same, Default::default());
}

#[test]
fn notices_come_from_the_address_and_can_be_dismissed() {
    let c = corpus();
    let m = model("e=nobody&sort=sideways");
    assert_eq!(m.notices.len(), 2);
    let u = update(c, &m, Msg::DismissNotices);
    assert!(u.model.expect("changed").notices.is_empty());
    // A reader's action keeps them (they describe the link that was opened).
    let u = update(c, &m, Msg::Do(Action::SetText("x".into())));
    assert_eq!(u.model.expect("changed").notices.len(), 2);
}

#[test]
fn link_tokens_read_back() {
    let actions = [
        Action::OpenArticle(3, None),
        Action::OpenArticle(3, Some(13)),
        Action::OpenEntity(0),
        Action::SelectEvent(81),
        Action::Compare(1, 4),
    ];
    for a in actions {
        let t = a.token().expect("a link action");
        assert_eq!(Action::from_token(&t), Some(a.clone()), "{t}");
    }
    assert_eq!(Action::SetText("x".into()).token(), None);
    for junk in [
        "",
        "a",
        "ax",
        "n1.2",
        "v",
        "c1",
        "z3",
        "a3.",
        "a-1",
        "é3",
        "a99999999999",
    ] {
        assert_eq!(Action::from_token(junk), None, "{junk}");
    }
}

#[test]
fn every_parameter_is_in_the_table_once_and_round_trips() {
    let c = corpus();
    let mut names: Vec<&str> = PARAMS.iter().map(|p| p.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), PARAMS.len(), "no parameter twice");
    let full = corpus::state::parse_query(
        c,
        "q=a&e=lima&kind=place&from=2023&to=2024&on=published&sort=oldest&a=2023-01-takeover-of-lima&p=p3&ent=lima&win=2022-01-01,2023-01-01&ev=era-state-of-emergency&timeline=list&cmp=2022-12-protests-mount,2023-07-protests-resume&cmpsel=entity:lima&linked=1&msort=name&fig=death-toll&embed=1",
    );
    assert!(full.ignored.is_empty(), "{:?}", full.ignored);
    let q = to_query(c, &full.state);
    // Every parameter but `view` (which a comparison excludes) is written.
    for p in PARAMS.iter().filter(|p| p.name != "view") {
        assert!(
            q.split('&')
                .any(|kv| kv.starts_with(&format!("{}=", p.name))),
            "{} missing from {q}",
            p.name
        );
    }
    assert_eq!(to_query(c, &AppState::default()), "");
}

#[test]
fn the_readme_table_is_the_parameter_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md");
    let table = params_table();
    assert!(
        readme.contains(&table),
        "README.md's URL parameter table must be exactly corpus::state::params_table():\n{table}"
    );
}

#[test]
fn a_filter_can_be_set_whole_and_a_measure_opened_by_link() {
    let c = corpus();
    let m = model("q=Bolaurte&e=lima&sort=oldest");
    let f = corpus::Filter {
        text: "Boluarte".into(),
        ..corpus::Filter::default()
    };
    let u = update(c, &m, Msg::Do(Action::SetFilter(f)));
    let s = u.model.expect("changed").state;
    assert_eq!(s.text, "Boluarte");
    assert!(s.entities.is_empty());
    assert_eq!(s.order, corpus::Order::Oldest, "the order is not a filter");
    let open = Action::OpenMeasure(0);
    assert_eq!(
        Action::from_token(&open.token().unwrap()),
        Some(open.clone())
    );
    let u = update(c, &m, Msg::Do(open));
    let s = u.model.expect("changed").state;
    assert_eq!(s.measure, Some(0));
    assert!(to_query(c, &s).contains(&format!("fig={}", c.measures[0].id)));
    // Following a value to its passage closes the card over the reader.
    let s = corpus::state::reduce(&s, Action::OpenArticle(0, Some(1)));
    assert_eq!(s.measure, None);
}
