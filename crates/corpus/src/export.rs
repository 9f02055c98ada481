//! The compact binary the app embeds, and the JSON export.
//!
//! The binary is a 4-byte magic and version (`PCE` + 2) followed by the [`Corpus`] in
//! postcard (serde, varint integers), so both sides read and write the same Rust types
//! and there is no second definition of the format to drift.

use crate::error::{Error, ErrorKind};
use crate::model::Corpus;
#[cfg(feature = "json")]
use crate::model::*;
#[cfg(feature = "json")]
use serde_json::{json, Value};

/// Magic bytes and format version.
pub const MAGIC: &[u8; 4] = b"PCE\x02";

/// Encode a corpus.
pub fn encode(corpus: &Corpus) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    // Serializing plain data into a Vec cannot fail.
    out.extend(postcard::to_allocvec(corpus).expect("corpus serializes"));
    out
}

/// Decode a corpus written by [`encode`].
pub fn decode(bytes: &[u8]) -> Result<Corpus, Error> {
    let body = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| {
        Error::bare(ErrorKind::Decode(
            "not a corpus file of this version".into(),
        ))
    })?;
    let mut c: Corpus =
        postcard::from_bytes(body).map_err(|e| Error::bare(ErrorKind::Decode(e.to_string())))?;
    derive_ids(&mut c);
    Ok(c)
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

#[cfg(feature = "json")]
fn chars(text: &str, byte: u32) -> usize {
    text[..byte as usize].chars().count()
}

#[cfg(feature = "json")]
/// The whole corpus as JSON (the shape documented in `data/README.md`). Offsets `start`
/// and `end` count Unicode characters; `byte_start`/`byte_end` count UTF-8 bytes.
pub fn to_json(c: &Corpus) -> Value {
    let para_text = |a: u32, p: u32| c.articles[a as usize].paragraphs[p as usize].text.as_str();
    let para_id = |a: u32, p: u32| c.articles[a as usize].paragraphs[p as usize].id.clone();
    let art_id = |a: u32| c.articles[a as usize].id.clone();
    let articles: Vec<Value> = c
        .articles
        .iter()
        .map(|a| {
            json!({
                "id": a.id,
                "source_file": a.source_file,
                "title": a.title,
                "title_status": a.title_status.as_str(),
                "title_reason": a.title_reason,
                "authors": a.authors,
                "authors_status": a.authors_status.as_str(),
                "authors_reason": a.authors_reason,
                "published": {
                    "date": a.published.date.to_string(),
                    "precision": a.published.precision.as_str(),
                    "status": a.published.status.as_str(),
                    "reason": a.published.reason,
                    "earliest": a.published.earliest.map(|d| d.to_string()),
                    "latest": a.published.latest.map(|d| d.to_string()),
                },
                "publication": a.publication.as_ref().map(|p| json!({ "name": p.name, "url": p.url })),
                "paragraphs": a.paragraphs.iter().map(|p| json!({
                    "id": p.id,
                    "kind": match p.kind { ParagraphKind::Body => "body", ParagraphKind::Caption => "caption" },
                    "text": p.text,
                    "emphasis": p.emphasis.iter().map(|e| json!({
                        "start": chars(&p.text, e.start), "end": chars(&p.text, e.end),
                        "strong": e.strong,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let entities: Vec<Value> = c
        .entities
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "name": e.name,
                "kind": e.kind.as_str(),
                "aliases": e.aliases.iter().map(|a| a.text.clone()).collect::<Vec<_>>(),
                "aliases_ignore_case": e.aliases.iter().filter(|a| a.ignore_case).map(|a| a.text.clone()).collect::<Vec<_>>(),
                "description": e.description,
                "outside_knowledge": e.outside,
                "mentions": e.mentions.iter().map(|m| {
                    let t = para_text(m.article, m.paragraph);
                    json!({
                        "article": art_id(m.article),
                        "paragraph": para_id(m.article, m.paragraph),
                        "start": chars(t, m.start), "end": chars(t, m.end),
                        "byte_start": m.start, "byte_end": m.end,
                        "text": &t[m.start as usize..m.end as usize],
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let events: Vec<Value> = c
        .events
        .iter()
        .map(|v| {
            json!({
                "id": v.id,
                "title": v.title,
                "date": {
                    "start": v.date.start.to_string(),
                    "end": v.date.end.to_string(),
                    "precision": v.date.precision.as_str(),
                    "status": if v.method == DateMethod::Stated { "stated" } else { "inferred" },
                    "method": v.method.as_str(),
                    "basis": v.basis,
                },
                "entities": v.entities.iter().map(|&e| c.entities[e as usize].id.clone()).collect::<Vec<_>>(),
                "category": v.category.as_str(),
                "evidence": v.evidence.iter().map(|ev| {
                    let t = para_text(ev.article, ev.paragraph);
                    json!({
                        "article": art_id(ev.article),
                        "paragraph": para_id(ev.article, ev.paragraph),
                        "quote": c.quote(ev),
                        "start": chars(t, ev.start), "end": chars(t, ev.end),
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let figures: Vec<Value> = c
        .figures
        .iter()
        .map(|f| {
            let t = para_text(f.article, f.paragraph);
            json!({
                "id": f.id,
                "article": art_id(f.article),
                "paragraph": para_id(f.article, f.paragraph),
                "text": c.figure_text(f),
                "value": f.value,
                "unit": f.unit,
                "noun": f.noun,
                "qualifier": f.qualifier,
                "start": chars(t, f.start), "end": chars(t, f.end),
            })
        })
        .collect();
    let measures: Vec<Value> = c
        .measures
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "name": m.name,
                "unit": m.unit,
                "description": m.description,
                "values": m.values.iter().map(|v| {
                    let f = &c.figures[v.figure as usize];
                    json!({
                        "figure": f.id,
                        "as_of": v.as_of.start.to_string(),
                        "as_of_end": v.as_of.end.to_string(),
                        "as_of_precision": v.as_of.precision.as_str(),
                        "value": f.value,
                        "text": c.figure_text(f),
                        "qualifier": f.qualifier,
                        "article": art_id(f.article),
                        "paragraph": para_id(f.article, f.paragraph),
                        "note": v.note,
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "articles": articles,
        "entities": entities,
        "events": events,
        "figures": figures,
        "measures": measures,
    })
}

/// What the explorer shows for a URL query (`q=Kenna&e=lima`), as JSON: what the URL
/// reader ignored, the articles in the order listed, the events, the entities whose names
/// match, and every facet count. `corpus query` prints it, so that the end-to-end tests
/// read their expectations from the corpus they run on instead of writing its numbers.
#[cfg(feature = "json")]
pub fn query_json(engine: &crate::query::Engine, query: &str) -> Value {
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
