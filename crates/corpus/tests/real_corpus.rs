//! The real five articles: cleaning results, metadata provenance, gazetteer, events,
//! figures and measures, and the questions the explorer must answer.

mod common;
use common::{corpus, real};
use corpus::{DateMethod, Engine, EntityKind, Filter, ParagraphKind, Precision, Provenance};

fn article(id: &str) -> &'static corpus::Article {
    corpus()
        .articles
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("article {id}"))
}

fn all_text() -> String {
    corpus()
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(|p| p.text.clone()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn articles_in_date_order() {
    let c = corpus();
    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    // The five real articles, in this order, whatever other articles join them.
    let real: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| {
            [
                "2022-12-protests-mount",
                "2023-01-takeover-of-lima",
                "2023-07-protests-resume",
                "2024-12-police-state-buildup",
                "2026-01-crisis-of-rule",
            ]
            .contains(id)
        })
        .collect();
    assert_eq!(
        real,
        [
            "2022-12-protests-mount",
            "2023-01-takeover-of-lima",
            "2023-07-protests-resume",
            "2024-12-police-state-buildup",
            "2026-01-crisis-of-rule"
        ]
    );
    assert!(
        c.articles
            .windows(2)
            .all(|w| (w[0].published.date, &w[0].id) <= (w[1].published.date, &w[1].id)),
        "{ids:?}"
    );
}

#[test]
fn no_cleaning_artifact_survives() {
    let t = all_text();
    for bad in [
        "\\$",
        "*",
        "To contact",
        "wsws.org",
        "\u{a0}",
        "  ",
        "\nEnglish\n",
        "\nLoading\n",
        "Loading",
    ] {
        assert!(!t.contains(bad), "cleaned text still contains {bad:?}");
    }
    for a in &corpus().articles {
        for p in &a.paragraphs {
            assert_ne!(p.text, "English");
            assert_eq!(p.text.trim(), p.text);
            assert!(!p.text.is_empty());
        }
    }
}

#[test]
fn page_breaks_are_joined_in_every_article() {
    let t = all_text();
    for joined in [
        "it was discovered that the meals included molded chicken",
        "the country does find itself increasingly drawn into",
        "which legally refers strictly to an “armed uprising.”",
        "In Bolivia, the demand for new elections overseen",
        "police representatives from various US states",
        "reversing the rise of China in the region.",
        "capital-intensive operations and helped pave",
    ] {
        assert!(t.contains(joined), "not joined: {joined}");
    }
}

#[test]
fn escaped_dollars_and_emphasis() {
    let a = article("2024-12-police-state-buildup");
    let p = a
        .paragraphs
        .iter()
        .find(|p| p.text.contains("12.97 billion soles"))
        .unwrap();
    assert!(p.text.contains("($3.422 billion)"));
    let q = a
        .paragraphs
        .iter()
        .find(|p| p.text.contains("Qali Warma"))
        .unwrap();
    let e = q.emphasis.first().expect("Qali Warma is emphasised");
    assert_eq!(&q.text[e.start as usize..e.end as usize], "Qali Warma");
    let b = article("2026-01-crisis-of-rule");
    assert!(b
        .paragraphs
        .iter()
        .any(|p| p.text.contains("US$33 billion")));
}

#[test]
fn photo_caption_is_a_caption() {
    let a = article("2023-07-protests-resume");
    let captions: Vec<_> = a
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Caption)
        .collect();
    assert_eq!(captions.len(), 1);
    assert!(captions[0].text.starts_with("Formation of American troops"));
    assert!(captions[0].text.ends_with("Bob Jennings]"));
    // Every caption of the corpus carries a photo credit; no body paragraph is one.
    for p in corpus().articles.iter().flat_map(|a| &a.paragraphs) {
        assert_eq!(
            p.kind == ParagraphKind::Caption,
            p.text.contains("[Photo:"),
            "{}",
            p.text
        );
    }
}

#[test]
fn paragraph_ids_are_stable_and_sequential() {
    for a in &corpus().articles {
        for (i, p) in a.paragraphs.iter().enumerate() {
            assert_eq!(p.id, format!("p{}", i + 1));
        }
    }
    // Deep links used in docs and tests: these must not move.
    assert!(article("2023-01-takeover-of-lima").paragraphs[0]
        .text
        .starts_with("Protests in Peru’s capital continued into a fifth day"));
    assert!(article("2022-12-protests-mount").paragraphs[0]
        .text
        .starts_with("Peru's military and police"));
}

#[test]
fn metadata_provenance() {
    let a = article("2022-12-protests-mount");
    assert_eq!(
        (a.title_status, a.authors_status, a.published.status),
        (Provenance::Stated, Provenance::Stated, Provenance::Stated)
    );
    assert_eq!(a.authors, ["Andrea Lobo"]);
    assert_eq!(a.published.date.to_string(), "2022-12-16");
    let b = article("2026-01-crisis-of-rule");
    assert_eq!(b.authors, ["César Uco", "Armando Cruz"]);
    let c = article("2024-12-police-state-buildup");
    assert_eq!(c.authors, ["Cesar Uco"]);
    assert_eq!(
        c.title,
        "Peru's crisis-ridden president launches police-state buildup"
    );

    // No title, byline or dateline: supplied / unknown / inferred, each with a reason.
    let l = article("2023-01-takeover-of-lima");
    assert_eq!(l.title_status, Provenance::Supplied);
    assert!(l
        .title_reason
        .as_deref()
        .is_some_and(|r| r.contains("no title")));
    assert_eq!(l.authors_status, Provenance::Unknown);
    assert!(l.authors.is_empty() && l.authors_reason.is_some());
    assert_eq!(l.published.status, Provenance::Inferred);
    assert_eq!(l.published.date.to_string(), "2023-01-23");
    assert_eq!(l.published.date.weekday(), corpus::date::Weekday::Monday);
    assert!(l
        .published
        .reason
        .as_deref()
        .is_some_and(|r| r.contains("Last Thursday") && r.contains("Outside knowledge")));
    assert_eq!(l.published.earliest.unwrap().to_string(), "2023-01-16");

    // Title stated, no dateline: a span.
    let j = article("2023-07-protests-resume");
    assert_eq!(j.title_status, Provenance::Stated);
    assert_eq!(
        j.title,
        "Protests resume against US-backed Boluarte regime in Peru"
    );
    assert_eq!(j.published.precision, Precision::Span);
    assert_eq!(
        (
            j.published.earliest.unwrap().to_string(),
            j.published.latest.unwrap().to_string()
        ),
        ("2023-07-21".into(), "2023-07-27".into())
    );
}

#[test]
fn gazetteer_size_and_mentions() {
    let c = corpus();
    assert!(c.entities.len() >= 150, "{} entities", c.entities.len());
    for k in EntityKind::ALL {
        assert!(
            c.entities.iter().filter(|e| e.kind == k).count() >= 10,
            "{k:?}"
        );
    }
    // Every mention's text is one of the entity's aliases (possessive allowed).
    for e in &c.entities {
        for m in &e.mentions {
            let t = &c.articles[m.article as usize].paragraphs[m.paragraph as usize].text
                [m.start as usize..m.end as usize];
            let bare = t.trim_end_matches("'s").trim_end_matches("’s");
            assert!(
                e.aliases.iter().any(|a| if a.ignore_case {
                    a.text.to_lowercase() == bare.to_lowercase()
                } else {
                    a.text == bare || a.text == t
                }),
                "{} mention `{t}`",
                e.id
            );
        }
    }
}

#[test]
fn which_articles_mention_lisa_kenna() {
    let c = corpus();
    let e = &c.entities[c.entity_ix("lisa-kenna").unwrap() as usize];
    let mut arts: Vec<&str> = e
        .mentions
        .iter()
        .map(|m| c.articles[m.article as usize].id.as_str())
        .collect();
    arts.dedup();
    assert_eq!(
        arts,
        ["2023-01-takeover-of-lima", "2023-07-protests-resume"]
    );
}

#[test]
fn longest_match_and_typo_aliases() {
    let c = corpus();
    let castillo = c.entity_ix("pedro-castillo").unwrap();
    let text_of = |m: &corpus::Mention| {
        &c.articles[m.article as usize].paragraphs[m.paragraph as usize].text
            [m.start as usize..m.end as usize]
    };
    let texts: Vec<&str> = c.entities[castillo as usize]
        .mentions
        .iter()
        .map(text_of)
        .collect();
    assert!(texts.contains(&"Pedro Castillo"));
    assert!(!texts.contains(&"Pedro"));
    let jeri = c.entity_ix("jose-jeri").unwrap();
    let texts: Vec<&str> = c.entities[jeri as usize]
        .mentions
        .iter()
        .map(text_of)
        .collect();
    assert!(
        texts.contains(&"Jer"),
        "the typo `Jer` is an alias: {texts:?}"
    );
    // Never inside another word: no mention of Peru inside "Peruvian".
    let peru = c.entity_ix("peru").unwrap();
    for m in &c.entities[peru as usize].mentions {
        let p = &c.articles[m.article as usize].paragraphs[m.paragraph as usize].text;
        let next = p[m.end as usize..].chars().next();
        assert!(
            !next.is_some_and(char::is_alphanumeric),
            "{}",
            &p[m.start as usize..]
        );
    }
}

#[test]
fn events_cover_1977_to_2026_with_evidence() {
    let c = corpus();
    let first = &c.events[0];
    assert_eq!(
        first.date.start.year, 1917,
        "Russian Revolution is the earliest"
    );
    assert!(c
        .events
        .iter()
        .any(|e| e.date.start.to_string() == "1977-07-19" && e.date.precision == Precision::Day));
    assert!(c
        .events
        .iter()
        .any(|e| e.date.start.to_string() == "2026-04-01" && e.date.precision == Precision::Month));
    for e in &c.events {
        assert!(!e.evidence.is_empty());
        for ev in &e.evidence {
            assert!(!c.quote(ev).is_empty());
        }
        if e.method != DateMethod::Stated {
            assert!(e.basis.is_some(), "{} needs a basis", e.id);
        }
    }
    for m in [
        DateMethod::Stated,
        DateMethod::Resolved,
        DateMethod::Inferred,
    ] {
        assert!(c.events.iter().any(|e| e.method == m), "{m:?}");
    }
    assert!(c.events.iter().any(|e| e.category == corpus::Category::Era));
}

#[test]
fn what_happened_on_9_january_2023() {
    let c = corpus();
    let day = corpus::Date::new(2023, 1, 9).unwrap();
    let on_day: Vec<&str> = c
        .events
        .iter()
        .filter(|e| e.date.precision == Precision::Day && e.date.start == day)
        .map(|e| e.title.as_str())
        .collect();
    assert!(on_day.iter().any(|t| t.contains("Juliaca")), "{on_day:?}");
}

#[test]
fn last_thursday_is_resolved_against_the_publication_date() {
    let c = corpus();
    let kenna = c.entity_ix("lisa-kenna").unwrap();
    let e = c
        .events
        .iter()
        .find(|e| {
            e.entities.contains(&kenna) && e.date.start.year == 2023 && e.date.start.month == 1
        })
        .expect("Kenna meeting");
    assert_eq!(e.date.start.to_string(), "2023-01-19");
    assert_eq!(e.method, DateMethod::Resolved);
    assert_eq!(e.date.start.weekday(), corpus::date::Weekday::Thursday);
}

#[test]
fn death_toll_across_articles() {
    let c = corpus();
    let m = c.measures.iter().find(|m| m.id == "death-toll").unwrap();
    let values: Vec<(f64, String, &str)> = m
        .values
        .iter()
        .map(|v| {
            let f = &c.figures[v.figure as usize];
            (
                f.value,
                f.qualifier.clone(),
                c.articles[f.article as usize].id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        values.iter().map(|v| v.0).collect::<Vec<_>>(),
        [21.0, 56.0, 70.0, 50.0]
    );
    assert_eq!(values[0].1, "at least");
    assert_eq!(values[2].1, "at least");
    let other = c
        .measures
        .iter()
        .find(|m| m.id == "death-toll-other-reports")
        .unwrap();
    assert_eq!(
        c.figures[other.values[0].figure as usize].qualifier,
        "or more"
    );
}

#[test]
fn same_number_different_meaning_is_not_merged() {
    let c = corpus();
    // $1.3 billion for the Navy (2024) and US$1.3 billion Chinese investment (2026).
    let holders: Vec<&str> = c
        .measures
        .iter()
        .filter(|m| {
            m.values
                .iter()
                .any(|v| c.figures[v.figure as usize].value == 1.3e9)
        })
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(holders.len(), 2, "{holders:?}");
    for m in &c.measures {
        let units: std::collections::HashSet<&str> = m
            .values
            .iter()
            .map(|v| c.figures[v.figure as usize].unit.as_str())
            .collect();
        // A measure may pair soles with their dollar conversion, nothing else.
        assert!(
            units.len() == 1 || units == ["PEN", "USD"].into_iter().collect(),
            "{}: {units:?}",
            m.id
        );
    }
}

#[test]
fn figures_recognised_in_the_text() {
    let c = corpus();
    let texts: Vec<&str> = c.figures.iter().map(|f| c.figure_text(f)).collect();
    for want in [
        "roughly 12.97 billion soles",
        "$3.422 billion",
        "US$33 billion",
        "1,007 handguns",
        "at least 21 demonstrators",
        "just 3 percent",
        "more than 1,200 US troops",
    ] {
        assert!(texts.contains(&want), "{want} not in {texts:?}");
    }
    assert!(
        !texts
            .iter()
            .any(|t| t.starts_with("2026") || t.starts_with("29")),
        "{texts:?}"
    );
}

#[test]
fn jeri_finds_jeri_and_results_link_to_passages() {
    let engine = Engine::new(corpus().clone());
    let r = engine.run(&Filter {
        text: "Jeri".into(),
        ..Filter::default()
    });
    assert_eq!(r.articles.len(), 1);
    let hit = &r.articles[0];
    assert_eq!(
        engine.corpus().articles[hit.article as usize].id,
        "2026-01-crisis-of-rule"
    );
    let (p, snip) = hit.snippet.as_ref().unwrap();
    let (a, b) = snip.highlights[0];
    assert!(snip.text[a as usize..b as usize].starts_with("Jer"));
    assert!(
        engine.corpus().articles[hit.article as usize].paragraphs[*p as usize]
            .text
            .contains("Jerí")
    );
    assert!(r
        .entities
        .contains(&engine.corpus().entity_ix("jose-jeri").unwrap()));
}

#[test]
fn binary_round_trip_is_exact_and_small() {
    let c = corpus();
    let bytes = corpus::encode(c);
    let back = corpus::decode(&bytes).unwrap();
    assert_eq!(&back, c);
    // Small: under three bytes for every byte of text (the text, its mentions, figures,
    // events and search index, in varints; 2.5 today), and under half the JSON export
    // (0.44). Ratios, so that they hold for a corpus of any size.
    let text: usize = c
        .articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.len())
        .sum();
    let json = corpus::to_json(c).to_string().len();
    assert!(
        bytes.len() < 3 * text && bytes.len() * 2 < json,
        "{} bytes for {text} bytes of text ({json} bytes of JSON)",
        bytes.len()
    );
    assert!(corpus::decode(&bytes[..bytes.len() / 2]).is_err());
    assert!(corpus::decode(b"nope").is_err());
}

#[test]
fn json_export_shape() {
    let v = corpus::to_json(corpus());
    let a = &v["articles"][0];
    for k in [
        "id",
        "source_file",
        "title",
        "title_status",
        "authors",
        "published",
        "paragraphs",
    ] {
        assert!(!a[k].is_null(), "article.{k}");
    }
    for k in ["date", "precision", "status"] {
        assert!(a["published"][k].is_string(), "published.{k}");
    }
    assert!(a["published"].get("earliest").is_some() && a["published"].get("reason").is_some());
    let e = &v["entities"][0];
    for k in ["id", "name", "kind", "aliases", "description", "mentions"] {
        assert!(!e[k].is_null(), "entity.{k}");
    }
    let ev = &v["events"][0];
    for k in ["start", "end", "precision", "status"] {
        assert!(ev["date"][k].is_string(), "event.date.{k}");
    }
    assert!(["stated", "inferred"].contains(&ev["date"]["status"].as_str().unwrap()));
    assert!(ev["evidence"][0]["quote"].is_string());
    let f = &v["figures"][0];
    for k in ["id", "article", "paragraph", "text", "value", "unit"] {
        assert!(!f[k].is_null(), "figure.{k}");
    }
    let m = &v["measures"][0];
    assert!(m["values"][0]["figure"].is_string() && m["values"][0]["as_of"].is_string());
    // Character offsets: the mention text is the slice of the paragraph by characters.
    let kenna = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "lisa-kenna")
        .unwrap();
    let mention = &kenna["mentions"][0];
    let art = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == mention["article"])
        .unwrap();
    let para = art["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == mention["paragraph"])
        .unwrap();
    let chars: Vec<char> = para["text"].as_str().unwrap().chars().collect();
    let s: String = chars
        [mention["start"].as_u64().unwrap() as usize..mention["end"].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert_eq!(s, "Lisa Kenna");
}

#[test]
fn curator_sees_uncovered_names_but_no_entity_names() {
    let names: Vec<&str> = real().uncovered.iter().map(|u| u.0.as_str()).collect();
    assert!(names.contains(&"Quechua"), "{names:?}");
    for covered in ["Lisa Kenna", "Boluarte", "Lima", "Thursday", "December"] {
        assert!(!names.contains(&covered), "{covered} listed as uncovered");
    }
}

/// The header and the timeline's opening-view button are read off the articles, not
/// written for these five.
#[test]
fn header_and_opening_view_come_from_the_articles() {
    let c = corpus();
    // The number of articles in words, and the months of the first and last.
    let words = [
        "No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    let n = c.articles.len();
    let what = match words.get(n) {
        Some(w) => format!("{w} articles"),
        None => format!("{n} articles"),
    };
    let first = c
        .articles
        .iter()
        .map(|a| a.published.span().0)
        .min()
        .unwrap();
    let last = c
        .articles
        .iter()
        .map(|a| a.published.span().1)
        .max()
        .unwrap();
    let month =
        |d: corpus::Date| format!("{} {}", corpus::date::MONTHS[d.month as usize - 1], d.year);
    assert_eq!(
        corpus::render::corpus_tagline(c),
        format!(
            "{what} on Peru’s political crisis, {} – {}",
            month(first),
            month(last)
        )
    );
    assert_eq!(
        corpus::render::opening_years(c),
        format!("{}–{}", first.year, last.year)
    );
    let mut one = c.clone();
    one.articles.truncate(1);
    assert_eq!(
        corpus::render::corpus_tagline(&one),
        "One article on Peru’s political crisis, December 2022"
    );
    assert_eq!(corpus::render::opening_years(&one), "2022");
    let mut many = c.clone();
    while many.articles.len() < 12 {
        many.articles.push(c.articles[0].clone());
    }
    assert!(corpus::render::corpus_tagline(&many).starts_with("12 articles on"));
}

/// The hostile-payload test corpus (tests/hostile-data, built into the app by the
/// end-to-end suite) stays a valid corpus whose payloads survive as text.
#[test]
fn hostile_corpus_compiles_with_its_payloads_as_text() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile-data");
    let ds = corpus_index::load_dir(&dir).expect("tests/hostile-data loads");
    let built = match corpus_index::compile(&ds) {
        Ok(b) => b,
        Err(errs) => panic!(
            "{:?}",
            errs.iter().map(|e| e.to_string()).collect::<Vec<_>>()
        ),
    };
    let text: String = built
        .corpus
        .articles
        .iter()
        .flat_map(|a| {
            std::iter::once(a.title.clone()).chain(a.paragraphs.iter().map(|p| p.text.clone()))
        })
        .collect();
    assert!(
        text.contains("<script>window.__pwned=1</script>"),
        "the script payload is kept as text"
    );
    assert!(text.contains("onerror"), "the img payload is kept as text");
}
