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
use serde::{Deserialize, Serialize};

/// A message from the host page, as its JSON/JavaScript object reads: `type` names the
/// variant, the other fields are the variant's. Decoded by [`HostMessage::decode`] from
/// its `type` and one serde type per message (the app with
/// `serde_wasm_bindgen::Deserializer`, the tests and the fuzzer from JSON): the same
/// fields and errors as `#[serde(tag = "type")]` on this enum would give, without serde's
/// buffering of a tagged enum's content, which cost the WebAssembly 9.4 KB gzip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostMessage {
    /// Replace the whole state (embed mode is kept).
    Navigate {
        /// A query string, as in the address.
        query: String,
    },
    /// Open an article, at a paragraph if given.
    OpenArticle {
        /// Article id.
        article: String,
        /// Paragraph id (`p3`).
        paragraph: Option<String>,
    },
    /// Set the search text.
    Search {
        /// The text.
        text: String,
    },
    /// Replace the entity filters.
    SetFilters {
        /// Entity ids.
        entities: Vec<String>,
    },
    /// Clear all filters.
    Clear,
}

/// The fields of each [`HostMessage`] with fields: one serde type per message.
mod fields {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Navigate {
        pub query: String,
    }

    #[derive(Deserialize)]
    pub struct OpenArticle {
        pub article: String,
        #[serde(default)]
        pub paragraph: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Search {
        pub text: String,
    }

    #[derive(Deserialize)]
    pub struct SetFilters {
        pub entities: Vec<String>,
    }
}

/// The `type`s of [`HostMessage`], for the error that names an unknown one.
pub const HOST_TYPES: &[&str] = &[
    "pce:navigate",
    "pce:open-article",
    "pce:search",
    "pce:set-filters",
    "pce:clear",
];

/// A message the explorer posts to the host page.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum AppMessage {
    /// The explorer started in embed mode.
    #[serde(rename = "pce:ready")]
    Ready,
    /// The page's height changed (CSS pixels).
    #[serde(rename = "pce:height")]
    Height {
        /// The height.
        height: f64,
    },
    /// The state changed: its query string, to deep-link.
    #[serde(rename = "pce:state")]
    State {
        /// The query string.
        query: String,
    },
    /// A message was refused, and why.
    #[serde(rename = "pce:error")]
    Error {
        /// Why.
        message: String,
    },
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

fn checked(key: &str, s: &str) -> Result<String, String> {
    if s.chars().count() <= crate::state::MAX_VALUE {
        Ok(s.to_string())
    } else {
        Err(format!("`{key}` is too long"))
    }
}

impl HostMessage {
    /// The change a decoded message asks for, or why it cannot be used.
    pub fn change(&self) -> Result<Change, String> {
        Ok(match self {
            HostMessage::Navigate { query } => Change::Replace(checked("query", query)?),
            HostMessage::OpenArticle { article, paragraph } => {
                let mut m = vec![("a", checked("article", article)?)];
                if let Some(p) = paragraph {
                    m.push(("p", checked("paragraph", p)?));
                }
                Change::Merge(m)
            }
            HostMessage::Search { text } => Change::Merge(vec![("q", checked("text", text)?)]),
            HostMessage::SetFilters { entities } if entities.len() > crate::state::MAX_ENTITIES => {
                return Err(format!("more than {} entities", crate::state::MAX_ENTITIES))
            }
            HostMessage::SetFilters { entities } => {
                let ids = entities
                    .iter()
                    .map(|e| checked("entities", e))
                    .collect::<Result<Vec<_>, _>>()?;
                Change::Merge(vec![("e", ids.join(","))])
            }
            HostMessage::Clear => Change::Clear,
        })
    }

    /// Decode a message of type `kind` (its `type` field, read first) from `fields` (the
    /// whole message; other fields, `type` among them, are ignored). An unknown type or a
    /// field of the wrong kind is refused with [`HostMessage::decode_error`]'s words.
    pub fn decode<'de, D: serde::Deserializer<'de>>(
        kind: &str,
        fields: D,
    ) -> Result<HostMessage, String> {
        let refused = |e: D::Error| Self::decode_error(kind, &e.to_string());
        Ok(match kind {
            "pce:navigate" => {
                let m = fields::Navigate::deserialize(fields).map_err(refused)?;
                HostMessage::Navigate { query: m.query }
            }
            "pce:open-article" => {
                let m = fields::OpenArticle::deserialize(fields).map_err(refused)?;
                HostMessage::OpenArticle {
                    article: m.article,
                    paragraph: m.paragraph,
                }
            }
            "pce:search" => {
                let m = fields::Search::deserialize(fields).map_err(refused)?;
                HostMessage::Search { text: m.text }
            }
            "pce:set-filters" => {
                let m = fields::SetFilters::deserialize(fields).map_err(refused)?;
                HostMessage::SetFilters {
                    entities: m.entities,
                }
            }
            "pce:clear" => HostMessage::Clear,
            _ => return Err(Self::decode_error(kind, "")),
        })
    }

    /// The message to send back when a message of type `kind` could not be decoded
    /// (`detail`: the decoder's words), short and without echoing long input.
    pub fn decode_error(kind: &str, detail: &str) -> String {
        if !HOST_TYPES.contains(&kind) {
            return format!(
                "unknown message type `{}`",
                kind.chars().take(40).collect::<String>()
            );
        }
        let detail: String = detail.chars().take(80).collect();
        format!("{kind}: {detail}")
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

    #[test]
    fn messages_are_validated() {
        let search = |t: &str| HostMessage::Search { text: t.into() };
        assert_eq!(
            search("Kenna").change(),
            Ok(Change::Merge(vec![("q", "Kenna".into())]))
        );
        assert!(search(&"x".repeat(501)).change().is_err());
        let many = HostMessage::SetFilters {
            entities: vec!["x".into(); 21],
        };
        assert!(many.change().is_err());
        let open = HostMessage::OpenArticle {
            article: "a".into(),
            paragraph: Some("p3".into()),
        };
        assert_eq!(
            open.change(),
            Ok(Change::Merge(vec![("a", "a".into()), ("p", "p3".into())]))
        );
        assert_eq!(
            HostMessage::decode_error("pce:format-disk", "unknown variant"),
            "unknown message type `pce:format-disk`"
        );
        assert!(HostMessage::decode_error("pce:search", &"x".repeat(500))
            .starts_with("pce:search: xxx"));
        assert!(
            HostMessage::decode_error("pce:search", &"x".repeat(500))
                .chars()
                .count()
                < 120
        );
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
