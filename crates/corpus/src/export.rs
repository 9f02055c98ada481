//! The compact binary the app embeds, and the exports: JSON, CSV and TimelineJS.
//!
//! The binary is a 4-byte magic and version (`PCE` + 5) followed by the [`Corpus`] in
//! postcard (serde, varint integers), so both sides read and write the same Rust types
//! and there is no second definition of the format to drift; only the entities' mentions
//! are packed by hand, in columns that compress ([`crate::codec`]).
//!
//! Each export is one function of the corpus and a [`Selection`] (what the filters, search
//! and date range select: [`Selection::of`] the engine's [`Results`], or
//! [`Selection::all`]), called by both the `corpus export` command line and the app's
//! Export menu, so a download and the command line give the same bytes:
//!
//! - [`json_text`]: the `corpus export` schema (documented in `data/README.md`), written
//!   with the small [`crate::json`] printer rather than serde_json, which the app does not
//!   link. For the whole corpus it is byte for byte what `corpus export` always printed.
//! - [`csv_events`], [`csv_entities`], [`csv_figures`]: spreadsheets as they open them
//!   (UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF, one header row, cells that a
//!   spreadsheet would run as a formula made inert: see [`csv_cell`]).
//! - [`timelinejs`]: the JSON that TimelineJS 3 reads (`events`, `eras`, `title`).
//!
//! Links to paragraphs are the explorer's own (`BASE?a=ARTICLE&p=pN`): the app passes the
//! page's address as `base`, the command line `--base` (relative `?a=…` without it).

use crate::error::{Error, ErrorKind};
use crate::json::Json;
use crate::model::*;
use crate::query::Results;

/// Magic bytes and format version.
pub const MAGIC: &[u8; 4] = b"PCE\x05";

/// Encode a corpus.
pub fn encode(corpus: &Corpus) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    // Serializing plain data into a Vec cannot fail.
    out.extend(postcard::to_allocvec(corpus).expect("corpus serializes"));
    out
}

/// Encode a corpus with the description of its search index's chunk files
/// ([`crate::search::Index::split`]) and of its text files ([`crate::text::split`]; none
/// when the corpus holds its text), which follow the corpus in the file.
pub fn encode_with_index(
    corpus: &Corpus,
    index: &crate::search::IndexMeta,
    text: &crate::text::TextMeta,
) -> Vec<u8> {
    let mut out = encode(corpus);
    out.extend(postcard::to_allocvec(index).expect("index description serializes"));
    out.extend(postcard::to_allocvec(text).expect("text description serializes"));
    out
}

/// Decode a corpus written by [`encode`] or [`encode_with_index`] (whose index
/// description is ignored).
pub fn decode(bytes: &[u8]) -> Result<Corpus, Error> {
    decode_with_index(bytes).map(|(c, _)| c)
}

/// Decode a corpus and, if the file has one, the description of its index's chunk files.
pub fn decode_with_index(
    bytes: &[u8],
) -> Result<(Corpus, Option<crate::search::IndexMeta>), Error> {
    let bad = |m: String| Error::bare(ErrorKind::Decode(m));
    let body = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or_else(|| bad("not a corpus file of this version".into()))?;
    let (mut c, rest): (Corpus, &[u8]) =
        postcard::take_from_bytes(body).map_err(|e| bad(e.to_string()))?;
    let index = if rest.is_empty() {
        None
    } else {
        let (meta, rest) = postcard::take_from_bytes(rest)
            .map_err(|e| bad(format!("the search index's description: {e}")))?;
        let (text, rest): (crate::text::TextMeta, &[u8]) = postcard::take_from_bytes(rest)
            .map_err(|e| bad(format!("the text files' description: {e}")))?;
        c.set_text_parts(text).map_err(bad)?;
        if !rest.is_empty() {
            return Err(bad(format!("{} bytes after the end", rest.len())));
        }
        Some(meta)
    };
    derive_ids(&mut c);
    Ok((c, index))
}

/// Fill the ids that the binary leaves out because they follow from positions.
pub fn derive_ids(c: &mut Corpus) {
    for a in &mut c.articles {
        for (i, p) in a.paragraphs.iter_mut().enumerate() {
            p.id = format!("p{}", i + 1);
        }
    }
    let mut n = vec![0u32; c.articles.len()];
    for f in &mut c.figures {
        let Some(k) = n.get_mut(f.article as usize) else {
            continue;
        };
        *k += 1;
        f.id = format!("{}-f{k}", c.articles[f.article as usize].id);
    }
}

fn chars(text: &str, byte: u32) -> i64 {
    text.get(..byte as usize).map_or(0, |t| t.chars().count()) as i64
}

fn int(n: u32) -> Json {
    Json::Int(i64::from(n))
}

/// What an export holds: indices into the corpus's vectors, each in corpus order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Articles.
    pub articles: Vec<ArticleIx>,
    /// Events.
    pub events: Vec<EventIx>,
    /// Entities.
    pub entities: Vec<EntityIx>,
    /// Figures (indices into [`Corpus::figures`]).
    pub figures: Vec<u32>,
}

impl Selection {
    /// The articles whose text an export of the selection quotes: the selected articles,
    /// those of the selected events' evidence and of the selected figures, each once, in
    /// order (a large corpus's text is fetched before an export: [`crate::text`]).
    pub fn text_articles(&self, c: &Corpus) -> Vec<ArticleIx> {
        let mut out = self.articles.clone();
        for &e in &self.events {
            if let Some(ev) = c.events.get(e as usize) {
                out.extend(ev.evidence.iter().map(|x| x.article));
            }
        }
        out.extend(
            self.figures
                .iter()
                .filter_map(|&f| c.figures.get(f as usize).map(|f| f.article)),
        );
        crate::util::sort(&mut out);
        out.dedup();
        out
    }

    /// The whole corpus.
    pub fn all(c: &Corpus) -> Selection {
        let n = |len: usize| (0..len as u32).collect::<Vec<u32>>();
        Selection {
            articles: n(c.articles.len()),
            events: n(c.events.len()),
            entities: n(c.entities.len()),
            figures: n(c.figures.len()),
        }
    }

    /// What a view shows: the matching articles and events; the figures typed in the
    /// search when it has any, else every figure of those articles; the entities (of the
    /// kinds listed, all when `kinds` is empty) named in those articles or involved in
    /// those events.
    pub fn of(c: &Corpus, r: &Results, kinds: &[EntityKind]) -> Selection {
        let mut articles: Vec<u32> = r.articles.iter().map(|a| a.article).collect();
        articles.sort_unstable();
        let mut events = r.events.clone();
        events.sort_unstable();
        let in_articles = |a: u32| articles.binary_search(&a).is_ok();
        let figures: Vec<u32> = if r.figures.is_empty() {
            (0..c.figures.len() as u32)
                .filter(|&f| in_articles(c.figures[f as usize].article))
                .collect()
        } else {
            let mut f = r.figures.clone();
            f.sort_unstable();
            f
        };
        let mut involved = vec![false; c.entities.len()];
        for &v in &events {
            for &e in &c.events[v as usize].entities {
                if let Some(x) = involved.get_mut(e as usize) {
                    *x = true;
                }
            }
        }
        let entities = (0..c.entities.len() as u32)
            .filter(|&e| {
                let ent = &c.entities[e as usize];
                (kinds.is_empty() || kinds.contains(&ent.kind))
                    && (involved[e as usize] || ent.mentions.iter().any(|m| in_articles(m.article)))
            })
            .collect();
        Selection {
            articles,
            events,
            entities,
            figures,
        }
    }
}

/// The export file names: `peru-crisis-events-2022-12-07-to-2023-01-30.csv` for a date
/// range, `peru-crisis-events-selection.csv` for other filters, `peru-crisis-events.csv`
/// for everything. `what` is `events`, `entities`, `figures`, `timeline` or `corpus`.
pub fn file_name(
    what: &str,
    range: Option<(crate::Date, crate::Date)>,
    filtered: bool,
    ext: &str,
) -> String {
    match range {
        Some((a, b)) => format!("peru-crisis-{what}-{a}-to-{b}.{ext}"),
        None if filtered => format!("peru-crisis-{what}-selection.{ext}"),
        None => format!("peru-crisis-{what}.{ext}"),
    }
}

/// The explorer's address of a paragraph: `BASE?a=ARTICLE&p=pN`.
pub fn paragraph_url(c: &Corpus, base: &str, article: ArticleIx, paragraph: u32) -> String {
    let state = crate::state::AppState {
        article: Some(article),
        paragraph: Some(paragraph),
        ..Default::default()
    };
    format!("{base}?{}", crate::state::to_query(c, &state))
}

/// The selection in the `corpus export` schema (pretty-printed, with a final newline).
/// The evidence of a selected event is kept whole, even from articles outside the
/// selection; an entity keeps its mentions in the selected articles; a measure appears
/// when one of its values is a selected figure, with those values only.
pub fn json_text(c: &Corpus, sel: &Selection) -> String {
    let mut out = json_value(c, sel).pretty();
    out.push('\n');
    out
}

fn json_value(c: &Corpus, sel: &Selection) -> Json {
    let para_text = |a: u32, p: u32| c.paragraph_text(a, p);
    let para_id = |a: u32, p: u32| Json::str(&c.articles[a as usize].paragraphs[p as usize].id);
    let art_id = |a: u32| Json::str(&c.articles[a as usize].id);
    let date = |d: crate::Date| Json::Str(d.to_string());
    let in_articles = |a: u32| sel.articles.binary_search(&a).is_ok();
    let articles = sel
        .articles
        .iter()
        .map(|&ai| {
            let a = &c.articles[ai as usize];
            let paragraphs = a
                .paragraphs
                .iter()
                .enumerate()
                .map(|(pi, p)| {
                    let text = c.paragraph_text(ai, pi as u32);
                    let emphasis = c
                        .paragraph_emphasis(ai, pi as u32)
                        .iter()
                        .map(|e| {
                            Json::obj(vec![
                                ("start", Json::Int(chars(text, e.start))),
                                ("end", Json::Int(chars(text, e.end))),
                                ("strong", Json::Bool(e.strong)),
                            ])
                        })
                        .collect();
                    Json::obj(vec![
                        ("id", Json::str(&p.id)),
                        (
                            "kind",
                            Json::str(match p.kind {
                                ParagraphKind::Body => "body",
                                ParagraphKind::Caption => "caption",
                            }),
                        ),
                        ("text", Json::str(text)),
                        ("emphasis", Json::Arr(emphasis)),
                    ])
                })
                .collect();
            Json::obj(vec![
                ("id", Json::str(&a.id)),
                ("source_file", Json::str(&a.source_file)),
                ("title", Json::str(&a.title)),
                ("title_status", Json::str(a.title_status.as_str())),
                ("title_reason", Json::opt(a.title_reason.as_deref())),
                ("authors", Json::strs(a.authors.iter().map(String::as_str))),
                ("authors_status", Json::str(a.authors_status.as_str())),
                ("authors_reason", Json::opt(a.authors_reason.as_deref())),
                (
                    "published",
                    Json::obj(vec![
                        ("date", date(a.published.date)),
                        ("precision", Json::str(a.published.precision.as_str())),
                        ("status", Json::str(a.published.status.as_str())),
                        ("reason", Json::opt(a.published.reason.as_deref())),
                        (
                            "earliest",
                            Json::opt(a.published.earliest.map(|d| d.to_string())),
                        ),
                        (
                            "latest",
                            Json::opt(a.published.latest.map(|d| d.to_string())),
                        ),
                    ]),
                ),
                (
                    "publication",
                    match &a.publication {
                        Some(p) => Json::obj(vec![
                            ("name", Json::str(&p.name)),
                            ("url", Json::opt(p.url.as_deref())),
                        ]),
                        None => Json::Null,
                    },
                ),
                ("paragraphs", Json::Arr(paragraphs)),
            ])
        })
        .collect();
    let entities = sel
        .entities
        .iter()
        .map(|&ei| {
            let e = &c.entities[ei as usize];
            let mentions = e
                .mentions
                .iter()
                .filter(|m| in_articles(m.article))
                .map(|m| {
                    let t = para_text(m.article, m.paragraph);
                    Json::obj(vec![
                        ("article", art_id(m.article)),
                        ("paragraph", para_id(m.article, m.paragraph)),
                        ("start", Json::Int(chars(t, m.start))),
                        ("end", Json::Int(chars(t, m.end))),
                        ("byte_start", int(m.start)),
                        ("byte_end", int(m.end)),
                        ("text", Json::str(&t[m.start as usize..m.end as usize])),
                    ])
                })
                .collect();
            Json::obj(vec![
                ("id", Json::str(&e.id)),
                ("name", Json::str(&e.name)),
                ("kind", Json::str(e.kind.as_str())),
                (
                    "aliases",
                    Json::strs(e.aliases.iter().map(|a| a.text.as_str())),
                ),
                (
                    "aliases_ignore_case",
                    Json::strs(
                        e.aliases
                            .iter()
                            .filter(|a| a.ignore_case)
                            .map(|a| a.text.as_str()),
                    ),
                ),
                ("description", Json::str(&e.description)),
                ("outside_knowledge", Json::opt(e.outside.as_deref())),
                ("mentions", Json::Arr(mentions)),
            ])
        })
        .collect();
    let events = sel
        .events
        .iter()
        .map(|&vi| {
            let v = &c.events[vi as usize];
            let evidence = v
                .evidence
                .iter()
                .map(|ev| {
                    let t = para_text(ev.article, ev.paragraph);
                    Json::obj(vec![
                        ("article", art_id(ev.article)),
                        ("paragraph", para_id(ev.article, ev.paragraph)),
                        ("quote", Json::str(c.quote(ev))),
                        ("start", Json::Int(chars(t, ev.start))),
                        ("end", Json::Int(chars(t, ev.end))),
                    ])
                })
                .collect();
            Json::obj(vec![
                ("id", Json::str(&v.id)),
                ("title", Json::str(&v.title)),
                (
                    "date",
                    Json::obj(vec![
                        ("start", date(v.date.start)),
                        ("end", date(v.date.end)),
                        ("precision", Json::str(v.date.precision.as_str())),
                        ("status", Json::str(status(v.method))),
                        ("method", Json::str(v.method.as_str())),
                        ("basis", Json::opt(v.basis.as_deref())),
                    ]),
                ),
                (
                    "entities",
                    Json::strs(
                        v.entities
                            .iter()
                            .map(|&e| c.entities[e as usize].id.as_str()),
                    ),
                ),
                ("category", Json::str(v.category.as_str())),
                ("evidence", Json::Arr(evidence)),
            ])
        })
        .collect();
    let figures = sel
        .figures
        .iter()
        .map(|&fi| {
            let f = &c.figures[fi as usize];
            let t = para_text(f.article, f.paragraph);
            Json::obj(vec![
                ("id", Json::str(&f.id)),
                ("article", art_id(f.article)),
                ("paragraph", para_id(f.article, f.paragraph)),
                ("text", Json::str(c.figure_text(f))),
                ("value", Json::Num(f.value)),
                ("unit", Json::str(&f.unit)),
                ("noun", Json::str(&f.noun)),
                ("qualifier", Json::str(&f.qualifier)),
                ("start", Json::Int(chars(t, f.start))),
                ("end", Json::Int(chars(t, f.end))),
            ])
        })
        .collect();
    let in_figures = |f: u32| sel.figures.binary_search(&f).is_ok();
    let measures = c
        .measures
        .iter()
        .filter(|m| m.values.iter().any(|v| in_figures(v.figure)))
        .map(|m| {
            let values = m
                .values
                .iter()
                .filter(|v| in_figures(v.figure))
                .map(|v| {
                    let f = &c.figures[v.figure as usize];
                    Json::obj(vec![
                        ("figure", Json::str(&f.id)),
                        ("as_of", date(v.as_of.start)),
                        ("as_of_end", date(v.as_of.end)),
                        ("as_of_precision", Json::str(v.as_of.precision.as_str())),
                        ("value", Json::Num(f.value)),
                        ("text", Json::str(c.figure_text(f))),
                        ("qualifier", Json::str(&f.qualifier)),
                        ("article", art_id(f.article)),
                        ("paragraph", para_id(f.article, f.paragraph)),
                        ("note", Json::opt(v.note.as_deref())),
                    ])
                })
                .collect();
            Json::obj(vec![
                ("id", Json::str(&m.id)),
                ("name", Json::str(&m.name)),
                ("unit", Json::str(&m.unit)),
                ("description", Json::str(&m.description)),
                ("values", Json::Arr(values)),
            ])
        })
        .collect();
    Json::obj(vec![
        ("articles", Json::Arr(articles)),
        ("entities", Json::Arr(entities)),
        ("events", Json::Arr(events)),
        ("figures", Json::Arr(figures)),
        ("measures", Json::Arr(measures)),
    ])
}

fn status(m: DateMethod) -> &'static str {
    if m == DateMethod::Stated {
        "stated"
    } else {
        "inferred"
    }
}

#[cfg(feature = "json")]
/// The whole corpus as a `serde_json` value (the shape documented in `data/README.md`):
/// [`json_text`] of [`Selection::all`], read back. Offsets `start` and `end` count
/// Unicode characters; `byte_start`/`byte_end` count UTF-8 bytes.
pub fn to_json(c: &Corpus) -> serde_json::Value {
    serde_json::from_str(&json_text(c, &Selection::all(c))).expect("the JSON printer writes JSON")
}

// ---------------------------------------------------------------------------------------
// CSV

/// One CSV cell as RFC 4180 writes it, made safe for spreadsheets: a cell that begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return (which Excel, LibreOffice and
/// Google Sheets would run as a formula) gets a leading `'` and is quoted, unless it is a
/// plain number (`-3.5`); a cell with a comma, quote or line break is quoted, its quotes
/// doubled.
pub fn csv_cell(s: &str, out: &mut String) {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(s);
    if formula || s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        for ch in s.chars() {
            if ch == '"' {
                out.push('"');
            }
            out.push(ch);
        }
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// A whole CSV file: the byte-order mark (so that spreadsheets read UTF-8), the header,
/// the rows, each line ended by CRLF.
fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::from("\u{feff}");
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                out.push(',');
            }
            csv_cell(cell, &mut out);
        }
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

/// Events in date order (then corpus order).
fn events_by_date(c: &Corpus, sel: &Selection) -> Vec<EventIx> {
    let mut evs = sel.events.clone();
    evs.sort_by_key(|&v| {
        let d = &c.events[v as usize].date;
        (d.start, d.end, v)
    });
    evs
}

/// Header of [`csv_events`].
pub const EVENTS_HEADER: &[&str] = &[
    "id",
    "title",
    "start",
    "end",
    "precision",
    "date",
    "status",
    "method",
    "basis",
    "category",
    "entities",
    "articles",
    "quotes",
];

/// The selected events, one row each in date order: dates at their precision, whether
/// stated or inferred and why, the entities involved (names, `; `), the reporting articles
/// (ids, `; `), and each quote on its own line with the article and the paragraph's
/// address: `“quote” (ARTICLE ¶N, URL)`.
pub fn csv_events(c: &Corpus, sel: &Selection, base: &str) -> String {
    let rows = events_by_date(c, sel).into_iter().map(|vi| {
        let v = &c.events[vi as usize];
        let mut arts: Vec<u32> = v.evidence.iter().map(|e| e.article).collect();
        arts.dedup();
        let quotes: Vec<String> = v
            .evidence
            .iter()
            .map(|ev| {
                format!(
                    "“{}” ({} ¶{}, {})",
                    c.quote(ev),
                    c.articles[ev.article as usize].id,
                    ev.paragraph + 1,
                    paragraph_url(c, base, ev.article, ev.paragraph)
                )
            })
            .collect();
        vec![
            v.id.clone(),
            v.title.clone(),
            v.date.start.to_string(),
            v.date.end.to_string(),
            v.date.precision.as_str().into(),
            crate::render::date_label(&v.date),
            status(v.method).into(),
            v.method.as_str().into(),
            v.basis.clone().unwrap_or_default(),
            v.category.as_str().into(),
            v.entities
                .iter()
                .map(|&e| c.entities[e as usize].name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            arts.iter()
                .map(|&a| c.articles[a as usize].id.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            quotes.join("\n"),
        ]
    });
    csv(EVENTS_HEADER, rows)
}

/// Header of [`csv_entities`].
pub const ENTITIES_HEADER: &[&str] = &[
    "id",
    "name",
    "kind",
    "aliases",
    "description",
    "mentions",
    "articles",
    "mentions_per_article",
];

/// The selected entities in gazetteer order: name, kind, aliases (`; `), description, how
/// many mentions in the selected articles and in how many of them, and the count per
/// article (`ARTICLE: N; …`, in corpus order).
pub fn csv_entities(c: &Corpus, sel: &Selection) -> String {
    let rows = sel.entities.iter().map(|&ei| {
        let e = &c.entities[ei as usize];
        let mut per: Vec<(u32, usize)> = Vec::new();
        for m in &e.mentions {
            if sel.articles.binary_search(&m.article).is_err() {
                continue;
            }
            match per.iter_mut().find(|(a, _)| *a == m.article) {
                Some((_, n)) => *n += 1,
                None => per.push((m.article, 1)),
            }
        }
        per.sort_unstable();
        let total: usize = per.iter().map(|p| p.1).sum();
        vec![
            e.id.clone(),
            e.name.clone(),
            e.kind.as_str().into(),
            e.aliases
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            e.description.clone(),
            total.to_string(),
            per.len().to_string(),
            per.iter()
                .map(|&(a, n)| format!("{}: {n}", c.articles[a as usize].id))
                .collect::<Vec<_>>()
                .join("; "),
        ]
    });
    csv(ENTITIES_HEADER, rows)
}

/// Header of [`csv_figures`].
pub const FIGURES_HEADER: &[&str] = &[
    "id",
    "measure",
    "measure_id",
    "value",
    "unit",
    "noun",
    "qualifier",
    "text",
    "as_of",
    "as_of_precision",
    "article",
    "paragraph",
    "passage",
    "url",
];

/// The selected figures in corpus order: the measure each belongs to (a figure in two
/// measures has a row for each; one in none has empty measure columns), its value (plain
/// decimal), unit, noun, qualifier and words, the date it describes, its article and
/// paragraph, the paragraph's text (the passage) and address.
pub fn csv_figures(c: &Corpus, sel: &Selection, base: &str) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for &fi in &sel.figures {
        let f = &c.figures[fi as usize];
        let mut of: Vec<(&Measure, &MeasureValue)> = Vec::new();
        for m in &c.measures {
            for v in m.values.iter().filter(|v| v.figure == fi) {
                of.push((m, v));
            }
        }
        let row = |m: Option<(&Measure, &MeasureValue)>| {
            vec![
                f.id.clone(),
                m.map(|m| m.0.name.clone()).unwrap_or_default(),
                m.map(|m| m.0.id.clone()).unwrap_or_default(),
                crate::json::decimal(f.value),
                f.unit.clone(),
                f.noun.clone(),
                f.qualifier.clone(),
                c.figure_text(f).to_string(),
                m.map(|m| m.1.as_of.to_source()).unwrap_or_default(),
                m.map(|m| m.1.as_of.precision.as_str().to_string())
                    .unwrap_or_default(),
                c.articles[f.article as usize].id.clone(),
                format!("p{}", f.paragraph + 1),
                c.paragraph_text(f.article, f.paragraph).to_string(),
                paragraph_url(c, base, f.article, f.paragraph),
            ]
        };
        if of.is_empty() {
            rows.push(row(None));
        }
        for m in of {
            rows.push(row(Some(m)));
        }
    }
    csv(FIGURES_HEADER, rows.into_iter())
}

// ---------------------------------------------------------------------------------------
// TimelineJS

/// Escape text for the HTML TimelineJS puts in a slide.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A TimelineJS date object at a precision: `{year}`, `{year, month}` or `{year, month,
/// day}`.
fn tl_date(d: crate::Date, precision: crate::Precision) -> Json {
    let mut f = vec![("year", Json::Int(i64::from(d.year)))];
    if precision != crate::Precision::Year {
        f.push(("month", Json::Int(i64::from(d.month))));
    }
    if matches!(precision, crate::Precision::Day | crate::Precision::Span) {
        f.push(("day", Json::Int(i64::from(d.day))));
    }
    Json::obj(f)
}

/// How an event's date reads, its precision and provenance said: `9 Jan 2023`,
/// `February 2023 (inferred)`, `Jul 2021 – Dec 2022 (resolved)`.
pub fn display_date(v: &Event) -> String {
    let label = crate::render::date_label(&v.date);
    match v.method {
        DateMethod::Stated => label,
        m => format!("{label} ({})", m.as_str()),
    }
}

/// The selection as TimelineJS 3 reads it: one slide per event (`start_date`, and
/// `end_date` for a span, at the date's precision: a month-long date is `{year, month}`),
/// `display_date` saying the date at its precision and whether it is inferred, the
/// category as `group`, a body with how the date was worked out and every quote linked to
/// its paragraph (HTML-escaped); `era` events become `eras`; a title slide.
pub fn timelinejs(c: &Corpus, sel: &Selection, base: &str) -> String {
    let mut events = Vec::new();
    let mut eras = Vec::new();
    for vi in events_by_date(c, sel) {
        let v = &c.events[vi as usize];
        let start = tl_date(v.date.start, v.date.precision);
        let span = v.date.precision == crate::Precision::Span;
        if v.category == Category::Era {
            eras.push(Json::obj(vec![
                ("start_date", start),
                ("end_date", tl_date(v.date.end, v.date.precision)),
                ("text", Json::obj(vec![("headline", Json::str(&v.title))])),
            ]));
            continue;
        }
        let mut body = String::new();
        if let Some(how) = crate::render::how_dated(v.method, v.basis.as_deref()) {
            body.push_str(&format!("<p><em>Date {}</em></p>", html(&how)));
        }
        for ev in &v.evidence {
            body.push_str(&format!(
                "<blockquote>“{}” — <a href=\"{}\">{} ¶{}</a></blockquote>",
                html(c.quote(ev)),
                html(&paragraph_url(c, base, ev.article, ev.paragraph)),
                html(&c.articles[ev.article as usize].title),
                ev.paragraph + 1
            ));
        }
        // Category names are ASCII: no Unicode case tables in the app for this.
        let mut group = v.category.as_str().to_string();
        group[..1].make_ascii_uppercase();
        let mut f = vec![
            ("unique_id", Json::str(&v.id)),
            ("start_date", start),
            ("display_date", Json::str(display_date(v))),
            (
                "text",
                Json::obj(vec![
                    ("headline", Json::str(html(&v.title))),
                    ("text", Json::Str(body)),
                ]),
            ),
            ("group", Json::Str(group)),
        ];
        if span {
            f.push(("end_date", tl_date(v.date.end, v.date.precision)));
        }
        events.push(Json::obj(f));
    }
    let title = Json::obj(vec![(
        "text",
        Json::obj(vec![
            ("headline", Json::str("Peru Crisis Explorer")),
            (
                "text",
                Json::Str(format!(
                    "<p>{} from {}. Each quote links to its paragraph in the explorer.</p>",
                    crate::render::count(events.len(), "event"),
                    html(&crate::render::count(
                        {
                            let mut a: Vec<u32> = sel
                                .events
                                .iter()
                                .flat_map(|&v| {
                                    c.events[v as usize].evidence.iter().map(|e| e.article)
                                })
                                .collect();
                            a.sort_unstable();
                            a.dedup();
                            a.len()
                        },
                        "article"
                    ))
                )),
            ),
        ]),
    )]);
    let mut out = Json::obj(vec![
        ("title", title),
        ("events", Json::Arr(events)),
        ("eras", Json::Arr(eras)),
    ])
    .pretty();
    out.push('\n');
    out
}

/// What the explorer shows for a URL query (`q=Kenna&e=lima`), as JSON: what the URL
/// reader ignored, the articles in the order listed, the events, the entities whose names
/// match, and every facet count. `corpus query` prints it, so that the end-to-end tests
/// read their expectations from the corpus they run on instead of writing its numbers.
#[cfg(feature = "json")]
pub fn query_json(engine: &crate::query::Engine, query: &str) -> serde_json::Value {
    use serde_json::{json, Value};
    let c = engine.corpus();
    let parsed = crate::state::parse_query(c, query);
    let r = engine.run(&parsed.state.filter());
    let facets: serde_json::Map<String, Value> = r
        .facets
        .iter()
        .map(|f| {
            (
                c.entities[f.entity as usize].id.clone(),
                json!({ "articles": f.articles, "events": f.events }),
            )
        })
        .collect();
    json!({
        "query": query,
        "ignored": parsed.ignored,
        "articles": r.articles.iter().map(|a| c.articles[a.article as usize].id.clone()).collect::<Vec<_>>(),
        "events": r.events.iter().map(|&e| c.events[e as usize].id.clone()).collect::<Vec<_>>(),
        "entities": r.entities.iter().map(|&e| c.entities[e as usize].id.clone()).collect::<Vec<_>>(),
        "measures": r.measures.iter().map(|&m| c.measures[m as usize].id.clone()).collect::<Vec<_>>(),
        "facets": facets,
    })
}
