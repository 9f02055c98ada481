//! Inputs the fuzz targets (fuzz/, scripts/fuzz.sh) found breaking a property, kept as
//! tests so that the bug stays fixed; and the in-memory loader the `data_files` target
//! drives. Each test names the target that found its input.

mod common;
use common::{corpus, data_dir};
use corpus::embed::{apply, HostMessage};
use corpus::state::{parse_query, to_query, AppState};
use corpus_index::{load_dir, DataSet};

/// Every file of the data folder, as (name relative to it, bytes).
fn data_files() -> Vec<(String, Vec<u8>)> {
    let dir = data_dir();
    let mut files = Vec::new();
    for name in [
        "articles.rec",
        "gazetteer.rec",
        "events.rec",
        "measures.rec",
    ] {
        files.push((name.to_string(), std::fs::read(dir.join(name)).unwrap()));
    }
    for e in std::fs::read_dir(dir.join("raw")).unwrap() {
        let e = e.unwrap();
        let name = format!("raw/{}", e.file_name().to_string_lossy());
        files.push((name, std::fs::read(e.path()).unwrap()));
    }
    files
}

#[test]
fn from_files_reads_what_load_dir_reads() {
    let on_disk = load_dir(&data_dir()).unwrap();
    let mut files = data_files();
    files.reverse(); // the order given does not matter: raw files come out sorted
    files.push(("README.md".into(), b"not data".to_vec()));
    files.push(("raw/notes.md".into(), b"not an article".to_vec()));
    files.push(("raw/sub/x.txt".into(), b"not in raw/ itself".to_vec()));
    assert_eq!(DataSet::from_files(files).unwrap(), on_disk);
    // A name given twice keeps its last contents.
    let ds = DataSet::from_files([
        ("raw/a.txt", b"first".to_vec()),
        ("raw/a.txt", b"second".to_vec()),
    ])
    .unwrap();
    assert_eq!(ds.raw.len(), 1);
    assert_eq!(ds.raw[0].text, "second");
    assert_eq!(
        DataSet::from_files(Vec::<(String, Vec<u8>)>::new()).unwrap(),
        DataSet::default()
    );
}

#[test]
fn from_files_names_file_and_line_of_bad_utf8() {
    let errs = DataSet::from_files([
        ("raw/x.txt", b"ok line\nbad \xff byte\n".to_vec()),
        ("events.rec", b"@event a\n\n\ntitle: \xc3(\n".to_vec()),
        ("gazetteer.rec", b"@entity lima\n".to_vec()),
    ])
    .unwrap_err();
    let errs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        errs,
        [
            "events.rec:4: cannot read: not valid UTF-8",
            "raw/x.txt:2: cannot read: not valid UTF-8"
        ]
    );
}

/// url_state: a value of invisible characters is quoted with each one spelled out
/// (`U+0000`); 28 of them made a 200-character notice. A notice quotes at most 40
/// characters as shown.
#[test]
fn url_state_notice_of_invisible_characters_stays_short() {
    let c = corpus();
    let q = format!(
        "view=matrix&msort=name&cmp=2023-01-takeover-of-{}lima,2026-01-crisis-of-rule",
        "\0".repeat(28)
    );
    let p = parse_query(c, &q);
    assert_eq!(p.ignored.len(), 1, "{:?}", p.ignored);
    let notice = &p.ignored[0];
    assert!(notice.chars().count() < 120, "notice too long: {notice}");
    assert!(
        notice.starts_with("“2023-01-takeover-of-U+0000U+0000U+0000…” is not two known"),
        "{notice}"
    );
    assert!(!notice.contains('\0'));
    // One character over the limit in a visible value still gets its ellipsis.
    let p = parse_query(c, &format!("sort={}", "z".repeat(41)));
    assert_eq!(p.ignored, [format!("unknown order “{}…”", "z".repeat(40))]);
    let p = parse_query(c, &format!("sort={}", "z".repeat(40)));
    assert_eq!(p.ignored, [format!("unknown order “{}”", "z".repeat(40))]);
    let again = parse_query(c, &to_query(c, &p.state));
    assert!(again.ignored.is_empty());
}

/// embed_message: `pce:navigate` with `embed=0` in its query took the explorer out of
/// embed mode, which the message API promises never happens.
#[test]
fn embed_message_navigate_cannot_leave_embed_mode() {
    let c = corpus();
    let current = AppState {
        embed: true,
        ..AppState::default()
    };
    for query in [
        "a=2023-01-takeover-of-lima&embed=0",
        "embed=false&a=2023-01-takeover-of-lima",
        "%65mbed=0&a=2023-01-takeover-of-lima",
        "?a=2023-01-takeover-of-lima&embed=1&embed=0",
    ] {
        let change = HostMessage::Navigate {
            query: query.into(),
        }
        .change()
        .unwrap();
        let q = apply(c, &current, &change);
        assert_eq!(q, "a=2023-01-takeover-of-lima&embed=1", "{query}");
        let p = parse_query(c, &q);
        assert!(p.ignored.is_empty() && p.state.embed, "{query}: {p:?}");
        assert_eq!(p.state.article, c.article_ix("2023-01-takeover-of-lima"));
    }
}

/// url_state: `on=published` without a date range was read but not written back, so the
/// state did not survive its own URL (the "Dates of" choice reset on reload).
#[test]
fn url_state_range_field_without_a_range_round_trips() {
    let c = corpus();
    // The fuzz input as bytes (the target reads them as lossy UTF-8, as a browser would).
    let bytes: &[u8] = b"q=Kenna+%22takeover+of+Lima%22+Jer%C3%AD+%26+co%3D1%25&e=lisa-kenna,dina-boluarte&kind=person,place&from=202?2-12-01&to=20\xce\xcc\xd2\xcf\xc8\xd2\xcc\xd0&on=published&sort=relevance&a=2023-01-takeover-of-lima&p=p14&ent=lisa-kenna&win=2022-11-15,2023-03-01&ov=era-state-ort=2026-01-czerisis-of-rule&embed=1";
    let q = &String::from_utf8_lossy(bytes);
    let p = parse_query(c, q);
    assert_eq!(p.state.range, None);
    assert_eq!(p.state.range_field, corpus::DateField::Published);
    let canonical = to_query(c, &p.state);
    assert!(canonical.contains("on=published"), "{canonical}");
    let again = parse_query(c, &canonical);
    assert!(again.ignored.is_empty(), "{:?}", again.ignored);
    assert_eq!(again.state, p.state);
    assert_eq!(to_query(c, &again.state), canonical);
    let p = parse_query(c, "on=published");
    assert_eq!(to_query(c, &p.state), "on=published");
}

/// embed_message: `pce:clear` clears the range but keeps what it applies to; the query it
/// wrote lost `on=published`.
#[test]
fn embed_message_clear_keeps_the_range_field() {
    let c = corpus();
    let current = parse_query(
        c,
        "q=x&e=peru&kind=person&from=2023&on=published&a=2022-12-protests-mount&embed=1",
    )
    .state;
    let q = apply(c, &current, &HostMessage::Clear.change().unwrap());
    assert_eq!(q, "on=published&a=2022-12-protests-mount&embed=1");
    let p = parse_query(c, &q);
    assert!(p.ignored.is_empty());
    assert_eq!(
        p.state,
        AppState {
            text: String::new(),
            entities: Vec::new(),
            kinds: Vec::new(),
            range: None,
            ..current
        }
    );
}

/// url_state: a range open at one end and bounded at the other by year 9999 (or year 1)
/// was read as a range, but such an end is how an open end is written, so the URL it
/// wrote had no range at all and the state did not survive its own URL.
#[test]
fn url_state_range_with_an_end_at_the_limits_reads_as_no_bound() {
    let c = corpus();
    for (q, range) in [
        ("to=9999-12-31", None),
        ("to=9999-06", None),
        ("from=0001-01-01", None),
        ("from=0001-01-01&to=9999-12-31", None),
        (
            "from=0001&to=2023-01",
            Some((
                corpus::Date::FIRST,
                corpus::Date::parse_iso("2023-01-31").unwrap(),
            )),
        ),
    ] {
        let p = parse_query(c, q);
        assert!(p.ignored.is_empty(), "{q}: {:?}", p.ignored);
        assert_eq!(p.state.range, range, "{q}");
        let canonical = to_query(c, &p.state);
        let again = parse_query(c, &canonical);
        assert_eq!(again.state, p.state, "{q} → {canonical}");
    }
    let fuzzed: &[u8] = b"q=ina-boluarte&kind=person,place&`rom=2022-12-01&to=9999-12-31&on=published&sort=relevance&a=2023-01-takeover-of-lima&p=p14&ent=lisa-kenna&embed=1";
    let p = parse_query(c, &String::from_utf8_lossy(fuzzed));
    assert_eq!(p.state.range, None);
    let canonical = to_query(c, &p.state);
    assert_eq!(parse_query(c, &canonical).state, p.state);
}

/// Found by the `url_state` fuzz target: `from=9999-12-01&to=2023-07-31` is inverted, and
/// swapped it ended in year 9999, which is how an open end is written: the state kept
/// 9999-12-01 as its end, the URL it wrote had none (so 9999-12-31), and the state did
/// not survive its own URL. The limits now apply to the ends after the swap.
#[test]
fn url_state_inverted_range_that_swaps_an_end_to_the_limits() {
    let c = corpus();
    let day = |s: &str| corpus::Date::parse_iso(s).unwrap();
    for (q, range) in [
        (
            "from=9999-12-01&to=2023-07-31",
            Some((day("2023-07-31"), corpus::Date::LAST)),
        ),
        (
            "from=2023-07-31&to=0001-01-05",
            Some((corpus::Date::FIRST, day("2023-07-31"))),
        ),
        ("from=9999-12-01&to=0001-01-05", None),
    ] {
        let p = parse_query(c, q);
        assert_eq!(
            p.ignored,
            vec!["the date range was inverted; from and to were swapped".to_string()],
            "{q}"
        );
        assert_eq!(p.state.range, range, "{q}");
        let canonical = to_query(c, &p.state);
        let again = parse_query(c, &canonical);
        assert_eq!(again.state, p.state, "{q} → {canonical}");
    }
    let fuzzed: &[u8] = &[
        113, 61, 75, 101, 110, 110, 97, 43, 37, 50, 49, 116, 97, 100, 105, 110, 97, 45, 98, 111,
        108, 117, 97, 99, 101, 38, 102, 99, 101, 61, 50, 114, 111, 109, 61, 50, 48, 50, 50, 45, 49,
        50, 45, 48, 49, 38, 116, 111, 61, 50, 48, 50, 51, 45, 48, 55, 45, 51, 49, 38, 111, 110, 61,
        112, 117, 98, 108, 105, 115, 104, 101, 100, 38, 115, 111, 114, 116, 61, 114, 101, 108, 101,
        118, 97, 110, 99, 101, 38, 97, 99, 101, 38, 102, 114, 111, 109, 61, 57, 57, 57, 57, 45, 49,
        50, 45, 48, 49, 38, 116, 111, 61, 50, 48, 50, 51, 45, 48, 55, 45, 51, 49, 38, 111, 110, 61,
        112, 117, 98, 108, 105, 115, 104, 101, 97, 108, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 98, 101, 114, 116, 111, 45, 102, 117, 106,
        105, 109, 111, 114, 105, 99, 101, 61, 50, 48, 50, 51, 45, 48, 49, 45, 116, 97, 107, 101,
        111, 118, 100, 117, 112, 38, 99, 109, 112, 115, 101, 108, 61, 101, 110, 116, 105, 116, 121,
        58, 108, 105, 110, 107, 101, 100, 61, 109, 97, 116, 114, 105, 120, 116, 61, 50, 48, 50, 54,
        45, 48, 49, 45, 99, 114, 105, 115, 105, 115, 45, 111, 102, 45, 114, 170, 108, 101, 38, 101,
        109, 98, 101, 100, 61, 49,
    ];
    let p = parse_query(c, &String::from_utf8_lossy(fuzzed));
    let canonical = to_query(c, &p.state);
    assert_eq!(parse_query(c, &canonical).state, p.state, "{canonical}");
}
