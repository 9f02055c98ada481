//! The articles' text as files read on demand.
//!
//! A large corpus keeps its paragraphs' text (and their emphasis) out of the corpus file
//! the first screen needs: the build cuts it into parts of consecutive articles, each
//! written as its own file ([`TextPart::path`], named by its SHA-256 like the search
//! index's chunks), and the corpus file keeps only what each part holds (its first article,
//! how many, its hash and size: [`TextMeta`]). The corpus read from such a file has every
//! paragraph (its kind, its place for links, the mentions and figures in it) with empty
//! text; the app fetches a part when a view shows one of its articles and installs it
//! ([`Corpus::install_text`]), after which [`Corpus::paragraph_text`] returns the text.
//! A small corpus (the real one) keeps its text in the corpus file: [`TextMeta`] is empty
//! and every article's text is always there.

use crate::model::{ArticleIx, Corpus, Emphasis};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One file of text: the paragraphs of `count` articles from `first`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPart {
    /// Its first article.
    pub first: ArticleIx,
    /// How many consecutive articles it holds.
    pub count: u32,
    /// The SHA-256 of the file as stored (gzipped): its name and its integrity.
    pub sha256: [u8; 32],
    /// The file's size as stored, in bytes.
    pub size: u32,
}

impl TextPart {
    /// The file's path relative to the corpus file: `text/` and 16 hex digits of its hash.
    pub fn path(&self) -> String {
        crate::util::hashed_path("text/", &self.sha256)
    }

    /// Its subresource integrity (`sha256-` and the hash in base64).
    pub fn integrity(&self) -> String {
        crate::util::integrity(&self.sha256)
    }
}

/// Where the text is: in the corpus file (no parts) or in these files.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextMeta {
    /// The parts, in article order, covering every article once.
    pub parts: Vec<TextPart>,
}

/// A paragraph's text as a part file holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParaText {
    /// The clean text.
    pub text: String,
    /// Its emphasis ranges.
    pub emphasis: Vec<Emphasis>,
}

/// A part file's contents (postcard, then gzip).
#[derive(Serialize, Deserialize)]
struct PartData {
    first: ArticleIx,
    articles: Vec<Vec<ParaText>>,
}

/// The text of a corpus whose text is in part files: what is loaded so far.
#[derive(Clone, Debug, Default)]
pub struct TextStore {
    parts: Vec<TextPart>,
    loaded: Vec<OnceLock<Vec<Vec<ParaText>>>>,
}

impl PartialEq for TextStore {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl TextStore {
    /// The part files (empty when the text is in the corpus file).
    pub fn parts(&self) -> &[TextPart] {
        &self.parts
    }

    /// The part holding article `a`.
    pub fn part_of(&self, a: ArticleIx) -> Option<u32> {
        let i = self.parts.partition_point(|p| p.first <= a);
        let p = self.parts.get(i.checked_sub(1)?)?;
        (a < p.first + p.count).then_some(i as u32 - 1)
    }

    fn paragraph(&self, a: ArticleIx, p: u32) -> Option<&ParaText> {
        let part = self.part_of(a)? as usize;
        let first = self.parts[part].first;
        self.loaded[part]
            .get()?
            .get((a - first) as usize)?
            .get(p as usize)
    }
}

impl Corpus {
    /// Say that the text is in these part files (the corpus's paragraphs hold none): used
    /// when the corpus file is read. Refused if the parts do not cover every article once,
    /// in order.
    pub fn set_text_parts(&mut self, meta: TextMeta) -> Result<(), String> {
        let mut next = 0u32;
        for (i, p) in meta.parts.iter().enumerate() {
            if p.first != next || p.count == 0 {
                return Err(format!(
                    "text file {} does not follow the one before it",
                    i + 1
                ));
            }
            next = p.first.saturating_add(p.count);
        }
        if !meta.parts.is_empty() && next as usize != self.articles.len() {
            return Err("the text files do not cover every article".into());
        }
        self.text = TextStore {
            loaded: meta.parts.iter().map(|_| OnceLock::new()).collect(),
            parts: meta.parts,
        };
        Ok(())
    }

    /// How many bytes of text the paragraphs hold (none in a corpus read from a file whose
    /// text is in text files): what decides whether the build writes text files.
    pub fn text_bytes(&self) -> usize {
        self.articles
            .iter()
            .flat_map(|a| &a.paragraphs)
            .map(|p| p.text.len())
            .sum()
    }

    /// Whether article `a`'s text is here (always, when the corpus file holds the text).
    pub fn has_text(&self, a: ArticleIx) -> bool {
        match self.text.part_of(a) {
            Some(p) => self.text.loaded[p as usize].get().is_some(),
            None => true,
        }
    }

    /// The text files that the articles `articles` need and that are not loaded yet, each
    /// once, in order.
    pub fn text_parts_needed(&self, articles: impl IntoIterator<Item = ArticleIx>) -> Vec<u32> {
        let mut out: Vec<u32> = articles
            .into_iter()
            .filter_map(|a| self.text.part_of(a))
            .filter(|&p| self.text.loaded[p as usize].get().is_none())
            .collect();
        crate::util::sort(&mut out);
        out.dedup();
        out
    }

    /// The text of paragraph `p` of article `a`: empty while its text file is not loaded
    /// (or for a paragraph that does not exist).
    pub fn paragraph_text(&self, a: ArticleIx, p: u32) -> &str {
        if self.text.parts.is_empty() {
            return self
                .articles
                .get(a as usize)
                .and_then(|x| x.paragraphs.get(p as usize))
                .map_or("", |x| x.text.as_str());
        }
        self.text.paragraph(a, p).map_or("", |x| x.text.as_str())
    }

    /// The emphasis of paragraph `p` of article `a` (none while its text is not loaded).
    pub fn paragraph_emphasis(&self, a: ArticleIx, p: u32) -> &[Emphasis] {
        if self.text.parts.is_empty() {
            return self
                .articles
                .get(a as usize)
                .and_then(|x| x.paragraphs.get(p as usize))
                .map_or(&[], |x| x.emphasis.as_slice());
        }
        self.text
            .paragraph(a, p)
            .map_or(&[], |x| x.emphasis.as_slice())
    }

    /// Install text file `part` (its bytes, inflated). It is checked first: its articles and
    /// their paragraphs are the ones the corpus has, and every mention, figure, piece of
    /// evidence and emphasis in them falls on the text's character boundaries; nothing is
    /// installed otherwise. Installing a part twice does nothing.
    pub fn install_text(&self, part: u32, bytes: &[u8]) -> Result<(), String> {
        let meta = self
            .text
            .parts
            .get(part as usize)
            .ok_or_else(|| format!("there is no text file {}", part + 1))?;
        let bad = |why: &str| format!("text file {} is damaged: {why}", part + 1);
        let data: PartData =
            postcard::from_bytes(bytes).map_err(|_| bad("it is not a text file of this corpus"))?;
        if data.first != meta.first || data.articles.len() != meta.count as usize {
            return Err(bad("it holds other articles"));
        }
        let range = meta.first..meta.first + meta.count;
        let out_of_text =
            "its text does not hold the names, figures, quotes or emphasis of its articles";
        for (i, paras) in data.articles.iter().enumerate() {
            let a = &self.articles[(meta.first as usize) + i];
            if paras.len() != a.paragraphs.len() {
                return Err(bad("its articles have other paragraphs"));
            }
            if paras
                .iter()
                .any(|p| p.emphasis.iter().any(|e| !fits(&p.text, e.start, e.end)))
            {
                return Err(bad(out_of_text));
            }
        }
        let fits_at = |a: ArticleIx, p: u32, s: u32, e: u32| {
            !range.contains(&a)
                || data
                    .articles
                    .get((a - meta.first) as usize)
                    .and_then(|x| x.get(p as usize))
                    .is_some_and(|x| fits(&x.text, s, e))
        };
        let mentions = self.entities.iter().all(|ent| {
            let from = ent.mentions.partition_point(|m| m.article < meta.first);
            ent.mentions[from..]
                .iter()
                .take_while(|m| range.contains(&m.article))
                .all(|m| fits_at(m.article, m.paragraph, m.start, m.end))
        });
        let figures = self
            .figures
            .iter()
            .all(|f| fits_at(f.article, f.paragraph, f.start, f.end));
        let quotes = self
            .events
            .iter()
            .flat_map(|e| e.evidence.iter())
            .all(|x| fits_at(x.article, x.paragraph, x.start, x.end));
        if !(mentions && figures && quotes) {
            return Err(bad(out_of_text));
        }
        let _ = self.text.loaded[part as usize].set(data.articles);
        Ok(())
    }
}

fn fits(text: &str, start: u32, end: u32) -> bool {
    start <= end && text.get(start as usize..end as usize).is_some()
}

/// Move the text of `corpus` into part files of about `target` bytes of text each (an
/// article is never split): the corpus keeps its paragraphs with empty text. Returns the
/// parts' description (hash and size left zero: the writer fills them) and each part's
/// contents, to be gzipped.
#[cfg(feature = "build-index")]
pub fn split(corpus: &mut Corpus, target: usize) -> (TextMeta, Vec<Vec<u8>>) {
    let mut meta = TextMeta::default();
    let mut files = Vec::new();
    let mut data = PartData {
        first: 0,
        articles: Vec::new(),
    };
    let mut bytes = 0usize;
    let n = corpus.articles.len();
    for (i, a) in corpus.articles.iter_mut().enumerate() {
        let paras: Vec<ParaText> = a
            .paragraphs
            .iter_mut()
            .map(|p| ParaText {
                text: std::mem::take(&mut p.text),
                emphasis: std::mem::take(&mut p.emphasis),
            })
            .collect();
        bytes += paras.iter().map(|p| p.text.len()).sum::<usize>();
        data.articles.push(paras);
        if bytes >= target || i + 1 == n {
            meta.parts.push(TextPart {
                first: data.first,
                count: data.articles.len() as u32,
                sha256: [0; 32],
                size: 0,
            });
            files.push(postcard::to_allocvec(&data).expect("text serializes"));
            data = PartData {
                first: i as u32 + 1,
                articles: Vec::new(),
            };
            bytes = 0;
        }
    }
    corpus.text = TextStore {
        loaded: meta.parts.iter().map(|_| OnceLock::new()).collect(),
        parts: meta.parts.clone(),
    };
    (meta, files)
}
