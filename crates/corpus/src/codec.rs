//! How the corpus file stores its two largest parts so that gzip shrinks them: the
//! events and the figures by field ([`events`], [`figures`]), and the entities' mentions
//! packed in columns.
//!
//! The mentions: postcard would write each mention
//! as four varints side by side (article, paragraph, start, end), which gzip can hardly
//! shrink (5.1 MB of the 8.9 MB first-screen file at 10,000 articles). Here they are
//! deltas in four columns, one after the other, for all entities: the article from the
//! entity's previous mention, the paragraph from the previous one in the same article,
//! the start from the previous one in the same paragraph, and the length. Each column
//! holds similar small numbers, so gzip does much better (2.3 MB at 10,000 articles).
//! Deltas wrap, so mentions in any order come back exactly.

use crate::model::{Entity, Mention};
use serde::de::{Error as _, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

fn put(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A reader of one column.
struct Column<'a>(&'a [u8]);

impl Column<'_> {
    fn next(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        for (i, &b) in self.0.iter().enumerate().take(5) {
            v |= u32::from(b & 0x7f).checked_shl(7 * i as u32)?;
            if b & 0x80 == 0 {
                self.0 = &self.0[i + 1..];
                return Some(v);
            }
        }
        None
    }
}

/// The mentions of `entities`, packed.
pub fn pack(entities: &[Entity]) -> Vec<u8> {
    let mut cols: [Vec<u8>; 4] = Default::default();
    for e in entities {
        put(&mut cols[0], e.mentions.len() as u32);
        let (mut a0, mut p0, mut s0) = (0u32, 0u32, 0u32);
        for m in &e.mentions {
            let da = m.article.wrapping_sub(a0);
            if da != 0 {
                (p0, s0) = (0, 0);
            }
            let dp = m.paragraph.wrapping_sub(p0);
            if dp != 0 {
                s0 = 0;
            }
            put(&mut cols[0], da);
            put(&mut cols[1], dp);
            put(&mut cols[2], m.start.wrapping_sub(s0));
            put(&mut cols[3], m.end.wrapping_sub(m.start));
            (a0, p0, s0) = (m.article, m.paragraph, m.start);
        }
    }
    let mut out = Vec::with_capacity(cols.iter().map(Vec::len).sum::<usize>() + 15);
    for c in &cols[..3] {
        put(&mut out, c.len() as u32);
    }
    for c in &cols {
        out.extend_from_slice(c);
    }
    out
}

/// Read the mentions [`pack`] wrote into `entities` (in order); an error if the bytes
/// are not exactly that.
pub fn unpack(entities: &mut [Entity], bytes: &[u8]) -> Result<(), String> {
    let bad = || "the mentions are damaged".to_string();
    let mut head = Column(bytes);
    let mut lens = [0usize; 3];
    for l in &mut lens {
        *l = head.next().ok_or_else(bad)? as usize;
    }
    let mut rest = head.0;
    let mut cols: Vec<Column> = Vec::with_capacity(4);
    for l in lens {
        if l > rest.len() {
            return Err(bad());
        }
        let (c, r) = rest.split_at(l);
        cols.push(Column(c));
        rest = r;
    }
    cols.push(Column(rest));
    for e in entities.iter_mut() {
        let n = cols[0].next().ok_or_else(bad)? as usize;
        // Each mention takes at least one byte of each column.
        if n > cols[3].0.len() {
            return Err(bad());
        }
        let mut mentions = Vec::with_capacity(n);
        let (mut a0, mut p0, mut s0) = (0u32, 0u32, 0u32);
        for _ in 0..n {
            let da = cols[0].next().ok_or_else(bad)?;
            let dp = cols[1].next().ok_or_else(bad)?;
            let ds = cols[2].next().ok_or_else(bad)?;
            let len = cols[3].next().ok_or_else(bad)?;
            if da != 0 {
                (p0, s0) = (0, 0);
            }
            if dp != 0 {
                s0 = 0;
            }
            let article = a0.wrapping_add(da);
            let paragraph = p0.wrapping_add(dp);
            let start = s0.wrapping_add(ds);
            mentions.push(Mention {
                article,
                paragraph,
                start,
                end: start.wrapping_add(len),
            });
            (a0, p0, s0) = (article, paragraph, start);
        }
        e.mentions = mentions;
    }
    if cols.iter().any(|c| !c.0.is_empty()) {
        return Err(bad());
    }
    Ok(())
}

/// Bytes as postcard stores them (a length, then the bytes), read in one piece.
struct Bytes(Vec<u8>);

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Bytes;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<Bytes, A::Error> {
                let mut v = Vec::new();
                while let Some(b) = s.next_element()? {
                    v.push(b);
                }
                Ok(Bytes(v))
            }
        }
        d.deserialize_bytes(V)
    }
}

/// `#[serde(with = "crate::codec::entities")]` on [`crate::Corpus::entities`]: the
/// entities without their mentions, then the mentions [`pack`]ed.
pub mod entities {
    use super::*;

    /// Write the entities, then their mentions packed.
    pub fn serialize<S: Serializer>(v: &[Entity], s: S) -> Result<S::Ok, S::Error> {
        struct Packed<'a>(&'a [u8]);
        impl Serialize for Packed<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        (v, Packed(&pack(v))).serialize(s)
    }

    /// Read what [`serialize`] wrote.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Entity>, D::Error> {
        let (mut v, packed): (Vec<Entity>, Bytes) = Deserialize::deserialize(d)?;
        unpack(&mut v, &packed.0).map_err(D::Error::custom)?;
        Ok(v)
    }
}

/// Columns read back must all hold `n` values.
fn same_length(n: usize, lens: &[usize], what: &str) -> Result<(), String> {
    if lens.iter().all(|&l| l == n) {
        Ok(())
    } else {
        Err(format!("the {what}' columns differ in length"))
    }
}

/// `#[serde(with = "crate::codec::events")]` on [`crate::Corpus::events`]: the events
/// by field, one column after another (ids, titles, dates, methods, bases, categories,
/// entities, evidence), which gzip shrinks to about half of the events side by side
/// (2.45 → 1.3 MB at 10,000 articles: like fields sit together).
pub mod events {
    use crate::date::DateSpec;
    use crate::model::{Category, DateMethod, EntityIx, Event, Evidence};
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    type Columns<'a> = (
        Vec<&'a str>,
        Vec<&'a str>,
        Vec<DateSpec>,
        Vec<DateMethod>,
        Vec<Option<&'a str>>,
        Vec<Category>,
        Vec<&'a [EntityIx]>,
        Vec<&'a [Evidence]>,
    );

    type Owned = (
        Vec<String>,
        Vec<String>,
        Vec<DateSpec>,
        Vec<DateMethod>,
        Vec<Option<String>>,
        Vec<Category>,
        Vec<Vec<EntityIx>>,
        Vec<Vec<Evidence>>,
    );

    /// Write the events as columns.
    pub fn serialize<S: Serializer>(v: &[Event], s: S) -> Result<S::Ok, S::Error> {
        let cols: Columns = (
            v.iter().map(|e| e.id.as_str()).collect(),
            v.iter().map(|e| e.title.as_str()).collect(),
            v.iter().map(|e| e.date).collect(),
            v.iter().map(|e| e.method).collect(),
            v.iter().map(|e| e.basis.as_deref()).collect(),
            v.iter().map(|e| e.category).collect(),
            v.iter().map(|e| e.entities.as_slice()).collect(),
            v.iter().map(|e| e.evidence.as_slice()).collect(),
        );
        cols.serialize(s)
    }

    /// Read what [`serialize`] wrote: columns of one length.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Event>, D::Error> {
        let (ids, titles, dates, methods, bases, categories, entities, evidence): Owned =
            Deserialize::deserialize(d)?;
        let n = ids.len();
        let lens = [
            titles.len(),
            dates.len(),
            methods.len(),
            bases.len(),
            categories.len(),
            entities.len(),
            evidence.len(),
        ];
        super::same_length(n, &lens, "events").map_err(D::Error::custom)?;
        let mut out = Vec::with_capacity(n);
        let mut titles = titles.into_iter();
        let mut bases = bases.into_iter();
        let mut entities = entities.into_iter();
        let mut evidence = evidence.into_iter();
        for (i, id) in ids.into_iter().enumerate() {
            out.push(Event {
                id,
                title: titles.next().unwrap_or_default(),
                date: dates[i],
                method: methods[i],
                basis: bases.next().flatten(),
                category: categories[i],
                entities: entities.next().unwrap_or_default(),
                evidence: evidence.next().unwrap_or_default(),
            });
        }
        Ok(out)
    }
}

/// `#[serde(with = "crate::codec::figures")]` on [`crate::Corpus::figures`]: the figures
/// by field, as [`events`] are.
pub mod figures {
    use crate::model::Figure;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    type Columns<'a> = (
        Vec<u32>,
        Vec<u32>,
        Vec<u32>,
        Vec<u32>,
        Vec<f64>,
        Vec<&'a str>,
        Vec<&'a str>,
        Vec<&'a str>,
    );

    type Owned = (
        Vec<u32>,
        Vec<u32>,
        Vec<u32>,
        Vec<u32>,
        Vec<f64>,
        Vec<String>,
        Vec<String>,
        Vec<String>,
    );

    /// Write the figures as columns.
    pub fn serialize<S: Serializer>(v: &[Figure], s: S) -> Result<S::Ok, S::Error> {
        let cols: Columns = (
            v.iter().map(|f| f.article).collect(),
            v.iter().map(|f| f.paragraph).collect(),
            v.iter().map(|f| f.start).collect(),
            v.iter().map(|f| f.end.wrapping_sub(f.start)).collect(),
            v.iter().map(|f| f.value).collect(),
            v.iter().map(|f| f.unit.as_str()).collect(),
            v.iter().map(|f| f.noun.as_str()).collect(),
            v.iter().map(|f| f.qualifier.as_str()).collect(),
        );
        cols.serialize(s)
    }

    /// Read what [`serialize`] wrote: columns of one length.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Figure>, D::Error> {
        let (articles, paragraphs, starts, lens, values, units, nouns, qualifiers): Owned =
            Deserialize::deserialize(d)?;
        let n = articles.len();
        let column_lens = [
            paragraphs.len(),
            starts.len(),
            lens.len(),
            values.len(),
            units.len(),
            nouns.len(),
            qualifiers.len(),
        ];
        super::same_length(n, &column_lens, "figures").map_err(D::Error::custom)?;
        let mut units = units.into_iter();
        let mut nouns = nouns.into_iter();
        let mut qualifiers = qualifiers.into_iter();
        Ok((0..n)
            .map(|i| Figure {
                id: String::new(),
                article: articles[i],
                paragraph: paragraphs[i],
                start: starts[i],
                end: starts[i].wrapping_add(lens[i]),
                value: values[i],
                unit: units.next().unwrap_or_default(),
                noun: nouns.next().unwrap_or_default(),
                qualifier: qualifiers.next().unwrap_or_default(),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EntityKind;

    fn entity(mentions: Vec<Mention>) -> Entity {
        Entity {
            id: "x".into(),
            name: "X".into(),
            kind: EntityKind::Person,
            aliases: Vec::new(),
            description: String::new(),
            outside: None,
            mentions,
        }
    }

    fn m(article: u32, paragraph: u32, start: u32, end: u32) -> Mention {
        Mention {
            article,
            paragraph,
            start,
            end,
        }
    }

    #[test]
    fn mentions_in_any_order_come_back_exactly() {
        let es = vec![
            entity(vec![
                m(0, 0, 3, 9),
                m(0, 0, 20, 25),
                m(0, 4, 1, 2),
                m(7, 2, 0, 10),
            ]),
            entity(Vec::new()),
            // Out of order and extreme: deltas wrap.
            entity(vec![
                m(9, 3, 5, 4),
                m(2, 0, u32::MAX, 0),
                m(u32::MAX, u32::MAX, 0, u32::MAX),
            ]),
        ];
        let packed = pack(&es);
        let mut back: Vec<Entity> = es
            .iter()
            .map(|e| entity(vec![m(1, 1, 1, 1); e.mentions.len() + 1]))
            .collect();
        unpack(&mut back, &packed).unwrap();
        assert_eq!(back, es);
    }

    #[test]
    fn damaged_bytes_are_refused_not_read() {
        let es = vec![
            entity(vec![m(0, 0, 3, 9), m(1, 2, 20, 25)]),
            entity(vec![m(4, 0, 1, 2)]),
        ];
        let packed = pack(&es);
        let mut into = vec![entity(Vec::new()), entity(Vec::new())];
        for cut in 0..packed.len() {
            assert!(unpack(&mut into, &packed[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = packed.clone();
        longer.push(0);
        assert!(unpack(&mut into, &longer).is_err());
        // More entities than the bytes describe.
        let mut three = vec![entity(Vec::new()), entity(Vec::new()), entity(Vec::new())];
        assert!(unpack(&mut three, &packed).is_err());
        // A count far beyond the bytes.
        assert!(unpack(&mut into, &[0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]).is_err());
    }
}
