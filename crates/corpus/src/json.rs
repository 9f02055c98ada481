//! A small JSON writer, for the exports the app builds in the browser.
//!
//! The app does not link `serde_json` (its size matters), yet it must write the same JSON
//! as `corpus export`. So the one definition of each JSON export is written with this
//! [`Json`] tree, and the printer reproduces `serde_json::to_string_pretty` byte for byte:
//! two-space indent, `"key": value`, keys in byte order (serde_json's default map is a
//! `BTreeMap`), `[]` and `{}` when empty, and only `"`, `\` and control characters
//! escaped. A test (`crates/corpus/tests/exports.rs`) compares the two on the real and the
//! hostile corpus.
//!
//! Numbers are written without Rust's float formatting, which would add kilobytes to the
//! app: integers in full with `.0` (`21.0`, like serde_json), other values with the
//! fewest decimals that read back to the same `f64` (`3.5`, `12.97`). Values of 10¹⁶ and
//! more, or under 10⁻⁵, which serde_json writes with an exponent, are written in full
//! here (the same number to a JSON reader, to 19 digits past 2⁶⁴); no figure is of that kind.
//!
//! ```
//! use corpus::json::Json;
//! let j = Json::obj(vec![("b", Json::Num(21.0)), ("a", Json::str("say \"hi\""))]);
//! assert_eq!(j.pretty(), "{\n  \"a\": \"say \\\"hi\\\"\",\n  \"b\": 21.0\n}");
//! ```

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A number (`null` when not finite, like serde_json).
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object; keys are written in byte order, whatever their order here.
    Obj(Vec<(&'static str, Json)>),
}

impl Json {
    /// A string value.
    pub fn str(s: impl Into<String>) -> Json {
        Json::Str(s.into())
    }

    /// A string, or `null`.
    pub fn opt(s: Option<impl Into<String>>) -> Json {
        s.map_or(Json::Null, |s| Json::Str(s.into()))
    }

    /// An object.
    pub fn obj(fields: Vec<(&'static str, Json)>) -> Json {
        Json::Obj(fields)
    }

    /// An array of strings.
    pub fn strs<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Json {
        Json::Arr(items.into_iter().map(|s| Json::Str(s.into())).collect())
    }

    /// Pretty-printed, exactly as `serde_json::to_string_pretty` prints the same value.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        let indent = |out: &mut String, d: usize| {
            for _ in 0..d {
                out.push_str("  ");
            }
        };
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Int(i) => out.push_str(&i.to_string()),
            Json::Num(v) => number(*v, out),
            Json::Str(s) => escape(s, out),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Arr(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    v.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push(']');
            }
            Json::Obj(fields) if fields.is_empty() => out.push_str("{}"),
            Json::Obj(fields) => {
                let mut sorted: Vec<&(&str, Json)> = fields.iter().collect();
                sorted.sort_by(|a, b| a.0.cmp(b.0));
                out.push('{');
                for (i, (k, v)) in sorted.into_iter().enumerate() {
                    out.push_str(if i == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    escape(k, out);
                    out.push_str(": ");
                    v.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push('}');
            }
        }
    }
}

/// Append `s` as a JSON string literal (quotes included), escaped as serde_json does.
pub fn escape(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Append a number as serde_json writes an `f64` (see the module docs for the range where
/// the form differs). `null` when not finite.
pub fn number(v: f64, out: &mut String) {
    if !v.is_finite() {
        out.push_str("null");
        return;
    }
    out.push_str(&decimal(v));
    if v.fract() == 0.0 {
        out.push_str(".0");
    }
}

/// A number in plain decimal notation with the fewest decimals that read back to `v`:
/// `21`, `3.5`, `-0.25`, `12970000000` (no `.0`: the CSV exports use this form).
pub fn decimal(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let neg = v.is_sign_negative();
    let a = v.abs();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if a.fract() == 0.0 {
        // Integers under 2^64 convert exactly; larger ones keep their first 19 digits
        // (more than an f64 holds) and are padded with zeros. No u128: its division
        // would add a kilobyte or two to the app.
        let mut zeros = 0;
        let mut x = a;
        while x >= 1.8e19 {
            x /= 10.0;
            zeros += 1;
        }
        out.push_str(&(x.round() as u64).to_string());
        for _ in 0..zeros {
            out.push('0');
        }
        return out;
    }
    // The fewest decimals d with round(a·10^d)/10^d == a: the shortest decimal that reads
    // back to the same f64 (both steps are correctly rounded).
    let mut scale = 1.0f64;
    for d in 1..=24u32 {
        scale *= 10.0;
        let n = (a * scale).round();
        if n >= 1.8e19 {
            break;
        }
        if n / scale == a {
            let digits = (n as u64).to_string();
            let d = d as usize;
            let (int, frac) = if digits.len() > d {
                digits.split_at(digits.len() - d)
            } else {
                ("0", digits.as_str())
            };
            out.push_str(int);
            out.push('.');
            for _ in frac.len()..d {
                out.push('0');
            }
            out.push_str(frac);
            return out;
        }
    }
    // Out of reach of the loop (a long fraction on a large number): the integer part and
    // six decimals, which is all a spreadsheet shows.
    let n = (a * 1e6).round().min(1.8e19) as u64;
    out.push_str(&format!("{}.{:06}", n / 1_000_000, n % 1_000_000));
    out.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_the_shortest_that_read_back() {
        assert_eq!(decimal(21.0), "21");
        assert_eq!(decimal(3.5), "3.5");
        assert_eq!(decimal(12.97), "12.97");
        assert_eq!(decimal(0.1), "0.1");
        assert_eq!(decimal(-0.25), "-0.25");
        assert_eq!(decimal(0.001234), "0.001234");
        assert_eq!(decimal(3422000000.0), "3422000000");
        assert_eq!(decimal(1e20), "100000000000000000000");
        assert_eq!(decimal(1.0 / 3.0).parse::<f64>().unwrap(), 1.0 / 3.0);
    }

    #[test]
    fn strings_escape_quotes_backslashes_and_controls_only() {
        let mut s = String::new();
        escape("a\"b\\c\n\u{1}\u{7f}é/\u{2028}", &mut s);
        assert_eq!(s, "\"a\\\"b\\\\c\\n\\u0001\u{7f}é/\u{2028}\"");
    }
}
