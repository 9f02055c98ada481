//! Search that understands what people type (issue 13, items 1–4 and 21): word forms,
//! everything a reader looks for, dates typed as text, no dead ends, and figures with
//! their units. Expectations are read from the corpus wherever possible, not counted by
//! hand.

mod common;
use common::corpus;
use corpus::query::FilterPart;
use corpus::search::{highlight, tokenize, Query};
use corpus::{Engine, Filter, Order, Precision};
use corpus_index::{compile, DataSet, Source};
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn real() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::new(corpus().clone()))
}

fn search(e: &Engine, text: &str) -> corpus::Results {
    e.run(&Filter {
        text: text.into(),
        ..Filter::default()
    })
}

fn article_ids(e: &Engine, r: &corpus::Results) -> BTreeSet<String> {
    r.articles
        .iter()
        .map(|a| e.corpus().articles[a.article as usize].id.clone())
        .collect()
}

/// A corpus of one raw file per text (article ids `a0`, `a1`, …, in this order).
fn engine_of(texts: &[&str]) -> Engine {
    let raw = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Source {
            name: format!("raw/{i}.txt"),
            text: format!(
                "# Article {i}\n\nAna Ruiz\n{} March 2023\n\n{t}\n\nReported from Lima.\n",
                i + 1
            ),
        })
        .collect();
    let ds = DataSet {
        articles: Some(Source {
            name: "articles.rec".into(),
            text: (0..texts.len())
                .map(|i| format!("@article a{i}\nfile: {i}.txt\n"))
                .collect::<Vec<_>>()
                .join("\n"),
        }),
        gazetteer: Some(Source {
            name: "gazetteer.rec".into(),
            text: "@entity lima\nname: Lima\nkind: place\nalias: Lima\ndescription: Capital.\n"
                .into(),
        }),
        events: None,
        measures: None,
        raw,
    };
    match compile(&ds) {
        Ok(c) => Engine::new(c.corpus),
        Err(errs) => panic!("{errs:?}"),
    }
}

fn ids_for(e: &Engine, text: &str) -> Vec<String> {
    let mut v: Vec<String> = article_ids(e, &search(e, text)).into_iter().collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------
// 1. Word forms
// ---------------------------------------------------------------------------------------

#[test]
fn word_forms_find_each_other() {
    let e = engine_of(&[
        "Police killed two.",
        "The killing went on.",
        "He kills again.",
        "Soldiers kill.",
        "The protesters marched.",
        "A protest was called.",
        "More troops arrived.",
        "One troop left.",
        "Nothing here.",
    ]);
    for q in ["killed", "killing", "kills", "kill"] {
        assert_eq!(ids_for(&e, q), ["a0", "a1", "a2", "a3"], "{q}");
    }
    assert_eq!(ids_for(&e, "protesters"), ["a4", "a5"]);
    assert_eq!(ids_for(&e, "protest"), ["a4", "a5"]);
    assert_eq!(ids_for(&e, "troops"), ["a6", "a7"]);
    assert_eq!(ids_for(&e, "troop"), ["a6", "a7"]);
}

#[test]
fn a_word_as_typed_outranks_its_other_forms() {
    // a1 says "protest" four times; a0 says "protesters" once.
    let e = engine_of(&[
        "The protesters were there.",
        "A protest, a protest, a protest and a protest.",
    ]);
    let r = e.run(&Filter {
        text: "protesters".into(),
        order: Order::Relevance,
        ..Filter::default()
    });
    let c = e.corpus();
    let order: Vec<&str> = r
        .articles
        .iter()
        .map(|a| c.articles[a.article as usize].id.as_str())
        .collect();
    assert_eq!(order, ["a0", "a1"]);
    assert_eq!((r.articles[0].exact, r.articles[1].exact), (1, 0));
    assert!(
        r.articles[1].score > r.articles[0].score,
        "the stem-only article scores more, and still comes second"
    );
}

#[test]
fn quotes_and_phrases_stay_exact_and_prefixes_still_work() {
    let e = engine_of(&[
        "Police killed protesters.",
        "Police kill protesters.",
        "Killer whales.",
    ]);
    assert_eq!(ids_for(&e, "\"killed\""), ["a0"], "a quoted word is exact");
    assert_eq!(ids_for(&e, "\"killed protesters\""), ["a0"]);
    assert_eq!(ids_for(&e, "\"kill protesters\""), ["a1"]);
    assert_eq!(ids_for(&e, "kil"), ["a0", "a1", "a2"], "prefix");
    assert_eq!(
        ids_for(&e, "ki "),
        Vec::<String>::new(),
        "two letters: exact, not a prefix"
    );
    // Still being typed (no space after it), two letters that are no word do not filter
    // yet (see a_word_being_typed_filters_from_its_third_letter).
    assert_eq!(ids_for(&e, "ki"), ["a0", "a1", "a2"]);
}

#[test]
fn highlights_mark_other_forms_but_not_in_quotes() {
    let text = "Police killed two; the killing went on and Killer whales swam.";
    let marked = |q: &str| -> Vec<&str> {
        highlight(text, &Query::parse(q))
            .iter()
            .map(|&(a, b)| &text[a as usize..b as usize])
            .collect()
    };
    assert_eq!(marked("kills"), ["killed", "killing"]);
    assert_eq!(
        marked("kill"),
        ["killed", "killing", "Killer"],
        "prefix too"
    );
    assert_eq!(marked("\"killed\""), ["killed"]);
}

/// On the real corpus: every article with a word of the family is found by each member.
#[test]
fn word_families_on_the_real_corpus() {
    let e = real();
    let c = e.corpus();
    for family in [
        &["killed", "killing", "kills", "kill"][..],
        &["protesters", "protester", "protests", "protest"],
        &["troops", "troop"],
    ] {
        let stems: BTreeSet<String> = family
            .iter()
            .map(|w| corpus::stem::stem(w).into_owned())
            .collect();
        assert_eq!(stems.len(), 1, "{family:?}");
        let want: BTreeSet<String> = c
            .articles
            .iter()
            .filter(|a| {
                std::iter::once(a.title.as_str())
                    .chain(a.paragraphs.iter().map(|p| p.text.as_str()))
                    .flat_map(tokenize)
                    .any(|t| stems.contains(corpus::stem::stem(&t.term).as_ref()))
            })
            .map(|a| a.id.clone())
            .collect();
        assert!(!want.is_empty());
        for w in family {
            assert_eq!(article_ids(e, &search(e, w)), want, "{w}");
        }
    }
}

/// Stems keep a word's first letter: highlighting relies on it to stem few words.
#[test]
fn every_stem_of_the_corpus_keeps_its_first_letter() {
    for a in &corpus().articles {
        for p in &a.paragraphs {
            for t in tokenize(&p.text) {
                let s = corpus::stem::stem(&t.term);
                assert_eq!(s.chars().next(), t.term.chars().next(), "{}", t.term);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 2. Everything a reader would look for
// ---------------------------------------------------------------------------------------

/// The words of a text without numbers (dates and figures are read as such elsewhere).
fn words_of(text: &str) -> String {
    tokenize(text)
        .into_iter()
        .filter(|t| !t.term.bytes().any(|b| b.is_ascii_digit()))
        .map(|t| t.term)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_event_is_found_by_its_title_and_by_its_quotes() {
    let e = real();
    let c = e.corpus();
    for (vi, v) in c.events.iter().enumerate() {
        let r = search(e, &words_of(&v.title));
        assert!(r.events.contains(&(vi as u32)), "title of {}", v.id);
        for ev in &v.evidence {
            let q: String = words_of(c.quote(ev))
                .split(' ')
                .take(8)
                .collect::<Vec<_>>()
                .join(" ");
            let r = search(e, &q);
            assert!(r.events.contains(&(vi as u32)), "quote of {}: {q}", v.id);
        }
    }
}

#[test]
fn every_measure_is_found_by_its_name() {
    let e = real();
    let c = e.corpus();
    for (mi, m) in c.measures.iter().enumerate() {
        let r = search(e, &words_of(&m.name));
        assert!(r.measures.contains(&(mi as u32)), "{}", m.id);
    }
    // "death toll" finds the measure so named; "homicides" every measure of homicides.
    let r = search(e, "death toll");
    let toll = c
        .measures
        .iter()
        .position(|m| m.name.to_lowercase().starts_with("death toll"))
        .expect("a death toll measure") as u32;
    assert!(r.measures.contains(&toll));
    let homicide: BTreeSet<u32> = c
        .measures
        .iter()
        .enumerate()
        .filter(|(_, m)| m.name.to_lowercase().contains("homicide"))
        .map(|(i, _)| i as u32)
        .collect();
    assert!(homicide.len() >= 2);
    let got: BTreeSet<u32> = search(e, "homicides").measures.into_iter().collect();
    assert!(homicide.is_subset(&got), "{homicide:?} ⊄ {got:?}");
}

#[test]
fn every_entity_is_found_by_its_name_and_every_alias_folded() {
    let e = real();
    let c = e.corpus();
    for (i, ent) in c.entities.iter().enumerate() {
        for spelling in std::iter::once(&ent.name).chain(ent.aliases.iter().map(|a| &a.text)) {
            for typed in [
                spelling.clone(),
                corpus::search::fold(spelling).to_uppercase(),
            ] {
                let r = search(e, &words_of(&typed));
                if words_of(&typed).is_empty() {
                    continue;
                }
                assert!(r.entities.contains(&(i as u32)), "{} by {typed}", ent.id);
            }
        }
    }
}

#[test]
fn figure_texts_find_their_figures_and_measures() {
    let e = real();
    let c = e.corpus();
    for want in [
        "62 or more",
        "$3.422 billion",
        "US$33 billion",
        "roughly 12.97 billion soles",
    ] {
        let fi = c
            .figures
            .iter()
            .position(|f| c.figure_text(f) == want)
            .unwrap_or_else(|| panic!("figure {want}")) as u32;
        let r = search(e, want);
        assert!(r.figures.contains(&fi), "{want}: {:?}", r.figures);
        let holders: Vec<u32> = c
            .measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.values.iter().any(|v| v.figure == fi))
            .map(|(i, _)| i as u32)
            .collect();
        for m in holders {
            assert!(
                r.measures.contains(&m),
                "{want}: measure {}",
                c.measures[m as usize].id
            );
        }
        let art = c.figures[fi as usize].article;
        assert!(r.articles.iter().any(|a| a.article == art), "{want}");
    }
}

#[test]
fn filters_still_apply_to_measures_and_figures() {
    let e = real();
    let c = e.corpus();
    // An entity named only in articles without the $3.422 billion figure.
    let fi = c
        .figures
        .iter()
        .position(|f| c.figure_text(f) == "$3.422 billion")
        .expect("figure");
    let art = c.figures[fi].article;
    let other = (0..c.entities.len() as u32)
        .find(|&x| {
            let s = e.articles_of(x);
            s.count() > 0 && !s.contains(art as usize)
        })
        .expect("an entity elsewhere");
    let r = e.run(&Filter {
        text: "$3.422 billion".into(),
        entities: vec![other],
        ..Filter::default()
    });
    assert!(r.articles.is_empty() && r.figures.is_empty() && r.measures.is_empty());
}

// ---------------------------------------------------------------------------------------
// 21. Figures typed with their units
// ---------------------------------------------------------------------------------------

#[test]
fn percent_and_currency_are_read_as_the_figure_they_write() {
    let e = engine_of(&[
        "Support fell to 80 percent.",
        "Support fell to 80%.",
        "It lasted 80 days.",
        "Only 3 percent approve.",
        "It costs $3.422 billion now.",
        "A sum of 3.422 billion dollars.",
        "It costs 12.97 billion soles.",
        "Some 80 per cent agree.",
    ]);
    assert_eq!(ids_for(&e, "80%"), ["a0", "a1", "a7"]);
    assert_eq!(ids_for(&e, "80 percent"), ["a0", "a1", "a7"]);
    assert_eq!(
        ids_for(&e, "80"),
        ["a0", "a1", "a2", "a7"],
        "a bare number stays a word"
    );
    assert_eq!(ids_for(&e, "3%"), ["a3"]);
    assert_eq!(ids_for(&e, "3 percent"), ["a3"]);
    assert_eq!(ids_for(&e, "$3.422 billion"), ["a4", "a5"]);
    assert_eq!(ids_for(&e, "US$3.422 billion"), ["a4", "a5"]);
    assert_eq!(ids_for(&e, "3.422 billion dollars"), ["a4", "a5"]);
    assert_eq!(ids_for(&e, "12.97 billion soles"), ["a6"]);
    assert_eq!(ids_for(&e, "support 80%"), ["a0", "a1"]);
    // Snippets mark the figure (read from the corpus's figures, not recognised again).
    for r in search(&e, "80%").articles {
        let (_, s) = r.snippet.expect("a snippet");
        let marked: Vec<&str> = s
            .highlights
            .iter()
            .map(|&(a, b)| &s.text[a as usize..b as usize])
            .collect();
        assert!(
            marked
                .iter()
                .all(|m| m.starts_with("80") || m.starts_with("Some 80")),
            "{marked:?}"
        );
        assert!(!marked.is_empty());
    }
    let text = "Support fell to 80 percent, after 80 days.";
    let h = highlight(text, &Query::parse("80%"));
    assert_eq!(
        h.iter()
            .map(|&(a, b)| &text[a as usize..b as usize])
            .collect::<Vec<_>>(),
        ["80 percent"]
    );
}

#[test]
fn percent_on_the_real_corpus() {
    let e = real();
    let c = e.corpus();
    let with = |unit: &str, value: f64| -> BTreeSet<String> {
        c.figures
            .iter()
            .filter(|f| f.unit == unit && f.value == value)
            .map(|f| c.articles[f.article as usize].id.clone())
            .collect()
    };
    assert_eq!(article_ids(e, &search(e, "80%")), with("percent", 80.0));
    assert_eq!(article_ids(e, &search(e, "3%")), with("percent", 3.0));
    assert_eq!(
        article_ids(e, &search(e, "3 percent")),
        with("percent", 3.0)
    );
    assert!(!with("percent", 3.0).is_empty());
    // "80 days" is in the corpus, and is not a match for 80%.
    let days = c
        .figures
        .iter()
        .find(|f| c.figure_text(f).ends_with("80 days"))
        .map(|f| c.articles[f.article as usize].id.clone());
    if let Some(d) = days {
        if !with("percent", 80.0).contains(&d) {
            assert!(!article_ids(e, &search(e, "80%")).contains(&d));
        }
    }
    assert_eq!(
        article_ids(e, &search(e, "$3.422 billion")),
        with("USD", 3.422e9)
    );
}

// ---------------------------------------------------------------------------------------
// 3. Dates typed as text
// ---------------------------------------------------------------------------------------

#[test]
fn a_typed_date_lists_what_happened_then() {
    let e = real();
    let c = e.corpus();
    let d = |s: &str| corpus::Date::parse_iso(s).expect(s);
    for (typed, from, to, precision) in [
        ("9 January 2023", "2023-01-09", "2023-01-09", Precision::Day),
        ("2023-01-09", "2023-01-09", "2023-01-09", Precision::Day),
        ("Jan 2023", "2023-01-01", "2023-01-31", Precision::Month),
        (
            "December 2024",
            "2024-12-01",
            "2024-12-31",
            Precision::Month,
        ),
        ("2023", "2023-01-01", "2023-12-31", Precision::Year),
    ] {
        let r = search(e, typed);
        let t = r.typed_date.clone().unwrap_or_else(|| panic!("{typed}"));
        assert_eq!(
            (t.from, t.to, t.precision),
            (d(from), d(to), precision),
            "{typed}"
        );
        assert!(!t.year_inferred);
        let want: Vec<u32> = (0..c.events.len() as u32)
            .rev()
            .filter(|&v| c.events[v as usize].date.overlaps(t.from, t.to))
            .collect();
        assert!(!want.is_empty(), "{typed}");
        assert_eq!(
            r.events, want,
            "{typed}: the events of that time, newest first"
        );
    }
    // The Juliaca massacre is on 9 January 2023.
    let r = search(e, "9 January 2023");
    assert!(r
        .events
        .iter()
        .any(|&v| c.events[v as usize].title.contains("Juliaca")));
}

#[test]
fn a_year_left_out_is_inferred_from_the_events() {
    let e = real();
    let c = e.corpus();
    let t = e.typed_date("January 9").expect("a date");
    assert!(t.year_inferred);
    let latest = c
        .events
        .iter()
        .filter(|v| {
            v.date.precision == Precision::Day && v.date.start.month == 1 && v.date.start.day == 9
        })
        .map(|v| v.date.start.year)
        .max()
        .expect("an event on 9 January");
    assert_eq!(t.from.year, latest);
    assert_eq!(t.label(), format!("9 January {latest}"));
    // December 7: Castillo's ouster.
    let t = e.typed_date("what happened on December 7").expect("a date");
    assert_eq!(t.rest, "what happened");
    assert!(c
        .events
        .iter()
        .any(|v| v.date.precision == Precision::Day && v.date.start == t.from));
}

#[test]
fn words_and_a_date_search_the_words_on_that_date() {
    let e = real();
    let c = e.corpus();
    let r = search(e, "Juliaca 9 January 2023");
    assert_eq!(
        r.typed_date.as_ref().map(|t| t.rest.as_str()),
        Some("Juliaca")
    );
    assert!(!r.events.is_empty());
    for &v in &r.events {
        let v = &c.events[v as usize];
        assert!(v.date.overlaps(
            r.typed_date.as_ref().unwrap().from,
            r.typed_date.as_ref().unwrap().to
        ));
    }
    // Numbers that are not dates stay text.
    for text in [
        "56 killed",
        "80%",
        "$3.422 billion",
        "1,200 troops",
        "\"2023\"",
    ] {
        assert_eq!(search(e, text).typed_date, None, "{text}");
    }
}

// ---------------------------------------------------------------------------------------
// 4. No dead ends
// ---------------------------------------------------------------------------------------

#[test]
fn typos_suggest_the_nearest_names() {
    let e = real();
    let c = e.corpus();
    assert!(search(e, "Bolaurte").is_empty() && search(e, "Kena").is_empty());
    for (typed, id) in [
        ("Bolaurte", "dina-boluarte"),
        ("Jeri", "jose-jeri"),
        ("Kena", "lisa-kenna"),
        ("protests Bolaurte", "dina-boluarte"),
    ] {
        let s = e.suggest(typed);
        assert_eq!(
            s.first().map(|s| c.entities[s.entity as usize].id.as_str()),
            Some(id),
            "{typed}: {s:?}"
        );
    }
    let s = &e.suggest("protests Bolaurte")[0];
    assert_eq!(
        (s.typed.as_str(), s.word.as_str()),
        ("Bolaurte", "Boluarte")
    );
    assert_eq!(s.text, "protests Boluarte");
    assert!(
        !search(e, &s.text).is_empty(),
        "the suggestion finds something"
    );
    assert_eq!(e.suggest("Jeri")[0].distance, 0, "only the accent differs");
    assert!(e.suggest("xq").is_empty(), "short words suggest nothing");
}

#[test]
fn suggestions_on_a_small_gazetteer() {
    let ents = |names: &[(&str, &[&str])]| -> Vec<corpus::Entity> {
        names
            .iter()
            .map(|(n, aliases)| corpus::Entity {
                id: corpus_index::compile::slug(n),
                name: n.to_string(),
                kind: corpus::EntityKind::Person,
                aliases: aliases
                    .iter()
                    .map(|a| corpus::Alias {
                        text: a.to_string(),
                        ignore_case: false,
                    })
                    .collect(),
                description: String::new(),
                outside: None,
                mentions: Vec::new(),
            })
            .collect()
    };
    let names = corpus::suggest::Names::new(&ents(&[
        ("Ana Ruiz", &["Ruiz"]),
        ("Luis Ruíz", &[]),
        ("Marta Kenny", &["Kenny"]),
    ]));
    let got = |t: &str| -> Vec<(u32, u32)> {
        names
            .nearest(t, |e| if e == 1 { 5 } else { 1 })
            .iter()
            .map(|s| (s.entity, s.distance))
            .collect()
    };
    assert_eq!(
        got("ruiz"),
        [(1, 0), (0, 0)],
        "equal distance: more weight first"
    );
    assert_eq!(got("Kenyy"), [(2, 1)]);
    assert_eq!(got("Kennyyyy"), Vec::<(u32, u32)>::new(), "too far");
}

#[test]
fn each_active_filter_says_what_dropping_it_gives() {
    let e = real();
    let c = e.corpus();
    let kenna = c.entity_ix("lisa-kenna").expect("kenna");
    let d = |s: &str| corpus::Date::parse_iso(s).expect(s);
    let f = Filter {
        entities: vec![kenna],
        range: Some((d("2025-01-01"), d("2025-12-31"))),
        text: "troops Bolaurte".into(),
        ..Filter::default()
    };
    assert!(e.run(&f).articles.is_empty() && e.run(&f).events.is_empty());
    let rel = e.relaxations(&f);
    let parts: Vec<&FilterPart> = rel.iter().map(|r| &r.part).collect();
    assert_eq!(
        parts,
        [
            &FilterPart::Entity(kenna),
            &FilterPart::Range,
            &FilterPart::Word("troops".into()),
            &FilterPart::Word("Bolaurte".into()),
            &FilterPart::Text,
        ]
    );
    for r in &rel {
        let got = e.run(&r.filter);
        assert_eq!(
            (r.articles, r.events),
            (got.articles.len() as u32, got.events.len() as u32),
            "{:?}",
            r.part
        );
    }
    let without_word = &rel[3].filter;
    assert_eq!(without_word.text, "troops");
    assert_eq!(without_word.entities, [kenna]);
    // A typed date is a part of its own.
    let f = Filter {
        text: "Kenna 9 January 2023".into(),
        ..Filter::default()
    };
    let rel = e.relaxations(&f);
    assert_eq!(rel[0].part, FilterPart::TypedDate);
    assert_eq!(rel[0].filter.text, "Kenna");
    assert!(rel[0].articles > 0);
    assert!(e.run(&f).typed_date.is_some());
    assert!(e.relaxations(&Filter::default()).is_empty());
}

// ---------------------------------------------------------------------------------------
// Whatever is typed
// ---------------------------------------------------------------------------------------

/// Random texts made of the pieces these features read (digits, units, months, quotes,
/// accents, odd characters): every entry point answers without panicking, a typed date
/// covers a real interval, and what relaxations count is what run finds.
#[test]
fn any_typed_text_is_answered() {
    let e = real();
    let pieces = [
        "9", "31", "2023", "1/", "/", "-", "2023-01", "January", "jan.", "Sept", "of", "on", "80",
        "%", "$", "US$", "S/", "€", "3.422", "billion", "percent", "per", "cent", "soles", "\"",
        "“", "”", "killed", "Bolaurte", "Jerí", "ß", "\u{202e}", "\u{0}", "  ", ",", "or more",
        "at least", "12th", "0", "00", "9999", "Boluarte", "x",
    ];
    let mut rng = corpus_index::synth::Rng::new(13);
    let long = "a".repeat(400) + " 2023 " + &"Kenna ".repeat(300);
    let mut texts: Vec<String> = vec![long];
    for _ in 0..400 {
        let n = 1 + rng.below(7);
        let t: Vec<&str> = (0..n).map(|_| pieces[rng.below(pieces.len())]).collect();
        texts.push(t.join(if rng.below(2) == 0 { " " } else { "" }));
    }
    for t in &texts {
        let r = search(e, t);
        if let Some(d) = &r.typed_date {
            assert!(d.from <= d.to, "{t:?}");
            assert!(d.span.0 <= d.span.1 && d.span.1 <= t.len());
        }
        let _ = e.suggest(t);
        let _ = highlight(t, &e.query(t));
        for x in e.relaxations(&Filter {
            text: t.clone(),
            ..Filter::default()
        }) {
            let got = e.run(&x.filter);
            assert_eq!(x.articles, got.articles.len() as u32, "{t:?} {:?}", x.part);
        }
    }
}

/// As-you-type: the first letters of a word leave the results as they are until the word
/// can match (three letters, or a short word the corpus has); a space ends the word.
#[test]
fn a_word_being_typed_filters_from_its_third_letter() {
    let e = real();
    let all = search(e, "");
    let lima = search(e, "lima");
    assert!(!lima.articles.is_empty());
    for (typed, same_as) in [
        ("l", ""),
        ("li", ""),
        ("lima l", "lima"),
        ("lima li", "lima"),
    ] {
        let r = search(e, typed);
        let base = search(e, same_as);
        assert_eq!(article_ids(e, &r), article_ids(e, &base), "{typed:?}");
        assert_eq!(r.events, base.events, "{typed:?}");
    }
    assert_eq!(search(e, "l").articles.len(), all.articles.len());
    assert_eq!(article_ids(e, &search(e, "lim")), article_ids(e, &lima));
    // A short word the corpus has matches at once.
    assert!(e.index().has_term("us"), "the corpus says “US”");
    assert!(!search(e, "us").articles.is_empty());
    // Once the word is ended, it is searched as typed (and "li" is no word).
    assert!(search(e, "li ").articles.is_empty());
    assert!(search(e, "\"li\"").articles.is_empty());
    // The query the reader highlights is the same.
    assert_eq!(e.query("lima li").clauses.len(), 1);
    assert_eq!(e.query("lima li ").clauses.len(), 2);
}
