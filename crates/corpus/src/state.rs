//! The explorer's state, its reducer, and its URL form.
//!
//! The URL is the source of truth for everything a reader may want to share or go back
//! to: search text, entity filters, kinds, date range, order, the open article and
//! paragraph, the open entity card, and embed mode. [`parse_query`] turns any query
//! string into a valid [`AppState`] plus a list of what it ignored (it never fails: a
//! broken link still opens the explorer and says what it could not use);
//! [`to_query`] writes the canonical form; the two round-trip.
//!
//! The parameters are defined once, in [`PARAMS`] (ripgrep's habit with its flags): each
//! one's name, values, meaning, reader and writer. [`parse_query`], [`to_query`] and the
//! README's table ([`params_table`], kept equal by a test) all come from it.

pub use crate::compare::CompareItem;
use crate::compare::MatrixSort;
use crate::date::{Date, DateSpec};
use crate::model::{ArticleIx, Corpus, EntityIx, EntityKind, EventIx};
use crate::query::{DateField, Filter, Order};

/// Longest value accepted for any parameter (characters).
pub const MAX_VALUE: usize = 500;
/// Most entity filters accepted.
pub const MAX_ENTITIES: usize = 20;
/// Narrowest timeline window (days); a narrower one in a URL is widened.
pub const MIN_WINDOW_DAYS: i64 = 7;

/// Everything the URL holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AppState {
    /// Search text.
    pub text: String,
    /// Entity filters, in the order chosen.
    pub entities: Vec<EntityIx>,
    /// Entity kinds listed (empty = all).
    pub kinds: Vec<EntityKind>,
    /// Inclusive date range.
    pub range: Option<(Date, Date)>,
    /// What the range applies to.
    pub range_field: DateField,
    /// Result order.
    pub order: Order,
    /// Open article.
    pub article: Option<ArticleIx>,
    /// Paragraph (index) to show in the open article.
    pub paragraph: Option<u32>,
    /// Open entity card.
    pub entity: Option<EntityIx>,
    /// Compact embedded layout.
    pub embed: bool,
    /// The timeline's visible window: first day and the day after the last
    /// (`None`: the default view).
    pub window: Option<(Date, Date)>,
    /// The selected timeline event (its card is open).
    pub event: Option<EventIx>,
    /// The timeline shows the chronological list instead of the graph.
    pub list: bool,
    /// Two articles side by side: (left, right), never the same.
    pub compare: Option<(ArticleIx, ArticleIx)>,
    /// The item selected in the comparison (its mentions are stepped through).
    pub compare_item: Option<CompareItem>,
    /// The two columns scroll together.
    pub linked: bool,
    /// The entity × article matrix is shown.
    pub matrix: bool,
    /// The matrix order.
    pub matrix_sort: MatrixSort,
    /// The open measure: one figure across every article that reports it.
    pub measure: Option<u32>,
}

impl AppState {
    /// The query-engine filter this state asks for.
    pub fn filter(&self) -> Filter {
        Filter {
            entities: self.entities.clone(),
            kinds: self.kinds.clone(),
            range: self.range,
            range_field: self.range_field,
            text: self.text.clone(),
            order: self.order,
        }
    }

    /// Are any filters (entities, range, text) set?
    pub fn has_filters(&self) -> bool {
        !self.entities.is_empty()
            || self.range.is_some()
            || !self.text.trim().is_empty()
            || !self.kinds.is_empty()
    }
}

/// What a reader can do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Type in the search box.
    SetText(String),
    /// Add an entity filter, or remove it if present.
    ToggleEntity(EntityIx),
    /// Remove an entity filter.
    RemoveEntity(EntityIx),
    /// Show or hide an entity kind in the facets.
    ToggleKind(EntityKind),
    /// Set or clear the date range (swapped if inverted).
    SetRange(Option<(Date, Date)>),
    /// Choose what the range applies to.
    SetRangeField(DateField),
    /// Choose the order.
    SetOrder(Order),
    /// Clear text, entities, kinds and range.
    ClearFilters,
    /// Open an article, optionally at a paragraph.
    OpenArticle(ArticleIx, Option<u32>),
    /// Close the reader.
    CloseArticle,
    /// Open an entity card.
    OpenEntity(EntityIx),
    /// Close the entity card.
    CloseEntity,
    /// Set the timeline's window (`None`: back to the default view).
    SetWindow(Option<(Date, Date)>),
    /// Select a timeline event (opens its card).
    SelectEvent(EventIx),
    /// Close the event card.
    CloseEvent,
    /// Show the timeline as a list (`true`) or a graph.
    SetList(bool),
    /// Put two different articles side by side (left, right); the same article twice
    /// is ignored.
    Compare(ArticleIx, ArticleIx),
    /// Close the side-by-side view.
    CloseCompare,
    /// Select an item in the comparison (`None`: clear).
    SelectCompareItem(Option<CompareItem>),
    /// Scroll the two columns together, or not.
    SetLinked(bool),
    /// Show the matrix (`true`) or not.
    ShowMatrix(bool),
    /// Order the matrix.
    SortMatrix(MatrixSort),
    /// Replace the whole state (back/forward, pasted link, embed host).
    Replace(AppState),
    /// Set the filters (entities, kinds, date range and what it applies to, search text)
    /// to those of a filter: a suggested correction, a filter dropped, a typed date made
    /// the date range.
    SetFilter(Filter),
    /// Open a measure (one figure across every article).
    OpenMeasure(u32),
    /// Close the measure.
    CloseMeasure,
}

impl Action {
    /// The short form a link carries of the action it leads to (its `data-act`), so that
    /// one listener can follow every link: `a3` opens article 3, `a3.13` at its
    /// paragraph 13 (indices), `n7` opens entity 7's card, `v40` selects event 40, `c1.4`
    /// puts articles 1 and 4 side by side, `m2` opens measure 2. `None` for actions no link
    /// leads to.
    pub fn token(&self) -> Option<String> {
        Some(match *self {
            Action::OpenArticle(a, None) => format!("a{a}"),
            Action::OpenArticle(a, Some(p)) => format!("a{a}.{p}"),
            Action::OpenEntity(e) => format!("n{e}"),
            Action::SelectEvent(e) => format!("v{e}"),
            Action::Compare(a, b) => format!("c{a}.{b}"),
            Action::OpenMeasure(m) => format!("m{m}"),
            _ => return None,
        })
    }

    /// Read a link's [`Action::token`] back (`None` for anything else).
    pub fn from_token(t: &str) -> Option<Action> {
        let kind = t.chars().next()?;
        let rest = &t[kind.len_utf8()..];
        let (a, b) = match rest.split_once('.') {
            Some((a, b)) => (a.parse::<u32>().ok()?, Some(b.parse::<u32>().ok()?)),
            None => (rest.parse::<u32>().ok()?, None),
        };
        match (kind, b) {
            ('a', p) => Some(Action::OpenArticle(a, p)),
            ('n', None) => Some(Action::OpenEntity(a)),
            ('v', None) => Some(Action::SelectEvent(a)),
            ('c', Some(b)) => Some(Action::Compare(a, b)),
            ('m', None) => Some(Action::OpenMeasure(a)),
            _ => None,
        }
    }
}

/// Apply an action.
pub fn reduce(s: &AppState, action: Action) -> AppState {
    let mut s = s.clone();
    match action {
        Action::SetText(t) => s.text = t.chars().take(MAX_VALUE).collect(),
        Action::ToggleEntity(e) => {
            if let Some(i) = s.entities.iter().position(|&x| x == e) {
                s.entities.remove(i);
            } else if s.entities.len() < MAX_ENTITIES {
                s.entities.push(e);
            }
        }
        Action::RemoveEntity(e) => s.entities.retain(|&x| x != e),
        Action::ToggleKind(k) => {
            if let Some(i) = s.kinds.iter().position(|&x| x == k) {
                s.kinds.remove(i);
            } else {
                s.kinds.push(k);
                crate::util::sort(&mut s.kinds);
            }
        }
        Action::SetRange(r) => s.range = r.map(|(a, b)| if a <= b { (a, b) } else { (b, a) }),
        Action::SetRangeField(f) => s.range_field = f,
        Action::SetOrder(o) => s.order = o,
        Action::ClearFilters => {
            s.text.clear();
            s.entities.clear();
            s.kinds.clear();
            s.range = None;
        }
        Action::OpenArticle(a, p) => {
            s.article = Some(a);
            s.paragraph = p;
            // The reader shows what the card (a dialog over the page) linked to.
            s.entity = None;
            s.measure = None;
            // The reader shows in place of the comparison and the matrix (Back returns).
            s.compare = None;
            s.compare_item = None;
            s.matrix = false;
        }
        Action::CloseArticle => {
            s.article = None;
            s.paragraph = None;
        }
        Action::OpenEntity(e) => s.entity = Some(e),
        Action::CloseEntity => s.entity = None,
        Action::SetWindow(w) => s.window = w.map(|(a, b)| window_fixed(a, b).0),
        Action::SelectEvent(e) => s.event = Some(e),
        Action::CloseEvent => s.event = None,
        Action::SetList(l) => s.list = l,
        Action::Compare(a, b) if a != b => {
            if s.compare != Some((a, b)) {
                s.compare_item = None;
            }
            s.compare = Some((a, b));
            s.matrix = false;
        }
        Action::Compare(..) => {}
        Action::CloseCompare => {
            s.compare = None;
            s.compare_item = None;
        }
        Action::SelectCompareItem(i) => {
            if s.compare.is_some() {
                s.compare_item = i;
            }
        }
        Action::SetLinked(l) => s.linked = l,
        Action::ShowMatrix(m) => {
            s.matrix = m;
            if m {
                s.compare = None;
                s.compare_item = None;
            }
        }
        Action::SortMatrix(o) => s.matrix_sort = o,
        Action::Replace(n) => s = n,
        Action::SetFilter(f) => {
            s.entities = f.entities;
            s.entities.truncate(MAX_ENTITIES);
            s.kinds = f.kinds;
            s.range = f.range.map(|(a, b)| if a <= b { (a, b) } else { (b, a) });
            s.range_field = f.range_field;
            s.text = f.text.chars().take(MAX_VALUE).collect();
        }
        Action::OpenMeasure(m) => s.measure = Some(m),
        Action::CloseMeasure => s.measure = None,
    }
    s
}

/// A window put right: ends swapped if inverted, widened (from its start) to
/// [`MIN_WINDOW_DAYS`] if narrower. The flag says whether anything changed.
pub fn window_fixed(a: Date, b: Date) -> ((Date, Date), bool) {
    let (a, b, swapped) = if b < a { (b, a, true) } else { (a, b, false) };
    if b.to_days() - a.to_days() < MIN_WINDOW_DAYS {
        ((a, a.add_days(MIN_WINDOW_DAYS)), true)
    } else {
        ((a, b), swapped)
    }
}

/// The result of reading a URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The state that could be read.
    pub state: AppState,
    /// One line per thing ignored or corrected, for the reader.
    pub ignored: Vec<String>,
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decode `application/x-www-form-urlencoded` text (`+` is a space). Invalid escapes are
/// kept literally; invalid UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encode for a query value: unreserved characters, `,`, `:` and `/` are kept.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b','
            | b':'
            | b'/' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Characters that would be invisible or reorder the text of a notice: controls, and the
/// zero-width and bidirectional formatting characters.
fn invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// A value as a notice quotes it: at most 40 characters as shown (an invisible character
/// counts as its spelling), and every invisible character spelled out (`U+202E`), so a
/// notice can neither hide what was typed nor be reversed by it, nor grow long.
fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::new();
    let mut len = 0; // characters in `out`: a spelled-out character counts as its spelling
    for c in s.chars() {
        let spelled = invisible(c).then(|| format!("U+{:04X}", c as u32));
        let n = spelled.as_ref().map_or(1, |w| w.len());
        if len + n > MAX {
            out.push('…');
            break;
        }
        match spelled {
            Some(w) => out.push_str(&w),
            None => out.push(c),
        }
        len += n;
    }
    out
}

fn parse_date_start(v: &str) -> Option<Date> {
    DateSpec::parse(v)
        .filter(|d| d.precision != crate::date::Precision::Span)
        .map(|d| d.start)
}

fn parse_date_end(v: &str) -> Option<Date> {
    DateSpec::parse(v)
        .filter(|d| d.precision != crate::date::Precision::Span)
        .map(|d| d.end)
}

/// What the readers of [`PARAMS`] fill while a query string is read: the state, and
/// the values that can only be resolved once every parameter is known (a paragraph
/// belongs to the article, the range's ends to each other, the comparison item to the
/// comparison).
#[derive(Default)]
pub struct Reading {
    state: AppState,
    from: Option<Date>,
    to: Option<Date>,
    paragraph: Option<String>,
    compare_item: Option<String>,
}

/// One URL parameter, defined once: its name, the values it takes and what it means (the
/// README's table is [`params_table`], and a test keeps the two equal), how it is read
/// (with the notice for a value it cannot use) and how it is written.
pub struct Param {
    /// The key in the query string.
    pub name: &'static str,
    /// The values it takes, as the README shows them.
    pub values: &'static str,
    /// What it means.
    pub meaning: &'static str,
    read: fn(&Corpus, &str, &mut Reading, &mut Vec<String>),
    write: fn(&Corpus, &AppState) -> Option<String>,
}

fn flag(value: &str, name: &str, out: &mut bool, notices: &mut Vec<String>) {
    match value {
        "1" | "true" => *out = true,
        "0" | "false" => *out = false,
        _ => notices.push(format!("“{}” is not 1 or 0 ({name})", shorten(value))),
    }
}

fn entity_id(c: &Corpus, e: EntityIx) -> Option<&str> {
    c.entities.get(e as usize).map(|e| e.id.as_str())
}

fn article_id(c: &Corpus, a: ArticleIx) -> Option<&str> {
    c.articles.get(a as usize).map(|a| a.id.as_str())
}

/// Every URL parameter, in the order [`to_query`] writes them.
pub const PARAMS: &[Param] = &[
    Param {
        name: "q",
        values: "text",
        meaning: "search text",
        read: |_, v, r, _| r.state.text = v.to_string(),
        write: |_, s| (!s.text.is_empty()).then(|| percent_encode(&s.text)),
    },
    Param {
        name: "e",
        values: "entity ids, comma-separated",
        meaning: "entity filters (every one must be mentioned)",
        read: |c, v, r, notices| {
            for id in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let st = &mut r.state;
                match c.entity_ix(id) {
                    Some(ix) if st.entities.contains(&ix) => {}
                    Some(ix) if st.entities.len() < MAX_ENTITIES => st.entities.push(ix),
                    Some(_) => notices.push(format!("more than {MAX_ENTITIES} entity filters")),
                    None => notices.push(format!("unknown entity “{}”", shorten(id))),
                }
            }
        },
        write: |c, s| {
            let ids: Vec<&str> = s.entities.iter().filter_map(|&e| entity_id(c, e)).collect();
            (!ids.is_empty()).then(|| ids.join(","))
        },
    },
    Param {
        name: "kind",
        values: "`person,organization,place,event`",
        meaning: "the kinds of names the filters list (all when absent)",
        read: |_, v, r, notices| {
            for k in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                match EntityKind::parse(k) {
                    Some(kind) if !r.state.kinds.contains(&kind) => r.state.kinds.push(kind),
                    Some(_) => {}
                    None => notices.push(format!("unknown kind “{}”", shorten(k))),
                }
            }
            crate::util::sort(&mut r.state.kinds);
        },
        write: |_, s| {
            let k: Vec<&str> = s.kinds.iter().map(|k| k.as_str()).collect();
            (!k.is_empty()).then(|| k.join(","))
        },
    },
    Param {
        name: "from",
        values: "`YYYY-MM-DD`, `YYYY-MM` or `YYYY`",
        meaning: "first day of the date range (a month or a year from its first day)",
        read: |_, v, r, notices| match parse_date_start(v) {
            Some(d) => r.from = Some(d),
            None => notices.push(format!("“{}” is not a date (from)", shorten(v))),
        },
        write: |_, s| {
            s.range
                .filter(|(a, _)| a.year > 1)
                .map(|(a, _)| a.to_string())
        },
    },
    Param {
        name: "to",
        values: "`YYYY-MM-DD`, `YYYY-MM` or `YYYY`",
        meaning: "last day of the date range (a month or a year to its last day)",
        read: |_, v, r, notices| match parse_date_end(v) {
            Some(d) => r.to = Some(d),
            None => notices.push(format!("“{}” is not a date (to)", shorten(v))),
        },
        write: |_, s| {
            s.range
                .filter(|(_, b)| b.year < 9999)
                .map(|(_, b)| b.to_string())
        },
    },
    Param {
        name: "on",
        values: "`event` (default) or `published`",
        meaning:
            "what the date range applies to: when events happened, or when articles were published",
        read: |_, v, r, notices| match v {
            "event" => r.state.range_field = DateField::Event,
            "published" => r.state.range_field = DateField::Published,
            _ => notices.push(format!("“{}” is not event or published (on)", shorten(v))),
        },
        // Written with or without a range: the choice is shown (and kept) before dates are set.
        write: |_, s| (s.range_field == DateField::Published).then(|| "published".into()),
    },
    Param {
        name: "sort",
        values: "`newest` (default), `oldest`, `relevance`",
        meaning: "the order of the results",
        read: |_, v, r, notices| match v {
            "newest" => r.state.order = Order::Newest,
            "oldest" => r.state.order = Order::Oldest,
            "relevance" => r.state.order = Order::Relevance,
            _ => notices.push(format!("unknown order “{}”", shorten(v))),
        },
        write: |_, s| match s.order {
            Order::Newest => None,
            Order::Oldest => Some("oldest".into()),
            Order::Relevance => Some("relevance".into()),
        },
    },
    Param {
        name: "a",
        values: "an article id",
        meaning: "the article open in the reader",
        read: |c, v, r, notices| match c.article_ix(v) {
            Some(ix) => r.state.article = Some(ix),
            None => notices.push(format!("unknown article “{}”", shorten(v))),
        },
        write: |c, s| s.article.and_then(|a| article_id(c, a)).map(str::to_string),
    },
    Param {
        name: "p",
        values: "a paragraph id, `p14`",
        meaning: "the paragraph the reader shows (with `a`)",
        read: |_, v, r, _| r.paragraph = Some(v.to_string()),
        write: |c, s| {
            let a = c.articles.get(s.article? as usize)?;
            a.paragraphs
                .get(s.paragraph? as usize)
                .map(|p| p.id.clone())
        },
    },
    Param {
        name: "ent",
        values: "an entity id",
        meaning: "the open entity card",
        read: |c, v, r, notices| match c.entity_ix(v) {
            Some(ix) => r.state.entity = Some(ix),
            None => notices.push(format!("unknown entity “{}”", shorten(v))),
        },
        write: |c, s| s.entity.and_then(|e| entity_id(c, e)).map(str::to_string),
    },
    Param {
        name: "win",
        values: "`2022-11-20,2023-02-10`",
        meaning: "the timeline's visible window: its first day and the day after its last",
        read: |_, v, r, notices| {
            let ends = v.split_once(',').map(|(a, b)| {
                (
                    Date::parse_iso(a.trim()).filter(|d| d.year > 1),
                    Date::parse_iso(b.trim()).filter(|d| d.year < 9999),
                )
            });
            match ends {
                Some((Some(a), Some(b))) => {
                    let (w, changed) = window_fixed(a, b);
                    if changed {
                        notices.push(
                            "the timeline window was inverted or under a week; it was corrected"
                                .into(),
                        );
                    }
                    r.state.window = Some(w);
                }
                _ => notices.push(format!("“{}” is not two dates (win)", shorten(v))),
            }
        },
        write: |_, s| s.window.map(|(a, b)| format!("{a},{b}")),
    },
    Param {
        name: "ev",
        values: "an event id",
        meaning: "the selected timeline event (its card is open)",
        read: |c, v, r, notices| match c.event_ix(v) {
            Some(ix) => r.state.event = Some(ix),
            None => notices.push(format!("unknown event “{}”", shorten(v))),
        },
        write: |c, s| {
            let e = c.events.get(s.event? as usize)?;
            Some(percent_encode(&e.id))
        },
    },
    Param {
        name: "timeline",
        values: "`list` (or `graph`, the default)",
        meaning: "the timeline as a chronological list",
        read: |_, v, r, notices| match v {
            "list" => r.state.list = true,
            "graph" => r.state.list = false,
            _ => notices.push(format!("“{}” is not list or graph (timeline)", shorten(v))),
        },
        write: |_, s| s.list.then(|| "list".into()),
    },
    Param {
        name: "cmp",
        values: "two article ids, `left,right`",
        meaning: "two articles side by side",
        read: |c, v, r, notices| {
            let ids = v
                .split_once(',')
                .map(|(a, b)| (c.article_ix(a.trim()), c.article_ix(b.trim())));
            match ids {
                Some((Some(a), Some(b))) if a != b => r.state.compare = Some((a, b)),
                Some((Some(_), Some(_))) => {
                    notices.push("a comparison needs two different articles (cmp)".into())
                }
                _ => notices.push(format!(
                    "“{}” is not two known article ids (cmp)",
                    shorten(v)
                )),
            }
        },
        write: |c, s| {
            let (a, b) = s.compare?;
            Some(format!("{},{}", article_id(c, a)?, article_id(c, b)?))
        },
    },
    Param {
        name: "cmpsel",
        values: "`entity:ID` or `event:ID`",
        meaning: "the name or event selected in the comparison (with `cmp`)",
        read: |_, v, r, _| r.compare_item = Some(v.to_string()),
        write: |c, s| {
            let (a, b) = s.compare?;
            article_id(c, a)?;
            article_id(c, b)?;
            match s.compare_item? {
                CompareItem::Entity(e) => {
                    Some(format!("entity:{}", percent_encode(entity_id(c, e)?)))
                }
                CompareItem::Event(e) => Some(format!(
                    "event:{}",
                    percent_encode(&c.events.get(e as usize)?.id)
                )),
            }
        },
    },
    Param {
        name: "linked",
        values: "`1`",
        meaning: "the two columns of the comparison scroll together",
        read: |_, v, r, notices| flag(v, "linked", &mut r.state.linked, notices),
        write: |_, s| s.linked.then(|| "1".into()),
    },
    Param {
        name: "view",
        values: "`matrix`",
        meaning: "names × articles, and the figures over time",
        read: |_, v, r, notices| match v {
            "matrix" => r.state.matrix = true,
            _ => notices.push(format!("unknown view “{}”", shorten(v))),
        },
        write: |_, s| s.matrix.then(|| "matrix".into()),
    },
    Param {
        name: "msort",
        values: "`total` (default), `name`, or an article id",
        meaning: "the matrix order: most mentions, by name, or most mentions in one article",
        read: |c, v, r, notices| match v {
            "total" => r.state.matrix_sort = MatrixSort::Total,
            "name" => r.state.matrix_sort = MatrixSort::Name,
            id => match c.article_ix(id) {
                Some(a) => r.state.matrix_sort = MatrixSort::Article(a),
                None => notices.push(format!(
                    "“{}” is not total, name or an article id (msort)",
                    shorten(id)
                )),
            },
        },
        write: |c, s| match s.matrix_sort {
            MatrixSort::Total => None,
            MatrixSort::Name => Some("name".into()),
            MatrixSort::Article(a) => article_id(c, a).map(str::to_string),
        },
    },
    Param {
        name: "fig",
        values: "a measure id",
        meaning: "the open measure: one figure across every article that reports it",
        read: |c, v, r, notices| match c.measures.iter().position(|m| m.id == v) {
            Some(i) => r.state.measure = Some(i as u32),
            None => notices.push(format!("unknown measure “{}”", shorten(v))),
        },
        write: |c, s| {
            let m = c.measures.get(s.measure? as usize)?;
            Some(percent_encode(&m.id))
        },
    },
    Param {
        name: "embed",
        values: "`1`",
        meaning: "the compact layout for an iframe (see Embedding)",
        read: |_, v, r, notices| flag(v, "embed", &mut r.state.embed, notices),
        write: |_, s| s.embed.then(|| "1".into()),
    },
];

/// The README's table of URL parameters, written from [`PARAMS`].
pub fn params_table() -> String {
    let mut out = String::from("| parameter | values | meaning |\n|---|---|---|\n");
    for p in PARAMS {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            p.name, p.values, p.meaning
        ));
    }
    out
}

/// Read a query string (with or without the leading `?`). Never fails.
pub fn parse_query(corpus: &Corpus, query: &str) -> Parsed {
    let mut r = Reading::default();
    let mut ignored = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let q = query.strip_prefix('?').unwrap_or(query);
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(k);
        let value = percent_decode(v);
        if key.is_empty() {
            continue; // stray `&&` or `=`: nothing was asked for
        }
        if seen.contains(&key) {
            ignored.push(format!(
                "repeated parameter “{}”: the first one is used",
                shorten(&key)
            ));
            continue;
        }
        seen.push(key.clone());
        if value.chars().count() > MAX_VALUE {
            ignored.push(format!(
                "parameter “{}” is too long (over {MAX_VALUE} characters)",
                shorten(&key)
            ));
            continue;
        }
        match PARAMS.iter().find(|p| p.name == key) {
            Some(p) => (p.read)(corpus, &value, &mut r, &mut ignored),
            None => ignored.push(format!("unknown parameter “{}”", shorten(&key))),
        }
    }
    let st = resolve(corpus, r, &mut ignored);
    // The same complaint twice (`sort=a&sort=b&sort=c`) is said once.
    let mut said: Vec<String> = Vec::new();
    ignored.retain(|m| {
        let first = !said.contains(m);
        if first {
            said.push(m.clone());
        }
        first
    });
    Parsed { state: st, ignored }
}

/// The rules between parameters, once all are read.
fn resolve(corpus: &Corpus, r: Reading, ignored: &mut Vec<String>) -> AppState {
    let mut st = r.state;
    if st.matrix && st.compare.is_some() {
        ignored.push("the matrix and a comparison at once: the comparison is shown".into());
        st.matrix = false;
    }
    if let Some(v) = r.compare_item {
        let item = match v.split_once(':') {
            Some(("entity", id)) => corpus.entity_ix(id).map(CompareItem::Entity),
            Some(("event", id)) => corpus.event_ix(id).map(CompareItem::Event),
            _ => None,
        };
        match (st.compare, item) {
            (Some(_), Some(i)) => st.compare_item = Some(i),
            (Some(_), None) => ignored.push(format!(
                "“{}” is not entity:ID or event:ID of a known item (cmpsel)",
                shorten(&v)
            )),
            (None, _) => ignored.push("a comparison item without a comparison (cmpsel)".into()),
        }
    }
    // Ends swapped first if inverted; then a first day in year 1 or a last day in year
    // 9999 is no bound at all (that is how an open end is written), so such an end reads
    // as absent and the range round-trips, also when it only became an end by the swap.
    let (from, to) = match (r.from, r.to) {
        (Some(a), Some(b)) if a > b => {
            ignored.push("the date range was inverted; from and to were swapped".into());
            (Some(b), Some(a))
        }
        ends => ends,
    };
    let from = from.filter(|d| d.year > 1);
    let to = to.filter(|d| d.year < 9999);
    st.range = match (from, to) {
        (Some(a), Some(b)) => Some((a, b)),
        (Some(a), None) => Some((a, Date::LAST)),
        (None, Some(b)) => Some((Date::FIRST, b)),
        (None, None) => None,
    };
    if let Some(p) = r.paragraph {
        let found = st.article.and_then(|a| {
            corpus.articles[a as usize]
                .paragraphs
                .iter()
                .position(|x| x.id == p)
                .map(|i| i as u32)
        });
        match (st.article, found) {
            (Some(_), Some(i)) => st.paragraph = Some(i),
            (Some(_), None) => ignored.push(format!("unknown paragraph “{}”", shorten(&p))),
            (None, _) => ignored.push("a paragraph without an article".into()),
        }
    }
    st
}

/// The canonical query string for a state (without `?`; empty for the default state),
/// parameters in the order of [`PARAMS`].
pub fn to_query(corpus: &Corpus, s: &AppState) -> String {
    let mut out = String::new();
    for p in PARAMS {
        if let Some(v) = (p.write)(corpus, s) {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(p.name);
            out.push('=');
            out.push_str(&v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_coding_round_trip() {
        for s in ["", "Jerí “takeover of Lima”", "a&b=c+d%", "日本 ✓", "100%"] {
            assert_eq!(percent_decode(&percent_encode(s)), s);
        }
        assert_eq!(percent_decode("a+b%20c%zz%"), "a b c%zz%");
        assert_eq!(percent_decode("%FF"), "\u{fffd}");
    }
}
