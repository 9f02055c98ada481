//! Cleaning a raw scraped article (`corpus_index::clean`), its inline markdown, and the date
//! parsers it and the data files use: no input panics, and what comes out is well formed.
#![no_main]

use corpus_index::clean::{clean, inline};
use corpus::model::Emphasis;
use corpus::{Date, DateSpec, Precision};
use libfuzzer_sys::fuzz_target;

/// Clean text: not empty, no other whitespace than single inner spaces, and emphasis
/// ranges that are ordered, non-empty and on character boundaries.
fn check_text(text: &str, emphasis: &[Emphasis]) {
    assert_eq!(text, text.trim(), "untrimmed {text:?}");
    assert!(!text.contains("  "), "double space in {text:?}");
    assert!(
        !text.chars().any(|c| c.is_whitespace() && c != ' '),
        "raw whitespace in {text:?}"
    );
    let mut prev = (0, 0);
    for e in emphasis {
        let (s, t) = (e.start as usize, e.end as usize);
        assert!(s < t && t <= text.len(), "emphasis {e:?} in {text:?}");
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(t),
            "{e:?} in {text:?}"
        );
        assert!((s, t) >= prev, "emphasis out of order in {text:?}");
        prev = (s, t);
    }
}

fn check_dates(s: &str) {
    if let Some(spec) = DateSpec::parse(s) {
        assert!(spec.start <= spec.end, "{s:?} gives {spec:?}");
        assert_eq!(DateSpec::parse(&spec.to_source()), Some(spec), "{s:?}");
        if spec.precision == Precision::Day {
            assert_eq!(Date::parse_iso(&spec.start.to_string()), Some(spec.start));
        }
    }
    if let Some(d) = Date::parse_dateline(s) {
        assert_eq!(Date::new(d.year, d.month, d.day), Some(d), "{s:?}");
        assert_eq!(Date::parse_dateline(&d.long()), Some(d), "{s:?}");
        assert_eq!(Date::from_days(d.to_days()), d);
    }
}

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let lines = raw.split('\n').count();
    let c = clean(&raw);
    for p in &c.paragraphs {
        assert!(!p.text.is_empty());
        assert!((1..=lines).contains(&p.line), "paragraph line {}", p.line);
        check_text(&p.text, &p.emphasis);
    }
    if let Some((title, line)) = &c.title {
        assert!((1..=lines).contains(line));
        assert!(!title.contains('\n'));
    }
    if let Some((names, line)) = &c.authors {
        assert!((1..=lines).contains(line));
        assert!(!names.is_empty() && names.iter().all(|n| !n.is_empty()));
    }
    if let Some((d, line)) = &c.dateline {
        assert!((1..=lines).contains(line));
        assert_eq!(Date::new(d.year, d.month, d.day), Some(*d));
    }
    for (line, _) in &c.dropped {
        assert!((1..=lines).contains(line), "dropped line {line}");
    }
    for line in &c.joined {
        assert!((1..=lines).contains(line), "joined line {line}");
    }
    let (text, emphasis) = inline(&raw);
    if !text.is_empty() {
        check_text(&text, &emphasis);
    }
    for line in raw.lines().take(8) {
        check_dates(line);
    }
});
