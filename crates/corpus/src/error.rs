//! The crate's one error type.
//!
//! Every problem found while building the corpus is reported with the file it was found
//! in and, where there is one, the line, so that `corpus check` can print
//! `file:line: message` lines a curator can jump to.

use std::fmt;

/// An error with its location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The file it was found in (relative to the data folder), if any.
    pub file: Option<String>,
    /// The 1-based line in `file`, if known.
    pub line: Option<usize>,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A file could not be read.
    Io(String),
    /// A data file is not well-formed (bad header, missing `:`, unknown or repeated key).
    Syntax(String),
    /// A required field is missing or empty.
    Missing(String),
    /// A field has a value that is not allowed (bad id, kind, category, ...).
    Invalid(String),
    /// Two records share an id, or two entities share an alias.
    Duplicate(String),
    /// A reference to an id that does not exist.
    UnknownId(String),
    /// A date that cannot exist or is malformed.
    BadDate(String),
    /// An evidence or measure quote not found in the cleaned text.
    QuoteNotFound(String),
    /// An article with no body text after cleaning.
    EmptyArticle(String),
    /// Metadata that contradicts what the article text states.
    Conflict(String),
    /// The compiled corpus could not be decoded.
    Decode(String),
    /// A draft record or field (`@draft-entity`, `draft-value:`) that a person has not
    /// confirmed yet: proposed by `corpus import`, never accepted silently.
    Draft(String),
    /// A value still `TODO`: work `corpus import` left for a person, with the reason.
    Todo(String),
}

impl Error {
    /// An error located in `file` at `line`.
    pub fn at(file: &str, line: usize, kind: ErrorKind) -> Error {
        Error {
            kind,
            file: Some(file.to_string()),
            line: Some(line),
        }
    }

    /// An error located in `file`, no line.
    pub fn in_file(file: &str, kind: ErrorKind) -> Error {
        Error {
            kind,
            file: Some(file.to_string()),
            line: None,
        }
    }

    /// An error with no location.
    pub fn bare(kind: ErrorKind) -> Error {
        Error {
            kind,
            file: None,
            line: None,
        }
    }

    /// The message without the location.
    pub fn message(&self) -> String {
        match &self.kind {
            ErrorKind::Io(m) => format!("cannot read: {m}"),
            ErrorKind::Syntax(m) => format!("syntax error: {m}"),
            ErrorKind::Missing(m) => format!("missing: {m}"),
            ErrorKind::Invalid(m) => format!("invalid: {m}"),
            ErrorKind::Duplicate(m) => format!("duplicate: {m}"),
            ErrorKind::UnknownId(m) => format!("unknown id: {m}"),
            ErrorKind::BadDate(m) => format!("bad date: {m}"),
            ErrorKind::QuoteNotFound(m) => format!("quote not found: {m}"),
            ErrorKind::EmptyArticle(m) => format!("empty article: {m}"),
            ErrorKind::Conflict(m) => format!("conflict: {m}"),
            ErrorKind::Decode(m) => format!("cannot decode corpus: {m}"),
            ErrorKind::Draft(m) => format!("draft: {m}"),
            ErrorKind::Todo(m) => format!("to do: {m}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{file}:{line}: {}", self.message()),
            (Some(file), None) => write!(f, "{file}: {}", self.message()),
            _ => write!(f, "{}", self.message()),
        }
    }
}

impl std::error::Error for Error {}
