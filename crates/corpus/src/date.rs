//! Calendar dates with explicit precision.
//!
//! The articles state dates at very different precisions ("December 7", "In February",
//! "in 2019", "the early 1980s", "until the end of 2026"), and the explorer must never
//! pretend to know more than the text says. A [`DateSpec`] therefore always carries the
//! whole interval a date may fall in (`start..=end`) and the precision it was written at.
//! The calendar is proleptic Gregorian; only years 1..=9999 are accepted.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    /// Year, 1..=9999.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of the month, 1..=31.
    pub day: u8,
}

/// Day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Month abbreviations, January first.
pub const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Is `year` a leap year?
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// English month name to number ("December" → 12).
pub fn month_from_name(name: &str) -> Option<u8> {
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(name))
        .map(|i| i as u8 + 1)
}

/// A month written as a word: full name or common abbreviation (`Jan`, `Jan.`, `Sept`),
/// any letter case.
pub fn month_from_word(word: &str) -> Option<u8> {
    let w = word.strip_suffix('.').unwrap_or(word);
    if w.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    month_from_name(w).or_else(|| {
        MONTH_ABBR
            .iter()
            .position(|m| m.eq_ignore_ascii_case(w))
            .map(|i| i as u8 + 1)
    })
}

/// English weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl Weekday {
    /// The weekday of an English name (`Thursday`) or abbreviation (`Thu`, `Thu.`).
    pub fn from_name(word: &str) -> Option<Weekday> {
        let w = word.strip_suffix('.').unwrap_or(word);
        let i = WEEKDAYS.iter().position(|d| {
            d.eq_ignore_ascii_case(w) || (w.len() == 3 && d[..3].eq_ignore_ascii_case(w))
        })?;
        Some(Weekday::ALL[i])
    }

    /// Every weekday, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Its English name.
    pub fn name(self) -> &'static str {
        WEEKDAYS[Weekday::ALL.iter().position(|&d| d == self).unwrap_or(0)]
    }
}

/// A date written with numbers only (`10/01/2023`, `10.01.2023`, `2023-01-10`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumericDate {
    /// Only one reading is a possible date (or both readings give the same day).
    One(Date),
    /// Both day-month-year and month-day-year are possible and differ: a person must say
    /// which one the source uses.
    Ambiguous {
        /// The day-month-year reading (`10/01/2023` → 10 January 2023).
        day_first: Date,
        /// The month-day-year reading (`10/01/2023` → 1 October 2023).
        month_first: Date,
    },
}

impl NumericDate {
    /// Parse `D/M/YYYY` or `M/D/YYYY` (separators `/`, `.` or `-`, one or two digits for
    /// day and month) and ISO `YYYY-MM-DD`. Two-digit years are refused: they add a
    /// second ambiguity.
    pub fn parse(s: &str) -> Option<NumericDate> {
        let s = s.trim();
        if let Some(d) = Date::parse_iso(s) {
            return Some(NumericDate::One(d));
        }
        let sep = s.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
        let parts: Vec<&str> = s.split(sep).collect();
        let [a, b, y] = parts.as_slice() else {
            return None;
        };
        let small = |p: &str| -> Option<u8> {
            (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let (a, b) = (small(a)?, small(b)?);
        if y.len() != 4 || !y.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        match (Date::new(year, b, a), Date::new(year, a, b)) {
            (Some(d), Some(m)) if d == m => Some(NumericDate::One(d)),
            (Some(d), Some(m)) => Some(NumericDate::Ambiguous {
                day_first: d,
                month_first: m,
            }),
            (Some(d), None) | (None, Some(d)) => Some(NumericDate::One(d)),
            (None, None) => None,
        }
    }
}

impl Date {
    /// The first representable day (1 January of year 1): an open-ended range's start.
    pub const FIRST: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };
    /// The last representable day (31 December 9999): an open-ended range's end.
    pub const LAST: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };

    /// A checked date; `None` for impossible dates such as 2023-02-30.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        Date {
            year: (y + i64::from(m <= 2)) as i32,
            month: m,
            day: d,
        }
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.to_days() + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// This date plus `n` days (may be negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Parse `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let spec = DateSpec::parse(s)?;
        (spec.precision == Precision::Day).then_some(spec.start)
    }

    /// Parse a dateline such as `23 December 2024` or `December 23, 2024`. Also read: month
    /// abbreviations (`10 Jan 2023`, `Jan. 10, 2023`), ordinal days (`January 10th, 2023`)
    /// and a leading weekday (`Tuesday, January 10, 2023`).
    pub fn parse_dateline(s: &str) -> Option<Date> {
        let cleaned: String = s.chars().map(|c| if c == ',' { ' ' } else { c }).collect();
        let mut parts: Vec<&str> = cleaned.split_whitespace().collect();
        if parts.len() == 4 && Weekday::from_name(parts[0]).is_some() {
            parts.remove(0);
        }
        if parts.len() != 3 {
            return None;
        }
        let year: i32 = parts[2].parse().ok()?;
        if !parts[2].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let day = |p: &str| -> Option<u8> {
            let digits = ["st", "nd", "rd", "th"]
                .iter()
                .find_map(|suf| p.strip_suffix(suf))
                .unwrap_or(p);
            (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()
        };
        if let (Some(d), Some(month)) = (day(parts[0]), month_from_word(parts[1])) {
            return Date::new(year, month, d);
        }
        if let (Some(month), Some(d)) = (month_from_word(parts[0]), day(parts[1])) {
            return Date::new(year, month, d);
        }
        None
    }

    /// Human form, e.g. `23 December 2024`.
    pub fn long(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Precision {
    /// A single day.
    Day,
    /// Some day in a month.
    Month,
    /// Some day in a year.
    Year,
    /// A period (or an uncertain interval) from `start` to `end`.
    Span,
}

impl Precision {
    /// The name used in the JSON export and the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Span => "span",
        }
    }
}

/// A date as written at some precision: the interval it may fall in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateSpec {
    /// First possible day.
    pub start: Date,
    /// Last possible day (equal to `start` for a day).
    pub end: Date,
    /// How it was written.
    pub precision: Precision,
}

impl DateSpec {
    /// A single day.
    pub fn day(d: Date) -> DateSpec {
        DateSpec {
            start: d,
            end: d,
            precision: Precision::Day,
        }
    }

    /// Parse `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `A..B` (each end at any of those).
    /// Returns `None` for malformed or impossible dates and for spans that end before
    /// they start.
    pub fn parse(s: &str) -> Option<DateSpec> {
        let s = s.trim();
        if let Some((a, b)) = s.split_once("..") {
            let a = DateSpec::parse_single(a.trim())?;
            let b = DateSpec::parse_single(b.trim())?;
            if b.end < a.start {
                return None;
            }
            return Some(DateSpec {
                start: a.start,
                end: b.end,
                precision: Precision::Span,
            });
        }
        DateSpec::parse_single(s)
    }

    fn parse_single(s: &str) -> Option<DateSpec> {
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        match parts.as_slice() {
            [y] => {
                let y = num(y, 4)? as i32;
                Some(DateSpec {
                    start: Date::new(y, 1, 1)?,
                    end: Date::new(y, 12, 31)?,
                    precision: Precision::Year,
                })
            }
            [y, m] => {
                let y = num(y, 4)? as i32;
                let m = num(m, 2)? as u8;
                Some(DateSpec {
                    start: Date::new(y, m, 1)?,
                    end: Date::new(y, m, days_in_month(y, m))?,
                    precision: Precision::Month,
                })
            }
            [y, m, d] => {
                let date = Date::new(num(y, 4)? as i32, num(m, 2)? as u8, num(d, 2)? as u8)?;
                Some(DateSpec::day(date))
            }
            _ => None,
        }
    }

    /// Does this interval overlap `[from, to]` (inclusive)?
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.start <= to && self.end >= from
    }

    /// The form used in the data files (`2023-01`, `2022-12-07`, `1980..1984`).
    pub fn to_source(&self) -> String {
        match self.precision {
            Precision::Day => self.start.to_string(),
            Precision::Month => format!("{:04}-{:02}", self.start.year, self.start.month),
            Precision::Year => format!("{:04}", self.start.year),
            Precision::Span => format!("{}..{}", self.start, self.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for d in [-800_000, -1, 0, 1, 19_000, 20_000, 2_900_000] {
            assert_eq!(Date::from_days(d).to_days(), d);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
    }

    #[test]
    fn weekdays_of_known_dates() {
        assert_eq!(Date::new(2022, 12, 16).unwrap().weekday(), Weekday::Friday);
        assert_eq!(Date::new(2023, 1, 19).unwrap().weekday(), Weekday::Thursday);
        assert_eq!(
            Date::new(2023, 7, 19).unwrap().weekday(),
            Weekday::Wednesday
        );
        assert_eq!(Date::new(2026, 1, 7).unwrap().weekday(), Weekday::Wednesday);
    }

    #[test]
    fn parse_precisions() {
        let d = DateSpec::parse("2023-02").unwrap();
        assert_eq!(d.precision, Precision::Month);
        assert_eq!(d.end.to_string(), "2023-02-28");
        let y = DateSpec::parse("1977").unwrap();
        assert_eq!(
            (y.start.to_string(), y.end.to_string()),
            ("1977-01-01".into(), "1977-12-31".into())
        );
        let s = DateSpec::parse("1980..1984").unwrap();
        assert_eq!(s.precision, Precision::Span);
        assert_eq!(s.end.to_string(), "1984-12-31");
        assert_eq!(s.to_source(), "1980-01-01..1984-12-31");
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for bad in [
            "2023-02-30",
            "2023-13",
            "2023-00-10",
            "23-01-01",
            "2023-1-5",
            "",
            "2024..2023",
            "x",
            "2023-01-01-01",
        ] {
            assert!(DateSpec::parse(bad).is_none(), "{bad}");
        }
        assert!(DateSpec::parse("2024-02-29").is_some());
        assert!(DateSpec::parse("2023-02-29").is_none());
    }

    #[test]
    fn datelines() {
        assert_eq!(
            Date::parse_dateline("23 December 2024")
                .unwrap()
                .to_string(),
            "2024-12-23"
        );
        assert_eq!(
            Date::parse_dateline("July 14, 2023").unwrap().to_string(),
            "2023-07-14"
        );
        assert!(Date::parse_dateline("Cesar Uco").is_none());
        assert!(Date::parse_dateline("31 February 2024").is_none());
    }

    #[test]
    fn web_datelines() {
        for s in [
            "10 Jan 2023",
            "Jan. 10, 2023",
            "January 10th, 2023",
            "Tuesday, January 10, 2023",
            "Tue 10 Jan 2023",
            "10 january 2023",
        ] {
            assert_eq!(
                Date::parse_dateline(s).map(|d| d.to_string()).as_deref(),
                Some("2023-01-10"),
                "{s}"
            );
        }
        assert_eq!(month_from_word("Sept"), Some(9));
        assert!(Date::parse_dateline("Lima 10 January 2023").is_none());
        assert!(Date::parse_dateline("10 January +2023").is_none());
        assert_eq!(Weekday::from_name("thu."), Some(Weekday::Thursday));
        assert_eq!(Weekday::Sunday.name(), "Sunday");
    }

    #[test]
    fn numeric_dates_say_when_they_are_ambiguous() {
        let d = |s: &str| Date::parse_iso(s).unwrap();
        assert_eq!(
            NumericDate::parse("10/01/2023"),
            Some(NumericDate::Ambiguous {
                day_first: d("2023-01-10"),
                month_first: d("2023-10-01")
            })
        );
        assert_eq!(
            NumericDate::parse("25/01/2023"),
            Some(NumericDate::One(d("2023-01-25")))
        );
        assert_eq!(
            NumericDate::parse("1/25/2023"),
            Some(NumericDate::One(d("2023-01-25")))
        );
        assert_eq!(
            NumericDate::parse("07-07-2023"),
            Some(NumericDate::One(d("2023-07-07")))
        );
        assert_eq!(
            NumericDate::parse("2023-01-10"),
            Some(NumericDate::One(d("2023-01-10")))
        );
        for bad in [
            "10/01/23",
            "32/13/2023",
            "10/01",
            "1/2/3/2023",
            "a/b/2023",
            "",
        ] {
            assert_eq!(NumericDate::parse(bad), None, "{bad}");
        }
    }
}
