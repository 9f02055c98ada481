//! The explorer's reader: the model and everything the browser runs over it.
//!
//! Everything the explorer knows and does without a browser lives here or in the indexer
//! (`crates/corpus-index`), so that it can be tested natively. This crate is what the
//! WebAssembly links: the model and its binary format ([`decode`], and [`encode`] for the
//! indexer), search, the query [`Engine`], URL state and the reducer, view models, the
//! timeline's layout, the comparison, the exports and the embed messages. What only the
//! build runs (cleaning the raw texts, the `.rec` files, gazetteer matching, compiling,
//! importing, synthetic corpora, the `corpus` command line) is in `corpus-index`, which
//! depends on this crate; the app's `Cargo.toml` then shows what ships.
//!
//! How the app uses the core (the store, `update` and its effects, view models) is in
//! `docs/ARCHITECTURE.md` at the repository's root.
//!
//! ```
//! use corpus::{Engine, Filter};
//! # let bytes = corpus::encode(&corpus::Corpus::default());
//! // The bytes the indexer wrote (`corpus_index::compile`, then `corpus::encode`).
//! let engine = Engine::new(corpus::decode(&bytes).expect("a corpus file"));
//! let results = engine.run(&Filter { text: "lima".into(), ..Filter::default() });
//! assert!(results.articles.is_empty());
//! ```
#![deny(missing_docs)]

pub mod cite;
pub mod codec;
pub mod compare;
pub mod date;
pub mod embed;
pub mod error;
pub mod export;
pub mod figures;
pub mod json;
pub mod model;
pub mod query;
pub mod render;
pub mod search;
pub mod state;
pub mod stem;
pub mod suggest;
pub mod text;
pub mod timeline;
pub mod typed_date;
pub mod update;
pub mod util;
pub mod view;

pub use date::{Date, DateSpec, Precision};
pub use error::{Error, ErrorKind};
#[cfg(feature = "json")]
pub use export::to_json;
pub use export::{decode, encode};
pub use model::*;
pub use query::{DateField, Engine, Filter, FilterPart, Order, Relaxation, Results};
pub use suggest::Suggestion;
pub use typed_date::TypedDate;
