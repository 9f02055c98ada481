//! Building the corpus from the data folder: clean, load, cross-check, and assemble.
//!
//! All errors are collected (a curator wants the whole list, not one per run) and any
//! error means no corpus: [`compile`] returns either a complete, consistent [`Corpus`] or
//! the list of errors.

use crate::clean::{clean, Cleaned};
use crate::matcher::Matcher;
use crate::rec::{self, Fields, Record};
use corpus::date::{Date, DateSpec, Precision};
use corpus::error::{Error, ErrorKind};
use corpus::figures;
use corpus::model::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// A named text file (names are relative to the data folder, e.g. `raw/001.txt`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Path relative to the data folder.
    pub name: String,
    /// Contents.
    pub text: String,
}

/// The data folder's contents.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataSet {
    /// `articles.rec`.
    pub articles: Option<Source>,
    /// `gazetteer.rec`.
    pub gazetteer: Option<Source>,
    /// `events.rec`.
    pub events: Option<Source>,
    /// `measures.rec`.
    pub measures: Option<Source>,
    /// `raw/*.txt`, sorted by name.
    pub raw: Vec<Source>,
}

/// The data folder read as far as it goes: the corpus of everything that could be built,
/// and every error. [`compile`] turns it into a [`Compiled`] corpus only when there is no
/// error; `corpus check` and `corpus show` use it as it is, so that a curator can read an
/// article and see what is left while other records are broken.
///
/// An article whose metadata has an error is still built (with an empty title or a
/// placeholder date where those are missing), so that the events, measures and aliases
/// that quote it are checked against its text instead of all failing with it: one bad
/// record gives one error.
#[derive(Clone, Debug)]
pub struct Build {
    /// What could be built. Not a valid corpus unless `errors` is empty.
    pub corpus: Corpus,
    /// Every error, sorted by file and line.
    pub errors: Vec<Error>,
    /// Notes (e.g. raw files used without an `@article` record).
    pub notes: Vec<String>,
    /// Capitalised names in the text that no alias covers: (name, occurrences, first place).
    pub uncovered: Vec<(String, usize, String)>,
    /// Draft records and draft fields not yet confirmed (each is also an error).
    pub drafts: Vec<Draft>,
    /// Where each article of `corpus.articles` comes from (same order).
    pub sources: Vec<ArticleSource>,
}

/// A draft record (`@draft-KIND ID`) or draft field (`draft-KEY: ...`) in a data file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The data file.
    pub file: String,
    /// Its line (the header of a draft record, or the draft field).
    pub line: usize,
    /// The record kind (`entity`, `event`, `measure`, `article`).
    pub kind: String,
    /// The record id.
    pub id: String,
    /// The draft field's key, or `None` for a whole draft record.
    pub key: Option<String>,
    /// The ids of the articles it concerns (its evidence, its values, the article itself;
    /// for an entity, the articles that mention it).
    pub articles: Vec<String>,
}

impl Draft {
    /// What it is, as written: `@draft-entity lima` or `draft-value in @measure death-toll`.
    pub fn what(&self) -> String {
        match &self.key {
            None => format!("@{}{} {}", rec::DRAFT_PREFIX, self.kind, self.id),
            Some(k) => format!("{}{k} in @{} {}", rec::DRAFT_PREFIX, self.kind, self.id),
        }
    }
}

/// Where an article's text comes from and what cleaning did to it.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleSource {
    /// The raw file, relative to the data folder (`raw/001.txt`).
    pub raw: String,
    /// The raw line each paragraph starts on (same order as the paragraphs).
    pub lines: Vec<usize>,
    /// Raw lines dropped by cleaning, with the reason.
    pub dropped: Vec<(usize, &'static str)>,
    /// Raw lines joined to the line before (a paragraph cut by a page break).
    pub joined: Vec<usize>,
    /// The subtitle cleaning found, with its raw line.
    pub subtitle: Option<(String, usize)>,
    /// The line of its `@article` record in `articles.rec`, if it has one.
    pub record_line: Option<usize>,
    /// What a curator looked at and decided not to curate (`not_curated:` fields).
    pub not_curated: Vec<NotCurated>,
    /// False when its metadata has an error (the article is then built with a placeholder
    /// for what is missing).
    pub complete: bool,
}

/// A successful build: the corpus and what a curator should look at.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The corpus.
    pub corpus: Corpus,
    /// Capitalised names in the text that no alias covers: (name, occurrences, first place).
    pub uncovered: Vec<(String, usize, String)>,
    /// Notes (e.g. raw files used without an `@article` record).
    pub notes: Vec<String>,
}

/// The text of a file, or an error naming the line of its first invalid UTF-8 byte.
fn decode(name: &str, bytes: Vec<u8>, errors: &mut Vec<Error>) -> Option<Source> {
    match String::from_utf8(bytes) {
        Ok(text) => Some(Source {
            name: name.to_string(),
            text,
        }),
        Err(e) => {
            let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
            errors.push(Error::at(
                name,
                line,
                ErrorKind::Io("not valid UTF-8".into()),
            ));
            None
        }
    }
}

fn read(dir: &Path, name: &str, errors: &mut Vec<Error>) -> Option<Source> {
    match std::fs::read(dir.join(name)) {
        Ok(bytes) => decode(name, bytes, errors),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            errors.push(Error::in_file(name, ErrorKind::Io(e.to_string())));
            None
        }
    }
}

/// The data files [`load_dir`] reads, besides `raw/*.txt`, in the order it reads them.
const DATA_FILES: [&str; 4] = [
    "articles.rec",
    "gazetteer.rec",
    "events.rec",
    "measures.rec",
];

impl DataSet {
    /// The data set of in-memory files, named as in the data folder (`articles.rec`,
    /// `raw/001.txt`): what [`load_dir`] reads, without the disk. Other names are ignored,
    /// as `load_dir` ignores other files; a name given twice keeps its last contents.
    /// Text that is not UTF-8 is an error naming the file and line. No `raw/*.txt` is not
    /// an error here ([`compile`] reports it).
    pub fn from_files<N: Into<String>>(
        files: impl IntoIterator<Item = (N, Vec<u8>)>,
    ) -> Result<DataSet, Vec<Error>> {
        let mut by_name: BTreeMap<String, Vec<u8>> =
            files.into_iter().map(|(n, b)| (n.into(), b)).collect();
        let mut errors = Vec::new();
        let mut take = |name: &str, errors: &mut Vec<Error>| {
            by_name
                .remove(name)
                .and_then(|bytes| decode(name, bytes, errors))
        };
        let mut ds = DataSet {
            articles: take(DATA_FILES[0], &mut errors),
            gazetteer: take(DATA_FILES[1], &mut errors),
            events: take(DATA_FILES[2], &mut errors),
            measures: take(DATA_FILES[3], &mut errors),
            raw: Vec::new(),
        };
        for (name, bytes) in by_name {
            let is_raw = name
                .strip_prefix("raw/")
                .is_some_and(|n| n.ends_with(".txt") && !n.contains('/'));
            if is_raw {
                if let Some(s) = decode(&name, bytes, &mut errors) {
                    ds.raw.push(s);
                }
            }
        }
        if errors.is_empty() {
            Ok(ds)
        } else {
            Err(errors)
        }
    }
}

/// Read the data folder.
pub fn load_dir(dir: &Path) -> Result<DataSet, Vec<Error>> {
    let mut errors = Vec::new();
    let mut ds = DataSet {
        articles: read(dir, DATA_FILES[0], &mut errors),
        gazetteer: read(dir, DATA_FILES[1], &mut errors),
        events: read(dir, DATA_FILES[2], &mut errors),
        measures: read(dir, DATA_FILES[3], &mut errors),
        raw: Vec::new(),
    };
    match std::fs::read_dir(dir.join("raw")) {
        Ok(entries) => {
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".txt"))
                .collect();
            names.sort();
            for n in names {
                if let Some(s) = read(dir, &format!("raw/{n}"), &mut errors) {
                    ds.raw.push(s);
                }
            }
        }
        Err(e) => errors.push(Error::in_file("raw", ErrorKind::Io(e.to_string()))),
    }
    if errors.is_empty() {
        Ok(ds)
    } else {
        Err(errors)
    }
}

/// Read `publication: NAME` or `publication: NAME | URL`. The address becomes a link in
/// the app's footer, so only `http://` and `https://` are accepted.
fn parse_publication(value: &str) -> Result<Publication, String> {
    let (name, url) = match value.split_once('|') {
        Some((n, u)) => (n.trim(), Some(u.trim())),
        None => (value.trim(), None),
    };
    if name.is_empty() {
        return Err("`publication` needs a name (`publication: NAME | https://…`)".into());
    }
    let url = match url {
        None => None,
        Some(u) => {
            let scheme_ok = ["https://", "http://"]
                .iter()
                .any(|s| u.get(..s.len()).is_some_and(|h| h.eq_ignore_ascii_case(s)));
            if !scheme_ok || u.len() <= "https://".len() || u.chars().any(char::is_whitespace) {
                return Err(format!(
                    "publication address `{u}` is not an http:// or https:// address"
                ));
            }
            Some(u.to_string())
        }
    };
    Ok(Publication {
        name: name.to_string(),
        url,
    })
}

pub use corpus::util::slug;

/// The keys an `@article` record may have.
const ARTICLE_KEYS: &[&str] = &[
    "file",
    "title",
    "title_reason",
    "authors",
    "authors_reason",
    "published",
    "published_reason",
    "published_earliest",
    "published_latest",
    "dateline_order",
    "not_curated",
    "publication",
];

/// What the coverage report would list that a curator has looked at and left on purpose,
/// with the reason: `not_curated: name Constitution | a demanded new constitution, not a
/// named document` in an `@article` record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotCurated {
    /// What kind of item: `name`, `figure`, `paragraph` or `dated`.
    pub kind: NotCuratedKind,
    /// The item as the report writes it: the name, the figure's text, the paragraph id,
    /// or the date expression.
    pub what: String,
    /// Why it is left.
    pub reason: String,
    /// Its line in `articles.rec`.
    pub line: usize,
}

/// The kinds of [`NotCurated`] items, one per section of the coverage report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotCuratedKind {
    /// A capitalised name not in the gazetteer.
    Name,
    /// A figure no measure uses.
    Figure,
    /// A body paragraph that names no entity.
    Paragraph,
    /// A sentence with a date expression that no event quotes.
    Dated,
}

impl NotCuratedKind {
    /// The word written in the field.
    pub fn as_str(self) -> &'static str {
        match self {
            NotCuratedKind::Name => "name",
            NotCuratedKind::Figure => "figure",
            NotCuratedKind::Paragraph => "paragraph",
            NotCuratedKind::Dated => "dated",
        }
    }
}

/// The `not_curated:` fields of an `@article` record; a malformed one is an error at its
/// line and is left out.
fn not_curated(r: &Record, file: &str, errors: &mut Vec<Error>) -> Vec<NotCurated> {
    let mut out = Vec::new();
    for f in r.fields.iter().filter(|f| f.key == "not_curated") {
        let (item, reason) = f.value.split_once('|').unwrap_or((f.value.as_str(), ""));
        let (kind, what) = item.trim().split_once(' ').unwrap_or((item.trim(), ""));
        let kind = match kind {
            "name" => Some(NotCuratedKind::Name),
            "figure" => Some(NotCuratedKind::Figure),
            "paragraph" => Some(NotCuratedKind::Paragraph),
            "dated" => Some(NotCuratedKind::Dated),
            _ => None,
        };
        let (what, reason) = (what.trim(), reason.trim());
        match kind {
            Some(kind) if !what.is_empty() && !reason.is_empty() => out.push(NotCurated {
                kind,
                what: what.to_string(),
                reason: reason.to_string(),
                line: f.line,
            }),
            _ => errors.push(Error::at(
                file,
                f.line,
                ErrorKind::Invalid(format!(
                    "`not_curated: {}` should read `KIND WHAT | why`, KIND one of name, figure, paragraph, dated, as in `not_curated: name Constitution | a demanded new constitution, not a named document`",
                    f.value
                )),
            )),
        }
    }
    out
}

/// Collects what a build finds besides the corpus.
#[derive(Default)]
struct Found {
    errors: Vec<Error>,
    notes: Vec<String>,
    drafts: Vec<Draft>,
    /// Files with a record header that was rejected (bad syntax or id, wrong kind, id
    /// used twice): references to their ids are then not checked, since the id a
    /// reference means may be the one that was rejected.
    broken_headers: HashSet<String>,
}

/// The article ids a record's `evidence`/`value` fields (or `file`, for an article) name.
fn articles_named(r: &Record, fields: &[&rec::Field]) -> Vec<String> {
    if r.kind == "article" {
        return vec![r.id.clone()];
    }
    let mut out: Vec<String> = Vec::new();
    for f in fields {
        if f.key == "evidence" || f.key == "value" {
            if let Some((a, _)) = f.value.split_once('|') {
                let a = a.trim().to_string();
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
    }
    out
}

fn records(src: &Option<Source>, want: &str, found: &mut Found) -> (String, Vec<Record>) {
    let Some(src) = src else {
        return (String::new(), Vec::new());
    };
    let errors = &mut found.errors;
    let (recs, errs) = rec::parse(&src.name, &src.text);
    errors.extend(errs);
    let headers = src
        .text
        .lines()
        .filter(|l| l.trim_start().starts_with('@'))
        .count();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    let mut intact = headers == recs.len();
    for r in recs {
        intact &= rec::valid_id(&r.id);
        if r.kind != want {
            intact = false;
            errors.push(Error::at(
                &src.name,
                r.line,
                ErrorKind::Syntax(format!(
                    "expected `@{want} ID` (or `@{}{want} ID`), found `{}`",
                    rec::DRAFT_PREFIX,
                    r.header()
                )),
            ));
            continue;
        }
        if let Some(first) = seen.get(&r.id) {
            intact = false;
            errors.push(Error::at(
                &src.name,
                r.line,
                ErrorKind::Duplicate(format!("id `{}` already used on line {first}", r.id)),
            ));
            continue;
        }
        seen.insert(r.id.clone(), r.line);
        for t in &r.todo {
            errors.push(Error::at(
                &src.name,
                t.line,
                ErrorKind::Todo(format!(
                    "`{}` of {} is still `{}`",
                    t.written_key(),
                    r.header(),
                    t.value
                )),
            ));
        }
        if r.draft {
            let all: Vec<&rec::Field> = r.fields.iter().collect();
            errors.push(Error::at(
                &src.name,
                r.line,
                ErrorKind::Draft(format!(
                    "{} is proposed, not confirmed: review it, then confirm it by changing `@{}{want}` to `@{want}` (or delete the record)",
                    r.header(),
                    rec::DRAFT_PREFIX
                )),
            ));
            found.drafts.push(Draft {
                file: src.name.clone(),
                line: r.line,
                kind: want.to_string(),
                id: r.id.clone(),
                key: None,
                articles: articles_named(&r, &all),
            });
        }
        for f in r.fields.iter().filter(|f| f.draft) {
            errors.push(Error::at(
                &src.name,
                f.line,
                ErrorKind::Draft(format!(
                    "`{}` in {} is proposed, not confirmed: review it, then confirm it by changing `{}:` to `{}:` (or delete the line)",
                    f.written_key(),
                    r.header(),
                    f.written_key(),
                    f.key
                )),
            ));
            found.drafts.push(Draft {
                file: src.name.clone(),
                line: f.line,
                kind: want.to_string(),
                id: r.id.clone(),
                key: Some(f.key.clone()),
                articles: articles_named(&r, &[f]),
            });
        }
        out.push(r);
    }
    if !intact {
        found.broken_headers.insert(src.name.clone());
    }
    (src.name.clone(), out)
}

/// The message for a quote not found in an article, with the closest passage and the
/// first character that differs (see [`crate::hint`]).
fn not_found(article: &Article, quote: &str) -> String {
    let mut m = format!("`{quote}` is not in the cleaned text of `{}`", article.id);
    match crate::hint::closest(article, quote) {
        Some(c) => {
            m.push_str("; ");
            m.push_str(&c.message(article, quote));
        }
        None => m.push_str("; no passage of the article is close to it (is it the right article?)"),
    }
    m
}

/// Find a verbatim quote in an article: (paragraph, byte start).
fn find_quote(article: &Article, quote: &str) -> Option<(u32, u32)> {
    article
        .paragraphs
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.text.find(quote).map(|s| (i as u32, s as u32)))
}

/// Build the corpus: a complete, consistent [`Compiled`] corpus, or every error.
pub fn compile(ds: &DataSet) -> Result<Compiled, Vec<Error>> {
    let b = build(ds);
    if !b.errors.is_empty() {
        return Err(b.errors);
    }
    Ok(Compiled {
        corpus: b.corpus,
        uncovered: b.uncovered,
        notes: b.notes,
    })
}

/// Read the data set as far as it goes: see [`Build`].
pub fn build(ds: &DataSet) -> Build {
    let mut found = Found::default();
    let built = build_articles(ds, &mut found);
    let (entities, matcher) = build_entities(ds, &mut found);
    let (articles, sources): (Vec<Article>, Vec<ArticleSource>) =
        built.articles.into_iter().unzip();
    let mut corpus = Corpus {
        articles,
        entities,
        ..Corpus::default()
    };
    find_mentions(&mut corpus, &matcher);
    // With an article missing, an alias found only there would be reported as never
    // found: a second error for the same cause.
    if built.all_built {
        check_aliases_occur(ds, &corpus, &mut found.errors);
    }
    corpus.figures = find_figures(&corpus.articles);
    corpus.events = build_events(ds, &corpus, &built.dead, &mut found);
    corpus.measures = build_measures(ds, &corpus, &built.dead, &mut found);
    for d in found.drafts.iter_mut().filter(|d| d.kind == "entity") {
        if let Some(e) = corpus.entities.iter().find(|e| e.id == d.id) {
            let mut ids: Vec<String> = Vec::new();
            for m in &e.mentions {
                let a = &corpus.articles[m.article as usize].id;
                if !ids.contains(a) {
                    ids.push(a.clone());
                }
            }
            d.articles = ids;
        }
    }
    let mut errors = found.errors;
    errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    readable_notes(&mut corpus);
    let uncovered = uncovered_names(&corpus);
    Build {
        corpus,
        errors,
        notes: found.notes,
        uncovered,
        drafts: found.drafts,
        sources,
    }
}

/// The articles of a build, and what the rest of the build must know about those that
/// could not be built.
struct BuiltArticles {
    articles: Vec<(Article, ArticleSource)>,
    /// Ids of `@article` records whose article could not be built at all (no such raw
    /// file, or no text): references to them are not reported again.
    dead: HashSet<String>,
    /// Every raw file became an article.
    all_built: bool,
}

fn build_articles(ds: &DataSet, found: &mut Found) -> BuiltArticles {
    if ds.raw.is_empty() {
        found.errors.push(Error::in_file(
            "raw",
            ErrorKind::Missing("no raw/*.txt article".into()),
        ));
    }
    let (file, recs) = records(&ds.articles, "article", found);
    let headers_broken = found.broken_headers.contains(&file);
    let errors = &mut found.errors;
    let notes = &mut found.notes;
    let mut by_file: HashMap<&str, &Record> = HashMap::new();
    let mut dead: HashSet<String> = HashSet::new();
    let with_record: HashSet<String> = recs
        .iter()
        .flat_map(|r| r.fields.iter().filter(|f| f.key == "file"))
        .map(|f| format!("raw/{}", f.value))
        .collect();
    let unclaimed: Vec<&str> = ds
        .raw
        .iter()
        .filter(|s| !with_record.contains(&s.name))
        .map(|s| s.name.as_str())
        .collect();
    for r in &recs {
        let mut errs = Vec::new();
        let f = Fields::new(&file, r, ARTICLE_KEYS, &["not_curated"], &mut errs);
        match f.required("file", &mut errs) {
            Some(src) => {
                let path = format!("raw/{}", src.value);
                if !ds.raw.iter().any(|s| s.name == path) {
                    let hint = if unclaimed.is_empty() {
                        String::new()
                    } else {
                        format!(" (raw files with no record: {})", unclaimed.join(", "))
                    };
                    errs.push(Error::at(
                        &file,
                        src.line,
                        ErrorKind::UnknownId(format!(
                            "no file `{path}` for @article {}{hint}",
                            r.id
                        )),
                    ));
                    dead.insert(r.id.clone());
                } else if let Some(prev) = by_file.insert(src.value.as_str(), r) {
                    errs.push(Error::at(
                        &file,
                        src.line,
                        ErrorKind::Duplicate(format!(
                            "`{}` is already the file of @article {}",
                            src.value, prev.id
                        )),
                    ));
                    dead.insert(r.id.clone());
                }
            }
            None => {
                dead.insert(r.id.clone());
            }
        }
        errors.extend(errs);
    }
    let mut out = Vec::new();
    let mut all_built = true;
    let mut ids: HashSet<String> = recs.iter().map(|r| r.id.clone()).collect();
    for raw in &ds.raw {
        let fname = raw.name.trim_start_matches("raw/");
        let cleaned = clean(&raw.text);
        let rec = by_file.get(fname).copied();
        let id = match rec {
            Some(r) => r.id.clone(),
            None => {
                let stem = fname.trim_end_matches(".txt");
                let id = slug(stem);
                if id.is_empty() || !ids.insert(id.clone()) {
                    errors.push(Error::in_file(
                        &raw.name,
                        ErrorKind::Duplicate(format!(
                            "cannot derive a unique id from `{fname}`; add an @article record"
                        )),
                    ));
                    all_built = false;
                    continue;
                }
                notes.push(format!(
                    "{}: no @article record in {file}; using id `{id}`",
                    raw.name
                ));
                id
            }
        };
        let mut errs = Vec::new();
        let built = article_from(&raw.name, fname, &id, &cleaned, rec, &file, &mut errs);
        // A record with a wrong `file:` leaves its raw file without a record: its
        // metadata errors would repeat the record's error.
        if !(rec.is_none() && (!dead.is_empty() || headers_broken)) {
            errors.extend(errs);
        }
        match built {
            Some((a, complete)) => {
                let source = ArticleSource {
                    raw: raw.name.clone(),
                    lines: cleaned.paragraphs.iter().map(|p| p.line).collect(),
                    dropped: cleaned.dropped.clone(),
                    joined: cleaned.joined.clone(),
                    subtitle: cleaned.subtitle.clone(),
                    record_line: rec.map(|r| r.line),
                    complete,
                    not_curated: rec
                        .map(|r| not_curated(r, &file, errors))
                        .unwrap_or_default(),
                };
                out.push((a, source));
            }
            None => {
                all_built = false;
                dead.insert(id);
            }
        }
    }
    out.sort_by(|(a, _), (b, _)| (a.published.date, &a.id).cmp(&(b.published.date, &b.id)));
    BuiltArticles {
        articles: out,
        dead,
        all_built,
    }
}

#[allow(clippy::too_many_arguments)]
fn article_from(
    raw_name: &str,
    fname: &str,
    id: &str,
    c: &Cleaned,
    rec: Option<&Record>,
    meta_file: &str,
    errors: &mut Vec<Error>,
) -> Option<(Article, bool)> {
    let mut errs = Vec::new();
    let todo = |k: &str| rec.is_some_and(|r| r.todo.iter().any(|f| f.key == k));
    let mut scratch = Vec::new();
    let fields =
        rec.map(|r| Fields::new(meta_file, r, ARTICLE_KEYS, &["not_curated"], &mut scratch));
    let get = |k: &str| fields.as_ref().and_then(|f| f.get(k));
    let rec_line = rec.map_or(1, |r| r.line);
    let where_ = |line: usize| -> (String, usize) {
        if rec.is_some() {
            (meta_file.to_string(), line)
        } else {
            (raw_name.to_string(), 1)
        }
    };
    let need_reason =
        |key: &str, reason_key: &str, line: usize, errs: &mut Vec<Error>| -> Option<String> {
            match get(reason_key) {
                Some(f) if !f.value.is_empty() => Some(f.value.clone()),
                _ if todo(reason_key) => None,
                _ => {
                    errs.push(Error::at(
                        meta_file,
                        line,
                        ErrorKind::Missing(format!("`{key}` needs a `{reason_key}` saying why")),
                    ));
                    None
                }
            }
        };
    let empty = c.paragraphs.iter().all(|p| p.kind != ParagraphKind::Body);
    if empty {
        errs.push(Error::at(
            raw_name,
            1,
            ErrorKind::EmptyArticle(format!("`{fname}` has no body text after cleaning")),
        ));
    }
    // Title.
    let (title, title_status, title_reason) = match (&c.title, get("title")) {
        (Some((t, line)), Some(f)) => {
            errs.push(Error::at(
                meta_file,
                f.line,
                ErrorKind::Conflict(format!(
                    "the text states the title (raw line {line}: `{t}`); remove `title`"
                )),
            ));
            (t.clone(), Provenance::Stated, None)
        }
        (Some((t, _)), None) => (t.clone(), Provenance::Stated, None),
        (None, Some(f)) if !f.value.is_empty() => {
            let reason = need_reason("title", "title_reason", f.line, &mut errs);
            (f.value.clone(), Provenance::Supplied, reason)
        }
        _ => {
            if !todo("title") {
                let (file, line) = where_(rec_line);
                errs.push(Error::at(
                    &file,
                    line,
                    ErrorKind::Missing(format!("`{fname}` has no title in its text; supply `title:` and `title_reason:` in @article {id}")),
                ));
            }
            (String::new(), Provenance::Supplied, None)
        }
    };
    // Authors.
    let (authors, authors_status, authors_reason) = match (&c.authors, get("authors")) {
        (Some((a, line)), Some(f)) => {
            errs.push(Error::at(
                meta_file,
                f.line,
                ErrorKind::Conflict(format!(
                    "the text has a byline (raw line {line}: `{}`); remove `authors`",
                    a.join(", ")
                )),
            ));
            (a.clone(), Provenance::Stated, None)
        }
        (Some((a, _)), None) => (a.clone(), Provenance::Stated, None),
        (None, Some(f)) => {
            let reason = need_reason("authors", "authors_reason", f.line, &mut errs);
            let names: Vec<String> = f
                .value
                .split(';')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let status = if names.is_empty() {
                Provenance::Unknown
            } else {
                Provenance::Inferred
            };
            (names, status, reason)
        }
        (None, None) => {
            if !todo("authors") {
                let (file, line) = where_(rec_line);
                errs.push(Error::at(
                    &file,
                    line,
                    ErrorKind::Missing(format!("`{fname}` has no byline; give `authors:` (empty if unknown) and `authors_reason:` in @article {id}")),
                ));
            }
            (Vec::new(), Provenance::Unknown, None)
        }
    };
    // A numeric dateline with two readings is stated once the record says how to read it.
    let mut dateline = c.dateline;
    match (&c.ambiguous_dateline, get("dateline_order")) {
        (Some(a), Some(o)) => match o.value.as_str() {
            "day-month-year" => dateline = Some((a.day_first, a.line)),
            "month-day-year" => dateline = Some((a.month_first, a.line)),
            v => errs.push(Error::at(
                meta_file,
                o.line,
                ErrorKind::Invalid(format!(
                    "dateline_order `{v}` (expected day-month-year, which reads `{}` as {}, or month-day-year: {})",
                    a.text,
                    a.day_first.long(),
                    a.month_first.long()
                )),
            )),
        },
        (None, Some(o)) => errs.push(Error::at(
            meta_file,
            o.line,
            ErrorKind::Invalid(
                "`dateline_order` is only for a numeric dateline that reads as two dates (10/01/2023); the text has none: remove it".into(),
            ),
        )),
        _ => {}
    }
    let ambiguous = c.ambiguous_dateline.as_ref().filter(|_| dateline.is_none());
    let publication = get("publication").and_then(|f| match parse_publication(&f.value) {
        Ok(p) => Some(p),
        Err(why) => {
            errs.push(Error::at(meta_file, f.line, ErrorKind::Invalid(why)));
            None
        }
    });
    // Publication date.
    let published = match (&dateline, get("published")) {
        (Some((d, line)), Some(f)) => {
            errs.push(Error::at(
                meta_file,
                f.line,
                ErrorKind::Conflict(format!(
                    "the text has a dateline (raw line {line}: {d}); remove `published`"
                )),
            ));
            None
        }
        (Some((d, _)), None) => Some(Published {
            date: *d,
            precision: Precision::Day,
            status: Provenance::Stated,
            reason: None,
            earliest: None,
            latest: None,
        }),
        (None, Some(f)) if ambiguous.is_some() => {
            if let Some(a) = ambiguous {
                errs.push(Error::at(
                    meta_file,
                    f.line,
                    ErrorKind::Conflict(format!(
                        "the text has a numeric dateline (raw line {}: `{}`); replace `published` by `dateline_order: day-month-year` ({}) or `dateline_order: month-day-year` ({})",
                        a.line, a.text, a.day_first, a.month_first
                    )),
                ));
            }
            None
        }
        (None, Some(f)) => {
            match DateSpec::parse(&f.value) {
                None => {
                    errs.push(Error::at(
                        meta_file,
                        f.line,
                        ErrorKind::BadDate(format!("`{}` is not a possible date", f.value)),
                    ));
                    None
                }
                Some(spec) => {
                    let reason = need_reason("published", "published_reason", f.line, &mut errs);
                    let bound = |k: &str, errs: &mut Vec<Error>| -> Option<Date> {
                        let f = get(k)?;
                        let d = Date::parse_iso(&f.value);
                        if d.is_none() {
                            errs.push(Error::at(
                                meta_file,
                                f.line,
                                ErrorKind::BadDate(format!(
                                    "`{}` is not a possible day (YYYY-MM-DD)",
                                    f.value
                                )),
                            ));
                        }
                        d
                    };
                    let (mut earliest, mut latest) = (
                        bound("published_earliest", &mut errs),
                        bound("published_latest", &mut errs),
                    );
                    if spec.precision != Precision::Day {
                        earliest = earliest.or(Some(spec.start));
                        latest = latest.or(Some(spec.end));
                    }
                    if earliest.is_some_and(|e| e > spec.start)
                        || latest.is_some_and(|l| l < spec.end)
                    {
                        errs.push(Error::at(
                        meta_file,
                        f.line,
                        ErrorKind::BadDate("the published date lies outside published_earliest..published_latest".into()),
                    ));
                    }
                    Some(Published {
                        date: spec.start,
                        precision: if spec.precision == Precision::Day {
                            Precision::Day
                        } else {
                            Precision::Span
                        },
                        status: Provenance::Inferred,
                        reason,
                        earliest,
                        latest,
                    })
                }
            }
        }
        (None, None) if todo("published") || todo("dateline_order") => None,
        (None, None) => {
            let (file, line) = where_(rec_line);
            let message = match ambiguous {
                Some(a) => format!(
                    "`{fname}` has a numeric dateline `{}` (raw line {}) that reads as {} (day-month-year) or {} (month-day-year); say which with `dateline_order: day-month-year` or `dateline_order: month-day-year` in @article {id}",
                    a.text, a.line, a.day_first.long(), a.month_first.long()
                ),
                None => format!("`{fname}` has no dateline; give `published:` and `published_reason:` in @article {id}"),
            };
            errs.push(Error::at(&file, line, ErrorKind::Missing(message)));
            None
        }
    };
    let complete = errs.is_empty();
    errors.extend(errs);
    if empty {
        return None;
    }
    let paragraphs = c
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| Paragraph {
            id: format!("p{}", i + 1),
            kind: p.kind,
            text: p.text.clone(),
            emphasis: p.emphasis.clone(),
        })
        .collect();
    Some((
        Article {
            id: id.to_string(),
            source_file: fname.to_string(),
            title,
            title_status,
            title_reason,
            authors,
            authors_status,
            authors_reason,
            // A placeholder where the date is missing or wrong: the article is then only
            // built to check the records that quote it, never compiled.
            published: published.unwrap_or(Published {
                date: Date {
                    year: 1,
                    month: 1,
                    day: 1,
                },
                precision: Precision::Day,
                status: Provenance::Unknown,
                reason: None,
                earliest: None,
                latest: None,
            }),
            publication,
            paragraphs,
        },
        complete,
    ))
}

fn build_entities(ds: &DataSet, found: &mut Found) -> (Vec<Entity>, Matcher) {
    let (file, recs) = records(&ds.gazetteer, "entity", found);
    let errors = &mut found.errors;
    if ds.gazetteer.is_none() {
        errors.push(Error::in_file(
            "gazetteer.rec",
            ErrorKind::Missing("the gazetteer file".into()),
        ));
    }
    let mut out = Vec::new();
    let mut matcher = Matcher::default();
    let mut alias_owner: HashMap<String, (String, usize)> = HashMap::new();
    for r in &recs {
        let f = Fields::new(
            &file,
            r,
            &["name", "kind", "alias", "alias-i", "description", "outside"],
            &["alias", "alias-i"],
            errors,
        );
        let name = f.required("name", errors);
        let kind = f.required("kind", errors).and_then(|k| {
            let parsed = EntityKind::parse(&k.value);
            if parsed.is_none() {
                errors.push(Error::at(
                    &file,
                    k.line,
                    ErrorKind::Invalid(format!(
                        "kind `{}` (expected person, organization, place or event)",
                        k.value
                    )),
                ));
            }
            parsed
        });
        let description = f.required("description", errors);
        let ix = out.len() as EntityIx;
        let mut aliases = Vec::new();
        for a in f
            .all("alias")
            .map(|a| (a, false))
            .chain(f.all("alias-i").map(|a| (a, true)))
        {
            let (field, ignore_case) = a;
            if field.value.is_empty() {
                errors.push(Error::at(
                    &file,
                    field.line,
                    ErrorKind::Missing("empty alias".into()),
                ));
                continue;
            }
            let key = if ignore_case {
                field.value.to_lowercase()
            } else {
                field.value.clone()
            };
            let lower = field.value.to_lowercase();
            let clash = alias_owner
                .get(&key)
                .or_else(|| alias_owner.get(&lower).filter(|_| ignore_case));
            if let Some((owner, line)) = clash {
                errors.push(Error::at(
                    &file,
                    field.line,
                    ErrorKind::Duplicate(format!(
                        "alias `{}` already belongs to `{owner}` (line {line})",
                        field.value
                    )),
                ));
                continue;
            }
            alias_owner.insert(key, (r.id.clone(), field.line));
            if ignore_case {
                alias_owner.insert(lower, (r.id.clone(), field.line));
            }
            if !matcher.add(ix, &field.value, ignore_case) {
                errors.push(Error::at(
                    &file,
                    field.line,
                    ErrorKind::Invalid(format!(
                        "alias `{}` must start with a letter or digit",
                        field.value
                    )),
                ));
                continue;
            }
            aliases.push(Alias {
                text: field.value.clone(),
                ignore_case,
            });
        }
        if aliases.is_empty() {
            errors.push(Error::at(
                &file,
                r.line,
                ErrorKind::Missing(format!("@entity {} has no alias", r.id)),
            ));
        }
        // An entity with an error is kept as far as it was read: its index stays aligned
        // with the matcher, and `corpus show` can still name it.
        out.push(Entity {
            id: r.id.clone(),
            name: name.map(|n| n.value.clone()).unwrap_or_default(),
            kind: kind.unwrap_or(EntityKind::Event),
            aliases,
            description: description.map(|d| d.value.clone()).unwrap_or_default(),
            outside: f
                .get("outside")
                .map(|o| o.value.clone())
                .filter(|o| !o.is_empty()),
            mentions: Vec::new(),
        });
    }
    (out, matcher)
}

/// Fill every entity's mentions.
pub fn find_mentions(corpus: &mut Corpus, matcher: &Matcher) {
    for e in &mut corpus.entities {
        e.mentions.clear();
    }
    for (ai, a) in corpus.articles.iter().enumerate() {
        for (pi, p) in a.paragraphs.iter().enumerate() {
            for h in matcher.find(&p.text) {
                corpus.entities[h.entity as usize].mentions.push(Mention {
                    article: ai as u32,
                    paragraph: pi as u32,
                    start: h.start as u32,
                    end: h.end as u32,
                });
            }
        }
    }
}

fn check_aliases_occur(ds: &DataSet, corpus: &Corpus, errors: &mut Vec<Error>) {
    let Some(src) = &ds.gazetteer else { return };
    let (recs, _) = rec::parse(&src.name, &src.text);
    for (r, e) in recs.iter().zip(&corpus.entities) {
        if r.id != e.id {
            return; // earlier errors misaligned the records; they are reported already
        }
        for f in &r.fields {
            if f.key != "alias" && f.key != "alias-i" {
                continue;
            }
            if !e.aliases.iter().any(|a| a.text == f.value) {
                continue; // rejected already (duplicate or invalid)
            }
            let found = e.mentions.iter().any(|m| {
                let p = &corpus.articles[m.article as usize].paragraphs[m.paragraph as usize];
                let t = &p.text[m.start as usize..m.end as usize];
                if f.key == "alias" {
                    t.starts_with(f.value.as_str())
                } else {
                    t.to_lowercase().starts_with(&f.value.to_lowercase())
                }
            });
            // Authors are named in bylines, not in paragraphs.
            let in_header = corpus.articles.iter().any(|a| {
                a.authors.iter().any(|n| n == &f.value)
                    || (f.key == "alias" && a.title.contains(f.value.as_str()))
            });
            if !found && !in_header {
                errors.push(Error::at(
                    &src.name,
                    f.line,
                    ErrorKind::Invalid(format!(
                        "alias `{}` of `{}` is never found as a mention in any article",
                        f.value, e.id
                    )),
                ));
            }
        }
    }
}

/// Recognise the figures of every article.
pub fn find_figures(articles: &[Article]) -> Vec<Figure> {
    let mut out = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        let mut n = 0;
        for (pi, p) in a.paragraphs.iter().enumerate() {
            for f in figures::recognise(&p.text) {
                n += 1;
                out.push(Figure {
                    id: format!("{}-f{n}", a.id),
                    article: ai as u32,
                    paragraph: pi as u32,
                    start: f.start as u32,
                    end: f.end as u32,
                    value: f.value,
                    unit: f.unit.to_string(),
                    noun: f.noun,
                    qualifier: f.qualifier,
                });
            }
        }
    }
    out
}

fn build_events(
    ds: &DataSet,
    corpus: &Corpus,
    dead: &HashSet<String>,
    found: &mut Found,
) -> Vec<Event> {
    let (file, recs) = records(&ds.events, "event", found);
    let gazetteer_broken = ds
        .gazetteer
        .as_ref()
        .is_some_and(|g| found.broken_headers.contains(&g.name));
    let articles_broken = ds
        .articles
        .as_ref()
        .is_some_and(|a| found.broken_headers.contains(&a.name));
    let errors = &mut found.errors;
    let entity_ix: HashMap<&str, u32> = corpus
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect();
    let mut out = Vec::new();
    for r in &recs {
        let before = errors.len();
        let f = Fields::new(
            &file,
            r,
            &[
                "title", "date", "dated", "basis", "category", "entities", "evidence",
            ],
            &["evidence"],
            errors,
        );
        let title = f.required("title", errors);
        let date = f.required("date", errors).and_then(|d| {
            let p = DateSpec::parse(&d.value);
            if p.is_none() {
                errors.push(Error::at(
                    &file,
                    d.line,
                    ErrorKind::BadDate(format!("`{}` is not a possible date or span", d.value)),
                ));
            }
            p
        });
        let method = f.required("dated", errors).and_then(|d| {
            let m = match d.value.as_str() {
                "stated" => Some(DateMethod::Stated),
                "resolved" => Some(DateMethod::Resolved),
                "inferred" => Some(DateMethod::Inferred),
                _ => None,
            };
            if m.is_none() {
                errors.push(Error::at(
                    &file,
                    d.line,
                    ErrorKind::Invalid(format!(
                        "dated `{}` (expected stated, resolved or inferred)",
                        d.value
                    )),
                ));
            }
            m
        });
        let basis = f
            .get("basis")
            .map(|b| b.value.clone())
            .filter(|b| !b.is_empty());
        if matches!(method, Some(DateMethod::Resolved | DateMethod::Inferred)) && basis.is_none() {
            errors.push(Error::at(
                &file,
                r.line,
                ErrorKind::Missing(format!(
                    "@event {} is not stated; say how it was dated in `basis`",
                    r.id
                )),
            ));
        }
        let category = f.required("category", errors).and_then(|c| {
            let p = Category::parse(&c.value);
            if p.is_none() {
                errors.push(Error::at(
                    &file,
                    c.line,
                    ErrorKind::Invalid(format!("category `{}`", c.value)),
                ));
            }
            p
        });
        let mut entities = Vec::new();
        if let Some(ef) = f.get("entities") {
            for id in ef.value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                match entity_ix.get(id) {
                    Some(&ix) if !entities.contains(&ix) => entities.push(ix),
                    Some(_) => errors.push(Error::at(
                        &file,
                        ef.line,
                        ErrorKind::Duplicate(format!("entity `{id}` listed twice")),
                    )),
                    // A rejected header in the gazetteer may be this entity's.
                    None if gazetteer_broken => {}
                    None => errors.push(Error::at(
                        &file,
                        ef.line,
                        ErrorKind::UnknownId(format!("entity `{id}` is not in the gazetteer")),
                    )),
                }
            }
        }
        let mut evidence = Vec::new();
        for ev in f.all("evidence") {
            if let Some(e) = resolve_evidence(&file, ev, corpus, dead, articles_broken, errors) {
                evidence.push(e);
            }
        }
        if f.get("evidence").is_none() && !f.is_todo("evidence") {
            errors.push(Error::at(
                &file,
                r.line,
                ErrorKind::Missing(format!("@event {} has no `evidence`", r.id)),
            ));
        }
        if errors.len() > before {
            continue;
        }
        if let (Some(title), Some(date), Some(method), Some(category)) =
            (title, date, method, category)
        {
            out.push(Event {
                id: r.id.clone(),
                title: title.value.clone(),
                date,
                method,
                basis,
                category,
                entities,
                evidence,
            });
        }
    }
    out.sort_by(|a, b| (a.date.start, a.date.end, &a.id).cmp(&(b.date.start, b.date.end, &b.id)));
    out
}

fn split_ref<'a>(
    file: &str,
    field: &'a rec::Field,
    parts: usize,
    errors: &mut Vec<Error>,
) -> Option<Vec<&'a str>> {
    let v: Vec<&str> = field.value.splitn(parts, '|').map(str::trim).collect();
    if v.len() < 2 || v.iter().take(2).any(|s| s.is_empty()) {
        errors.push(Error::at(
            file,
            field.line,
            ErrorKind::Syntax(format!("`{}` must be `ARTICLE-ID | QUOTE ...`", field.key)),
        ));
        return None;
    }
    Some(v)
}

fn resolve_evidence(
    file: &str,
    field: &rec::Field,
    corpus: &Corpus,
    dead: &HashSet<String>,
    articles_broken: bool,
    errors: &mut Vec<Error>,
) -> Option<Evidence> {
    let v = split_ref(file, field, 2, errors)?;
    let (aid, quote) = (v[0], v[1]);
    if dead.contains(aid) || (articles_broken && corpus.article_ix(aid).is_none()) {
        return None; // its @article record's error says why
    }
    let Some(ai) = corpus.article_ix(aid) else {
        errors.push(Error::at(
            file,
            field.line,
            ErrorKind::UnknownId(format!("article `{aid}`")),
        ));
        return None;
    };
    let a = &corpus.articles[ai as usize];
    match find_quote(a, quote) {
        Some((p, s)) => Some(Evidence {
            article: ai,
            paragraph: p,
            start: s,
            end: s + quote.len() as u32,
        }),
        None => {
            errors.push(Error::at(
                file,
                field.line,
                ErrorKind::QuoteNotFound(not_found(a, quote)),
            ));
            None
        }
    }
}

fn build_measures(
    ds: &DataSet,
    corpus: &Corpus,
    dead: &HashSet<String>,
    found: &mut Found,
) -> Vec<Measure> {
    let (file, recs) = records(&ds.measures, "measure", found);
    let articles_broken = ds
        .articles
        .as_ref()
        .is_some_and(|a| found.broken_headers.contains(&a.name));
    let errors = &mut found.errors;
    let mut out = Vec::new();
    for r in &recs {
        let before = errors.len();
        let f = Fields::new(
            &file,
            r,
            &["name", "unit", "description", "value"],
            &["value"],
            errors,
        );
        let name = f.required("name", errors);
        let unit = f.required("unit", errors);
        let description = f.required("description", errors);
        let mut values = Vec::new();
        let mut skipped = false;
        for vf in f.all("value") {
            let Some(v) = split_ref(&file, vf, 4, errors) else {
                continue;
            };
            if v.len() < 3 {
                errors.push(Error::at(
                    &file,
                    vf.line,
                    ErrorKind::Syntax(
                        "`value` must be `ARTICLE-ID | QUOTE WITH [FIGURE] | AS-OF [| NOTE]`"
                            .into(),
                    ),
                ));
                continue;
            }
            if dead.contains(v[0]) || (articles_broken && corpus.article_ix(v[0]).is_none()) {
                skipped = true;
                continue; // its @article record's error says why
            }
            let Some(ai) = corpus.article_ix(v[0]) else {
                errors.push(Error::at(
                    &file,
                    vf.line,
                    ErrorKind::UnknownId(format!("article `{}`", v[0])),
                ));
                continue;
            };
            let (Some(open), Some(close)) = (v[1].find('['), v[1].find(']')) else {
                errors.push(Error::at(
                    &file,
                    vf.line,
                    ErrorKind::Syntax("mark the figure in the quote with [square brackets]".into()),
                ));
                continue;
            };
            if close < open {
                errors.push(Error::at(
                    &file,
                    vf.line,
                    ErrorKind::Syntax("`]` before `[`".into()),
                ));
                continue;
            }
            let quote = format!(
                "{}{}{}",
                &v[1][..open],
                &v[1][open + 1..close],
                &v[1][close + 1..]
            );
            let Some((p, s)) = find_quote(&corpus.articles[ai as usize], &quote) else {
                errors.push(Error::at(
                    &file,
                    vf.line,
                    ErrorKind::QuoteNotFound(not_found(&corpus.articles[ai as usize], &quote)),
                ));
                continue;
            };
            let (bs, be) = (s + open as u32, s + close as u32 - 1);
            let hits: Vec<usize> = corpus
                .figures
                .iter()
                .enumerate()
                .filter(|(_, fg)| {
                    fg.article == ai && fg.paragraph == p && fg.start < be && fg.end > bs
                })
                .map(|(i, _)| i)
                .collect();
            let figure = match hits.as_slice() {
                [one] => *one as u32,
                [] => {
                    errors.push(Error::at(
                        &file,
                        vf.line,
                        ErrorKind::Invalid(format!(
                            "no recognised figure inside `[{}]`",
                            &v[1][open + 1..close]
                        )),
                    ));
                    continue;
                }
                _ => {
                    errors.push(Error::at(
                        &file,
                        vf.line,
                        ErrorKind::Invalid(format!(
                            "`[{}]` covers {} figures; bracket one",
                            &v[1][open + 1..close],
                            hits.len()
                        )),
                    ));
                    continue;
                }
            };
            if rec::is_todo(v[2]) {
                errors.push(Error::at(
                    &file,
                    vf.line,
                    ErrorKind::Todo(format!(
                        "the as-of date of `{}` in @measure {} is still `{}`: give the date the figure describes",
                        vf.written_key(),
                        r.id,
                        v[2]
                    )),
                ));
                continue;
            }
            let Some(as_of) = DateSpec::parse(v[2]) else {
                errors.push(Error::at(
                    &file,
                    vf.line,
                    ErrorKind::BadDate(format!("as-of `{}`", v[2])),
                ));
                continue;
            };
            values.push(MeasureValue {
                figure,
                as_of,
                note: v.get(3).map(|s| s.to_string()).filter(|s| !s.is_empty()),
            });
        }
        if values.is_empty() && errors.len() == before && !f.is_todo("value") && !skipped {
            errors.push(Error::at(
                &file,
                r.line,
                ErrorKind::Missing(format!("@measure {} has no `value`", r.id)),
            ));
        }
        if errors.len() > before {
            continue;
        }
        if let (Some(name), Some(unit), Some(description)) = (name, unit, description) {
            values.sort_by_key(|v| v.as_of.start);
            out.push(Measure {
                id: r.id.clone(),
                name: name.value.clone(),
                unit: unit.value.clone(),
                description: description.value.clone(),
                values,
            });
        }
    }
    out
}

/// Titles that precede or follow a name without being part of it (the weekdays are
/// [`corpus::date::WEEKDAYS`]).
const TITLES: &[&str] = &[
    "President",
    "Minister",
    "Prime",
    "Foreign",
    "Education",
    "Gen",
    "Sgt",
    "Master",
    "Photo",
    "Emphasis",
];

/// Capitalised word sequences not covered by any mention: candidates for the gazetteer.
pub fn uncovered_names(corpus: &Corpus) -> Vec<(String, usize, String)> {
    let mut covered: HashMap<(u32, u32), Vec<(u32, u32)>> = HashMap::new();
    for e in &corpus.entities {
        for m in &e.mentions {
            covered
                .entry((m.article, m.paragraph))
                .or_default()
                .push((m.start, m.end));
        }
    }
    let mut found: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for (ai, a) in corpus.articles.iter().enumerate() {
        for (pi, p) in a.paragraphs.iter().enumerate() {
            let spans = covered.get(&(ai as u32, pi as u32));
            let mut run: Vec<(usize, usize)> = Vec::new();
            let mut flush = |run: &mut Vec<(usize, usize)>| {
                if run.is_empty() {
                    return;
                }
                // Drop leading function words, titles and calendar words ("On Tuesday",
                // "After Minister"), and trailing titles ("Argentine President").
                let skip = |w: &str| {
                    crate::scan::NOT_NAMES.contains(&w)
                        || TITLES.contains(&w)
                        || corpus::date::WEEKDAYS.contains(&w)
                        || corpus::date::MONTHS.contains(&w)
                };
                let first = run.iter().position(|&(a, b)| !skip(&p.text[a..b]));
                let last = run.iter().rposition(|&(a, b)| !skip(&p.text[a..b]));
                let (Some(first), Some(last)) = (first, last) else {
                    run.clear();
                    return;
                };
                let (s, e) = (run[first].0, run[last].1);
                let whole_start = run[0].0;
                run.clear();
                let name = &p.text[s..e];
                if name.chars().count() < 2 {
                    return;
                }
                let s = if first == 0 { whole_start } else { s };
                // A single capitalised word right after a sentence end is not a name.
                let sentence_start = s == 0
                    || p.text[..s]
                        .trim_end()
                        .ends_with(['.', '!', '?', '“', '"', ':']);
                if sentence_start && !name.contains(' ') {
                    return;
                }
                let entry = found
                    .entry(name.to_string())
                    .or_insert((0, format!("{}#{}", a.id, p.id)));
                entry.0 += 1;
            };
            let mut word_start = None;
            let text = &p.text;
            let mut words: Vec<(usize, usize)> = Vec::new();
            for (i, c) in text.char_indices() {
                if c.is_alphanumeric() {
                    word_start.get_or_insert(i);
                } else if let Some(s) = word_start.take() {
                    words.push((s, i));
                }
            }
            if let Some(s) = word_start {
                words.push((s, text.len()));
            }
            for &(s, e) in &words {
                let w = &text[s..e];
                let cap = w.chars().next().is_some_and(char::is_uppercase);
                if text[e..].starts_with('$') {
                    flush(&mut run);
                    continue; // a currency prefix such as US$
                }
                let in_mention = spans.is_some_and(|sp| {
                    sp.iter()
                        .any(|&(ms, me)| (s as u32) < me && (e as u32) > ms)
                });
                let adjacent = run
                    .last()
                    .is_none_or(|&(_, pe)| text[pe..s].chars().all(|c| c == ' '));
                if cap && !in_mention && adjacent {
                    run.push((s, e));
                } else {
                    flush(&mut run);
                    if cap && !in_mention {
                        run.push((s, e));
                    }
                }
            }
            flush(&mut run);
        }
    }
    let mut v: Vec<(String, usize, String)> =
        found.into_iter().map(|(k, (n, at))| (k, n, at)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// The curators' notes as readers see them: an article's id (`2022-12-protests-mount`)
/// becomes its title in quotes, and a range of days written with `..` (`21..27 Jul 2023`)
/// takes an en dash. The data files keep ids, which curators search for; the app, the
/// export and the command line show titles.
fn readable_notes(c: &mut Corpus) {
    let titles: Vec<(String, String)> = c
        .articles
        .iter()
        .map(|a| (a.id.clone(), format!("“{}”", a.title)))
        .collect();
    let fix = |t: &mut String| *t = readable(t, &titles);
    let fix_opt = |t: &mut Option<String>| {
        if let Some(t) = t.as_mut() {
            *t = readable(t, &titles);
        }
    };
    for e in &mut c.events {
        fix_opt(&mut e.basis);
    }
    for m in &mut c.measures {
        fix(&mut m.description);
        for v in &mut m.values {
            fix_opt(&mut v.note);
        }
    }
    for e in &mut c.entities {
        fix(&mut e.description);
        fix_opt(&mut e.outside);
    }
    for a in &mut c.articles {
        fix_opt(&mut a.title_reason);
        fix_opt(&mut a.authors_reason);
        fix_opt(&mut a.published.reason);
    }
}

/// `text` with article ids replaced by titles (whole words only) and `N..N` ranges by
/// `N–N` (see [`readable_notes`]).
pub fn readable(text: &str, titles: &[(String, String)]) -> String {
    let word_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while !rest.is_empty() {
        let before_ok = out.chars().next_back().is_none_or(|c| !word_char(c));
        if before_ok {
            for (id, title) in titles {
                if let Some(after) = rest.strip_prefix(id.as_str()) {
                    if after.chars().next().is_none_or(|c| !word_char(c)) {
                        out.push_str(title);
                        rest = after;
                        continue 'scan;
                    }
                }
            }
        }
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or_default();
        if c == '.' && rest.starts_with("..") {
            let prev_digit = out.chars().next_back().is_some_and(|p| p.is_ascii_digit());
            let next_digit = rest[2..].chars().next().is_some_and(|n| n.is_ascii_digit());
            if prev_digit && next_digit {
                out.push('–');
                rest = &rest[2..];
                continue;
            }
        }
        out.push(c);
        rest = chars.as_str();
    }
    out
}
