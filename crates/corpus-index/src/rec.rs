//! The `.rec` record format of the curated data files.
//!
//! Why not TOML or JSON: curators edit these files by hand, every error must name its
//! line, and a record is a flat list of fields with some repeatable keys (aliases,
//! evidence). A twenty-line parser gives exact line numbers for every field, which a
//! general-purpose format would make us recover from spans. The format is documented in
//! `data/README.md`.
//!
//! Two markers let `corpus import` propose curation without it being accepted silently:
//! a *draft* record (`@draft-entity ID`) or a draft field (`draft-value: ...`) is read like
//! its confirmed form, so it is checked like one, but carries [`Record::draft`] or
//! [`Field::draft`], and the build refuses it until a person deletes the `draft-` prefix.
//! A value that starts with `TODO` is work left for a person: the field is kept apart in
//! [`Record::todo`], so that the build reports the TODO itself rather than a missing
//! field.

use corpus::error::{Error, ErrorKind};

/// One `key: value` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The key (lowercase).
    pub key: String,
    /// The trimmed value.
    pub value: String,
    /// 1-based line number.
    pub line: usize,
    /// Written `draft-KEY:` (proposed, not yet confirmed); `key` is then `KEY`.
    pub draft: bool,
}

impl Field {
    /// The key as written in the file (`draft-value` for a draft `value`).
    pub fn written_key(&self) -> String {
        if self.draft {
            format!("{DRAFT_PREFIX}{}", self.key)
        } else {
            self.key.clone()
        }
    }
}

/// The prefix that marks a record kind or a key as a draft.
pub const DRAFT_PREFIX: &str = "draft-";

/// Is this value work left for a person (`TODO`, `TODO: why`)?
pub fn is_todo(value: &str) -> bool {
    value == "TODO"
        || value
            .strip_prefix("TODO")
            .is_some_and(|rest| rest.starts_with([':', ' ', '(', '-', '—']))
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
    /// The fields in file order (without the TODO ones).
    pub fields: Vec<Field>,
    /// Written `@draft-KIND` (proposed, not yet confirmed); `kind` is then `KIND`.
    pub draft: bool,
    /// Fields whose value is a TODO, in file order.
    pub todo: Vec<Field>,
}

impl Record {
    /// The header as written (`@draft-entity lima`).
    pub fn header(&self) -> String {
        let draft = if self.draft { DRAFT_PREFIX } else { "" };
        format!("@{draft}{} {}", self.kind, self.id)
    }
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
/// records that parsed are returned alongside. The fields after a header that could not
/// be read are skipped: they belong to no record (attaching them to the record before
/// would report errors against a correct record).
pub fn parse(file: &str, text: &str) -> (Vec<Record>, Vec<Error>) {
    let mut records: Vec<Record> = Vec::new();
    let mut errors = Vec::new();
    let mut orphaned = false;
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
                orphaned = true;
                continue;
            }
            orphaned = false;
            let (kind, draft) = match kind.strip_prefix(DRAFT_PREFIX) {
                Some(k) if !k.is_empty() => (k.to_string(), true),
                _ => (kind, false),
            };
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
                draft,
                todo: Vec::new(),
            });
            continue;
        }
        if orphaned {
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
        let (key, draft) = match key.strip_prefix(DRAFT_PREFIX) {
            Some(k) if !k.is_empty() => (k, true),
            _ => (key, false),
        };
        match records.last_mut() {
            Some(r) => {
                let field = Field {
                    key: key.to_string(),
                    value: value.trim().to_string(),
                    line,
                    draft,
                };
                if is_todo(&field.value) {
                    r.todo.push(field);
                } else {
                    r.fields.push(field);
                }
            }
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
        let mut all: Vec<&Field> = rec.fields.iter().chain(&rec.todo).collect();
        all.sort_by_key(|f| f.line);
        for f in all {
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

    /// Is this key's value a TODO (reported once, as such, by the build)?
    pub fn is_todo(&self, key: &str) -> bool {
        self.rec.todo.iter().any(|f| f.key == key)
    }

    /// A required, non-empty field; records an error when absent (but not when it is a
    /// TODO: that is reported on its own).
    pub fn required(&self, key: &str, errors: &mut Vec<Error>) -> Option<&'a Field> {
        if self.get(key).is_none() && self.is_todo(key) {
            return None;
        }
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

    #[test]
    fn drafts_and_todos_are_marked() {
        let text = "@draft-entity a\nname: A\ndescription: TODO: say who\n@measure m\ndraft-value: x | [1] | 2023\nvalue: y\n";
        let (recs, errs) = parse("f", text);
        assert!(errs.is_empty(), "{errs:?}");
        assert!(recs[0].draft && recs[0].kind == "entity");
        assert_eq!(recs[0].header(), "@draft-entity a");
        assert_eq!(recs[0].todo[0].key, "description");
        assert_eq!(recs[0].fields.len(), 1);
        assert!(!recs[1].draft);
        assert!(recs[1].fields[0].draft && recs[1].fields[0].key == "value");
        assert_eq!(recs[1].fields[0].written_key(), "draft-value");
        assert!(!recs[1].fields[1].draft);
        let mut e = Vec::new();
        let f = Fields::new("f", &recs[0], &["name", "description"], &[], &mut e);
        assert!(f.required("description", &mut e).is_none());
        assert!(e.is_empty(), "a TODO is not also a missing field: {e:?}");
        assert!(is_todo("TODO") && is_todo("TODO: x") && !is_todo("TODOS") && !is_todo("todo"));
    }

    #[test]
    fn fields_after_a_bad_header_belong_to_no_record() {
        let text = "@entity a\nname: A\n@entity\nname: B\nkind: place\n";
        let (recs, errs) = parse("g.rec", text);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].line, Some(3));
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].fields.len(), 1, "B's fields are not A's");
    }
}
