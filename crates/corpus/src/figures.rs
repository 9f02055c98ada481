//! The figure recogniser: numeric claims in the text.
//!
//! A figure is `[qualifier] [currency] number [scale] [unit] [noun] [or more]`, e.g.
//! `roughly 12.97 billion soles`, `$3.422 billion`, `US$33 billion`, `1,007 handguns`,
//! `at least 21`, `3 percent`, `more than 1,200 US troops`. Dates are not figures: a
//! number right after a month name, a bare year (1000–2099) and numbers glued to letters
//! (`4x4`, `COVID-19`, `1990s`) are skipped. Spelled numbers (`six presidents`) count only
//! with a plural noun or a qualifier.

/// A recognised figure, with byte offsets into the text it was found in.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// Byte offset of the start (qualifier included).
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Value with scale applied.
    pub value: f64,
    /// `PEN`, `USD`, `EUR`, `percent` or `count`.
    pub unit: &'static str,
    /// What is counted ("handguns"), or empty.
    pub noun: String,
    /// Qualifier (`at least`, `more than`, `or more`, ...), or empty.
    pub qualifier: String,
}

const QUALIFIERS: [&str; 18] = [
    "nearing",
    "at least",
    "more than",
    "fewer than",
    "less than",
    "up to",
    "over",
    "under",
    "some",
    "roughly",
    "about",
    "around",
    "nearly",
    "almost",
    "approximately",
    "barely",
    "just",
    "estimated at",
];

const SPELLED: [(&str, f64); 28] = [
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
];

use crate::date::MONTHS;

/// Words ending in `s` that are not plural nouns.
const NOT_PLURAL: [&str; 14] = [
    "is", "was", "has", "this", "as", "its", "us", "his", "hers", "thus", "less", "across", "yes",
    "plus",
];

/// Plural nouns that do not end in `s`.
const IRREGULAR_PLURALS: [&str; 7] = [
    "people",
    "children",
    "men",
    "women",
    "personnel",
    "police",
    "aircraft",
];

/// Words that end a noun phrase search.
const STOP: [&str; 22] = [
    "the", "a", "an", "of", "in", "on", "and", "or", "to", "for", "with", "by", "from", "at",
    "that", "which", "who", "were", "are", "have", "had", "be",
];

#[derive(Clone, Copy)]
struct Word<'a> {
    start: usize,
    text: &'a str,
}

/// Split into words (runs of non-space), keeping byte offsets.
fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(Word {
                    start: s,
                    text: &text[s..i],
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            text: &text[s..],
        });
    }
    out
}

/// Strip leading and trailing punctuation from a word; returns (inner, offset of inner).
fn core(w: &str) -> (&str, usize) {
    let lead = w.len()
        - w.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '$')
            .len();
    let inner = w[lead..].trim_end_matches(|c: char| !c.is_alphanumeric() && c != '%');
    (inner, lead)
}

fn parse_number(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    if int.starts_with(',') || int.ends_with(',') {
        return None;
    }
    if int.contains(',') && !int.split(',').skip(1).all(|g| g.len() == 3) {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    // The digits as an integer, divided once by a power of ten: for up to 15 significant
    // digits this is the correctly rounded value, the one `str::parse` gives, without
    // bringing float parsing (18 KB of WebAssembly, 15 KB gzip) into the app, which runs
    // the recogniser on what is typed in the search box.
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let mut m: u64 = 0;
    for b in s.bytes().filter(u8::is_ascii_digit) {
        m = m.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    let decimals = frac.map_or(0, str::len);
    if m > 1 << 53 {
        return None;
    }
    Some(m as f64 / POW10.get(decimals)?)
}

/// Find every figure in `text`.
pub fn recognise(text: &str) -> Vec<Found> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        match figure_at(text, &ws, i) {
            Some((f, next)) => {
                out.push(f);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

fn lower_core(w: &Word<'_>) -> String {
    core(w.text).0.to_lowercase()
}

fn figure_at(text: &str, ws: &[Word<'_>], i: usize) -> Option<(Found, usize)> {
    let w = ws[i];
    let (inner, lead) = core(w.text);
    let mut start = w.start + lead;
    // Currency prefix and the number itself.
    let (mut unit, num_str) = if let Some(n) = inner.strip_prefix("US$") {
        ("USD", n)
    } else if let Some(n) = inner.strip_prefix('$') {
        ("USD", n)
    } else if let Some(n) = inner.strip_prefix('€') {
        ("EUR", n)
    } else if let Some(n) = inner.strip_prefix("S/") {
        ("PEN", n)
    } else {
        ("count", inner)
    };
    let (num_str, percent_sign) = match num_str.strip_suffix('%') {
        Some(n) => (n, true),
        None => (num_str, false),
    };
    let mut spelled = false;
    let mut value = match parse_number(num_str) {
        Some(v) => v,
        None => {
            let lw = num_str.to_lowercase();
            let v = SPELLED.iter().find(|(s, _)| *s == lw)?.1;
            if unit != "count" || num_str != inner {
                return None;
            }
            spelled = true;
            v
        }
    };
    // Glued to letters on the left (COVID-19) or a year range (2021-2022).
    if w.text[..lead]
        .chars()
        .any(|c| c.is_alphanumeric() || c == '-')
    {
        return None;
    }
    if inner.contains('-') && !spelled {
        return None;
    }
    // Dates: number after a month name ("July 19", "July 28 and 29"), or a bare year.
    if unit == "count" {
        let after_month = i > 0 && MONTHS.contains(&core(ws[i - 1].text).0);
        let second_day = i >= 3
            && matches!(ws[i - 1].text, "and" | "or" | "to")
            && MONTHS.contains(&core(ws[i - 3].text).0);
        if after_month || second_day {
            return None;
        }
    }
    let mut j = i + 1;
    let mut end = w.start + lead + inner.len();
    // Scale.
    if let Some(n) = ws.get(j) {
        let scale = match lower_core(n).as_str() {
            "thousand" => Some(1e3),
            "million" => Some(1e6),
            "billion" => Some(1e9),
            "trillion" => Some(1e12),
            _ => None,
        };
        if let Some(s) = scale {
            value = (value * s).round();
            end = n.start + core(n.text).1 + core(n.text).0.len();
            j += 1;
        }
    }
    let bare_year = unit == "count"
        && !percent_sign
        && j == i + 1
        && num_str.len() == 4
        && !num_str.contains(',')
        && (1000.0..2100.0).contains(&value);
    // Unit words.
    if percent_sign {
        unit = "percent";
    } else if let Some(n) = ws.get(j) {
        let u = match lower_core(n).as_str() {
            "percent" | "per" => Some("percent"),
            "soles" | "sol" => Some("PEN"),
            "dollars" => Some("USD"),
            "euros" => Some("EUR"),
            _ => None,
        };
        if let Some(u) = u {
            if u == "percent" && lower_core(n) == "per" {
                // "per cent"
                if ws.get(j + 1).map(lower_core).as_deref() == Some("cent") {
                    end = ws[j + 1].start + core(ws[j + 1].text).1 + core(ws[j + 1].text).0.len();
                    j += 2;
                    unit = u;
                }
            } else if unit == "count" || unit == u {
                unit = u;
                end = n.start + core(n.text).1 + core(n.text).0.len();
                j += 1;
            }
        }
    }
    // Qualifier before.
    let mut qualifier = String::new();
    for q in QUALIFIERS {
        let n = q.split(' ').count();
        if i >= n {
            let prev: Vec<String> = ws[i - n..i].iter().map(|w| w.text.to_lowercase()).collect();
            if prev.join(" ") == q {
                qualifier = q.to_string();
                start = ws[i - n].start;
                break;
            }
        }
    }
    // Noun after (counts only): up to three words, ending at the first plural.
    let mut noun = String::new();
    // Punctuation right after the number (or its scale) ends the figure: "in 2026, while".
    let last_word = ws[j - 1].text;
    let clause_end = last_word.ends_with(|c: char| !c.is_alphanumeric() && c != '%');
    if unit == "count" && !clause_end {
        for k in j..(j + 3).min(ws.len()) {
            let (c, off) = core(ws[k].text);
            // The phrase must not cross a sentence or clause end.
            let lc = c.to_lowercase();
            if c.is_empty() || STOP.contains(&lc.as_str()) || parse_number(c).is_some() {
                break;
            }
            let plural = (lc.len() > 3 && lc.ends_with('s') && !NOT_PLURAL.contains(&lc.as_str()))
                || IRREGULAR_PLURALS.contains(&lc.as_str());
            if plural {
                noun =
                    text[ws[j].start + core(ws[j].text).1..ws[k].start + off + c.len()].to_string();
                end = ws[k].start + off + c.len();
                j = k + 1;
                break;
            }
            if ws[k].text.len() != off + c.len() {
                break; // punctuation after this word ends the phrase
            }
        }
    }
    // "or more" after.
    if ws.get(j).map(|w| w.text.to_lowercase()).as_deref() == Some("or")
        && ws.get(j + 1).map(lower_core).as_deref() == Some("more")
    {
        if qualifier.is_empty() {
            qualifier = "or more".into();
        }
        end = ws[j + 1].start + core(ws[j + 1].text).1 + 4;
        j += 2;
    }
    if bare_year && noun.is_empty() && qualifier.is_empty() {
        return None;
    }
    if spelled && noun.is_empty() && qualifier.is_empty() {
        return None;
    }
    Some((
        Found {
            start,
            end,
            value,
            unit,
            noun,
            qualifier,
        },
        j.max(i + 1),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        recognise(t)
            .iter()
            .map(|f| t[f.start..f.end].to_string())
            .collect()
    }

    #[test]
    fn money_with_currency_and_scale() {
        let t = "increase by roughly 12.97 billion soles ($3.422 billion). Some $1.3 billion and US$33 billion.";
        let f = recognise(t);
        assert_eq!(
            texts(t),
            [
                "roughly 12.97 billion soles",
                "$3.422 billion",
                "Some $1.3 billion",
                "US$33 billion"
            ]
        );
        assert_eq!(f[0].unit, "PEN");
        assert!((f[0].value - 12.97e9).abs() < 1.0);
        assert_eq!(f[1].unit, "USD");
        assert!((f[1].value - 3.422e9).abs() < 1.0);
        assert_eq!(f[3].value, 33e9);
        assert_eq!(
            recognise("a $64.6 million disbursement")[0].value,
            64_600_000.0
        );
        assert_eq!(f[0].qualifier, "roughly");
    }

    #[test]
    fn counts_with_nouns_and_qualifiers() {
        let t = "acquiring 56 armored 4x4 vehicles, 43 anti-riot units fitted, 1,007 handguns, and killed at least 21 demonstrators.";
        let f = recognise(t);
        let got = texts(t);
        assert!(got.contains(&"1,007 handguns".to_string()), "{got:?}");
        assert!(
            got.contains(&"at least 21 demonstrators".to_string()),
            "{got:?}"
        );
        let h = f.iter().find(|f| f.noun == "handguns").unwrap();
        assert_eq!(h.value, 1007.0);
        assert_eq!(
            texts("placed the number killed at 62 or more."),
            ["62 or more"]
        );
        assert_eq!(
            texts("more than 1,200 US troops in Peru"),
            ["more than 1,200 US troops"]
        );
    }

    #[test]
    fn numbers_read_as_the_standard_parser_reads_them() {
        for s in [
            "0",
            "7",
            "21",
            "1,007",
            "12.97",
            "3.422",
            "64.6",
            "0.5",
            "1,234,567.891",
            "33",
        ] {
            let plain: String = s.chars().filter(|&c| c != ',').collect();
            assert_eq!(parse_number(s), plain.parse::<f64>().ok(), "{s}");
        }
        assert_eq!(
            parse_number("99999999999999999999"),
            None,
            "too many digits"
        );
    }

    #[test]
    fn percentages() {
        let t = "sunk to just 3 percent, and 71 percent approve; 55% of them";
        let f = recognise(t);
        assert_eq!(texts(t), ["just 3 percent", "71 percent", "55%"]);
        assert!(f.iter().all(|f| f.unit == "percent"));
    }

    #[test]
    fn dates_and_glued_numbers_are_not_figures() {
        assert!(texts("on December 7 and July 19, 1977, in 2019 and the 1990s").is_empty());
        assert!(texts("COVID-19 and 4x4 and 2021-2022").is_empty());
        assert_eq!(
            texts("six presidents in under five years"),
            ["six presidents", "under five years"]
        );
        assert!(texts("one of them").is_empty());
        assert!(texts("on July 28 and 29.").is_empty());
        assert_eq!(texts("until 2026, while Congress"), Vec::<String>::new());
        assert_eq!(
            texts("since 2020, nearing six crimes per day"),
            ["nearing six crimes"]
        );
    }
}
