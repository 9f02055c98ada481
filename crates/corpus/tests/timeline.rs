//! Timeline layout on the real corpus and on a synthetic one.

mod common;
use common::corpus;
use corpus::timeline::{bounds, default_viewport, items, layout, Options, Shape, Viewport};
use corpus::{Category, Date, Precision};

fn day(s: &str) -> f64 {
    Date::parse_iso(s).unwrap().to_days() as f64
}

fn no_label_overlap(l: &corpus::timeline::Layout, gap: f64) {
    let labels: Vec<_> = l.events.iter().filter_map(|m| m.label.as_ref()).collect();
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            if a.row == b.row {
                assert!(
                    a.x + a.width + gap <= b.x + 1e-9 || b.x + b.width + gap <= a.x + 1e-9,
                    "labels collide: {a:?} {b:?}"
                );
            }
        }
    }
}

#[test]
fn default_view_frames_2022_to_2026_and_says_earlier_events_exist() {
    let c = corpus();
    let v = default_viewport(c, 1200.0);
    assert!(
        v.start <= day("2022-07-01") && v.start >= day("2022-05-01"),
        "{}",
        Date::from_days(v.start as i64)
    );
    assert!(v.end >= day("2026-01-07"));
    let l = layout(c, &items(c, None), &v, &Options::default());
    assert!(
        l.before >= 8,
        "the 1917, 1973, 1977, 1980s… events are before the window: {}",
        l.before
    );
    let (lo, hi) = bounds(c);
    assert!(lo < day("1917-01-01") && hi > day("2026-12-31"));
}

#[test]
fn every_event_is_accounted_for_once() {
    let c = corpus();
    let its = items(c, None);
    for v in [
        default_viewport(c, 1200.0),
        Viewport {
            start: bounds(c).0,
            end: bounds(c).1,
            width: 390.0,
        },
        Viewport {
            start: day("2023-01-01"),
            end: day("2023-02-01"),
            width: 800.0,
        },
    ] {
        let l = layout(c, &its, &v, &Options::default());
        let eras = its.iter().filter(|i| i.era).count();
        let shown = l.events.len() + l.clusters.iter().map(|c| c.events.len()).sum::<usize>();
        let off_edge = its.iter().filter(|i| !i.era).count() - shown - l.before - l.after;
        // Points just outside the drawing (within the margin) may be skipped; nothing else.
        assert!(off_edge <= 2, "{off_edge} events lost");
        assert!(l.bands.len() <= eras);
    }
}

#[test]
fn precision_is_drawn_honestly() {
    let c = corpus();
    let v = Viewport {
        start: day("2022-11-01"),
        end: day("2023-08-01"),
        width: 2000.0,
    };
    let l = layout(
        c,
        &items(c, None),
        &v,
        &Options {
            cluster_px: 4.0,
            ..Options::default()
        },
    );
    for m in &l.events {
        let e = &c.events[m.event as usize];
        match (e.date.precision, m.shape) {
            (Precision::Day, Shape::Point { .. }) => {}
            (Precision::Day, s) => panic!("day event {} drawn as {s:?}", e.id),
            (_, Shape::Span { x0, x1 }) => assert!(x1 > x0, "{}", e.id),
            (p, s) => panic!("{:?} event {} drawn as {s:?}", p, e.id),
        }
        assert_eq!(m.uncertain, e.method != corpus::DateMethod::Stated);
    }
    // February 2023 (the arms disbursement) spans the whole month.
    let feb = l
        .events
        .iter()
        .find(|m| {
            c.events[m.event as usize].date.precision == Precision::Month
                && c.events[m.event as usize].date.start.month == 2
        })
        .expect("a February 2023 event");
    if let Shape::Span { x0, x1 } = feb.shape {
        assert!((x1 - x0 - 28.0 * v.scale()).abs() < 1.0);
    }
    // Eras are bands, not marks.
    assert!(l
        .events
        .iter()
        .all(|m| c.events[m.event as usize].category != Category::Era));
    assert!(!l.bands.is_empty());
}

#[test]
fn dense_periods_cluster_and_labels_never_collide() {
    let c = corpus();
    let its = items(c, None);
    let wide = Viewport {
        start: bounds(c).0,
        end: bounds(c).1,
        width: 390.0,
    };
    let l = layout(c, &its, &wide, &Options::default());
    assert!(!l.clusters.is_empty(), "a century on a phone must cluster");
    for cl in &l.clusters {
        assert!(cl.events.len() >= 2);
        assert!(cl.start < cl.end);
    }
    for w in l.clusters.windows(2) {
        assert!(w[1].x - w[0].x > 0.0);
    }
    for v in [
        wide,
        default_viewport(c, 1280.0),
        default_viewport(c, 390.0),
    ] {
        let l = layout(c, &its, &v, &Options::default());
        no_label_overlap(&l, Options::default().label_gap);
        for lb in l.events.iter().filter_map(|m| m.label.as_ref()) {
            assert!(lb.x >= 0.0 && lb.x + lb.width <= v.width);
        }
    }
}

#[test]
fn articles_and_reporting_links() {
    let c = corpus();
    let v = default_viewport(c, 1200.0);
    let l = layout(
        c,
        &items(c, None),
        &v,
        &Options {
            cluster_px: 2.0,
            ..Options::default()
        },
    );
    assert_eq!(l.articles.len(), 5);
    let july = c.article_ix("2023-07-protests-resume").unwrap();
    let jm = l.articles.iter().find(|a| a.article == july).unwrap();
    assert!(
        matches!(jm.shape, Shape::Span { .. }) && jm.uncertain,
        "only bounded: a span, inferred"
    );
    let jan = c.article_ix("2023-01-takeover-of-lima").unwrap();
    let juliaca = c
        .events
        .iter()
        .position(|e| e.title.contains("Juliaca") && e.date.precision == Precision::Day)
        .unwrap() as u32;
    let link = l
        .links
        .iter()
        .find(|k| k.article == jan && k.event == juliaca)
        .expect("Jan 2023 article reports Juliaca");
    assert!(link.article_x > link.event_x, "reported after it happened");
}

#[test]
fn ten_thousand_events_lay_out_without_collisions() {
    let s = corpus::synth::generate(corpus(), 1250, 9);
    assert_eq!(s.events.len(), 10_000);
    let its = items(&s, None);
    for v in [
        Viewport {
            start: bounds(&s).0,
            end: bounds(&s).1,
            width: 1280.0,
        },
        Viewport {
            start: day("2010-01-01"),
            end: day("2010-03-01"),
            width: 1280.0,
        },
    ] {
        let l = layout(&s, &its, &v, &Options::default());
        no_label_overlap(&l, Options::default().label_gap);
        assert!(
            l.events.len() + l.clusters.len() < 2000,
            "clustering bounds the number of marks: {}",
            l.events.len() + l.clusters.len()
        );
    }
}
