//! The `.rec` record format of the curated data files.
//!
//! Why not TOML or JSON: curators edit these files by hand, every error must name its
//! line, and a record is a flat list of fields with some repeatable keys (aliases,
//! evidence). A twenty-line parser gives exact line numbers for every field, which a
//! general-purpose format would make us recover from spans. The format is documented in
//! `data/README.md`.

use crate::error::{Error, ErrorKind};

/// One `key: value` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key (lowercase).
    pub key: String,
    /// The trimmed value.
    pub value: String,
    /// 1-based line number.
    pub line: usize,
}

/// A record: `@KIND ID` and its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The kind named in the header (`entity`, `event`, ...).
    pub kind: String,
    /// The id named in the header.
    pub id: String,
    /// Line of the header.
    pub line: usize,
    /// The fields in file order.
    pub fields: Vec<Field>,
}

/// Is `id` a valid record id (`[a-z0-9][a-z0-9-]*`, at most 80 bytes)?
pub fn valid_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 80
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// Parse a whole file. Syntax errors are collected (all of them, not just the first);
/// records that parsed are returned alongside.
pub fn parse(file: &str, text: &str) -> (Vec<Record>, Vec<Error>) {
    let mut records: Vec<Record> = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        if let Some(header) = l.strip_prefix('@') {
            let mut parts = header.split_whitespace();
            let kind = parts.next().unwrap_or("").to_string();
            let id = parts.next().unwrap_or("").to_string();
            if kind.is_empty() || id.is_empty() || parts.next().is_some() {
                errors.push(Error::at(
                    file,
                    line,
                    ErrorKind::Syntax(format!("a record header is `@KIND ID`, found `{l}`")),
                ));
                continue;
            }
            if !valid_id(&id) {
                errors.push(Error::at(
                    file,
                    line,
                    ErrorKind::Invalid(format!(
                        "id `{id}` must be lowercase ASCII letters, digits and `-`"
                    )),
                ));
            }
            records.push(Record {
                kind,
                id,
                line,
                fields: Vec::new(),
            });
            continue;
        }
        let Some((key, value)) = l.split_once(':') else {
            errors.push(Error::at(
                file,
                line,
                ErrorKind::Syntax(format!("expected `key: value`, found `{}`", clip(l))),
            ));
            continue;
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-')
        {
            errors.push(Error::at(
                file,
                line,
                ErrorKind::Syntax(format!("bad key `{}`", clip(key))),
            ));
            continue;
        }
        match records.last_mut() {
            Some(r) => r.fields.push(Field {
                key: key.to_string(),
                value: value.trim().to_string(),
                line,
            }),
            None => errors.push(Error::at(
                file,
                line,
                ErrorKind::Syntax("field before the first `@KIND ID` header".into()),
            )),
        }
    }
    (records, errors)
}

fn clip(s: &str) -> String {
    if s.chars().count() > 60 {
        let mut t: String = s.chars().take(60).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

/// Field access for one record, checking keys as they are read.
pub struct Fields<'a> {
    file: &'a str,
    rec: &'a Record,
    allowed: &'a [&'a str],
    many: &'a [&'a str],
}

impl<'a> Fields<'a> {
    /// Check that every key is in `allowed` and that only keys in `many` repeat.
    pub fn new(
        file: &'a str,
        rec: &'a Record,
        allowed: &'a [&'a str],
        many: &'a [&'a str],
        errors: &mut Vec<Error>,
    ) -> Fields<'a> {
        let mut seen: Vec<&str> = Vec::new();
        for f in &rec.fields {
            if !allowed.contains(&f.key.as_str()) {
                errors.push(Error::at(
                    file,
                    f.line,
                    ErrorKind::Syntax(format!(
                        "unknown key `{}` in @{} (allowed: {})",
                        f.key,
                        rec.kind,
                        allowed.join(", ")
                    )),
                ));
            } else if seen.contains(&f.key.as_str()) && !many.contains(&f.key.as_str()) {
                errors.push(Error::at(
                    file,
                    f.line,
                    ErrorKind::Duplicate(format!(
                        "key `{}` given twice in @{} {}",
                        f.key, rec.kind, rec.id
                    )),
                ));
            }
            seen.push(&f.key);
        }
        Fields {
            file,
            rec,
            allowed,
            many,
        }
    }

    /// The first field with this key.
    pub fn get(&self, key: &str) -> Option<&'a Field> {
        debug_assert!(self.allowed.contains(&key));
        self.rec.fields.iter().find(|f| f.key == key)
    }

    /// A required, non-empty field; records an error when absent.
    pub fn required(&self, key: &str, errors: &mut Vec<Error>) -> Option<&'a Field> {
        match self.get(key) {
            Some(f) if !f.value.is_empty() => Some(f),
            Some(f) => {
                errors.push(Error::at(
                    self.file,
                    f.line,
                    ErrorKind::Missing(format!(
                        "`{key}` is empty in @{} {}",
                        self.rec.kind, self.rec.id
                    )),
                ));
                None
            }
            None => {
                errors.push(Error::at(
                    self.file,
                    self.rec.line,
                    ErrorKind::Missing(format!(
                        "@{} {} has no `{key}`",
                        self.rec.kind, self.rec.id
                    )),
                ));
                None
            }
        }
    }

    /// All fields with this key.
    pub fn all(&self, key: &str) -> impl Iterator<Item = &'a Field> + 'a {
        debug_assert!(self.many.contains(&key));
        let key = key.to_string();
        self.rec.fields.iter().filter(move |f| f.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_records_with_lines() {
        let text = "# c\n@entity a-b\nname: A: B\nalias: A\nalias: B\n\n@entity c\nname: C\n";
        let (recs, errs) = parse("g.rec", text);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].line, 2);
        assert_eq!(recs[0].fields[0].value, "A: B");
        assert_eq!(recs[0].fields[2].line, 5);
        assert_eq!(recs[1].id, "c");
    }

    #[test]
    fn reports_every_syntax_error_with_its_line() {
        let text = "name: orphan\n@entity\n@entity Bad_Id\nno colon here\nBad Key: x\n";
        let (_, errs) = parse("g.rec", text);
        let lines: Vec<_> = errs.iter().map(|e| e.line.unwrap()).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 5]);
        assert!(errs[0].to_string().starts_with("g.rec:1: "));
    }

    #[test]
    fn unknown_and_repeated_keys() {
        let (recs, _) = parse(
            "f",
            "@x a\nname: 1\nname: 2\ncolour: red\nalias: p\nalias: q\n",
        );
        let mut errs = Vec::new();
        Fields::new("f", &recs[0], &["name", "alias"], &["alias"], &mut errs);
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].line, Some(3));
        assert_eq!(errs[1].line, Some(4));
    }

    #[test]
    fn ids() {
        assert!(valid_id("2022-12-protests"));
        assert!(!valid_id("-a"));
        assert!(!valid_id("A"));
        assert!(!valid_id("é"));
        assert!(!valid_id(""));
    }
}
