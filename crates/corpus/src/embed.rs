//! The message API for a host page that embeds the explorer in an iframe.
//!
//! Messages are plain objects with a `type` starting with `pce:`. Every command is turned
//! into URL parameters and read by [`crate::state::parse_query`], so a message is
//! validated exactly as strictly as a URL, and anything it cannot use is reported back.
//!
//! | message from the host | effect |
//! |---|---|
//! | `{type: "pce:navigate", query: "q=Kenna&e=peru"}` | replace the whole state (embed mode is kept) |
//! | `{type: "pce:open-article", article: "ID", paragraph?: "p3"}` | open an article |
//! | `{type: "pce:search", text: "..."}` | set the search text |
//! | `{type: "pce:set-filters", entities: ["id", ...]}` | replace the entity filters |
//! | `{type: "pce:clear"}` | clear all filters |
//!
//! The explorer posts `{type: "pce:height", height}` whenever its height changes,
//! `{type: "pce:state", query}` whenever its state changes and `{type: "pce:error",
//! message}` for a message it could not use.

use crate::model::Corpus;
use crate::state::{percent_encode, AppState};

/// A message field as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A string.
    Str(String),
    /// A list of strings.
    List(Vec<String>),
    /// Anything else (numbers, objects, null...).
    Other,
}

/// What to do with the current state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Replace the state by this query string.
    Replace(String),
    /// Set these parameters in the current query string.
    Merge(Vec<(&'static str, String)>),
    /// Clear the filters.
    Clear,
}

fn string(fields: &[(String, Value)], key: &str, required: bool) -> Result<Option<String>, String> {
    match fields.iter().find(|(k, _)| k == key).map(|(_, v)| v) {
        Some(Value::Str(s)) if s.chars().count() <= crate::state::MAX_VALUE => Ok(Some(s.clone())),
        Some(Value::Str(_)) => Err(format!("`{key}` is too long")),
        Some(_) => Err(format!("`{key}` must be a string")),
        None if required => Err(format!("`{key}` is missing")),
        None => Ok(None),
    }
}

/// Read a host message (its `type` and other fields).
pub fn read(kind: &str, fields: &[(String, Value)]) -> Result<Change, String> {
    match kind {
        "pce:navigate" => Ok(Change::Replace(
            string(fields, "query", true)?.unwrap_or_default(),
        )),
        "pce:open-article" => {
            let a = string(fields, "article", true)?.unwrap_or_default();
            let mut m = vec![("a", a)];
            if let Some(p) = string(fields, "paragraph", false)? {
                m.push(("p", p));
            }
            Ok(Change::Merge(m))
        }
        "pce:search" => Ok(Change::Merge(vec![(
            "q",
            string(fields, "text", true)?.unwrap_or_default(),
        )])),
        "pce:set-filters" => match fields.iter().find(|(k, _)| k == "entities").map(|(_, v)| v) {
            Some(Value::List(ids)) if ids.len() <= crate::state::MAX_ENTITIES => {
                Ok(Change::Merge(vec![("e", ids.join(","))]))
            }
            Some(Value::List(_)) => {
                Err(format!("more than {} entities", crate::state::MAX_ENTITIES))
            }
            Some(_) => Err("`entities` must be a list of strings".into()),
            None => Err("`entities` is missing".into()),
        },
        "pce:clear" => Ok(Change::Clear),
        other => Err(format!(
            "unknown message type `{}`",
            other.chars().take(40).collect::<String>()
        )),
    }
}

/// Apply a change to the current state's query string; the result is to be read with
/// [`crate::state::parse_query`]. Embed mode always stays on.
pub fn apply(corpus: &Corpus, current: &AppState, change: &Change) -> String {
    let mut base = match change {
        // The host cannot leave embed mode: its own `embed` parameter is dropped.
        Change::Replace(q) => q
            .trim_start_matches('?')
            .split('&')
            .filter(|p| crate::state::percent_decode(p.split('=').next().unwrap_or("")) != "embed")
            .collect::<Vec<_>>()
            .join("&"),
        Change::Clear => {
            let mut s = current.clone();
            s.text.clear();
            s.entities.clear();
            s.kinds.clear();
            s.range = None;
            crate::state::to_query(corpus, &s)
        }
        Change::Merge(kv) => {
            let cur = crate::state::to_query(corpus, current);
            let mut pairs: Vec<String> = cur
                .split('&')
                .filter(|p| !p.is_empty())
                .filter(|p| {
                    let k = p.split('=').next().unwrap_or("");
                    let replaced = kv.iter().any(|(key, _)| *key == k);
                    // A new article drops the old paragraph.
                    let stale_paragraph = k == "p" && kv.iter().any(|(key, _)| *key == "a");
                    !(replaced || stale_paragraph)
                })
                .map(str::to_string)
                .collect();
            for (k, v) in kv {
                pairs.push(format!("{k}={}", percent_encode(v)));
            }
            pairs.join("&")
        }
    };
    let has_embed = base
        .split('&')
        .any(|p| p.split('=').next() == Some("embed"));
    if !has_embed {
        if !base.is_empty() {
            base.push('&');
        }
        base.push_str("embed=1");
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(k: &str, v: Value) -> (String, Value) {
        (k.to_string(), v)
    }

    #[test]
    fn messages_are_validated() {
        assert_eq!(
            read("pce:search", &[f("text", Value::Str("Kenna".into()))]),
            Ok(Change::Merge(vec![("q", "Kenna".into())]))
        );
        assert!(read("pce:search", &[f("text", Value::Other)]).is_err());
        assert!(read("pce:search", &[]).is_err());
        assert!(read("pce:open-article", &[f("article", Value::List(vec![]))]).is_err());
        assert!(read(
            "pce:set-filters",
            &[f("entities", Value::Str("peru".into()))]
        )
        .is_err());
        assert!(read(
            "pce:set-filters",
            &[f("entities", Value::List(vec!["x".into(); 21]))]
        )
        .is_err());
        assert!(read("pce:format-disk", &[]).is_err());
        assert!(read("pce:search", &[f("text", Value::Str("x".repeat(501)))]).is_err());
    }

    #[test]
    fn changes_keep_embed_mode() {
        let c = crate::model::Corpus::default();
        let s = AppState {
            embed: true,
            text: "a".into(),
            ..AppState::default()
        };
        assert_eq!(
            apply(&c, &s, &Change::Merge(vec![("q", "b c".into())])),
            "embed=1&q=b+c"
        );
        assert_eq!(apply(&c, &s, &Change::Replace("q=x".into())), "q=x&embed=1");
        assert_eq!(apply(&c, &s, &Change::Clear), "embed=1");
    }
}
