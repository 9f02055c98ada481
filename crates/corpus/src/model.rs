//! The compiled corpus: one set of types shared by the build, the command line and the app.
//!
//! Cross references are indices (`u32`) into the corpus's vectors, not ids: the app looks
//! things up in constant time and the binary stays small. Text offsets are byte offsets
//! into the paragraph's UTF-8 text (the JSON export adds character offsets for other
//! languages).

use crate::date::{Date, DateSpec, Precision};
use serde::{Deserialize, Serialize};

/// Index of an article in [`Corpus::articles`].
pub type ArticleIx = u32;
/// Index of an entity in [`Corpus::entities`].
pub type EntityIx = u32;
/// Index of an event in [`Corpus::events`].
pub type EventIx = u32;

/// The whole corpus.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    /// Articles, in the order of `articles.rec`.
    pub articles: Vec<Article>,
    /// The gazetteer with every mention found (the mentions packed in the corpus file:
    /// [`crate::codec`]).
    #[serde(with = "crate::codec::entities")]
    pub entities: Vec<Entity>,
    /// Dated events with evidence (written by field: [`crate::codec::events`]).
    #[serde(with = "crate::codec::events")]
    pub events: Vec<Event>,
    /// Numeric claims recognised in the text (written by field: [`crate::codec::figures`]).
    #[serde(with = "crate::codec::figures")]
    pub figures: Vec<Figure>,
    /// Curated groups of comparable figures.
    pub measures: Vec<Measure>,
    /// Where the paragraphs' text is when the corpus file does not hold it
    /// ([`crate::text`]): read through [`Corpus::paragraph_text`].
    #[serde(skip)]
    pub text: crate::text::TextStore,
}

/// Whether a piece of metadata is written in the article or worked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Provenance {
    /// Written in the article's text.
    Stated,
    /// Worked out from evidence (see the reason).
    Inferred,
    /// Chosen by the curators because the text has none (titles only).
    Supplied,
    /// Not known: the text does not say and nothing allows an inference.
    Unknown,
}

impl Provenance {
    /// The name used in the JSON export.
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Stated => "stated",
            Provenance::Inferred => "inferred",
            Provenance::Supplied => "supplied",
            Provenance::Unknown => "unknown",
        }
    }
}

/// An article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id, used in URLs.
    pub id: String,
    /// The raw file it was cleaned from (in `data/raw/`).
    pub source_file: String,
    /// Title.
    pub title: String,
    /// `Stated` or `Supplied`.
    pub title_status: Provenance,
    /// Why the title was supplied.
    pub title_reason: Option<String>,
    /// Authors, in byline order (empty when unknown).
    pub authors: Vec<String>,
    /// `Stated`, `Inferred` or `Unknown`.
    pub authors_status: Provenance,
    /// Why the authors are inferred or unknown.
    pub authors_reason: Option<String>,
    /// Publication date and its provenance.
    pub published: Published,
    /// Where it was published (`publication:` in its record), when known.
    pub publication: Option<Publication>,
    /// The clean paragraphs.
    pub paragraphs: Vec<Paragraph>,
}

/// The publication an article appeared in: credited in the app's footer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// Its name (`World Socialist Web Site`).
    pub name: String,
    /// Its address, `http://` or `https://` only.
    pub url: Option<String>,
}

/// A publication date with provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Published {
    /// The date (the first possible day when only a span is known).
    pub date: Date,
    /// Day, or Span when only bounds are known.
    pub precision: Precision,
    /// `Stated` or `Inferred`.
    pub status: Provenance,
    /// The reasoning behind an inferred date.
    pub reason: Option<String>,
    /// Earliest possible date, when the evidence only bounds it.
    pub earliest: Option<Date>,
    /// Latest possible date, when the evidence only bounds it.
    pub latest: Option<Date>,
}

impl Published {
    /// The interval the publication date may fall in.
    pub fn span(&self) -> (Date, Date) {
        (
            self.earliest.unwrap_or(self.date),
            self.latest.unwrap_or(self.date),
        )
    }
}

/// What a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParagraphKind {
    /// Body text.
    Body,
    /// A photo caption.
    Caption,
}

/// A styled range of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emphasis {
    /// Byte offset of the first emphasised byte.
    pub start: u32,
    /// Byte offset one past the last.
    pub end: u32,
    /// `**strong**` rather than `*emphasis*`.
    pub strong: bool,
}

/// A clean paragraph.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Stable id within its article (`p1`, `p2`, ...), used for deep links. Not stored
    /// in the binary: [`crate::decode`] derives it from the position.
    #[serde(skip)]
    pub id: String,
    /// Body or caption.
    pub kind: ParagraphKind,
    /// Clean text: no markdown markers, normalised whitespace.
    pub text: String,
    /// Emphasis ranges, in order, not overlapping.
    pub emphasis: Vec<Emphasis>,
}

/// Entity kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organization (party, union, company, state body, ...).
    Organization,
    /// A place.
    Place,
    /// A named event or programme.
    Event,
}

impl EntityKind {
    /// All kinds, in display order.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Event,
    ];

    /// The name used in data files, URLs and the export.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
        }
    }

    /// Parse the name used in data files and URLs.
    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An alias and its case rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    /// Exactly as written in the text.
    pub text: String,
    /// Match ignoring letter case.
    pub ignore_case: bool,
}

/// A place in the text where an entity is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The article.
    pub article: ArticleIx,
    /// Paragraph index within the article.
    pub paragraph: u32,
    /// Byte offset of the start in the paragraph text.
    pub start: u32,
    /// Byte offset one past the end (a possessive `'s` included).
    pub end: u32,
}

/// A gazetteer entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id (the canonical name slugged).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Aliases as written in the text.
    pub aliases: Vec<Alias>,
    /// One-line description supported by the articles.
    pub description: String,
    /// Facts from outside the articles, if any.
    pub outside: Option<String>,
    /// Every mention, in article and text order (written by [`crate::codec`]).
    #[serde(skip)]
    pub mentions: Vec<Mention>,
}

/// How an event's date was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateMethod {
    /// Written in the text.
    Stated,
    /// A relative expression resolved against the publication date.
    Resolved,
    /// Reasoned from other evidence or outside knowledge.
    Inferred,
}

impl DateMethod {
    /// The name used in data files and the export.
    pub fn as_str(self) -> &'static str {
        match self {
            DateMethod::Stated => "stated",
            DateMethod::Resolved => "resolved",
            DateMethod::Inferred => "inferred",
        }
    }
}

/// Event categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    /// Government, Congress, parties.
    Politics,
    /// Marches, strikes, roadblocks.
    Protest,
    /// Killings, arrests, crackdowns.
    Repression,
    /// Military and police build-up, foreign troops.
    Security,
    /// Spending, investment, trade.
    Economy,
    /// Courts, prosecutions, rulings.
    Justice,
    /// Elections.
    Election,
    /// Events abroad.
    International,
    /// Historical background.
    History,
    /// A period that structures the story (drawn as a band).
    Era,
}

impl Category {
    /// All categories.
    pub const ALL: [Category; 10] = [
        Category::Politics,
        Category::Protest,
        Category::Repression,
        Category::Security,
        Category::Economy,
        Category::Justice,
        Category::Election,
        Category::International,
        Category::History,
        Category::Era,
    ];

    /// The name used in data files and the export.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Politics => "politics",
            Category::Protest => "protest",
            Category::Repression => "repression",
            Category::Security => "security",
            Category::Economy => "economy",
            Category::Justice => "justice",
            Category::Election => "election",
            Category::International => "international",
            Category::History => "history",
            Category::Era => "era",
        }
    }

    /// Parse a category name.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A verbatim passage supporting an event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The article.
    pub article: ArticleIx,
    /// Paragraph index within the article.
    pub paragraph: u32,
    /// Byte offset of the quote in the paragraph.
    pub start: u32,
    /// Byte offset one past the quote.
    pub end: u32,
}

/// A dated event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// One-line title.
    pub title: String,
    /// When it happened, at its precision.
    pub date: DateSpec,
    /// How the date was obtained.
    pub method: DateMethod,
    /// The reasoning for a resolved or inferred date.
    pub basis: Option<String>,
    /// Category.
    pub category: Category,
    /// Entities involved.
    pub entities: Vec<EntityIx>,
    /// Passages that report it (at least one).
    pub evidence: Vec<Evidence>,
}

/// A recognised numeric claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Stable id (`ARTICLE-fN`, numbered in text order). Not stored in the binary:
    /// [`crate::decode`] derives it.
    #[serde(skip)]
    pub id: String,
    /// The article.
    pub article: ArticleIx,
    /// Paragraph index within the article.
    pub paragraph: u32,
    /// Byte offset of the figure in the paragraph.
    pub start: u32,
    /// Byte offset one past the figure.
    pub end: u32,
    /// The value with scale applied (12.97 billion → 12 970 000 000).
    pub value: f64,
    /// `PEN`, `USD`, `percent` or `count`.
    pub unit: String,
    /// What is counted, when the text says ("handguns"), else empty.
    pub noun: String,
    /// A qualifier such as `at least`, `more than`, `or more`, `roughly` (empty if none).
    pub qualifier: String,
}

/// One value of a measure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasureValue {
    /// Index into [`Corpus::figures`].
    pub figure: u32,
    /// The date the figure describes.
    pub as_of: DateSpec,
    /// A caveat, if any.
    pub note: Option<String>,
}

/// Comparable figures across articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// Stable id.
    pub id: String,
    /// What is measured.
    pub name: String,
    /// Unit of the values (`people`, `USD`, `percent`, ...).
    pub unit: String,
    /// What is counted and what is not.
    pub description: String,
    /// Values in data-file order.
    pub values: Vec<MeasureValue>,
}

impl Corpus {
    /// Find an article by id.
    pub fn article_ix(&self, id: &str) -> Option<ArticleIx> {
        self.articles
            .iter()
            .position(|a| a.id == id)
            .map(|i| i as u32)
    }

    /// Find an entity by id.
    pub fn entity_ix(&self, id: &str) -> Option<EntityIx> {
        self.entities
            .iter()
            .position(|e| e.id == id)
            .map(|i| i as u32)
    }

    /// Find an event by id.
    pub fn event_ix(&self, id: &str) -> Option<EventIx> {
        self.events
            .iter()
            .position(|e| e.id == id)
            .map(|i| i as u32)
    }

    /// The quoted text of a piece of evidence.
    /// (empty while its article's text is not loaded: see [`Corpus::has_text`]).
    pub fn quote(&self, ev: &Evidence) -> &str {
        self.paragraph_text(ev.article, ev.paragraph)
            .get(ev.start as usize..ev.end as usize)
            .unwrap_or("")
    }

    /// The text of a figure (empty while its article's text is not loaded).
    pub fn figure_text(&self, f: &Figure) -> &str {
        self.paragraph_text(f.article, f.paragraph)
            .get(f.start as usize..f.end as usize)
            .unwrap_or("")
    }
}
