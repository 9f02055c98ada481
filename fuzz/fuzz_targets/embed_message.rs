//! Host messages (`corpus::embed`): `read` and `apply` never panic, and a message the app
//! accepts (its query is read with nothing ignored) keeps embed mode on and does what it
//! says. Input lines: the current state's query string, the message `type`, then fields as
//! `key=value` (a string), `key[]=a,b` (a list of strings) or `key` alone (anything else).
#![no_main]

use corpus::embed::{apply, read, Change, Value};
use corpus::state::{parse_query, to_query, AppState};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let c = corpus_fuzz::real_corpus();
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let current = parse_query(c, lines.next().unwrap_or("")).state;
    let kind = lines.next().unwrap_or("");
    let fields: Vec<(String, Value)> = lines
        .map(|l| match l.split_once('=') {
            Some((k, v)) => match k.strip_suffix("[]") {
                Some(k) => (
                    k.to_string(),
                    Value::List(v.split(',').map(String::from).collect()),
                ),
                None => (k.to_string(), Value::Str(v.to_string())),
            },
            None => (l.to_string(), Value::Other),
        })
        .collect();
    let change = match read(kind, &fields) {
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
