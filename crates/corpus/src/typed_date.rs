//! Dates typed in the search box: "9 January 2023", "Jan 2023", "2023-01-09", "January 9",
//! "December 2024", "2023".
//!
//! A reader who types a date wants what happened then, not the articles that happen to
//! print those words (the articles write "January 9", "Jan. 9" or "last Monday"). So
//! [`find`] reads the first date in the text and returns the days it covers, its
//! precision and the rest of the text; the engine turns it into a date filter on events
//! ([`crate::Engine::typed_date`], [`crate::Results::typed_date`]).
//!
//! What is read as a date (case-insensitive, outside quotes; a quoted `"2023"` stays text):
//!
//! | typed | precision |
//! |---|---|
//! | `9 January 2023`, `9th of Jan. 2023`, `January 9, 2023`, `Jan 9th 2023` | day |
//! | `2023-01-09`, `2023/01/09` | day |
//! | `19/1/2023`, `1/19/2023`: day and month in either order only when one of them is over 12, or both are equal; `9/1/2023` is ambiguous (9 January or September 1) and is not a date | day |
//! | `January 2023`, `Jan 2023`, `2023-01` | month |
//! | `January 9`, `9 Jan`: the year is not typed and is *inferred* by the caller (the engine takes the most recent year with an event on that day, see [`crate::Engine::typed_date`]) | day |
//! | `2023`: a bare year from 1800 to 2199 | year |
//!
//! Not dates: a month name alone (`march` and `may` are words), numbers with a unit or a
//! currency (`80%`, `$2023`, `2000 soles`, `1,200 troops`), a number that is not a
//! possible day next to a month (`January 56`), and impossible days (`30 February 2023`).
//! One word before the date, `on` or `in`, goes with it ("protests on 9 January 2023"
//! leaves "protests").

use crate::date::{days_in_month, Date, Precision, MONTHS};

/// A date found in typed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedDate {
    /// First day it covers.
    pub from: Date,
    /// Last day it covers.
    pub to: Date,
    /// `Day`, `Month` or `Year`.
    pub precision: Precision,
    /// The year was not typed but inferred (see [`find`]'s `infer_year`).
    pub year_inferred: bool,
    /// Byte range of the date in the text (with a leading `on` or `in`).
    pub span: (usize, usize),
    /// The text without the date, single-spaced.
    pub rest: String,
}

impl TypedDate {
    /// The date as a reader writes it: `9 January 2023`, `January 2023`, `2023`.
    pub fn label(&self) -> String {
        let month = MONTHS[usize::from(self.from.month.clamp(1, 12) - 1)];
        match self.precision {
            Precision::Day => format!("{} {month} {}", self.from.day, self.from.year),
            Precision::Month => format!("{month} {}", self.from.year),
            _ => self.from.year.to_string(),
        }
    }
}

/// A word of the input: its text (ASCII lowercase, trailing `.,;:` trimmed), byte range.
struct Word {
    text: String,
    start: usize,
    end: usize,
}

/// Month number of a full name or a three-letter abbreviation (`sept` too).
fn month_of(w: &str) -> Option<u8> {
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(w) || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w)))
        .map(|i| i as u8 + 1)
}

/// A day of the month: `9`, `09`, `9th`, `1st`, `2nd`, `23rd`.
fn day_of(w: &str) -> Option<u8> {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let d: u8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A four-digit year. Bare years (`alone`) only from 1800 to 2199.
fn year_of(w: &str, alone: bool) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    let ok = if alone {
        (1800..=2199).contains(&y)
    } else {
        (1..=9999).contains(&y)
    };
    ok.then_some(y)
}

/// Words after a number that make it a figure, not a date.
const UNIT_WORDS: [&str; 12] = [
    "percent", "per", "dollars", "soles", "sol", "euros", "thousand", "million", "billion",
    "trillion", "people", "%",
];

/// `Y-M-D`, `Y-M`, `Y/M/D` or day and month with slashes around a year.
fn numeric(w: &str) -> Option<(Date, Date, Precision)> {
    let sep = if w.contains('-') { '-' } else { '/' };
    let parts: Vec<&str> = w.split(sep).collect();
    if parts.len() < 2
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [y, m] if y.len() == 4 && m.len() <= 2 => {
            let (y, m) = (n(y)? as i32, n(m)? as u8);
            let from = Date::new(y, m, 1)?;
            Some((
                from,
                Date::new(y, m, days_in_month(y, m))?,
                Precision::Month,
            ))
        }
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            let d = Date::new(n(y)? as i32, n(m)? as u8, n(d)? as u8)?;
            Some((d, d, Precision::Day))
        }
        [a, b, y] if sep == '/' && y.len() == 4 && a.len() <= 2 && b.len() <= 2 => {
            let (a, b, y) = (n(a)? as u8, n(b)? as u8, n(y)? as i32);
            // Day first or month first: only when the order cannot matter or is forced.
            let (day, month) = if a == b || (a > 12 && b <= 12) {
                (a, b)
            } else if b > 12 && a <= 12 {
                (b, a)
            } else {
                return None;
            };
            let d = Date::new(y, month, day)?;
            Some((d, d, Precision::Day))
        }
        _ => None,
    }
}

/// The first date typed in `input` outside quotes, if any.
///
/// `infer_year(month, day)` gives the year of a date typed without one (`January 9`:
/// `(1, Some(9))`); `None` from it means the date cannot be placed and is not read.
pub fn find(input: &str, infer_year: impl Fn(u8, Option<u8>) -> Option<i32>) -> Option<TypedDate> {
    let mut words: Vec<Word> = Vec::new();
    for (s, e, quoted) in crate::search::quoted_parts(input) {
        if quoted {
            // A quoted part separates what is before it from what is after.
            words.push(Word {
                text: String::new(),
                start: s,
                end: e,
            });
            continue;
        }
        let part = &input[s..e];
        let mut start = None;
        for (i, c) in part
            .char_indices()
            .chain(std::iter::once((part.len(), ' ')))
        {
            if c.is_whitespace() {
                if let Some(st) = start.take() {
                    let raw = &part[st..i];
                    words.push(Word {
                        text: raw
                            .trim_end_matches(['.', ',', ';', ':'])
                            .to_ascii_lowercase(),
                        start: s + st,
                        end: s + i,
                    });
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
    }
    let text = |i: usize| words.get(i).map_or("", |w| w.text.as_str());
    // A number followed by a unit is a figure (`2000 soles`), not a date.
    let unit_after = |i: usize| UNIT_WORDS.contains(&text(i));
    for i in 0..words.len() {
        let w = text(i);
        let mut found: Option<(Date, Date, Precision, bool, usize)> = None; // last word index
        if let Some((from, to, p)) = numeric(w) {
            found = Some((from, to, p, false, i));
        } else if let Some(day) = day_of(w).filter(|_| !unit_after(i + 1)) {
            // 9 [of] January [2023]
            let mut j = i + 1;
            if text(j) == "of" {
                j += 1;
            }
            if let Some(month) = month_of(text(j)) {
                // An impossible day is not read as its month: `30 February 2023` is no date.
                found = Some(with_year(
                    day,
                    month,
                    year_of(text(j + 1), false),
                    j,
                    &infer_year,
                )?);
            }
        } else if let Some(month) = month_of(w) {
            let j = i + 1;
            if let Some(day) = day_of(text(j)).filter(|_| !unit_after(j + 1)) {
                // January 9[,] [2023]
                found = Some(with_year(
                    day,
                    month,
                    year_of(text(j + 1), false),
                    j,
                    &infer_year,
                )?);
            } else {
                // January [of] 2023
                let k = if text(j) == "of" { j + 1 } else { j };
                if let Some(y) = year_of(text(k), false).filter(|_| !unit_after(k + 1)) {
                    let from = Date::new(y, month, 1)?;
                    let to = Date::new(y, month, days_in_month(y, month))?;
                    found = Some((from, to, Precision::Month, false, k));
                }
            }
        } else if let Some(y) = year_of(w, true) {
            if !unit_after(i + 1) {
                found = Some((
                    Date::new(y, 1, 1)?,
                    Date::new(y, 12, 31)?,
                    Precision::Year,
                    false,
                    i,
                ));
            }
        }
        let Some((from, to, precision, year_inferred, last)) = found else {
            continue;
        };
        let first = if i > 0 && matches!(text(i - 1), "on" | "in") {
            i - 1
        } else {
            i
        };
        let span = (words[first].start, words[last].end);
        let rest = format!("{} {}", &input[..span.0], &input[span.1..]);
        return Some(TypedDate {
            from,
            to,
            precision,
            year_inferred,
            span,
            rest: rest.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
    None
}

/// A day and month with a typed year (at word `j + 1`) or an inferred one.
fn with_year(
    day: u8,
    month: u8,
    year: Option<i32>,
    j: usize,
    infer_year: &impl Fn(u8, Option<u8>) -> Option<i32>,
) -> Option<(Date, Date, Precision, bool, usize)> {
    let (y, inferred, last) = match year {
        Some(y) => (y, false, j + 1),
        None => (infer_year(month, Some(day))?, true, j),
    };
    let d = Date::new(y, month, day)?;
    Some((d, d, Precision::Day, inferred, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<(String, String, Precision, bool, String)> {
        find(s, |_, _| Some(2023)).map(|t| {
            (
                t.from.to_string(),
                t.to.to_string(),
                t.precision,
                t.year_inferred,
                t.rest,
            )
        })
    }

    #[test]
    fn every_typed_form() {
        let day = |s: &str| read(s).map(|r| (r.0, r.2, r.3));
        for s in [
            "9 January 2023",
            "9 jan 2023",
            "9th of January, 2023",
            "January 9, 2023",
            "Jan. 9th 2023",
            "2023-01-09",
            "2023/01/09",
        ] {
            assert_eq!(
                day(s),
                Some(("2023-01-09".into(), Precision::Day, false)),
                "{s}"
            );
        }
        assert_eq!(
            day("19/1/2023"),
            Some(("2023-01-19".into(), Precision::Day, false))
        );
        assert_eq!(
            day("1/19/2023"),
            Some(("2023-01-19".into(), Precision::Day, false))
        );
        assert_eq!(
            day("5/5/2023"),
            Some(("2023-05-05".into(), Precision::Day, false))
        );
        assert_eq!(day("9/1/2023"), None, "9 January or September 1");
        for s in ["January 9", "9 January", "jan 9th"] {
            assert_eq!(
                day(s),
                Some(("2023-01-09".into(), Precision::Day, true)),
                "{s}"
            );
        }
        for (s, from, to) in [
            ("Jan 2023", "2023-01-01", "2023-01-31"),
            ("December 2024", "2024-12-01", "2024-12-31"),
            ("2024-02", "2024-02-01", "2024-02-29"),
            ("sept. of 2023", "2023-09-01", "2023-09-30"),
        ] {
            let r = read(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(
                (r.0.as_str(), r.1.as_str(), r.2),
                (from, to, Precision::Month)
            );
        }
        let y = read("2023").unwrap();
        assert_eq!(
            (y.0.as_str(), y.1.as_str(), y.2),
            ("2023-01-01", "2023-12-31", Precision::Year)
        );
    }

    #[test]
    fn the_rest_of_the_text_is_kept() {
        let r = read("protests on 9 January 2023 Juliaca").unwrap();
        assert_eq!(r.4, "protests Juliaca");
        let t = find("Kenna  January 2023", |_, _| None).unwrap();
        assert_eq!(t.rest, "Kenna");
        assert_eq!(&"Kenna  January 2023"[t.span.0..t.span.1], "January 2023");
        assert_eq!(t.label(), "January 2023");
        assert_eq!(read("2023 protests").unwrap().4, "protests");
    }

    #[test]
    fn numbers_that_are_not_dates() {
        for s in [
            "56 killed",
            "80%",
            "80 %",
            "3 percent",
            "$3.422 billion",
            "$2023",
            "2000 soles",
            "1,200 troops",
            "at least 21",
            "62 or more",
            "January 56",
            "30 February 2023",
            "march",
            "may",
            "Jan",
            "COVID-19",
            "2021-2022",
            "4x4",
            "\"2023\"",
            "12345",
            "1500",
        ] {
            assert_eq!(read(s), None, "{s}");
        }
        // Without a way to infer the year, a day and month are not read.
        assert_eq!(find("January 9", |_, _| None), None);
    }
}
