//! `corpus`: check, read, grow and export the explorer's data.
//!
//! ```text
//! corpus check [DATA_DIR]              validate data/: errors as file:line: message, then
//!                                      what is left to curate in each article
//! corpus show ARTICLE [DATA_DIR]       an article's cleaned text with paragraph ids,
//!                                      mentions and figures marked (works while other
//!                                      records have errors)
//! corpus import FILE... [--data DIR]   copy raw articles into DIR/raw/ and draft their
//!                                      curation for review
//! corpus export [DATA_DIR] [--format F] [--query Q] [--base URL] [--out FILE]
//!                                      the compiled corpus (or, with --query, what a view
//!                                      with that address selects) as json (default),
//!                                      csv-events (or csv), csv-entities, csv-figures or
//!                                      timelinejs; on stdout, or into FILE
//! corpus query [--data DIR] QUERY...   what the explorer shows for each URL query
//!                                      (`q=Kenna&e=lima`), as a JSON array (the
//!                                      end-to-end tests read their expectations here)
//! corpus synth N [DATA_DIR]            print a summary of a synthetic corpus of N articles
//! corpus verify BUILD_DIR              check a built explorer's data files (dist/, before
//!                                      deploying it): the corpus file and every search
//!                                      index file it names, present and unchanged
//! ```
//! DATA_DIR defaults to `data` in the workspace root. The command line only reads and
//! writes files; what it prints is made by the core crate (`coverage`, `show`, `import`),
//! where it is tested.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: corpus check [DATA_DIR] | corpus show ARTICLE [DATA_DIR] | corpus import FILE... [--data DIR] | corpus export [DATA_DIR] [--format json|csv|csv-entities|csv-figures|timelinejs] [--query Q] [--base URL] [--out FILE] | corpus query [--data DIR] QUERY... | corpus synth N [DATA_DIR] | corpus verify BUILD_DIR";

fn data_dir(arg: Option<&String>) -> PathBuf {
    match arg {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data"),
    }
}

fn build(dir: &Path) -> Result<corpus_index::Compiled, ExitCode> {
    let ds = corpus_index::load_dir(dir).map_err(|errs| report(&errs))?;
    corpus_index::compile(&ds).map_err(|errs| report(&errs))
}

fn report(errs: &[corpus::Error]) -> ExitCode {
    for e in errs {
        eprintln!("{e}");
    }
    eprintln!(
        "{}; no corpus written",
        corpus::render::count(errs.len(), "error")
    );
    ExitCode::from(1)
}

/// Print to stdout; a closed pipe (`corpus export | head`) is not an error.
fn emit(text: &str) -> ExitCode {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write to stdout: {e}");
            ExitCode::from(1)
        }
    }
}

fn check(dir: &Path) -> ExitCode {
    let ds = match corpus_index::load_dir(dir) {
        Ok(ds) => ds,
        Err(errs) => return report(&errs),
    };
    let b = corpus_index::compile::build(&ds);
    let mut out = String::new();
    for n in &b.notes {
        let _ = writeln!(out, "note: {n}");
    }
    let coverage = corpus_index::coverage::coverage(&b);
    let mut complete = 0;
    for cov in &coverage {
        if cov.is_complete() {
            complete += 1;
            let left = match cov.left_on_purpose {
                0 => String::new(),
                1 => " (1 item left on purpose)".into(),
                n => format!(" ({n} items left on purpose)"),
            };
            let _ = writeln!(
                out,
                "ok: {} ({}) is fully curated{left}",
                cov.article, cov.raw
            );
        } else {
            let _ = writeln!(
                out,
                "warning: {} ({}) is not fully curated:",
                cov.article, cov.raw
            );
            out.push_str(&cov.report(4));
        }
    }
    let c = &b.corpus;
    let mentions: usize = c.entities.iter().map(|e| e.mentions.len()).sum();
    let unused: Vec<&str> = c
        .entities
        .iter()
        .filter(|e| e.mentions.is_empty())
        .map(|e| e.id.as_str())
        .collect();
    if !unused.is_empty() {
        let _ = writeln!(
            out,
            "entities with no mention in the body text (authors are named in bylines): {}",
            unused.join(", ")
        );
    }
    let verdict = if b.errors.is_empty() {
        "valid"
    } else {
        "NOT valid"
    };
    let _ = writeln!(
        out,
        "{verdict}: {} articles ({complete} fully curated), {} paragraphs, {} entities ({} mentions), {} events, {} figures, {} measures",
        c.articles.len(),
        c.articles.iter().map(|a| a.paragraphs.len()).sum::<usize>(),
        c.entities.len(),
        mentions,
        c.events.len(),
        c.figures.len(),
        c.measures.len()
    );
    if b.errors.is_empty() {
        return emit(&out);
    }
    // Errors on stderr, after the coverage (what could be built) on stdout.
    let code = emit(&out);
    if code != ExitCode::SUCCESS {
        return code;
    }
    report(&b.errors)
}

/// What `corpus export` was asked for.
struct ExportArgs {
    dir: PathBuf,
    format: String,
    query: Option<String>,
    base: String,
    out: Option<PathBuf>,
}

const EXPORT_USAGE: &str = "usage: corpus export [DATA_DIR] [--format json|csv-events|csv-entities|csv-figures|timelinejs] [--query 'q=…&e=…'] [--base URL] [--out FILE]";

fn export_args(args: &[String]) -> Result<ExportArgs, String> {
    let mut a = ExportArgs {
        dir: data_dir(None),
        format: "json".into(),
        query: None,
        base: String::new(),
        out: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{EXPORT_USAGE}"))
        };
        match arg.as_str() {
            "--format" => a.format = value("--format")?,
            "--query" => a.query = Some(value("--query")?),
            "--base" => a.base = value("--base")?,
            "--out" => a.out = Some(PathBuf::from(value("--out")?)),
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n{EXPORT_USAGE}")),
            d => a.dir = PathBuf::from(d),
        }
    }
    // `csv` alone means the events, the table most readers want.
    if a.format == "csv" {
        a.format = "csv-events".into();
    }
    if ![
        "json",
        "csv-events",
        "csv-entities",
        "csv-figures",
        "timelinejs",
    ]
    .contains(&a.format.as_str())
    {
        return Err(format!("unknown format {}\n{EXPORT_USAGE}", a.format));
    }
    Ok(a)
}

fn export(args: &[String]) -> ExitCode {
    let a = match export_args(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let dir = a.dir.as_path();
    let ds = match corpus_index::load_dir(dir) {
        Ok(ds) => ds,
        Err(errs) => return report(&errs),
    };
    let b = corpus_index::compile::build(&ds);
    if !b.errors.is_empty() {
        for e in &b.errors {
            eprintln!("{e}");
        }
        eprintln!(
            "corpus export: nothing exported: {} in {} (listed above). The export is the compiled corpus, which exists only when the data has no error. To read an article's cleaned text meanwhile, run `corpus show ARTICLE {}`; `corpus check {}` says what is left.",
            corpus::render::count(b.errors.len(), "error"),
            dir.display(),
            dir.display(),
            dir.display()
        );
        return ExitCode::from(1);
    }
    let c = &b.corpus;
    let sel = match &a.query {
        None => corpus::export::Selection::all(c),
        Some(q) => {
            // The selection a view with this address shows (what the app's Export menu
            // exports from that view).
            let parsed = corpus::state::parse_query(c, q);
            for i in &parsed.ignored {
                eprintln!("--query: ignored {i}");
            }
            let engine = corpus::Engine::new(c.clone());
            let r = engine.run(&parsed.state.filter());
            corpus::export::Selection::of(c, &r, &parsed.state.kinds)
        }
    };
    use corpus::export as x;
    let text = match a.format.as_str() {
        "csv-events" => x::csv_events(c, &sel, &a.base),
        "csv-entities" => x::csv_entities(c, &sel),
        "csv-figures" => x::csv_figures(c, &sel, &a.base),
        "timelinejs" => x::timelinejs(c, &sel, &a.base),
        _ => x::json_text(c, &sel),
    };
    match &a.out {
        None => emit(&text),
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{}: cannot write: {e}", path.display());
                ExitCode::from(1)
            }
        },
    }
}

fn show(which: &str, dir: &Path) -> ExitCode {
    let ds = match corpus_index::load_dir(dir) {
        Ok(ds) => ds,
        Err(errs) => return report(&errs),
    };
    let b = corpus_index::compile::build(&ds);
    match corpus_index::show::show(&b, which) {
        Ok(text) => emit(&text),
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

fn import(args: &[String]) -> ExitCode {
    let mut files: Vec<&String> = Vec::new();
    let mut dir = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--data" {
            match it.next() {
                Some(d) => dir = Some(d),
                None => {
                    eprintln!("--data needs a folder\n{USAGE}");
                    return ExitCode::from(2);
                }
            }
        } else {
            files.push(a);
        }
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let dir = data_dir(dir);
    // A new corpus starts with an empty folder.
    if let Err(e) = std::fs::create_dir_all(dir.join("raw")) {
        eprintln!("{}: cannot create: {e}", dir.join("raw").display());
        return ExitCode::from(1);
    }
    for f in files {
        let path = Path::new(f);
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{f}: cannot read: {e}");
                return ExitCode::from(1);
            }
        };
        let Ok(raw) = String::from_utf8(bytes) else {
            eprintln!("{f}: not valid UTF-8; save it as UTF-8 text first");
            return ExitCode::from(1);
        };
        // The data folder as it is now (with what earlier files added).
        let ds = match corpus_index::load_dir(&dir) {
            Ok(ds) => ds,
            Err(errs) => return report(&errs),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| f.clone());
        let imported = match corpus_index::import::import(&ds, &name, &raw) {
            Ok(i) => i,
            Err(e) => {
                eprintln!("{f}: {}", e.message());
                return ExitCode::from(1);
            }
        };
        for s in &imported.files {
            let target = dir.join(&s.name);
            if let Some(parent) = target.parent() {
                if let Err(e) = std::fs::create_dir_all(parent) {
                    eprintln!("{}: cannot create: {e}", parent.display());
                    return ExitCode::from(1);
                }
            }
            if let Err(e) = std::fs::write(&target, &s.text) {
                eprintln!("{}: cannot write: {e}", target.display());
                return ExitCode::from(1);
            }
        }
        let code = emit(&imported.report);
        if code != ExitCode::SUCCESS {
            return code;
        }
    }
    ExitCode::SUCCESS
}

fn query(args: &[String]) -> ExitCode {
    let mut dir = None;
    let mut queries = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--data" {
            dir = it.next();
        } else {
            queries.push(a.as_str());
        }
    }
    let b = match build(&data_dir(dir)) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let engine = corpus::Engine::new(b.corpus);
    let out: Vec<serde_json::Value> = queries
        .iter()
        .map(|q| corpus::export::query_json(&engine, q))
        .collect();
    match serde_json::to_string(&out) {
        Ok(json) => emit(&(json + "\n")),
        Err(e) => {
            eprintln!("corpus query: {e}");
            ExitCode::from(1)
        }
    }
}

/// `corpus verify BUILD_DIR`: the corpus file (`corpus-HASH.bin`, gzipped) and the search
/// index's files it names.
fn verify(dir: &Path) -> ExitCode {
    let fail = |m: String| {
        eprintln!("corpus verify: {m}");
        ExitCode::from(1)
    };
    let names: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.len() == "corpus-".len() + 16 + ".bin".len()
                        && n.starts_with("corpus-")
                        && n.ends_with(".bin")
                })
            })
            .collect(),
        Err(e) => return fail(format!("{}: {e}", dir.display())),
    };
    let [file] = names.as_slice() else {
        return fail(format!(
            "{}: expected one corpus file (corpus-HASH.bin), found {}; is it a folder built by trunk?",
            dir.display(),
            names.len()
        ));
    };
    let stored = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    let bytes = if stored.starts_with(&[0x1f, 0x8b]) {
        match corpus_index::files::inflate(&stored) {
            Ok(b) => b,
            Err(e) => return fail(format!("{}: not gzip ({e})", file.display())),
        }
    } else {
        stored
    };
    match corpus_index::files::verify(dir, &bytes) {
        Ok(n) => emit(&format!(
            "{}: the corpus and {n} search index and text files are present and unchanged\n",
            file.display()
        )),
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            fail(format!(
                "{} problem(s) in {}",
                problems.len(),
                dir.display()
            ))
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&data_dir(args.get(1))),
        Some("export") => export(&args[1..]),
        Some("show") => {
            match args.get(1) {
                Some(which) => show(which, &data_dir(args.get(2))),
                None => {
                    eprintln!("usage: corpus show ARTICLE [DATA_DIR]   (an article id or its raw file name)");
                    ExitCode::from(2)
                }
            }
        }
        Some("import") => import(&args[1..]),
        Some("query") => query(&args[1..]),
        Some("verify") => match args.get(1) {
            Some(dir) => verify(Path::new(dir)),
            None => {
                eprintln!("usage: corpus verify BUILD_DIR   (a folder built by trunk, e.g. dist)");
                ExitCode::from(2)
            }
        },
        Some("synth") => {
            let Some(n) = args
                .get(1)
                .and_then(|s| s.parse::<usize>().ok())
                .filter(|&n| n > 0)
            else {
                eprintln!("usage: corpus synth N [DATA_DIR]   (N > 0)");
                return ExitCode::from(2);
            };
            match build(&data_dir(args.get(2))) {
                Ok(b) => {
                    let s = corpus_index::synth::generate(&b.corpus, n, 42);
                    let bytes = corpus::encode(&s);
                    emit(&format!(
                        "{} articles, {} events, {} figures, {} bytes encoded\n",
                        s.articles.len(),
                        s.events.len(),
                        s.figures.len(),
                        bytes.len()
                    ))
                }
                Err(code) => code,
            }
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
