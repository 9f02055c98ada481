//! The pure core of the Peru Crisis Explorer.
//!
//! Everything the explorer knows and does without a browser lives here, so that it can be
//! tested natively and shared by the three programs that need it:
//!
//! - the app's `build.rs`, which [`compile`]s `data/` and writes the binary with
//!   [`encode`] (a build with any data error fails, and no corpus is written);
//! - the `corpus` command line (`check`, `import`, `show`, `export`, `synth`);
//! - the Yew app, which [`decode`]s the embedded binary and answers every question
//!   through an [`Engine`].
//!
//! How the app uses the core (the store, `update` and its effects, view models) is in
//! `docs/ARCHITECTURE.md` at the repository's root.
//!
//! ```
//! use corpus::{compile, DataSet, Source, Engine, Filter};
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
//! let engine = Engine::new(built.corpus);
//! let results = engine.run(&Filter { text: "lima".into(), ..Filter::default() });
//! assert_eq!(results.articles.len(), 1);
//! assert_eq!(engine.corpus().entities[0].mentions.len(), 1); // the title is not a paragraph
//! ```
#![deny(missing_docs)]

pub mod cite;
pub mod clean;
pub mod compare;
pub mod compile;
pub mod coverage;
pub mod date;
pub mod embed;
pub mod error;
pub mod export;
pub mod figures;
pub mod hint;
pub mod import;
pub mod json;
pub mod matcher;
pub mod model;
pub mod query;
pub mod rec;
pub mod render;
pub mod scan;
pub mod search;
pub mod show;
pub mod state;
pub mod stem;
pub mod suggest;
pub mod synth;
pub mod timeline;
pub mod typed_date;
pub mod update;
pub mod util;
pub mod view;

pub use compile::{build, compile, load_dir, Build, Compiled, DataSet, Source};
pub use date::{Date, DateSpec, Precision};
pub use error::{Error, ErrorKind};
#[cfg(feature = "json")]
pub use export::to_json;
pub use export::{decode, encode};
pub use model::*;
pub use query::{DateField, Engine, Filter, FilterPart, Order, Relaxation, Results};
pub use suggest::Suggestion;
pub use typed_date::TypedDate;
