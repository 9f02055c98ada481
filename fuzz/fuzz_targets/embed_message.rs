//! Host messages (`corpus::embed`): decoding a message object into the typed
//! `HostMessage`, its `change` and `apply` never panic, and a message the app accepts
//! (its query is read with nothing ignored) keeps embed mode on and does what it says.
//! Input lines: the current state's query string, the message `type`, then fields as
//! `key=value` (a string), `key[]=a,b` (a list of strings), `key#=3` (a number) or `key`
//! alone (null); they make the object the app would receive, decoded as the app decodes it.
#![no_main]

use corpus::embed::{apply, Change, HostMessage};
use corpus::state::{parse_query, to_query, AppState};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

fuzz_target!(|data: &[u8]| {
    let c = corpus_fuzz::real_corpus();
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let current = parse_query(c, lines.next().unwrap_or("")).state;
    let kind = lines.next().unwrap_or("");
    let mut object = Map::new();
    object.insert("type".into(), Value::String(kind.into()));
    for l in lines {
        let (k, v) = match l.split_once('=') {
            Some((k, v)) => match (k.strip_suffix("[]"), k.strip_suffix('#')) {
                (Some(k), _) => (k, v.split(',').map(|s| Value::String(s.into())).collect()),
                (None, Some(k)) => (k, v.parse::<f64>().map_or(Value::Null, Value::from)),
                (None, None) => (k, Value::String(v.into())),
            },
            None => (l, Value::Null),
        };
        object.insert(k.to_string(), v);
    }
    let message = HostMessage::decode(kind, Value::Object(object));
    let change = match message.and_then(|m| m.change()) {
        Ok(change) => change,
        Err(msg) => {
            assert!(msg.chars().count() < 120, "error too long: {msg}");
            return;
        }
    };
    let q = apply(c, &current, &change);
    let parsed = parse_query(c, &q);
    if !parsed.ignored.is_empty() {
        return; // the app refuses the whole message and reports each notice
    }
    let st = &parsed.state;
    assert!(st.embed, "{change:?} on {current:?} leaves embed mode: {q}");
    let canonical = to_query(c, st);
    assert_eq!(parse_query(c, &canonical).state, *st, "{canonical}");
    match &change {
        Change::Clear => {
            let want = AppState {
                text: String::new(),
                entities: Vec::new(),
                kinds: Vec::new(),
                range: None,
                embed: true,
                ..current.clone()
            };
            assert_eq!(*st, want, "{q}");
        }
        Change::Merge(kv) => {
            for (k, v) in kv {
                match *k {
                    "q" => assert_eq!(&st.text, v),
                    "a" => assert_eq!(
                        st.article.map(|a| c.articles[a as usize].id.as_str()),
                        Some(v.as_str())
                    ),
                    "p" => assert!(st.paragraph.is_some()),
                    "e" => assert_eq!(
                        st.entities.len(),
                        v.split(',')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .collect::<std::collections::BTreeSet<_>>()
                            .len(),
                        "{q}"
                    ),
                    _ => unreachable!("unexpected key {k}"),
                }
            }
        }
        Change::Replace(_) => {}
    }
});
