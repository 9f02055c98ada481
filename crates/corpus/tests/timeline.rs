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
        let shown = l.events.len() + l.clusters.iter().map(|c| c.members.len()).sum::<usize>();
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
        assert!(cl.members.len() >= 2);
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
        // Points, narrow spans and clusters (the marks on the event line, row 0) never
        // overlap: they are at least cluster_px apart.
        let mut xs: Vec<f64> = l
            .events
            .iter()
            .filter(|m| m.row == 0)
            .map(|m| m.shape.centre())
            .chain(l.clusters.iter().map(|c| c.x))
            .collect();
        xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
        for w in xs.windows(2) {
            assert!(
                w[1] - w[0] >= Options::default().cluster_px - 1e-9,
                "marks overlap at {} and {}",
                w[0],
                w[1]
            );
        }
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
    assert_eq!(l.articles.len(), c.articles.len(), "every article is drawn");
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
    let s = corpus_index::synth::generate(corpus(), 1250, 9);
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
        // The event line holds marks at least cluster_px apart, and each span row
        // spans wider than that, side by side: what is drawn is bounded by the width,
        // not by the number of events.
        let o = Options::default();
        assert!(l.events.iter().all(|m| m.row <= o.span_rows));
        let per_row = (v.width / o.cluster_px) as usize + 2;
        let marks = l.events.len() + l.clusters.len();
        assert!(
            marks <= per_row * (1 + o.span_rows),
            "{marks} marks for {per_row} per row"
        );
        // So is the era lane: bands in their rows, short eras in clusters.
        assert!(l.bands.iter().all(|b| b.row < o.band_rows));
        assert!(l.bands.len() + l.era_clusters.len() <= per_row * (1 + o.band_rows));
        let shown = l.events.len() + l.clusters.iter().map(|c| c.members.len()).sum::<usize>();
        let all = its.iter().filter(|i| !i.era).count();
        assert!(
            all - shown - l.before - l.after <= 2,
            "every event is drawn, or counted as before or after"
        );
    }
}

#[test]
fn windows_round_trip_through_whole_days() {
    let c = corpus();
    let b = bounds(c);
    let v = Viewport::from_window(
        (
            Date::parse_iso("2022-12-01").unwrap(),
            Date::parse_iso("2023-02-01").unwrap(),
        ),
        800.0,
        b,
    );
    assert_eq!((v.start, v.end), (day("2022-12-01"), day("2023-02-01")));
    let w = v.window();
    assert_eq!(w.0.to_string(), "2022-12-01");
    assert_eq!(w.1.to_string(), "2023-02-01");
    // A window outside the corpus is pulled back in; a mid-day view covers whole days.
    let far = Viewport::from_window(
        (
            Date::parse_iso("2090-01-01").unwrap(),
            Date::parse_iso("2091-01-01").unwrap(),
        ),
        800.0,
        b,
    );
    assert!(far.end <= b.1 + 1e-9 && far.start >= b.0);
    let mid = Viewport {
        start: day("2023-01-01") + 0.5,
        end: day("2023-01-20") + 0.25,
        width: 800.0,
    };
    assert_eq!(mid.window().0.to_string(), "2023-01-01");
    assert_eq!(mid.window().1.to_string(), "2023-01-21");
    // Brushing: either direction, inclusive days.
    let r = v.range_between(v.x(day("2023-01-10")), v.x(day("2022-12-20")));
    assert_eq!(
        (r.0.to_string(), r.1.to_string()),
        ("2022-12-20".into(), "2023-01-09".into())
    );
}

#[test]
fn opening_a_cluster_zooms_to_it_unless_its_events_share_a_day() {
    let c = corpus();
    let b = bounds(c);
    let whole = Viewport {
        start: b.0,
        end: b.1,
        width: 600.0,
    };
    let l = layout(c, &items(c, None), &whole, &Options::default());
    let cl = l
        .clusters
        .iter()
        .max_by_key(|c| c.members.len())
        .expect("the whole range at 600 px has clusters");
    let z = cl
        .zoom_target(&whole, b)
        .expect("a multi-day cluster opens by zooming");
    assert!(z.start <= cl.start && z.end >= cl.end);
    assert!(z.end - z.start < (whole.end - whole.start) / 2.0);
    let l2 = layout(c, &items(c, None), &z, &Options::default());
    assert!(
        l2.clusters
            .iter()
            .all(|c2| c2.members.len() < cl.members.len()),
        "zooming splits it"
    );
    // At the narrowest view, a cluster of same-day events cannot be split by zooming.
    let narrow = Viewport::framing(day("2022-12-07"), day("2022-12-08"), 40.0, b);
    let l3 = layout(c, &items(c, None), &narrow, &Options::default());
    if let Some(same_day) = l3.clusters.iter().find(|c| c.end - c.start <= 1.0) {
        assert_eq!(same_day.zoom_target(&narrow, b), None);
    }
}

#[test]
fn keyboard_moves_in_time_order_and_brings_hidden_events_into_view() {
    use corpus::timeline::{navigate, Focus, Lane, Nav};
    let c = corpus();
    let b = bounds(c);
    let it = items(c, None);
    let o = Options::default();
    let mut v = default_viewport(c, 1200.0);
    // From nothing, Right lands on the first mark in view.
    let l = layout(c, &it, &v, &o);
    let (mut f, v1) = navigate(c, &it, &l, &v, b, None, Nav::Next).unwrap();
    assert_eq!(v1, v);
    assert_eq!(f, l.stops(Lane::Events)[0].focus);
    // Right, again and again, visits every non-era event in time order, panning as
    // needed, and ends at the last one.
    let mut seen_days = vec![];
    for _ in 0..500 {
        let l = layout(c, &it, &v, &o);
        match navigate(c, &it, &l, &v, b, Some(f), Nav::Next) {
            Some((nf, nv)) => {
                if let Focus::Event(e) = nf {
                    seen_days.push(c.events[e as usize].date.start.to_days());
                }
                assert_ne!(nf, f, "a move goes somewhere new");
                f = nf;
                v = nv;
            }
            None => break,
        }
    }
    let last = it.iter().rfind(|i| !i.era).unwrap();
    assert_eq!(f, Focus::Event(last.event));
    assert!(
        seen_days.windows(2).all(|w| w[0] <= w[1] + 2),
        "moves go forward in time: {seen_days:?}"
    );
    // Home goes back to the 1917 event, and shows it.
    let l = layout(c, &it, &v, &o);
    let (first, fv) = navigate(c, &it, &l, &v, b, Some(f), Nav::First).unwrap();
    let first_item = it.iter().find(|i| !i.era).unwrap();
    assert_eq!(first, Focus::Event(first_item.event));
    assert!(fv.start <= first_item.start && fv.end >= first_item.end);
    // Down reaches the article lane, Up the era lane, from the events lane.
    let v = default_viewport(c, 1200.0);
    let l = layout(c, &it, &v, &o);
    let e0 = l.stops(Lane::Events)[3].focus;
    let (down, _) = navigate(c, &it, &l, &v, b, Some(e0), Nav::Down).unwrap();
    assert!(matches!(down, Focus::Article(_)));
    let (up, _) = navigate(c, &it, &l, &v, b, Some(e0), Nav::Up).unwrap();
    assert_eq!(corpus::timeline::lane_of(c, up), Lane::Eras);
    assert_eq!(navigate(c, &it, &l, &v, b, Some(up), Nav::Up), None);
    assert_eq!(navigate(c, &it, &l, &v, b, Some(down), Nav::Down), None);
    // Articles: Right from the first reaches the second, in publication order.
    let arts = l.stops(Lane::Articles);
    let (a2, _) = navigate(c, &it, &l, &v, b, Some(arts[0].focus), Nav::Next).unwrap();
    assert_eq!(a2, arts[1].focus);
}

#[test]
fn the_list_groups_by_year_and_month_in_time_order() {
    use corpus::timeline::groups;
    let c = corpus();
    let all: Vec<u32> = (0..c.events.len() as u32).collect();
    let arts: Vec<u32> = (0..c.articles.len() as u32).collect();
    let g = groups(c, &all, &arts);
    assert_eq!(
        g.iter().map(|g| g.events.len()).sum::<usize>(),
        c.events.len()
    );
    assert_eq!(
        g.iter().map(|g| g.articles.len()).sum::<usize>(),
        c.articles.len()
    );
    // In time order: by year and month, a period after the month it starts in, periods
    // by their end, then their start; no heading twice.
    let key = |g: &corpus::timeline::Group| {
        (
            g.year,
            g.month.unwrap_or(0),
            g.period.map_or(0, |p| p.1.to_days()),
            g.period.map_or(0, |p| p.0.to_days()),
        )
    };
    assert!(g.windows(2).all(|w| key(&w[0]) < key(&w[1])));
    // A period longer than a month has a heading of its own, "1980 – 1984".
    let periods: Vec<&corpus::timeline::Group> = g.iter().filter(|g| g.period.is_some()).collect();
    assert!(!periods.is_empty(), "the corpus has periods");
    for p in &periods {
        assert!(p.heading.contains(" – "), "{}", p.heading);
        for &e in &p.events {
            let d = &c.events[e as usize].date;
            assert_eq!(Some((d.start, d.end)), p.period);
        }
    }
    let dec22 = g
        .iter()
        .find(|g| g.year == 2022 && g.month == Some(12))
        .unwrap();
    assert!(dec22
        .articles
        .contains(&c.article_ix("2022-12-protests-mount").unwrap()));
    for grp in &g {
        for &e in &grp.events {
            let d = &c.events[e as usize].date;
            assert_eq!(d.start.year, grp.year);
            match (grp.month, grp.period) {
                (Some(m), _) => assert_eq!(d.start.month, m),
                (None, None) => assert_eq!(d.precision, Precision::Year),
                (None, Some(_)) => assert_eq!((d.start.month, d.start.day), (1, 1)),
            }
        }
        let days: Vec<i64> = grp
            .events
            .iter()
            .map(|&e| c.events[e as usize].date.start.to_days())
            .collect();
        assert!(days.windows(2).all(|w| w[0] <= w[1]));
    }
    // Only the events asked for.
    let some = groups(c, &all[..3], &[]);
    assert_eq!(some.iter().map(|g| g.events.len()).sum::<usize>(), 3);
}

#[test]
fn marks_describe_themselves_and_say_how_uncertain_dates_were_found() {
    use corpus::timeline::{describe, Focus};
    let c = corpus();
    let era = describe(
        c,
        Focus::Event(c.event_ix("era-state-of-emergency").unwrap()),
    )
    .unwrap();
    assert!(era
        .label(false)
        .starts_with("Era: National state of emergency, 14 Dec 2022 – 23 Jan 2023; inferred: "));
    assert!(era.label(true).ends_with("; does not match the filters"));
    let stated = c
        .events
        .iter()
        .position(|e| e.method == corpus::DateMethod::Stated && e.category != Category::Era)
        .unwrap();
    let d = describe(c, Focus::Event(stated as u32)).unwrap();
    assert_eq!(d.how, None);
    assert_eq!(d.how_or_stated(), "date stated in the text");
    assert!(!d.label(false).contains(';'), "{}", d.label(false));
    let a = describe(
        c,
        Focus::Article(c.article_ix("2023-07-protests-resume").unwrap()),
    )
    .unwrap();
    assert_eq!(
        a.label(false).split(';').next().unwrap(),
        "Article: Protests resume against US-backed Boluarte regime in Peru, published 21 Jul 2023 – 27 Jul 2023"
    );
    assert!(a.how.as_deref().unwrap().starts_with("inferred: "));
    let dated = describe(
        c,
        Focus::Article(c.article_ix("2024-12-police-state-buildup").unwrap()),
    )
    .unwrap();
    assert_eq!(dated.how_or_stated(), "date stated (dateline)");
    assert_eq!(describe(c, Focus::Event(99_999)), None);
    // Clusters say how many, of what, and from when to when.
    let arts = [
        Focus::Article(c.article_ix("2022-12-protests-mount").unwrap()),
        Focus::Article(c.article_ix("2024-12-police-state-buildup").unwrap()),
    ];
    let label = corpus::timeline::cluster_label(c, &arts);
    assert_eq!(
        label,
        "2 articles, 16 Dec 2022 to 23 Dec 2024: press Enter to open"
    );
    let evs = [Focus::Event(stated as u32), Focus::Event(stated as u32 + 1)];
    assert!(corpus::timeline::cluster_label(c, &evs).starts_with("2 events, "));
    let era = [Focus::Event(c.event_ix("era-state-of-emergency").unwrap())];
    assert!(
        corpus::timeline::cluster_label(c, &era).starts_with("1 era, 14 Dec 2022 – 23 Jan 2023: ")
    );
}

#[test]
fn the_overview_counts_events_per_bucket() {
    use corpus::timeline::density;
    let c = corpus();
    let it = items(c, None);
    let b = bounds(c);
    let d = density(&it, b, 600.0, 3.0);
    assert_eq!(d.len(), 201);
    assert_eq!(
        d.iter().map(|&n| n as usize).sum::<usize>(),
        it.iter().filter(|i| !i.era).count(),
        "every non-era event is counted once"
    );
    // Most events are in the last few years: the last tenth of the strip holds most.
    let tail: u32 = d[180..].iter().sum();
    assert!(tail as usize * 2 > it.len() / 2, "{tail}");
    assert!(density(&[], b, 0.0, 0.0).iter().all(|&n| n == 0));
}

#[test]
fn a_dense_article_lane_clusters_and_the_keyboard_still_reaches_every_article() {
    use corpus::timeline::{navigate, Focus, Lane, Nav};
    let s = corpus_index::synth::generate(corpus(), 1250, 9);
    let it = items(&s, None);
    let b = bounds(&s);
    let o = Options::default();
    let v = Viewport {
        start: b.0,
        end: b.1,
        width: 1280.0,
    };
    let l = layout(&s, &it, &v, &o);
    // Every article in view is drawn once: alone or in one cluster.
    let mut seen: Vec<u32> = l.articles.iter().map(|a| a.article).collect();
    for cl in &l.article_clusters {
        assert!(cl.members.len() >= 2);
        assert!(cl.start < cl.end);
        seen.extend(&cl.members);
    }
    seen.sort_unstable();
    let n = seen.len();
    seen.dedup();
    assert_eq!(seen.len(), n, "no article drawn twice");
    assert_eq!(n, s.articles.len(), "the whole range shows every article");
    // Grouped marks stay apart, so the lane holds no more marks than fit.
    let mut xs: Vec<f64> = l
        .articles
        .iter()
        .filter(|a| matches!(a.shape, corpus::timeline::Shape::Point { .. }))
        .map(|a| a.shape.centre())
        .chain(l.article_clusters.iter().map(|c| c.x))
        .collect();
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    assert!(xs.windows(2).all(|w| w[1] - w[0] >= o.cluster_px - 1e-9));
    assert!(
        l.articles.len() + l.article_clusters.len() <= (1280.0 / o.cluster_px) as usize + 2,
        "{} article marks",
        l.articles.len() + l.article_clusters.len()
    );
    // Links reach clustered articles (drawn to the cluster's centre).
    let cl = &l.article_clusters[0];
    assert!(l
        .links
        .iter()
        .any(|k| cl.members.contains(&k.article) && k.article_x == cl.x));
    // Right along the article lane, from the first, visits every mark (a cluster is
    // one stop, opened with Enter) in publication order and ends on the one holding
    // the last article.
    let stops = l.stops(Lane::Articles);
    assert!(stops.iter().any(|st| st.cluster.is_some()));
    let mut f = stops[0].focus;
    let mut days = vec![];
    while let Some((nf, nv)) = navigate(&s, &it, &l, &v, b, Some(f), Nav::Next) {
        assert_eq!(nv, v, "everything is in view");
        let Focus::Article(a) = nf else {
            panic!("Right stays on the article lane")
        };
        days.push(s.articles[a as usize].published.span().0.to_days());
        f = nf;
    }
    assert_eq!(days.len(), stops.len() - 1);
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    let last = Focus::Article(s.articles.len() as u32 - 1);
    assert!(l.stop_holds(&l.stop_of(&s, f).unwrap(), last));
}
