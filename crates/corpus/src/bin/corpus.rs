//! `corpus`: check and export the explorer's data.
//!
//! ```text
//! corpus check [DATA_DIR]     validate data/, print errors as file:line: message
//! corpus export [DATA_DIR]    print the compiled corpus as JSON on stdout
//! corpus synth N [DATA_DIR]   print a summary of a synthetic corpus of N articles
//! ```
//! DATA_DIR defaults to `data` in the workspace root.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

fn data_dir(arg: Option<&String>) -> PathBuf {
    match arg {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data"),
    }
}

fn build(dir: &std::path::Path) -> Result<corpus::Compiled, ExitCode> {
    let ds = corpus::load_dir(dir).map_err(|errs| report(&errs))?;
    corpus::compile(&ds).map_err(|errs| report(&errs))
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => {
            let built = match build(&data_dir(args.get(1))) {
                Ok(b) => b,
                Err(code) => return code,
            };
            let c = &built.corpus;
            let mut out = String::new();
            for n in &built.notes {
                let _ = writeln!(out, "note: {n}");
            }
            let mentions: usize = c.entities.iter().map(|e| e.mentions.len()).sum();
            let _ = writeln!(
                out,
                "ok: {} articles, {} paragraphs, {} entities ({} mentions), {} events, {} figures, {} measures",
                c.articles.len(),
                c.articles.iter().map(|a| a.paragraphs.len()).sum::<usize>(),
                c.entities.len(),
                mentions,
                c.events.len(),
                c.figures.len(),
                c.measures.len()
            );
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
            if built.uncovered.is_empty() {
                let _ = writeln!(
                    out,
                    "every capitalised name in the text is covered by the gazetteer"
                );
            } else {
                let _ = writeln!(
                    out,
                    "capitalised names the gazetteer does not cover ({}), most frequent first:",
                    built.uncovered.len()
                );
                for (name, n, at) in &built.uncovered {
                    let _ = writeln!(out, "  {name}  ×{n}  (first in {at})");
                }
            }
            emit(&out)
        }
        Some("export") => match build(&data_dir(args.get(1))) {
            Ok(b) => match serde_json::to_string_pretty(&corpus::to_json(&b.corpus)) {
                Ok(json) => emit(&(json + "\n")),
                Err(e) => {
                    eprintln!("cannot write JSON: {e}");
                    ExitCode::from(1)
                }
            },
            Err(code) => code,
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
                    let s = corpus::synth::generate(&b.corpus, n, 42);
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
            eprintln!("usage: corpus check [DATA_DIR] | corpus export [DATA_DIR] | corpus synth N [DATA_DIR]");
            ExitCode::from(2)
        }
    }
}
