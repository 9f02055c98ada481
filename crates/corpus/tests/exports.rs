//! Exports: golden files from the real corpus, and the properties each format promises.
//!
//! Golden files (`tests/golden/`) are compared byte for byte; `UPDATE_GOLDEN=1 cargo test
//! -p corpus --test exports` rewrites them (review the diff before committing).

mod common;
use std::path::PathBuf;

/// Compare `actual` with the golden file `name`, or rewrite it under `UPDATE_GOLDEN=1`.
fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (UPDATE_GOLDEN=1 cargo test -p corpus --test exports writes it)",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .split('\n')
            .zip(actual.split('\n'))
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.split('\n').count().min(actual.split('\n').count()));
        panic!(
            "{} differs from the export, first at line {}:\n  golden: {:?}\n  export: {:?}\n(UPDATE_GOLDEN=1 rewrites it)",
            path.display(),
            line + 1,
            expected.split('\n').nth(line),
            actual.split('\n').nth(line)
        );
    }
}

/// The repository's own corpus (`data/`), whatever `PCE_DATA_DIR` says: the golden files
/// are of it, while the properties below run over the corpus the suite runs on.
fn repo() -> &'static corpus::Corpus {
    static C: std::sync::OnceLock<corpus::Corpus> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
        let ds = corpus_index::load_dir(&dir).expect("data/ loads");
        corpus_index::compile(&ds).expect("data/ compiles").corpus
    })
}

fn hostile() -> &'static corpus::Corpus {
    static C: std::sync::OnceLock<corpus::Corpus> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile-data");
        let ds = corpus_index::load_dir(&dir).expect("tests/hostile-data loads");
        corpus_index::compile(&ds)
            .expect("tests/hostile-data compiles")
            .corpus
    })
}

fn serde_pretty(c: &corpus::Corpus) -> String {
    serde_json::to_string_pretty(&corpus::to_json(c)).unwrap() + "\n"
}

#[test]
fn the_json_export_of_the_whole_corpus_is_unchanged() {
    golden("corpus.json", &serde_pretty(repo()));
    golden("hostile.json", &serde_pretty(hostile()));
}

use corpus::export::{self, Selection};

/// The address the golden files' paragraph links start with.
const BASE: &str = "https://example.org/explorer/";

/// A strict RFC 4180 reader (quoted cells, doubled quotes, CRLF records), for round trips.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark first");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => {
                assert!(cell.is_empty(), "a quote inside an unquoted cell: {cell}");
                quoted = true;
            }
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF ends a record"),
            (false, c) => cell.push(c),
        }
    }
    assert!(
        !quoted && cell.is_empty() && row.is_empty(),
        "the file ends with CRLF"
    );
    rows
}

#[test]
fn the_json_printer_writes_what_serde_json_wrote() {
    for c in [common::corpus(), hostile()] {
        assert_eq!(
            export::json_text(c, &Selection::all(c)),
            serde_pretty(c),
            "json_text of everything is the historical `corpus export`"
        );
    }
    golden(
        "corpus.json",
        &export::json_text(repo(), &Selection::all(repo())),
    );
}

#[test]
fn json_numbers_match_serde_json() {
    for v in [
        0.0,
        21.0,
        3.5,
        12.97,
        0.1,
        1.0 / 3.0,
        3422000000.0,
        12970000000.0,
        0.001234,
        62.5,
        2.675,
        99.99,
        1e15,
        123456.789,
    ] {
        let mut mine = String::new();
        corpus::json::number(v, &mut mine);
        assert_eq!(mine, serde_json::to_string(&v).unwrap(), "{v}");
    }
}

#[test]
fn the_csv_and_timelinejs_exports_of_the_whole_corpus_are_unchanged() {
    let c = repo();
    let all = Selection::all(c);
    golden("events.csv", &export::csv_events(c, &all, BASE));
    golden("entities.csv", &export::csv_entities(c, &all));
    golden("figures.csv", &export::csv_figures(c, &all, BASE));
    golden("timeline.json", &export::timelinejs(c, &all, BASE));
}

#[test]
fn every_csv_opens_as_a_table_with_one_header_and_equal_rows() {
    for c in [common::corpus(), hostile()] {
        let all = Selection::all(c);
        for (text, header) in [
            (export::csv_events(c, &all, BASE), export::EVENTS_HEADER),
            (export::csv_entities(c, &all), export::ENTITIES_HEADER),
            (export::csv_figures(c, &all, BASE), export::FIGURES_HEADER),
        ] {
            let rows = read_csv(&text);
            assert_eq!(rows[0], header);
            assert!(rows.len() > 1);
            assert!(rows.iter().all(|r| r.len() == header.len()));
        }
    }
}

#[test]
fn the_events_csv_round_trips_titles_dates_and_quotes() {
    for c in [common::corpus(), hostile()] {
        let rows = read_csv(&export::csv_events(c, &Selection::all(c), BASE));
        assert_eq!(rows.len() - 1, c.events.len());
        for row in &rows[1..] {
            let v = &c.events[c.event_ix(&row[0]).expect("an event id") as usize];
            // A title a spreadsheet would run keeps its text after the inert `'`.
            let title = row[1]
                .strip_prefix('\'')
                .filter(|_| v.title.starts_with(['=', '+', '-', '@']));
            assert_eq!(title.unwrap_or(&row[1]), v.title);
            assert_eq!(row[2], v.date.start.to_string());
            assert_eq!(row[3], v.date.end.to_string());
            assert_eq!(row[4], v.date.precision.as_str());
            let quotes: Vec<&str> = row[12].split('\n').collect();
            assert_eq!(quotes.len(), v.evidence.len());
            for (q, ev) in quotes.iter().zip(&v.evidence) {
                assert!(q.contains(c.quote(ev)), "{q}");
                assert!(
                    q.contains(&format!(
                        "{BASE}?a={}&p=p{}",
                        c.articles[ev.article as usize].id,
                        ev.paragraph + 1
                    )),
                    "{q}"
                );
            }
        }
    }
}

#[test]
fn the_figures_and_entities_csv_round_trip_values_and_counts() {
    let c = common::corpus();
    let all = Selection::all(c);
    let rows = read_csv(&export::csv_figures(c, &all, BASE));
    for row in &rows[1..] {
        let f = c
            .figures
            .iter()
            .find(|f| f.id == row[0])
            .expect("a figure id");
        assert_eq!(row[3].parse::<f64>().unwrap(), f.value, "{row:?}");
        assert_eq!(row[7], c.figure_text(f));
    }
    let measured: usize = c.measures.iter().map(|m| m.values.len()).sum();
    assert_eq!(
        rows.iter().filter(|r| !r[1].is_empty()).count() - 1,
        measured
    );
    let rows = read_csv(&export::csv_entities(c, &all));
    assert_eq!(rows.len() - 1, c.entities.len());
    for (row, e) in rows[1..].iter().zip(&c.entities) {
        assert_eq!(row[0], e.id);
        assert_eq!(row[5], e.mentions.len().to_string());
        let per: usize = row[7]
            .split("; ")
            .filter(|s| !s.is_empty())
            .map(|s| s.rsplit_once(": ").unwrap().1.parse::<usize>().unwrap())
            .sum();
        assert_eq!(per, e.mentions.len());
    }
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_made_inert() {
    let cell = |s: &str| {
        let mut out = String::new();
        export::csv_cell(s, &mut out);
        out
    };
    assert_eq!(
        cell("=HYPERLINK(\"http://x\",\"y\")"),
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
    );
    assert_eq!(cell("+1+2"), "\"'+1+2\"");
    assert_eq!(cell("-2+3"), "\"'-2+3\"");
    assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
    assert_eq!(cell("\tx"), "\"'\tx\"");
    assert_eq!(cell("\r=1"), "\"'\r=1\"");
    // Numbers stay numbers; the rest is quoted only when RFC 4180 needs it.
    assert_eq!(cell("-3.5"), "-3.5");
    assert_eq!(cell("21"), "21");
    assert_eq!(cell("a, b"), "\"a, b\"");
    assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    assert_eq!(cell("Lima"), "Lima");
    assert_eq!(cell("a=b"), "a=b");
}

#[test]
fn hostile_payloads_reach_the_csv_inert_and_the_timeline_escaped() {
    let c = hostile();
    let all = Selection::all(c);
    for text in [
        export::csv_events(c, &all, BASE),
        export::csv_entities(c, &all),
        export::csv_figures(c, &all, BASE),
    ] {
        for row in read_csv(&text) {
            for cell in row {
                let live = cell.starts_with(['=', '+', '@', '\t', '\r'])
                    || (cell.starts_with('-') && cell.parse::<f64>().is_err());
                assert!(!live, "a live formula: {cell:?}");
            }
        }
    }
    let tl: serde_json::Value = serde_json::from_str(&export::timelinejs(c, &all, BASE)).unwrap();
    for e in tl["events"].as_array().unwrap() {
        let body = e["text"]["text"].as_str().unwrap();
        let head = e["text"]["headline"].as_str().unwrap();
        assert!(
            !body.contains("<script") && !head.contains('<'),
            "{head} {body}"
        );
    }
}

#[test]
fn the_timelinejs_export_has_every_event_at_its_precision() {
    let c = common::corpus();
    let tl: serde_json::Value =
        serde_json::from_str(&export::timelinejs(c, &Selection::all(c), BASE)).unwrap();
    let events = tl["events"].as_array().unwrap();
    let eras = tl["eras"].as_array().unwrap();
    assert_eq!(events.len() + eras.len(), c.events.len());
    assert!(!eras.is_empty());
    for e in events {
        let v = &c.events[c.event_ix(e["unique_id"].as_str().unwrap()).unwrap() as usize];
        let d = &e["start_date"];
        assert_eq!(d["year"], v.date.start.year);
        assert_eq!(
            d.get("month").is_some(),
            v.date.precision != corpus::Precision::Year
        );
        assert_eq!(
            d.get("day").is_some(),
            matches!(
                v.date.precision,
                corpus::Precision::Day | corpus::Precision::Span
            )
        );
        assert_eq!(
            e.get("end_date").is_some(),
            v.date.precision == corpus::Precision::Span
        );
        let shown = e["display_date"].as_str().unwrap();
        assert_eq!(
            shown.ends_with("(inferred)"),
            v.method == corpus::DateMethod::Inferred,
            "{shown}"
        );
        assert_eq!(
            e["text"]["text"]
                .as_str()
                .unwrap()
                .matches("<blockquote>")
                .count(),
            v.evidence.len()
        );
    }
    for e in eras {
        assert!(e["end_date"]["year"].is_i64());
    }
}

#[test]
fn a_selection_exports_only_what_the_view_shows() {
    let c = common::corpus();
    let engine = corpus::Engine::new(c.clone());
    let parsed = corpus::state::parse_query(c, "e=lima&from=2023-01-01&to=2023-12-31");
    assert!(parsed.ignored.is_empty(), "{:?}", parsed.ignored);
    let r = engine.run(&parsed.state.filter());
    let sel = Selection::of(c, &r, &parsed.state.kinds);
    assert!(!sel.events.is_empty() && sel.events.len() < c.events.len());
    assert!(sel.articles.len() < c.articles.len());
    let j: serde_json::Value = serde_json::from_str(&export::json_text(c, &sel)).unwrap();
    assert_eq!(j["articles"].as_array().unwrap().len(), sel.articles.len());
    assert_eq!(j["events"].as_array().unwrap().len(), r.events.len());
    // Entities keep their mentions in the selected articles only.
    let ids: Vec<&str> = j["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    for e in j["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            assert!(ids.contains(&m["article"].as_str().unwrap()));
        }
    }
    let rows = read_csv(&export::csv_events(c, &sel, BASE));
    assert_eq!(rows.len() - 1, r.events.len());
    // Everything selected is the whole export.
    let everything = Selection::of(c, &engine.run(&corpus::Filter::default()), &[]);
    assert_eq!(everything.articles.len(), c.articles.len());
    assert_eq!(everything.figures, Selection::all(c).figures);
}

#[test]
fn file_names_say_the_range_or_the_selection() {
    let d = |s| corpus::Date::parse_iso(s).unwrap();
    assert_eq!(
        export::file_name(
            "events",
            Some((d("2022-12-07"), d("2023-01-30"))),
            true,
            "csv"
        ),
        "peru-crisis-events-2022-12-07-to-2023-01-30.csv"
    );
    assert_eq!(
        export::file_name("timeline", None, true, "json"),
        "peru-crisis-timeline-selection.json"
    );
    assert_eq!(
        export::file_name("corpus", None, false, "json"),
        "peru-crisis-corpus.json"
    );
}
