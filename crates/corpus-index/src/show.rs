//! `corpus show ARTICLE`: an article's cleaned text as the build reads it.
//!
//! Quotes in `events.rec` and `measures.rec` must match the *cleaned* text, and a curator
//! needs to read that text most when the data is broken (a new article, a quote that is
//! not found). So this works from a [`Build`], which holds whatever could be built, and
//! lists the data's errors after the text instead of refusing to run.
//!
//! Marks, chosen to survive copy and paste into a quote only where they are obviously
//! not part of it:
//! - `[Dina Boluarte|person:dina-boluarte]` a mention (`…|person:x draft]` for a draft
//!   entity);
//! - `{at least 21 demonstrators|death-toll}` a figure and the measure that uses it
//!   (`{56}` for a figure no measure uses);
//! - after each paragraph, the events that quote it.

use crate::compile::Build;
use corpus::error::{Error, ErrorKind};
use corpus::model::ParagraphKind;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// A mark: byte range and its opening and closing text.
struct Mark {
    start: usize,
    end: usize,
    open: String,
    close: String,
}

/// The text of `paragraph` with its marks inserted; marks that cross another are left
/// out (and returned, so they can be listed).
fn marked(text: &str, mut marks: Vec<Mark>) -> (String, Vec<Mark>) {
    // Outer marks first: by start, then the longest.
    marks.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Mark> = Vec::new();
    let mut crossing = Vec::new();
    for m in marks {
        let crosses = kept
            .iter()
            .any(|k| m.start < k.end && m.end > k.end || m.start < k.start && m.end > k.start);
        if crosses {
            crossing.push(m);
        } else {
            kept.push(m);
        }
    }
    // Insertions: (position, is_close, order) so that at one position closes come first
    // (inner before outer) and opens after (outer before inner).
    let mut ins: Vec<(usize, u8, usize, usize, &str)> = Vec::new();
    for (i, m) in kept.iter().enumerate() {
        ins.push((m.start, 1, usize::MAX - m.end, i, m.open.as_str()));
        ins.push((m.end, 0, usize::MAX - m.start, i, m.close.as_str()));
    }
    ins.sort_by_key(|x| (x.0, x.1, x.2, x.3));
    let mut out = String::with_capacity(text.len() + ins.len() * 12);
    let mut at = 0;
    for (pos, _, _, _, s) in ins {
        out.push_str(&text[at..pos]);
        out.push_str(s);
        at = pos;
    }
    out.push_str(&text[at..]);
    (out, crossing)
}

/// The article `which` (an id, or its raw file name with or without `raw/`) as text:
/// its header, provenance and cleaning notes, then each paragraph with its id, raw line
/// and marks, then the data's errors. An error when no article matches (with the ids
/// that exist).
pub fn show(build: &Build, which: &str) -> Result<String, Error> {
    let c = &build.corpus;
    let file = which.trim_start_matches("raw/");
    let Some(ai) = c.articles.iter().position(|a| {
        a.id == which || a.source_file == file || a.source_file == format!("{file}.txt")
    }) else {
        let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
        let why = if build.errors.is_empty() {
            String::new()
        } else {
            format!(
                " ({} in the data may keep it from being read; run `corpus check`)",
                corpus::render::count(build.errors.len(), "error")
            )
        };
        return Err(Error::bare(ErrorKind::UnknownId(format!(
            "no article `{which}`{why}; the articles are: {}",
            ids.join(", ")
        ))));
    };
    let a = &c.articles[ai];
    let src = build.sources.get(ai);
    let drafts: HashSet<&str> = build
        .drafts
        .iter()
        .filter(|d| d.kind == "entity" && d.key.is_none())
        .map(|d| d.id.as_str())
        .collect();
    let mut out = String::new();
    let raw = src.map_or_else(|| a.source_file.clone(), |s| s.raw.clone());
    let _ = writeln!(out, "{}  ({raw})", a.id);
    let status = |s: corpus::Provenance| s.as_str();
    let _ = writeln!(out, "title ({}): {}", status(a.title_status), a.title);
    if let Some((st, line)) = src.and_then(|s| s.subtitle.as_ref()) {
        let _ = writeln!(out, "subtitle (raw line {line}, not body text): {st}");
    }
    let authors = if a.authors.is_empty() {
        "(none)".to_string()
    } else {
        a.authors.join("; ")
    };
    let _ = writeln!(out, "authors ({}): {authors}", status(a.authors_status));
    if src.is_some_and(|s| !s.complete) {
        let _ = writeln!(
            out,
            "published: not known yet (the article's metadata has errors, listed below)"
        );
    } else {
        let (e, l) = a.published.span();
        let span = if e == l {
            String::new()
        } else {
            format!(" (between {e} and {l})")
        };
        let _ = writeln!(
            out,
            "published ({}): {}{span}",
            status(a.published.status),
            a.published.date
        );
    }
    if let Some(s) = src {
        if !s.dropped.is_empty() {
            let mut by_reason: Vec<(&str, Vec<usize>)> = Vec::new();
            for &(line, why) in &s.dropped {
                match by_reason.iter_mut().find(|r| r.0 == why) {
                    Some(r) => r.1.push(line),
                    None => by_reason.push((why, vec![line])),
                }
            }
            let parts: Vec<String> = by_reason
                .iter()
                .map(|(why, lines)| format!("{why}: {}", line_list(lines)))
                .collect();
            let _ = writeln!(out, "dropped by cleaning: {}", parts.join("; "));
        }
        if !s.joined.is_empty() {
            let _ = writeln!(
                out,
                "joined to the line before (page breaks): {}",
                line_list(&s.joined)
            );
        }
    }
    let _ = writeln!(
        out,
        "marks: [text|kind:entity-id] a mention, {{figure|measure-id}} a figure ({{figure}}: no measure)"
    );
    // Marks per paragraph.
    let mut marks: HashMap<usize, Vec<Mark>> = HashMap::new();
    for e in &c.entities {
        let draft = if drafts.contains(e.id.as_str()) {
            " draft"
        } else {
            ""
        };
        for m in e.mentions.iter().filter(|m| m.article as usize == ai) {
            marks.entry(m.paragraph as usize).or_default().push(Mark {
                start: m.start as usize,
                end: m.end as usize,
                open: "[".into(),
                close: format!("|{}:{}{draft}]", e.kind.as_str(), e.id),
            });
        }
    }
    let mut measure_of: HashMap<u32, &str> = HashMap::new();
    for m in &c.measures {
        for v in &m.values {
            measure_of.insert(v.figure, m.id.as_str());
        }
    }
    for (fi, f) in c.figures.iter().enumerate() {
        if f.article as usize != ai {
            continue;
        }
        let close = match measure_of.get(&(fi as u32)) {
            Some(m) => format!("|{m}}}"),
            None => "}".into(),
        };
        marks.entry(f.paragraph as usize).or_default().push(Mark {
            start: f.start as usize,
            end: f.end as usize,
            open: "{".into(),
            close,
        });
    }
    let mut events_of: HashMap<usize, Vec<(&str, String)>> = HashMap::new();
    for ev in &c.events {
        for e in ev.evidence.iter().filter(|e| e.article as usize == ai) {
            let p = &a.paragraphs[e.paragraph as usize];
            let quote = crate::coverage::clip(&p.text[e.start as usize..e.end as usize], 70);
            events_of
                .entry(e.paragraph as usize)
                .or_default()
                .push((ev.id.as_str(), quote));
        }
    }
    for (pi, p) in a.paragraphs.iter().enumerate() {
        let line = src.and_then(|s| s.lines.get(pi)).copied().unwrap_or(0);
        let kind = if p.kind == ParagraphKind::Caption {
            ", caption"
        } else {
            ""
        };
        let _ = writeln!(out, "\n{} (raw line {line}{kind})", p.id);
        let (text, crossing) = marked(&p.text, marks.remove(&pi).unwrap_or_default());
        let _ = writeln!(out, "{text}");
        for m in crossing {
            let _ = writeln!(
                out,
                "  also {}{}{} (crosses another mark)",
                m.open,
                &p.text[m.start..m.end],
                m.close
            );
        }
        for (id, quote) in events_of.remove(&pi).unwrap_or_default() {
            let _ = writeln!(out, "  event {id}: “{quote}”");
        }
    }
    if !build.errors.is_empty() {
        let _ = writeln!(
            out,
            "\n{} in the data (the text above is shown as far as it could be built):",
            corpus::render::count(build.errors.len(), "error")
        );
        for e in &build.errors {
            let _ = writeln!(out, "{e}");
        }
    }
    Ok(out)
}

fn line_list(lines: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1] == lines[j] + 1 {
            j += 1;
        }
        parts.push(if j > i + 1 {
            format!("lines {}–{}", lines[i], lines[j])
        } else if j == i + 1 {
            format!("lines {}, {}", lines[i], lines[j])
        } else {
            format!("line {}", lines[i])
        });
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_marks_close_inner_first() {
        let t = "more than 1,200 US troops";
        let marks = vec![
            Mark {
                start: 16,
                end: 18,
                open: "[".into(),
                close: "|place:us]".into(),
            },
            Mark {
                start: 0,
                end: 25,
                open: "{".into(),
                close: "|troops}".into(),
            },
        ];
        assert_eq!(
            marked(t, marks).0,
            "{more than 1,200 [US|place:us] troops|troops}"
        );
    }

    #[test]
    fn crossing_marks_are_set_aside() {
        let marks = vec![
            Mark {
                start: 0,
                end: 5,
                open: "[".into(),
                close: "]".into(),
            },
            Mark {
                start: 3,
                end: 8,
                open: "{".into(),
                close: "}".into(),
            },
        ];
        let (t, crossing) = marked("abcdefghij", marks);
        assert_eq!(t, "[abcde]fghij");
        assert_eq!(crossing.len(), 1);
    }

    #[test]
    fn line_lists_collapse_runs() {
        assert_eq!(
            line_list(&[1, 2, 3, 7, 9, 10]),
            "lines 1–3, line 7, lines 9, 10"
        );
    }
}
