//! Full-text search that forgives accents and case.
//!
//! Text is split into words (runs of letters and digits); each word is *folded*: lowercased
//! and stripped of accents, so `Jeri` finds `Jerí` and `peru` finds `Perú`. The index maps
//! each folded term to its postings (document, word position); documents are paragraphs
//! and event titles.
//!
//! Queries: bare words are prefix matches when they have three or more letters (so typing
//! `Boluar` already finds `Boluarte`) and exact otherwise; `"quoted phrases"` match
//! consecutive words exactly. All parts of a query must occur in an article (or event);
//! articles are ranked by a tf-idf score with a bonus for title hits.
//!
//! **Word forms.** A bare word of three letters or more also matches the words that share
//! its English stem ([`crate::stem`]): `killed` finds `kill`, `kills` and `killing`,
//! `protesters` finds `protest`. The index keeps the words as written and adds a table from
//! each stem to its words, so a clause's matches come as lists tagged exact or stem-only
//! ([`Index::clause_postings`]) and the engine ranks exact hits first. Quoted words and
//! phrases never match by stem: quoting means "exactly this".
//!
//! **Figures.** A figure typed with its unit (`80%`, `3 percent`, `$3.422 billion`,
//! `US$33 billion`, `12.97 billion soles`) is one [`Clause::Figure`]: it matches the
//! figures the recogniser ([`crate::figures`]) reads in the text with the same value and
//! unit, whatever their wording (`80%` finds "80 percent" but not "80 days"). The index
//! holds one key per such figure ([`figure_key`]), added by the engine from the corpus's
//! recognised figures. A bare number (`56`, `62 or more`) stays words, as before.
//!
//! **What it costs** (issue 13, measured 2026-11-27 on the shared 2-core machine).
//! WebAssembly: the corpus crate alone in a `cdylib` that decodes a corpus, builds the
//! engine, runs a search, cuts snippets and highlights (`opt-level = "z"`, LTO, one codegen
//! unit, `panic = "abort"`, stripped) was 88.7 KB raw, 37.7 KB gzip -9, and is 165.4 KB,
//! 76.5 KB: +76.7 KB raw, +38.8 KB gzip for word forms, figure clauses, measures, typed
//! dates. Of that, the stemmer is 12.6 KB raw, 4.5 KB gzip (the same build with
//! [`crate::stem::stem`] as the identity), and float parsing, which the figure recogniser
//! ([`crate::figures`], now run on the query and on titles) brings into an app that had
//! none, 18.1 KB raw, 15.0 KB gzip (its tables of powers do not compress): parsing numbers
//! with integers there would save it. Calling also [`crate::Engine::suggest`],
//! [`crate::Engine::relaxations`] and [`crate::Engine::query`] adds 12.0 KB raw, 4.8 KB gzip.
//!
//! Natively (`cargo bench -p corpus`, before → after, p50): building the engine of the five
//! articles 2.8–3.0 → 5.1–8.1 ms (2.3 → 4.6 ms in a quiet loop of 20: the stem table,
//! 0.6 ms of it stemming the 2,000 distinct words, and the measures, names and figure
//! keys); of 10,000 synthetic articles 4.0–5.6 → 4.5–5.7 s (best of three, within the
//! machine's noise). Searches of the five articles got faster (0.12–0.21 → 0.01–0.11 ms:
//! entity names are now matched from words folded once, not highlighted on every
//! keystroke); at 10,000 articles they stay within noise (`Boluarte` 3.8 → 4.2 ms, `jeri`
//! 3.2 → 3.1, `"takeover of Lima"` 9.7 → 12.9; in one quiet process `80%` 3.4 ms against
//! 3.3 for the word `80`), except that word forms find more (`protesters` 2.9 → 5.1 ms: it
//! now finds every article that says `protest`).
//!

/// Fold one character: lowercase, accents removed. Returns up to two chars (`ß` → `ss`).
fn fold_char(c: char, out: &mut String) {
    let base = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å'
        | 'Ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ē' | 'Ě' => {
            'e'
        }
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' | 'İ' => {
            'i'
        }
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ō' => {
            'o'
        }
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' => 'u',
        'ñ' | 'ń' | 'Ñ' | 'Ń' => 'n',
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ś' | 'š' | 'Ś' | 'Š' => 's',
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'z',
        'ł' | 'Ł' => 'l',
        'ř' | 'Ř' => 'r',
        'ď' | 'Ď' => 'd',
        'ť' | 'Ť' => 't',
        'ß' => {
            out.push_str("ss");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(base);
}

/// Lowercase and strip accents.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A word of a text: byte range in the original and folded form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Folded form.
    pub term: String,
}

/// Split into words (runs of letters and digits; `'` and `’` inside a word split it, so
/// `Peru's` gives `peru` and `s`).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Token {
                start: s,
                end: i,
                term: fold(&text[s..i]),
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
            term: fold(&text[s..]),
        });
    }
    out
}

/// One part of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Clause {
    /// A word; `prefix` when it matches words starting with it. A prefix word also
    /// matches the words that share its stem.
    Term {
        /// Folded word.
        text: String,
        /// Matches as a prefix.
        prefix: bool,
    },
    /// Consecutive exact words.
    Phrase(Vec<String>),
    /// A figure typed with its unit (`80%`, `$3.422 billion`): matches the recognised
    /// figures of the same value and unit, however they are written.
    Figure {
        /// `percent`, `USD`, `PEN` or `EUR` (as [`crate::figures::Found::unit`]).
        unit: String,
        /// The value with its scale applied, written as [`figure_value`] writes it
        /// (`3422000000` for `$3.422 billion`).
        value: String,
    },
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// All must match.
    pub clauses: Vec<Clause>,
}

/// Minimum length (in characters) for a bare word to match as a prefix.
pub const MIN_PREFIX: usize = 3;

/// A figure's value as the index and [`Clause::Figure`] write it: to three decimals at
/// most, without a trailing zero (`80`, `3422000000`, `12.97`). Written by hand, as
/// [`crate::render::number`] is, because float formatting would add about 11 KB of
/// WebAssembly to an app that has none.
pub fn figure_value(value: f64) -> String {
    let milli = (value.abs() * 1000.0).round() as u64;
    let mut out = (milli / 1000).to_string();
    let frac = milli % 1000;
    if frac != 0 {
        let f = format!("{:03}", frac);
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// The index key of the figures of one unit and value. It starts with a control character,
/// so no word of a text (letters and digits) can equal it or start with it.
pub fn figure_key(unit: &str, value: &str) -> String {
    format!("\u{1}{unit} {value}")
}

/// Opening and closing quote characters; each starts or ends a phrase.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

/// The parts of an input: byte ranges and whether each is inside quotes (an unbalanced
/// quote closes at the end). Quote characters belong to no part.
pub(crate) fn quoted_parts(input: &str) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in input.char_indices() {
        if is_quote(c) {
            out.push((start, i, quoted));
            quoted = !quoted;
            start = i + c.len_utf8();
        }
    }
    out.push((start, input.len(), quoted));
    out
}

/// The clauses of an input with the byte range each was read from (a phrase's range
/// includes its quotes), in input order, before duplicates are removed.
pub(crate) fn parse_spans(input: &str) -> Vec<(Clause, (usize, usize))> {
    let mut out = Vec::new();
    let words = |out: &mut Vec<(Clause, (usize, usize))>, base: usize, part: &str| {
        for t in tokenize(part) {
            let prefix = t.term.chars().count() >= MIN_PREFIX;
            out.push((
                Clause::Term {
                    text: t.term,
                    prefix,
                },
                (base + t.start, base + t.end),
            ));
        }
    };
    for (s, e, quoted) in quoted_parts(input) {
        let part = &input[s..e];
        if quoted {
            // Include the quote characters around the phrase in its span.
            let qs = input[..s].char_indices().last().map_or(s, |(i, _)| i);
            let qe = input[e..].chars().next().map_or(e, |c| e + c.len_utf8());
            let words: Vec<String> = tokenize(part).into_iter().map(|t| t.term).collect();
            match words.len() {
                0 => {}
                1 => out.push((
                    Clause::Term {
                        text: words[0].clone(),
                        prefix: false,
                    },
                    (qs, qe),
                )),
                _ => out.push((Clause::Phrase(words), (qs, qe))),
            }
            continue;
        }
        // Figures with a unit are one clause each; the words around them are words.
        let mut last = 0;
        for f in crate::figures::recognise(part) {
            if f.unit == "count" {
                continue;
            }
            words(&mut out, s + last, &part[last..f.start]);
            out.push((
                Clause::Figure {
                    unit: f.unit.to_string(),
                    value: figure_value(f.value),
                },
                (s + f.start, s + f.end),
            ));
            last = f.end;
        }
        words(&mut out, s + last, &part[last..]);
    }
    out
}

impl Query {
    /// Parse user input. Unbalanced quotes close at the end; punctuation separates words;
    /// a figure with a unit (`80%`, `$3.422 billion`) is one [`Clause::Figure`].
    pub fn parse(input: &str) -> Query {
        let mut clauses: Vec<Clause> = parse_spans(input).into_iter().map(|c| c.0).collect();
        clauses.dedup();
        Query { clauses }
    }

    /// Nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// Term → id while indexing: open addressing with FNV-1a. A hand-rolled table instead of
/// `HashMap` keeps the app's WebAssembly smaller (no SipHash, no generic hashbrown copy).
/// The index keeps one for stems, where it saves sorting them (0.35 of the 1.1 ms that the
/// stem table first added to indexing the five articles).
#[derive(Clone, Debug, Default)]
struct TermTable {
    slots: Vec<u32>,
    terms: Vec<String>,
    postings: Vec<Vec<Posting>>,
}

impl TermTable {
    fn hash(s: &str) -> u64 {
        s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    /// The id of `term`, or the free slot where it would go.
    fn find(&self, term: &str) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut i = Self::hash(term) as usize & mask;
        loop {
            match self.slots[i] {
                u32::MAX => return Err(i),
                id if self.terms[id as usize] == term => return Ok(id as usize),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The id of `term`, if it is in the table.
    fn get(&self, term: &str) -> Option<usize> {
        self.find(term).ok()
    }

    /// The id of `term`, added if new.
    fn id(&mut self, term: &str) -> usize {
        if self.terms.len() * 2 >= self.slots.len() {
            self.grow();
        }
        match self.find(term) {
            Ok(id) => id,
            Err(slot) => {
                self.slots[slot] = self.terms.len() as u32;
                self.terms.push(term.to_string());
                self.postings.push(Vec::new());
                self.terms.len() - 1
            }
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        self.slots = vec![u32::MAX; size];
        let mask = size - 1;
        for (id, t) in self.terms.iter().enumerate() {
            let mut i = Self::hash(t) as usize & mask;
            while self.slots[i] != u32::MAX {
                i = (i + 1) & mask;
            }
            self.slots[i] = id as u32;
        }
    }
}

/// A posting: document and word position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting {
    /// Document number.
    pub doc: u32,
    /// Word position in the document.
    pub pos: u32,
}

/// An inverted index over documents given as texts.
///
/// Its sorted terms are cut into **chunks** (contiguous ranges of terms, each with its
/// postings), so that a large corpus's index can be written at build time as files that
/// the app fetches only when a query needs them, the way Pagefind splits its index by
/// term range ([`Index::split`], [`IndexMeta`], [`Index::from_meta`], [`Index::install`]).
/// An index built in memory ([`Index::build`]) is one chunk, loaded. What a query needs
/// is [`Index::chunks_for`]; a chunk that is not loaded reads as holding no terms.
#[derive(Clone, Debug, Default)]
pub struct Index {
    doc_count: u32,
    /// The first term of each chunk, in order.
    chunk_first: Vec<String>,
    /// Chunk `i` holds the terms numbered `chunk_start[i]..chunk_start[i + 1]` (term
    /// numbers count across chunks, in sorted order).
    chunk_start: Vec<u32>,
    /// Each chunk's terms and postings, once loaded.
    chunks: Vec<std::sync::OnceLock<Chunk>>,
    /// The words of each stem, once loaded (with the first chunk a search needs, when the
    /// index is files: it is a file of its own, numbered after the chunks).
    stems: std::sync::OnceLock<Stems>,
}

/// Distinct stems; the terms of stem `i` are `terms[start[i]..start[i + 1]]` (term
/// numbers, in order).
#[derive(Clone, Debug, Default)]
struct Stems {
    table: TermTable,
    start: Vec<u32>,
    terms: Vec<u32>,
}

/// The stems file as written.
#[derive(serde::Serialize, serde::Deserialize)]
struct StemData {
    stems: Vec<String>,
    start: Vec<u32>,
    terms: Vec<u32>,
}

/// A range of the index's sorted terms with their postings.
#[derive(Clone, Debug, Default)]
struct Chunk {
    terms: Vec<String>,
    postings: Vec<Vec<Posting>>,
}

/// What an index written as chunks keeps in the corpus file: everything but the terms and
/// postings (the chunk files), so that the app knows which chunk a word is in, and the
/// words of each stem, before loading any.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndexMeta {
    /// Number of documents.
    pub doc_count: u32,
    /// The chunks, in term order.
    pub chunks: Vec<ChunkRef>,
    /// The file of the table from each stem to its words (its `first` is empty, its
    /// `start` the number of terms, its `terms` 0). It is numbered after the chunks
    /// ([`Index::chunks_for`], [`Index::install`]).
    pub stems: ChunkRef,
}

/// One chunk file of an index: which terms it holds and how to fetch and check it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChunkRef {
    /// Its first term.
    pub first: String,
    /// The number of its first term.
    pub start: u32,
    /// How many terms it holds.
    pub terms: u32,
    /// The SHA-256 of the file as stored (gzipped): its name and its integrity.
    pub sha256: [u8; 32],
    /// The file's size as stored, in bytes.
    pub size: u32,
}

impl ChunkRef {
    /// The file's path relative to the corpus file: `index/` and 16 hex digits of its hash.
    pub fn path(&self) -> String {
        crate::util::hashed_path("index/", &self.sha256)
    }

    /// Its subresource integrity (`sha256-` and the hash in base64), checked by the
    /// browser's fetch.
    pub fn integrity(&self) -> String {
        crate::util::integrity(&self.sha256)
    }
}

/// A chunk as written: its terms, and each term's postings as varints (document delta,
/// then position: a delta within the same document, absolute in a new one).
#[derive(serde::Serialize, serde::Deserialize)]
struct ChunkData {
    terms: Vec<String>,
    postings: Vec<Vec<u8>>,
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

fn encode_postings(list: &[Posting]) -> Vec<u8> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let (mut doc, mut pos) = (0u32, 0u32);
    for (i, p) in list.iter().enumerate() {
        let dd = if i == 0 { p.doc } else { p.doc - doc };
        put_varint(&mut out, dd);
        put_varint(&mut out, if i > 0 && dd == 0 { p.pos - pos } else { p.pos });
        doc = p.doc;
        pos = p.pos;
    }
    out
}

fn decode_postings(bytes: &[u8], doc_count: u32) -> Option<Vec<Posting>> {
    let mut out = Vec::new();
    let mut at = 0;
    let (mut doc, mut pos) = (0u32, 0u32);
    while at < bytes.len() {
        let dd = get_varint(bytes, &mut at)?;
        let dp = get_varint(bytes, &mut at)?;
        if out.is_empty() {
            doc = dd;
            pos = dp;
        } else if dd == 0 {
            pos = pos.checked_add(dp)?;
        } else {
            doc = doc.checked_add(dd)?;
            pos = dp;
        }
        if doc >= doc_count {
            return None;
        }
        out.push(Posting { doc, pos });
    }
    Some(out)
}

/// How a list of postings matches its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// The word as typed (or a word it is a prefix of), the phrase, or the figure.
    Exact,
    /// Only another form of the word: the same stem ([`crate::stem`]).
    Stem,
}

impl Index {
    /// Index documents (document number = position in the iterator).
    pub fn build<'a>(docs: impl IntoIterator<Item = &'a str>) -> Index {
        Index::build_with_keys(docs, Vec::new())
    }

    /// Index documents, plus extra keys (such as [`figure_key`]s) found in given
    /// documents: `(document, key)` pairs, in any order.
    pub fn build_with_keys<'a>(
        docs: impl IntoIterator<Item = &'a str>,
        mut keys: Vec<(u32, String)>,
    ) -> Index {
        let mut table = TermTable::default();
        let mut n = 0u32;
        for (d, text) in docs.into_iter().enumerate() {
            n += 1;
            for (pos, t) in tokenize(text).into_iter().enumerate() {
                let id = table.id(&t.term);
                table.postings[id].push(Posting {
                    doc: d as u32,
                    pos: pos as u32,
                });
            }
        }
        // Keys have no word position; in document order, as every postings list.
        crate::util::sort_by(&mut keys, |a, b| (a.0, &a.1) < (b.0, &b.1));
        for (doc, key) in keys {
            let id = table.id(&key);
            table.postings[id].push(Posting { doc, pos: 0 });
        }
        let mut order: Vec<u32> = (0..table.terms.len() as u32).collect();
        crate::util::sort_by(&mut order, |&a, &b| {
            table.terms[a as usize] < table.terms[b as usize]
        });
        let mut terms = Vec::with_capacity(order.len());
        let mut postings = Vec::with_capacity(order.len());
        for i in order {
            terms.push(std::mem::take(&mut table.terms[i as usize]));
            postings.push(std::mem::take(&mut table.postings[i as usize]));
        }
        // Stems of the distinct words (not of numbers or keys): one stemmer call per word
        // of the vocabulary, not per word of the corpus; then the terms of each stem in
        // term order (a counting sort by stem id).
        let mut stems = TermTable::default();
        let group: Vec<u32> = terms
            .iter()
            .map(|t| {
                if t.bytes().all(|b| !b.is_ascii_digit() && b > 0x1f) {
                    stems.id(&crate::stem::stem(t)) as u32
                } else {
                    u32::MAX
                }
            })
            .collect();
        let mut stem_start = vec![0u32; stems.terms.len() + 1];
        for &g in &group {
            if g != u32::MAX {
                stem_start[g as usize + 1] += 1;
            }
        }
        for i in 1..stem_start.len() {
            stem_start[i] += stem_start[i - 1];
        }
        let mut fill = stem_start.clone();
        let mut stem_terms = vec![0u32; stem_start.last().map_or(0, |&n| n as usize)];
        for (t, &g) in group.iter().enumerate() {
            if g != u32::MAX {
                stem_terms[fill[g as usize] as usize] = t as u32;
                fill[g as usize] += 1;
            }
        }
        let chunk_first: Vec<String> = terms.first().cloned().into_iter().collect();
        let chunk_start = if terms.is_empty() {
            vec![0]
        } else {
            vec![0, terms.len() as u32]
        };
        let chunks = if terms.is_empty() {
            Vec::new()
        } else {
            vec![std::sync::OnceLock::from(Chunk { terms, postings })]
        };
        Index {
            doc_count: n,
            chunk_first,
            chunk_start,
            chunks,
            stems: std::sync::OnceLock::from(Stems {
                table: stems,
                start: stem_start,
                terms: stem_terms,
            }),
        }
    }

    /// Number of documents.
    pub fn doc_count(&self) -> u32 {
        self.doc_count
    }

    /// Number of distinct terms (in every chunk, loaded or not).
    pub fn term_count(&self) -> usize {
        self.chunk_start.last().map_or(0, |&n| n as usize)
    }

    /// The chunks that may hold terms matching a clause word: the one `text` would be in,
    /// and for a prefix every later one whose first term starts with it.
    fn chunk_span(&self, text: &str, prefix: bool) -> std::ops::Range<usize> {
        let n = self.chunk_first.len();
        if n == 0 {
            return 0..0;
        }
        let lo = self
            .chunk_first
            .partition_point(|f| f.as_str() <= text)
            .saturating_sub(1);
        let hi = if prefix {
            self.chunk_first
                .partition_point(|f| f.as_str() <= text || f.starts_with(text))
        } else {
            lo + 1
        };
        lo..hi.clamp(lo + 1, n)
    }

    /// The chunk that holds term number `term`.
    fn chunk_of(&self, term: usize) -> usize {
        self.chunk_start
            .partition_point(|&s| s as usize <= term)
            .saturating_sub(1)
    }

    /// The postings of term number `term` (none if its chunk is not loaded).
    fn postings_of(&self, term: usize) -> &[Posting] {
        let c = self.chunk_of(term);
        match self.chunks.get(c).and_then(|ch| ch.get()) {
            Some(ch) => ch
                .postings
                .get(term - self.chunk_start[c] as usize)
                .map_or(&[][..], |l| &l[..]),
            None => &[],
        }
    }

    /// Term numbers matching a clause word (contiguous, since terms are sorted), among
    /// the loaded chunks.
    fn term_range(&self, text: &str, prefix: bool) -> std::ops::Range<usize> {
        let mut lo = None;
        let mut hi = 0;
        for c in self.chunk_span(text, prefix) {
            let Some(ch) = self.chunks[c].get() else {
                continue;
            };
            let l = ch.terms.partition_point(|t| t.as_str() < text);
            let h = if prefix {
                l + ch.terms[l..].partition_point(|t| t.starts_with(text))
            } else if ch.terms.get(l).is_some_and(|t| t == text) {
                l + 1
            } else {
                l
            };
            if h > l {
                let base = self.chunk_start[c] as usize;
                lo.get_or_insert(base + l);
                hi = base + h;
            }
        }
        lo.map_or(0..0, |l| l..hi)
    }

    /// The chunks a query needs that are not loaded yet, in order: for each word the
    /// chunks its terms may be in (and for a prefix word, those of the other words of its
    /// stem), each word of a phrase, each figure's key.
    pub fn chunks_for(&self, query: &Query) -> Vec<u32> {
        let mut need: Vec<u32> = Vec::new();
        let mut add = |r: std::ops::Range<usize>| need.extend(r.map(|c| c as u32));
        for cl in &query.clauses {
            match cl {
                Clause::Term { text, prefix } => {
                    add(self.chunk_span(text, *prefix));
                    if *prefix && self.stems.get().is_none() {
                        let s = self.chunks.len();
                        add(s..s + 1);
                    } else if *prefix {
                        for &t in self.stem_family(text) {
                            let c = self.chunk_of(t as usize);
                            add(c..c + 1);
                        }
                    }
                }
                Clause::Phrase(words) => {
                    for w in words {
                        add(self.chunk_span(w, false));
                    }
                }
                Clause::Figure { unit, value } => {
                    add(self.chunk_span(&figure_key(unit, value), false))
                }
            }
        }
        crate::util::sort(&mut need);
        need.dedup();
        need.retain(|&c| match self.chunks.get(c as usize) {
            Some(ch) => ch.get().is_none(),
            None => self.stems.get().is_none(),
        });
        need
    }

    /// Whether every chunk and the stems are loaded.
    pub fn is_loaded(&self) -> bool {
        self.chunks.iter().all(|c| c.get().is_some()) && self.stems.get().is_some()
    }

    /// Cut the index into chunks of about `target` bytes of encoded postings each (a term
    /// is never split), and give what the corpus file keeps and each file's bytes: the
    /// chunks', then the stems' (the caller compresses them, names them by their hash and
    /// fills [`ChunkRef::sha256`] and [`ChunkRef::size`]). Chunks that are not loaded are
    /// left out, so split a whole index.
    pub fn split(&self, target: usize) -> (IndexMeta, Vec<Vec<u8>>) {
        let mut refs = Vec::new();
        let mut files = Vec::new();
        let mut cur = ChunkData {
            terms: Vec::new(),
            postings: Vec::new(),
        };
        let mut size = 0usize;
        let mut start = 0u32;
        let mut next = 0u32;
        let mut flush = |cur: &mut ChunkData, start: &mut u32, next: u32| {
            if cur.terms.is_empty() {
                return;
            }
            let data = std::mem::replace(
                cur,
                ChunkData {
                    terms: Vec::new(),
                    postings: Vec::new(),
                },
            );
            refs.push(ChunkRef {
                first: data.terms[0].clone(),
                start: *start,
                terms: data.terms.len() as u32,
                sha256: [0; 32],
                size: 0,
            });
            files.push(postcard::to_allocvec(&data).unwrap_or_default());
            *start = next;
        };
        for ch in self.chunks.iter().filter_map(|c| c.get()) {
            for (t, list) in ch.terms.iter().zip(&ch.postings) {
                let bytes = encode_postings(list);
                size += bytes.len() + t.len() + 2;
                cur.terms.push(t.clone());
                cur.postings.push(bytes);
                next += 1;
                if size >= target {
                    flush(&mut cur, &mut start, next);
                    size = 0;
                }
            }
        }
        flush(&mut cur, &mut start, next);
        let stems = self.stems.get().cloned().unwrap_or_default();
        files.push(
            postcard::to_allocvec(&StemData {
                stems: stems.table.terms,
                start: if stems.start.is_empty() {
                    vec![0]
                } else {
                    stems.start
                },
                terms: stems.terms,
            })
            .unwrap_or_default(),
        );
        let meta = IndexMeta {
            doc_count: self.doc_count,
            chunks: refs,
            stems: ChunkRef {
                first: String::new(),
                start: next,
                terms: 0,
                sha256: [0; 32],
                size: 0,
            },
        };
        (meta, files)
    }

    /// An index whose chunks are files not loaded yet ([`Index::install`] loads them).
    /// Fails if the description does not hold together.
    pub fn from_meta(meta: IndexMeta) -> Result<Index, String> {
        let mut chunk_start = Vec::with_capacity(meta.chunks.len() + 1);
        let mut at = 0u32;
        for (i, c) in meta.chunks.iter().enumerate() {
            if c.start != at || c.terms == 0 {
                return Err(format!("chunk {} does not follow the one before it", i + 1));
            }
            if i > 0 && meta.chunks[i - 1].first >= c.first {
                return Err(format!("chunk {}'s first word is out of order", i + 1));
            }
            chunk_start.push(at);
            at = at
                .checked_add(c.terms)
                .ok_or_else(|| "too many words".to_string())?;
        }
        chunk_start.push(at);
        if meta.stems.start != at {
            return Err("the word forms' file does not follow the chunks".into());
        }
        Ok(Index {
            doc_count: meta.doc_count,
            chunk_first: meta.chunks.iter().map(|c| c.first.clone()).collect(),
            chunks: meta
                .chunks
                .iter()
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            chunk_start,
            stems: std::sync::OnceLock::new(),
        })
    }

    /// Load chunk `c` from its file's bytes (inflated). Fails, loading nothing, if they are
    /// not that chunk: its words, in order and in its range, and postings of the index's
    /// documents. Loading a chunk twice keeps the first.
    pub fn install(&self, c: u32, bytes: &[u8]) -> Result<(), String> {
        let c = c as usize;
        if c == self.chunks.len() {
            return self.install_stems(bytes);
        }
        let slot = self
            .chunks
            .get(c)
            .ok_or_else(|| format!("there is no chunk {}", c + 1))?;
        let bad = |why: &str| format!("chunk {} is damaged: {why}", c + 1);
        let data: ChunkData =
            postcard::from_bytes(bytes).map_err(|_| bad("it is not a chunk of this index"))?;
        let want = (self.chunk_start[c + 1] - self.chunk_start[c]) as usize;
        if data.terms.len() != want || data.postings.len() != want {
            return Err(bad("it holds other words"));
        }
        if data.terms.first() != self.chunk_first.get(c)
            || data.terms.windows(2).any(|w| w[0] >= w[1])
            || self
                .chunk_first
                .get(c + 1)
                .is_some_and(|next| data.terms.last().is_some_and(|l| l >= next))
        {
            return Err(bad("its words are not the ones expected, in order"));
        }
        let mut postings = Vec::with_capacity(want);
        for p in &data.postings {
            postings.push(
                decode_postings(p, self.doc_count)
                    .ok_or_else(|| bad("its postings are unreadable"))?,
            );
        }
        let _ = slot.set(Chunk {
            terms: data.terms,
            postings,
        });
        Ok(())
    }

    /// Load the stems' file (numbered after the chunks).
    fn install_stems(&self, bytes: &[u8]) -> Result<(), String> {
        let bad = |why: &str| format!("the word forms' file is damaged: {why}");
        let data: StemData =
            postcard::from_bytes(bytes).map_err(|_| bad("it is not this index's"))?;
        if data.start.len() != data.stems.len() + 1
            || data.start.windows(2).any(|w| w[0] > w[1])
            || data.start.last().map(|&n| n as usize) != Some(data.terms.len())
            || data.terms.iter().any(|&t| t as usize >= self.term_count())
        {
            return Err(bad("its table does not match the words"));
        }
        let mut table = TermTable::default();
        for s in &data.stems {
            table.id(s);
        }
        if table.terms.len() != data.stems.len() {
            return Err(bad("a word form is listed twice"));
        }
        let _ = self.stems.set(Stems {
            table,
            start: data.start,
            terms: data.terms,
        });
        Ok(())
    }

    /// Indices of the terms that share the stem of `word` (empty for a number).
    fn stem_family(&self, word: &str) -> &[u32] {
        if word.bytes().any(|b| b.is_ascii_digit()) {
            return &[];
        }
        let Some(s) = self.stems.get() else {
            return &[];
        };
        match s.table.get(&crate::stem::stem(word)) {
            Some(i) => &s.terms[s.start[i] as usize..s.start[i + 1] as usize],
            None => &[],
        }
    }

    /// The postings lists that make up a clause's matches, unmerged, each tagged with how
    /// it matches: one list per matching term for a word (several for a prefix, then one
    /// per other word of the same stem), the phrase's start postings, or a figure's key.
    /// Is this exact (folded) word in the index?
    pub fn has_term(&self, term: &str) -> bool {
        !self.term_range(term, false).is_empty()
    }

    /// The postings lists of a clause, each with how it matches.
    pub fn clause_postings(
        &self,
        clause: &Clause,
    ) -> Vec<(std::borrow::Cow<'_, [Posting]>, Match)> {
        use std::borrow::Cow;
        match clause {
            Clause::Term { text, prefix } => {
                let range = self.term_range(text, *prefix);
                let mut out: Vec<(Cow<'_, [Posting]>, Match)> = range
                    .clone()
                    .map(|i| (Cow::Borrowed(self.postings_of(i)), Match::Exact))
                    .collect();
                if *prefix {
                    for &t in self.stem_family(text) {
                        if !range.contains(&(t as usize)) {
                            out.push((Cow::Borrowed(self.postings_of(t as usize)), Match::Stem));
                        }
                    }
                }
                out
            }
            Clause::Phrase(_) => vec![(Cow::Owned(self.clause_matches(clause).hits), Match::Exact)],
            Clause::Figure { unit, value } => {
                let r = self.term_range(&figure_key(unit, value), false);
                r.map(|i| (Cow::Borrowed(self.postings_of(i)), Match::Exact))
                    .collect()
            }
        }
    }

    /// The postings lists that make up a clause's matches, unmerged (exact and stem-only
    /// alike; [`Index::clause_postings`] tells them apart).
    pub fn clause_lists(&self, clause: &Clause) -> Vec<std::borrow::Cow<'_, [Posting]>> {
        self.clause_postings(clause)
            .into_iter()
            .map(|(l, _)| l)
            .collect()
    }

    /// Matches of one clause: for each matching document, the word positions where the
    /// match starts and how many words it spans. Sorted by document.
    pub fn clause_matches(&self, clause: &Clause) -> ClauseMatches {
        match clause {
            Clause::Term { .. } | Clause::Figure { .. } => {
                let lists = self.clause_postings(clause);
                let mut all: Vec<Posting> = Vec::new();
                for (l, _) in &lists {
                    all.extend_from_slice(l);
                }
                if lists.len() > 1 {
                    crate::util::sort(&mut all);
                }
                ClauseMatches {
                    hits: all,
                    width: 1,
                }
            }
            Clause::Phrase(words) => {
                let lists: Vec<&[Posting]> = words
                    .iter()
                    .map(|w| {
                        let r = self.term_range(w, false);
                        if r.is_empty() {
                            &[][..]
                        } else {
                            self.postings_of(r.start)
                        }
                    })
                    .collect();
                let mut hits = Vec::new();
                if lists.iter().all(|l| !l.is_empty()) {
                    for p in lists[0] {
                        let ok = lists[1..].iter().enumerate().all(|(k, l)| {
                            l.binary_search(&Posting {
                                doc: p.doc,
                                pos: p.pos + k as u32 + 1,
                            })
                            .is_ok()
                        });
                        if ok {
                            hits.push(*p);
                        }
                    }
                }
                ClauseMatches {
                    hits,
                    width: words.len() as u32,
                }
            }
        }
    }
}

/// Where one clause matched.
#[derive(Clone, Debug, Default)]
pub struct ClauseMatches {
    /// Start postings, sorted.
    pub hits: Vec<Posting>,
    /// Words per match.
    pub width: u32,
}

/// Byte ranges of the matches of `query` in `text` (for highlighting), merged and sorted:
/// words as typed, their other forms (same stem) for bare words, phrases, and figures
/// with a unit read by the figure recogniser.
pub fn highlight(text: &str, query: &Query) -> Vec<(u32, u32)> {
    let toks = tokenize(text);
    let mut out: Vec<(u32, u32)> = Vec::new();
    let mut found: Option<Vec<crate::figures::Found>> = None;
    for c in &query.clauses {
        match c {
            Clause::Term { text: w, prefix } => {
                // A stem keeps the word's first letter, which spares stemming most words.
                let stem = (*prefix && !w.bytes().any(|b| b.is_ascii_digit()))
                    .then(|| crate::stem::stem(w));
                let same_stem = |t: &str| {
                    stem.as_ref().is_some_and(|s| {
                        t.as_bytes().first() == s.as_bytes().first()
                            && !t.bytes().any(|b| b.is_ascii_digit())
                            && crate::stem::stem(t) == *s
                    })
                };
                for t in &toks {
                    if (*prefix && t.term.starts_with(w.as_str()))
                        || t.term == *w
                        || same_stem(&t.term)
                    {
                        out.push((t.start as u32, t.end as u32));
                    }
                }
            }
            Clause::Phrase(words) => {
                for i in 0..toks.len() {
                    if i + words.len() <= toks.len()
                        && words
                            .iter()
                            .enumerate()
                            .all(|(k, w)| toks[i + k].term == *w)
                    {
                        out.push((toks[i].start as u32, toks[i + words.len() - 1].end as u32));
                    }
                }
            }
            Clause::Figure { unit, value } => {
                let found = found.get_or_insert_with(|| crate::figures::recognise(text));
                for f in found.iter() {
                    if f.unit == unit && figure_value(f.value) == *value {
                        out.push((f.start as u32, f.end as u32));
                    }
                }
            }
        }
    }
    merge_ranges(out)
}

/// Byte ranges sorted, overlapping and touching ones merged.
pub(crate) fn merge_ranges(mut out: Vec<(u32, u32)>) -> Vec<(u32, u32)> {
    crate::util::sort(&mut out);
    let mut merged: Vec<(u32, u32)> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => merged.push(r),
        }
    }
    merged
}

/// A window of text around hits, with highlight ranges relative to the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The excerpt (with `…` where cut).
    pub text: String,
    /// Byte ranges to highlight in `text`.
    pub highlights: Vec<(u32, u32)>,
}

/// Cut a snippet of about `max_chars` characters from `text` around the first highlight.
pub fn snippet(text: &str, highlights: &[(u32, u32)], max_chars: usize) -> Snippet {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= max_chars {
        return Snippet {
            text: text.to_string(),
            highlights: highlights.to_vec(),
        };
    }
    let first = highlights.first().map_or(0, |h| h.0 as usize);
    let first_ci = chars.partition_point(|&(b, _)| b < first);
    let mut s = first_ci.saturating_sub(max_chars / 3);
    let mut e = (s + max_chars).min(chars.len());
    if e == chars.len() {
        s = e.saturating_sub(max_chars);
    }
    // Snap to word boundaries.
    while s > 0 && s < chars.len() && !chars[s - 1].1.is_whitespace() {
        s += 1;
        if s >= first_ci {
            s = first_ci;
            break;
        }
    }
    while e < chars.len() && e > s && !chars[e].1.is_whitespace() {
        e -= 1;
    }
    let bs = chars.get(s).map_or(text.len(), |c| c.0);
    let be = chars.get(e).map_or(text.len(), |c| c.0);
    let mut out = String::new();
    let lead = if bs > 0 { "… " } else { "" };
    out.push_str(lead);
    out.push_str(text[bs..be].trim_end());
    let body_end = lead.len() + text[bs..be].trim_end().len();
    if be < text.len() {
        out.push_str(" …");
    }
    let shift = lead.len() as i64 - bs as i64;
    let hl = highlights
        .iter()
        .filter(|h| h.0 as usize >= bs && (h.1 as usize) <= be)
        .map(|h| {
            (
                ((h.0 as i64) + shift) as u32,
                (((h.1 as i64) + shift) as u32).min(body_end as u32),
            )
        })
        .collect();
    Snippet {
        text: out,
        highlights: hl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_forgives_accents_and_case() {
        assert_eq!(
            fold("José Jerí ÓSCAR Muñico São"),
            "jose jeri oscar munico sao"
        );
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn tokens_keep_offsets() {
        let t = tokenize("Peru’s Jerí, 2026.");
        let terms: Vec<_> = t.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["peru", "s", "jeri", "2026"]);
        assert_eq!(&"Peru’s Jerí, 2026."[t[2].start..t[2].end], "Jerí");
    }

    #[test]
    fn query_parsing() {
        let q = Query::parse("Jeri \"takeover of Lima\" us");
        assert_eq!(
            q.clauses,
            vec![
                Clause::Term {
                    text: "jeri".into(),
                    prefix: true
                },
                Clause::Phrase(vec!["takeover".into(), "of".into(), "lima".into()]),
                Clause::Term {
                    text: "us".into(),
                    prefix: false
                },
            ]
        );
        assert!(Query::parse("  ,, \"\" ").is_empty());
        assert_eq!(
            Query::parse("“Lima”").clauses,
            vec![Clause::Term {
                text: "lima".into(),
                prefix: false
            }]
        );
        // Unbalanced quote: the rest is a phrase.
        assert_eq!(
            Query::parse("\"dog food").clauses,
            vec![Clause::Phrase(vec!["dog".into(), "food".into()])]
        );
    }

    #[test]
    fn prefix_exact_and_phrase_matching() {
        let idx = Index::build([
            "Boluarte met Jerí in Lima",
            "the takeover of Lima began",
            "Lima takeover",
        ]);
        let m = |q: &str| {
            let q = Query::parse(q);
            idx.clause_matches(&q.clauses[0])
                .hits
                .iter()
                .map(|p| p.doc)
                .collect::<Vec<_>>()
        };
        assert_eq!(m("Boluar"), [0]);
        assert_eq!(m("JERI"), [0]);
        assert_eq!(m("\"takeover of lima\""), [1]);
        assert_eq!(m("li"), Vec::<u32>::new(), "two letters match exactly only");
        assert_eq!(m("lima"), [0, 1, 2]);
    }

    #[test]
    fn highlights_and_snippets() {
        let text = "Protests in Perú’s capital continued into a fifth day on Monday as the demonstrators who traveled from across the country for the takeover of Lima were repressed.";
        let q = Query::parse("peru \"takeover of lima\"");
        let h = highlight(text, &q);
        assert_eq!(&text[h[0].0 as usize..h[0].1 as usize], "Perú");
        assert_eq!(&text[h[1].0 as usize..h[1].1 as usize], "takeover of Lima");
        let s = snippet(text, &h[1..], 60);
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a as usize..b as usize], "takeover of Lima");
        assert!(s.text.starts_with("… "));
        assert!(s.text.chars().count() < 70);
    }

    #[test]
    fn figures_with_a_unit_are_one_clause_and_numbers_stay_words() {
        let fig = |unit: &str, value: &str| Clause::Figure {
            unit: unit.into(),
            value: value.into(),
        };
        let word = |w: &str| Clause::Term {
            text: w.into(),
            prefix: w.chars().count() >= MIN_PREFIX,
        };
        assert_eq!(
            Query::parse("support at least 80% and $3.422 billion, 56 killed").clauses,
            vec![
                word("support"),
                fig("percent", "80"),
                word("and"),
                fig("USD", "3422000000"),
                word("56"),
                word("killed"),
            ]
        );
        assert_eq!(
            Query::parse("\"3 percent\" 12.97 billion soles").clauses,
            vec![
                Clause::Phrase(vec!["3".into(), "percent".into()]),
                fig("PEN", "12970000000"),
            ]
        );
        assert_eq!(
            [12.97, 0.5, 80.0, 3.422e9, 64.6e6].map(figure_value),
            ["12.97", "0.5", "80", "3422000000", "64600000"]
        );
        let spans = parse_spans("a “b c” 80%");
        let text = "a “b c” 80%";
        let got: Vec<&str> = spans.iter().map(|(_, (s, e))| &text[*s..*e]).collect();
        assert_eq!(got, ["a", "“b c”", "80%"]);
    }
}
