//! The explorer's indexer: what the build runs, and the `corpus` command line.
//!
//! The raw texts and the curated `.rec` files become the [`corpus::Corpus`] the explorer
//! reads: [`clean`] reads the scraped texts, [`rec`] the record files, [`matcher`] finds
//! the gazetteer's names, [`compile`] checks and assembles everything (any error with its
//! `file:line`), [`import`] drafts the records of a new article, [`synth`] makes large
//! synthetic corpora for benchmarks, [`show`] and [`coverage`] report on the data. Three
//! programs use it: the app's `build.rs` ([`compile`], then [`corpus::encode`]), the
//! `corpus` command line (`check`, `import`, `show`, `export`, `query`, `synth`) and the
//! tests. The browser never links this crate: the model, the binary format and everything
//! the app runs are in the `corpus` crate, which this one depends on.
//!
//! ```
//! use corpus::{Engine, Filter};
//! use corpus_index::{compile, DataSet, Source};
//! let ds = DataSet {
//!     articles: None,
//!     gazetteer: Some(Source { name: "gazetteer.rec".into(), text:
//!         "@entity lima\nname: Lima\nkind: place\nalias: Lima\ndescription: Capital of Peru.\n".into() }),
//!     events: None,
//!     measures: None,
//!     raw: vec![Source { name: "raw/a.txt".into(), text:
//!         "# Marchers reach Lima\n\nAna Ruiz\n3 March 2023\n\nThousands marched in Lima on Friday.".into() }],
//! };
//! let built = compile(&ds).expect("valid data");
//! let engine = Engine::new(corpus::decode(&corpus::encode(&built.corpus)).unwrap());
//! let results = engine.run(&Filter { text: "lima".into(), ..Filter::default() });
//! assert_eq!(results.articles.len(), 1);
//! assert_eq!(engine.corpus().entities[0].mentions.len(), 1); // the title is not a paragraph
//! ```
#![deny(missing_docs)]

pub mod clean;
pub mod compile;
pub mod coverage;
pub mod files;
pub mod hint;
pub mod import;
pub mod matcher;
pub mod rec;
pub mod scan;
pub mod show;
pub mod synth;

pub use compile::{build, compile, load_dir, Build, Compiled, DataSet, Source};
