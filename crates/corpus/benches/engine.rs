//! Benchmark of the query engine at 5 and at 10,000 articles (`cargo bench -p corpus`).
//!
//! A plain harness (no timing assertions): each operation is repeated and the median and
//! 95th percentile are printed. Targets at 10,000 articles, natively: filter with facet
//! counts ≤ 5 ms, search ≤ 10 ms; decoding the real corpus a few milliseconds at most.

use corpus::{Date, DateField, Engine, Filter};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut v: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    v.sort();
    (v[v.len() / 2], v[(v.len() * 95 / 100).min(v.len() - 1)])
}

fn ms(d: Duration) -> String {
    format!("{:8.3} ms", d.as_secs_f64() * 1e3)
}

fn row(label: &str, (p50, p95): (Duration, Duration)) {
    println!("  {label:<44} p50 {}   p95 {}", ms(p50), ms(p95));
}

fn bench_engine(name: &str, engine: &Engine, runs: usize) {
    let c = engine.corpus();
    let id = |s: &str| c.entity_ix(s).expect(s);
    println!(
        "{name}: {} articles, {} paragraphs, {} events, {} terms",
        c.articles.len(),
        c.articles.iter().map(|a| a.paragraphs.len()).sum::<usize>(),
        c.events.len(),
        engine.index().term_count()
    );
    let d = |s: &str| Date::parse_iso(s).unwrap();
    let filters = [
        ("filter+facets: no filter", Filter::default()),
        (
            "filter+facets: 1 entity",
            Filter {
                entities: vec![id("dina-boluarte")],
                ..Filter::default()
            },
        ),
        (
            "filter+facets: 2 entities + event range",
            Filter {
                entities: vec![id("dina-boluarte"), id("lima")],
                range: Some((d("2022-12-01"), d("2023-12-31"))),
                ..Filter::default()
            },
        ),
        (
            "filter+facets: published range",
            Filter {
                range: Some((d("2023-01-01"), d("2024-12-31"))),
                range_field: DateField::Published,
                ..Filter::default()
            },
        ),
    ];
    for (label, f) in &filters {
        row(label, time(runs, || engine.run(f)));
    }
    for q in [
        "Boluarte",
        "jeri",
        "pol",
        "\"takeover of Lima\"",
        "US troops Lima",
        "mining Glencore",
        // Issue 13: word forms, figures with units, a typed date, a typo (finds nothing).
        "killed",
        "protesters",
        "80%",
        "$3.422 billion",
        "9 January 2023",
        "Bolaurte",
    ] {
        let f = Filter {
            text: q.into(),
            ..Filter::default()
        };
        row(&format!("search: {q}"), time(runs, || engine.run(&f)));
    }
    let f = Filter {
        text: "repression".into(),
        entities: vec![id("peruvian-congress")],
        ..Filter::default()
    };
    row("search + entity filter", time(runs, || engine.run(&f)));
    let f = Filter {
        text: "troops Bolaurte".into(),
        entities: vec![id("lisa-kenna")],
        range: Some((d("2025-01-01"), d("2025-12-31"))),
        ..Filter::default()
    };
    row(
        "relaxations: entity, range, 2 words",
        time(runs, || engine.relaxations(&f)),
    );
    row(
        "suggest: Bolaurte",
        time(runs, || engine.suggest("Bolaurte")),
    );
    let kenna = id("lisa-kenna");
    let peru = id("peru");
    row(
        "co-occurrence: lisa-kenna",
        time(runs, || engine.cooccurrence(kenna, None)),
    );
    row(
        "co-occurrence: peru",
        time(runs, || engine.cooccurrence(peru, None)),
    );
}

/// Timeline layout (issue 4): the default view, the whole range, and a zoomed-in month.
fn bench_timeline(name: &str, c: &corpus::Corpus, runs: usize) {
    use corpus::timeline::{bounds, default_viewport, items, layout, Options, Viewport};
    let its = items(c, None);
    println!("timeline, {name}: {} events", its.len());
    let o = Options::default();
    let b = bounds(c);
    let views = [
        ("default view, 1280 px", default_viewport(c, 1280.0)),
        (
            "whole range, 1280 px",
            Viewport {
                start: b.0,
                end: b.1,
                width: 1280.0,
            },
        ),
        (
            "one month, 390 px",
            Viewport {
                start: 19_358.0,
                end: 19_389.0,
                width: 390.0,
            },
        ),
    ];
    for (label, v) in views {
        row(
            &format!("layout: {label}"),
            time(runs, || layout(c, &its, &v, &o)),
        );
    }
    row("items (sort events by date)", time(runs, || items(c, None)));
}

fn main() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let t = Instant::now();
    let ds = corpus_index::load_dir(&data).expect("data loads");
    let built = corpus_index::compile(&ds).expect("data compiles");
    println!(
        "compile data/ (clean, match, validate): {}",
        ms(t.elapsed())
    );
    let bytes = corpus::encode(&built.corpus);
    println!("encoded real corpus: {} bytes", bytes.len());
    row(
        "decode real corpus",
        time(200, || corpus::decode(&bytes).unwrap()),
    );
    row(
        "decode + tables (Engine::new), real corpus",
        time(50, || Engine::new(corpus::decode(&bytes).unwrap())),
    );
    row(
        "decode + tables + search index (Engine::new, warm), real corpus",
        time(50, || {
            let e = Engine::new(corpus::decode(&bytes).unwrap());
            e.warm();
            e
        }),
    );
    let real = Engine::new(built.corpus.clone());
    real.warm();
    bench_engine("real corpus", &real, 200);
    bench_timeline("real corpus", &built.corpus, 500);
    let ten_k_events = corpus_index::synth::generate(&built.corpus, 1250, 7);
    bench_timeline("synthetic corpus", &ten_k_events, 100);

    let n: usize = std::env::var("SYNTH_ARTICLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let t = Instant::now();
    let synth = corpus_index::synth::generate(&built.corpus, n, 42);
    println!("\ngenerate {n} synthetic articles: {}", ms(t.elapsed()));
    let sbytes = corpus::encode(&synth);
    println!("encoded synthetic corpus: {} bytes", sbytes.len());
    row(
        "decode synthetic corpus",
        time(5, || corpus::decode(&sbytes).unwrap()),
    );
    let mut builds: Vec<Duration> = (0..2)
        .map(|_| {
            let c = synth.clone();
            let t = Instant::now();
            black_box(Engine::new(c)).warm();
            t.elapsed()
        })
        .collect();
    let t = Instant::now();
    let engine = Engine::new(synth);
    engine.warm();
    builds.push(t.elapsed());
    builds.sort();
    println!(
        "index synthetic corpus (Engine::new and warm), 3 runs: min {} median {}",
        ms(builds[0]),
        ms(builds[1])
    );
    bench_engine("synthetic corpus", &engine, 40);
    bench_suggest(&built.corpus);
}

/// Typo suggestions against a gazetteer of 20,000 entities (about the names a corpus of
/// 10,000 real articles could hold): each made from a real entity, its words respelled.
fn bench_suggest(seed: &corpus::Corpus) {
    let mut rng = corpus_index::synth::Rng::new(9);
    let letters: Vec<char> = "abcdefghijklmnopqrstuvwxyz".chars().collect();
    let mut entities = Vec::with_capacity(20_000);
    for i in 0..20_000 {
        let mut e = seed.entities[i % seed.entities.len()].clone();
        let respell = |s: &str, rng: &mut corpus_index::synth::Rng| -> String {
            s.split(' ')
                .map(|w| {
                    let mut cs: Vec<char> = w.chars().collect();
                    if cs.len() > 2 {
                        let k = 1 + rng.below(cs.len() - 1);
                        cs[k] = letters[rng.below(letters.len())];
                    }
                    cs.into_iter().collect::<String>()
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        if i >= seed.entities.len() {
            e.name = respell(&e.name, &mut rng);
            for a in &mut e.aliases {
                a.text = respell(&a.text, &mut rng);
            }
        }
        e.mentions.clear();
        entities.push(e);
    }
    println!(
        "suggestions: the real gazetteer has {} entities, {} distinct name words",
        seed.entities.len(),
        corpus::suggest::Names::new(&seed.entities).len()
    );
    let names = corpus::suggest::Names::new(&entities);
    println!(
        "suggestions: {} entities, {} distinct name words",
        entities.len(),
        names.len()
    );
    row(
        "suggest: Bolaurte (one word)",
        time(40, || names.nearest("Bolaurte", |_| 0)),
    );
    row(
        "suggest: dina bolaurte kena (three words)",
        time(40, || names.nearest("dina bolaurte kena", |_| 0)),
    );
}
