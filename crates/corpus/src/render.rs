//! How a paragraph is drawn: its text cut into runs that each carry what covers them
//! (an entity mention, a figure, a search hit, emphasis). The component only turns runs
//! into elements, so all the overlap rules are here and tested natively.

use crate::date::{Date, DateSpec, Precision, MONTH_ABBR};
use crate::model::{ArticleIx, Corpus, DateMethod, EntityIx, EntityKind, Publication};
use crate::query::Engine;

/// A run of text with uniform marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// Byte offset of the start in the paragraph.
    pub start: u32,
    /// Byte offset one past the end.
    pub end: u32,
    /// The entity mentioned here, with its kind, and whether this run starts the mention.
    pub entity: Option<(EntityIx, EntityKind, bool)>,
    /// The figure (index into `Corpus::figures`) covering this run.
    pub figure: Option<u32>,
    /// Part of a search hit.
    pub hit: bool,
    /// Emphasis: `Some(true)` strong, `Some(false)` emphasis.
    pub emphasis: Option<bool>,
}

/// Cut paragraph `p` of article `a` into runs. `hits` are byte ranges to highlight.
pub fn runs(engine: &Engine, a: ArticleIx, p: u32, hits: &[(u32, u32)]) -> Vec<Run> {
    let c: &Corpus = engine.corpus();
    let text = c.paragraph_text(a, p);
    let emphases = c.paragraph_emphasis(a, p);
    let len = text.len() as u32;
    let mut mentions: Vec<(u32, u32, EntityIx, EntityKind)> = Vec::new();
    for &e in engine.entities_in_paragraph(a, p) {
        let ent = &c.entities[e as usize];
        for m in ent
            .mentions
            .iter()
            .filter(|m| m.article == a && m.paragraph == p)
        {
            mentions.push((m.start, m.end, e, ent.kind));
        }
    }
    crate::util::sort(&mut mentions);
    let figures: Vec<(u32, u32, u32)> = engine
        .figures_in_article(a)
        .iter()
        .filter_map(|&i| c.figures.get(i as usize).map(|f| (i, f)))
        .filter(|(_, f)| f.paragraph == p)
        .map(|(i, f)| (f.start, f.end, i))
        .collect();
    let mut cuts: Vec<u32> = vec![0, len];
    for &(s, e, _, _) in &mentions {
        cuts.extend([s, e]);
    }
    for &(s, e, _) in &figures {
        cuts.extend([s, e]);
    }
    for &(s, e) in hits {
        cuts.extend([s.min(len), e.min(len)]);
    }
    for em in emphases {
        cuts.extend([em.start, em.end]);
    }
    crate::util::sort(&mut cuts);
    cuts.dedup();
    let mut out: Vec<Run> = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s >= e || !text.is_char_boundary(s as usize) || !text.is_char_boundary(e as usize) {
            continue;
        }
        let entity = mentions
            .iter()
            .find(|m| m.0 <= s && e <= m.1)
            .map(|m| (m.2, m.3, m.0 == s));
        let figure = figures.iter().find(|f| f.0 <= s && e <= f.1).map(|f| f.2);
        let hit = hits.iter().any(|h| h.0 <= s && e <= h.1);
        let emphasis = emphases
            .iter()
            .find(|x| x.start <= s && e <= x.end)
            .map(|x| x.strong);
        match out.last_mut() {
            Some(last)
                if last.end == s
                    && last.entity.map(|x| x.0) == entity.map(|x| x.0)
                    && entity.is_none_or(|x| !x.2)
                    && last.figure == figure
                    && last.hit == hit
                    && last.emphasis == emphasis =>
            {
                last.end = e;
            }
            _ => out.push(Run {
                start: s,
                end: e,
                entity,
                figure,
                hit,
                emphasis,
            }),
        }
    }
    out
}

/// A number with thousands separators and at most three decimals, without float
/// formatting (which would add kilobytes to the app): `12,970,000,000`, `3.5`.
pub fn number(v: f64) -> String {
    let neg = v < 0.0;
    let milli = (v.abs() * 1000.0).round() as u64;
    let (int, frac) = (milli / 1000, milli % 1000);
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&grouped(int));
    if frac > 0 {
        let f = format!("{frac:03}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// A figure's number with its unit or noun: `3%`, `21 demonstrators`, `60,000,000 USD`.
fn figure_number(f: &crate::model::Figure) -> String {
    let unit = match f.unit.as_str() {
        "percent" => "%".to_string(),
        "count" if f.noun.is_empty() => String::new(),
        "count" => format!(" {}", f.noun),
        u => format!(" {u}"),
    };
    format!("{}{}", number(f.value), unit)
}

/// A figure as it reads, its qualifier where the text puts it: `at least 21
/// demonstrators`, `62 or more`, `roughly 12,970,000,000 PEN`.
pub fn figure_value(f: &crate::model::Figure) -> String {
    let n = figure_number(f);
    match f.qualifier.as_str() {
        "" => n,
        q if q.starts_with("or ") => format!("{n} {q}"),
        q => format!("{q} {n}"),
    }
}

/// What a figure says, in words: `USD 3,422,000,000 (at least)`.
pub fn figure_label(f: &crate::model::Figure) -> String {
    let value = figure_number(f);
    if f.qualifier.is_empty() {
        format!("Figure: {value}")
    } else {
        format!("Figure: {value} ({})", f.qualifier)
    }
}

/// When an article was published, at the precision of its date: `23 Dec 2024` (a day,
/// stated or inferred), or `between 21 Jul 2023 and 27 Jul 2023` (only bounded).
pub fn published_label(p: &crate::model::Published) -> String {
    match p.precision {
        Precision::Day => short_date(p.date),
        _ => {
            let (e, l) = p.span();
            format!("between {} and {}", short_date(e), short_date(l))
        }
    }
}

/// The first and last days the articles may have been published, if there are any.
fn published_range(c: &Corpus) -> Option<(Date, Date)> {
    let first = c.articles.iter().map(|a| a.published.span().0).min()?;
    let last = c.articles.iter().map(|a| a.published.span().1).max()?;
    Some((first, last))
}

/// What the corpus holds, for the page header: `Five articles on Peru’s political
/// crisis, December 2022 – January 2026`, from the articles themselves (their number in
/// words up to ten, and the months of the first and last).
pub fn corpus_tagline(c: &Corpus) -> String {
    const WORDS: [&str; 11] = [
        "No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten",
    ];
    let n = c.articles.len();
    let what = match WORDS.get(n) {
        Some(w) if n == 1 => format!("{w} article"),
        Some(w) => format!("{w} articles"),
        None => count(n, "article"),
    };
    let month = |d: Date| {
        format!(
            "{} {}",
            crate::date::MONTHS[usize::from(d.month.clamp(1, 12) - 1)],
            d.year
        )
    };
    match published_range(c) {
        Some((a, b)) if (a.year, a.month) == (b.year, b.month) => {
            format!("{what} on Peru’s political crisis, {}", month(a))
        }
        Some((a, b)) => format!(
            "{what} on Peru’s political crisis, {} – {}",
            month(a),
            month(b)
        ),
        None => format!("{what} on Peru’s political crisis"),
    }
}

/// The publications the articles come from, for the footer's credit: each once, the one
/// with most articles first (then by name). Articles with no `publication:` add nothing.
pub fn publications(c: &Corpus) -> Vec<(&Publication, usize)> {
    let mut out: Vec<(&Publication, usize)> = Vec::new();
    for p in c.articles.iter().filter_map(|a| a.publication.as_ref()) {
        match out.iter_mut().find(|(q, _)| q.name == p.name) {
            Some((q, n)) => {
                *n += 1;
                if q.url.is_none() {
                    *q = p;
                }
            }
            None => out.push((p, 1)),
        }
    }
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    out
}

/// The name of the timeline's opening view: the years of the first and last article,
/// `2022–2026` (one year alone when they share it).
pub fn opening_years(c: &Corpus) -> String {
    match published_range(c) {
        Some((a, b)) if a.year == b.year => a.year.to_string(),
        Some((a, b)) => format!("{}–{}", a.year, b.year),
        None => "Opening view".into(),
    }
}

/// A count with its noun, singular or plural: `1 article`, `3 articles`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", grouped(n as u64))
    }
}

/// A whole number with its thousands grouped: `10,000`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn duration(days: i64) -> (i64, &'static str) {
    if days < 60 {
        (days, "day")
    } else if days < 730 {
        ((days + 15) / 30, "month")
    } else {
        ((days + 182) / 365, "year")
    }
}

/// How long after an event an article published in `published` (inclusive days)
/// reported it, never more precise than the two dates allow: `same day`,
/// `9 days later`, `1–7 days later`, `about 3 months later`, `during the period`,
/// `3 months before` (an announced event).
pub fn lag(event: &DateSpec, published: (Date, Date)) -> String {
    let (p0, p1) = (published.0.to_days(), published.1.to_days());
    let (e0, e1) = (event.start.to_days(), event.end.to_days());
    if event.precision == Precision::Span && p0 >= e0 && p1 <= e1 {
        return "during the period".into();
    }
    // The fewest and most days between them.
    let (lo, hi) = (p0 - e1, p1 - e0);
    if lo <= 0 && hi >= 0 {
        return if lo == 0 && hi == 0 {
            "same day".into()
        } else {
            "around the same time".into()
        };
    }
    let (before, lo, hi) = if hi < 0 {
        (true, -hi, -lo)
    } else {
        (false, lo, hi)
    };
    let (a, unit) = duration(lo);
    let (b, unit_b) = duration(hi);
    let when = if before { "before" } else { "later" };
    let about = if unit == "day" { "" } else { "about " };
    if a == b && unit == unit_b {
        format!("{about}{} {when}", count(a as usize, unit))
    } else if unit == unit_b {
        format!("{about}{a}–{b} {unit}s {when}")
    } else {
        format!(
            "{about}{} to {} {when}",
            count(a as usize, unit),
            count(b as usize, unit_b)
        )
    }
}

/// How a date not stated in the text was dated, for a tooltip or an accessible name:
/// `resolved: <basis>`, `inferred: <basis>`; `None` for a stated date.
pub fn how_dated(method: DateMethod, basis: Option<&str>) -> Option<String> {
    let b = basis.unwrap_or("");
    match method {
        DateMethod::Stated => None,
        DateMethod::Resolved => Some(format!("resolved: {b}")),
        DateMethod::Inferred => Some(format!("inferred: {b}")),
    }
}

/// `9 Jan 2023`.
pub fn short_date(d: Date) -> String {
    format!(
        "{} {} {}",
        d.day,
        MONTH_ABBR[usize::from(d.month.clamp(1, 12) - 1)],
        d.year
    )
}

/// A date at its precision, never more precise than known: `9 Jan 2023`,
/// `February 2023`, `1977`, `Jul 2021 – Dec 2022`.
pub fn date_label(d: &DateSpec) -> String {
    let month = |d: Date| {
        format!(
            "{} {}",
            MONTH_ABBR[usize::from(d.month.clamp(1, 12) - 1)],
            d.year
        )
    };
    match d.precision {
        Precision::Day => short_date(d.start),
        Precision::Month => format!(
            "{} {}",
            crate::date::MONTHS[usize::from(d.start.month.clamp(1, 12) - 1)],
            d.start.year
        ),
        Precision::Year => d.start.year.to_string(),
        Precision::Span => {
            let whole_months = d.start.day == 1
                && d.end.day == crate::date::days_in_month(d.end.year, d.end.month);
            let whole_years = whole_months && d.start.month == 1 && d.end.month == 12;
            if whole_years {
                format!("{} – {}", d.start.year, d.end.year)
            } else if whole_months {
                format!("{} – {}", month(d.start), month(d.end))
            } else {
                format!("{} – {}", short_date(d.start), short_date(d.end))
            }
        }
    }
}

/// The saved timeline picture's source line: `Source: Peru Crisis Explorer — five
/// articles on Peru’s political crisis, December 2022 – January 2026, from World
/// Socialist Web Site.` (the publications as the footer credits them; none, none said).
pub fn picture_source(c: &Corpus) -> String {
    // "Five articles on …" reads on inside the sentence.
    let mut tagline = corpus_tagline(c);
    if let Some(first) = tagline.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    let mut out = format!("Source: Peru Crisis Explorer — {tagline}");
    let names: Vec<&str> = publications(c)
        .into_iter()
        .map(|(p, _)| p.name.as_str())
        .collect();
    if !names.is_empty() {
        out.push_str(&format!(", from {}", names.join(", ")));
    }
    out.push('.');
    out
}

/// What a view selects, in words, for the saved timeline picture: `Search “Kenna” ·
/// Person: Lisa Kenna · Events dated 1 Jan 2023 – 31 Mar 2023`; `Everything in the
/// explorer` when nothing is filtered. Names come from the corpus, in the order chosen.
pub fn selection_summary(c: &Corpus, s: &crate::state::AppState) -> String {
    let mut parts = Vec::new();
    let text = s.text.trim();
    if !text.is_empty() {
        parts.push(format!("Search “{text}”"));
    }
    for e in s
        .entities
        .iter()
        .filter_map(|&e| c.entities.get(e as usize))
    {
        // Spelled out, not upper-cased at run time (Unicode's case tables cost the wasm 10 KB).
        let kind = match e.kind {
            EntityKind::Person => "Person",
            EntityKind::Organization => "Organization",
            EntityKind::Place => "Place",
            EntityKind::Event => "Named event",
        };
        parts.push(format!("{kind}: {}", e.name));
    }
    if !s.kinds.is_empty() {
        let kinds: Vec<&str> = s.kinds.iter().map(|k| k.as_str()).collect();
        parts.push(format!("Names of kind {}", kinds.join(", ")));
    }
    if let Some((a, b)) = s.range {
        let what = match s.range_field {
            crate::query::DateField::Event => "Events dated",
            crate::query::DateField::Published => "Articles published",
        };
        // Year 1 and year 9999 stand for an open end (state::parse_query).
        parts.push(match (a.year <= 1, b.year >= 9999) {
            (true, true) => format!("{what} at any time"),
            (true, false) => format!("{what} until {}", short_date(b)),
            (false, true) => format!("{what} from {}", short_date(a)),
            (false, false) => format!("{what} {} – {}", short_date(a), short_date(b)),
        });
    }
    if parts.is_empty() {
        "Everything in the explorer".into()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_written_and_publication_dates_at_their_precision() {
        let fig = |value: f64, unit: &str, noun: &str, qualifier: &str| crate::model::Figure {
            id: String::new(),
            article: 0,
            paragraph: 0,
            start: 0,
            end: 0,
            value,
            unit: unit.into(),
            noun: noun.into(),
            qualifier: qualifier.into(),
        };
        assert_eq!(
            figure_value(&fig(21.0, "count", "demonstrators", "at least")),
            "at least 21 demonstrators"
        );
        assert_eq!(
            figure_value(&fig(62.0, "count", "", "or more")),
            "62 or more"
        );
        assert_eq!(figure_value(&fig(3.0, "percent", "", "")), "3%");
        assert_eq!(
            figure_value(&fig(6e7, "USD", "", "some")),
            "some 60,000,000 USD"
        );
        assert_eq!(
            figure_label(&fig(62.0, "count", "", "or more")),
            "Figure: 62 (or more)"
        );
        let d = |s: &str| Date::parse_iso(s).unwrap();
        let mut p = crate::model::Published {
            date: d("2023-01-23"),
            precision: Precision::Day,
            status: crate::model::Provenance::Inferred,
            reason: None,
            earliest: Some(d("2023-01-16")),
            latest: Some(d("2023-01-30")),
        };
        assert_eq!(
            published_label(&p),
            "23 Jan 2023",
            "an inferred day is shown as the day"
        );
        p.precision = Precision::Span;
        assert_eq!(published_label(&p), "between 16 Jan 2023 and 30 Jan 2023");
    }

    #[test]
    fn how_dated_names_the_method_and_its_basis() {
        assert_eq!(how_dated(DateMethod::Stated, Some("x")), None);
        assert_eq!(
            how_dated(DateMethod::Inferred, Some("from the text")).as_deref(),
            Some("inferred: from the text")
        );
        assert_eq!(
            how_dated(DateMethod::Resolved, None).as_deref(),
            Some("resolved: ")
        );
    }

    #[test]
    fn reporting_lag_is_no_more_precise_than_the_dates() {
        let d = |s: &str| Date::parse_iso(s).unwrap();
        let day = |s: &str| DateSpec::day(d(s));
        let on = |s: &str| (d(s), d(s));
        assert_eq!(lag(&day("2022-12-07"), on("2022-12-07")), "same day");
        assert_eq!(lag(&day("2022-12-07"), on("2022-12-16")), "9 days later");
        assert_eq!(lag(&day("2022-12-15"), on("2022-12-16")), "1 day later");
        assert_eq!(
            lag(&day("2023-07-19"), (d("2023-07-21"), d("2023-07-27"))),
            "2–8 days later"
        );
        assert_eq!(
            lag(&DateSpec::parse("2023-02").unwrap(), on("2023-07-21")),
            "about 5–6 months later"
        );
        assert_eq!(
            lag(&day("1980-05-17"), on("2023-01-23")),
            "about 43 years later"
        );
        assert_eq!(
            lag(&day("2026-04-12"), on("2026-01-07")),
            "about 3 months before"
        );
        assert_eq!(
            lag(
                &DateSpec::parse("2022-12-07..2025-10").unwrap(),
                on("2023-07-21")
            ),
            "during the period"
        );
        assert_eq!(
            lag(&DateSpec::parse("2023-01").unwrap(), on("2023-01-23")),
            "around the same time"
        );
        assert_eq!(lag(&day("2022-10-20"), on("2022-12-16")), "57 days later");
        assert_eq!(
            lag(&day("2022-10-10"), on("2022-12-16")),
            "about 2 months later"
        );
    }
    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(0, "article"), "0 articles");
        assert_eq!(count(1, "event"), "1 event");
        assert_eq!(count(82, "event"), "82 events");
        assert_eq!(count(10_000, "article"), "10,000 articles");
        assert_eq!(count(80_000, "event"), "80,000 events");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn numbers_without_float_formatting() {
        assert_eq!(number(12_970_000_000.0), "12,970,000,000");
        assert_eq!(number(3.5), "3.5");
        assert_eq!(number(1007.0), "1,007");
        assert_eq!(number(0.125), "0.125");
        assert_eq!(number(-2190.0), "-2,190");
        assert_eq!(number(100.0), "100");
    }

    #[test]
    fn date_labels_follow_precision() {
        let l = |s: &str| date_label(&DateSpec::parse(s).unwrap());
        assert_eq!(l("2023-01-09"), "9 Jan 2023");
        assert_eq!(l("2023-02"), "February 2023");
        assert_eq!(l("1977"), "1977");
        assert_eq!(l("1980..1984"), "1980 – 1984");
        assert_eq!(l("2021-07..2022-12"), "Jul 2021 – Dec 2022");
        assert_eq!(l("2023-07-21..2023-07-27"), "21 Jul 2023 – 27 Jul 2023");
    }
}
