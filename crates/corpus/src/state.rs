//! The explorer's state, its reducer, and its URL form.
//!
//! The URL is the source of truth for everything a reader may want to share or go back
//! to: search text, entity filters, kinds, date range, order, the open article and
//! paragraph, the open entity card, and embed mode. [`parse_query`] turns any query
//! string into a valid [`AppState`] plus a list of what it ignored (it never fails: a
//! broken link still opens the explorer and says what it could not use);
//! [`to_query`] writes the canonical form; the two round-trip.
//!
//! Parameters (all optional):
//!
//! | key | value |
//! |---|---|
//! | `q` | search text |
//! | `e` | entity ids, comma-separated (all must be mentioned) |
//! | `kind` | entity kinds to list: `person,organization,place,event` |
//! | `from`, `to` | date range, `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) |
//! | `on` | what the range applies to: `event` (default) or `published` |
//! | `sort` | `newest` (default), `oldest`, `relevance` |
//! | `a` | open article id; `p` a paragraph id in it (`p3`) |
//! | `ent` | open entity card id |
//! | `embed` | `1` for the compact embedded layout |
//! | `win` | the timeline's visible window: `YYYY-MM-DD,YYYY-MM-DD` (first day, day after the last) |
//! | `ev` | the selected timeline event id (its card is open) |
//! | `timeline` | `list` for the chronological list instead of the graph |
//! | `cmp` | two article ids side by side: `left,right` |
//! | `cmpsel` | the shared item selected in the comparison: `entity:ID` or `event:ID` |
//! | `linked` | `1`: the two columns scroll together |
//! | `view` | `matrix`: the entity × article matrix and the figures over time |
//! | `msort` | the matrix order: `total` (default), `name`, or an article id |

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
    pub matrix_sort: crate::compare::MatrixSort,
}

/// What can be selected in the side-by-side view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareItem {
    /// An entity.
    Entity(EntityIx),
    /// An event.
    Event(EventIx),
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
    SortMatrix(crate::compare::MatrixSort),
    /// Replace the whole state (back/forward, pasted link, embed host).
    Replace(AppState),
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

/// Read a query string (with or without the leading `?`). Never fails.
pub fn parse_query(corpus: &Corpus, query: &str) -> Parsed {
    let mut st = AppState::default();
    let mut ignored = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let q = query.strip_prefix('?').unwrap_or(query);
    let mut from: Option<Date> = None;
    let mut to: Option<Date> = None;
    let mut para: Option<String> = None;
    let mut cmpsel: Option<String> = None;
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
        match key.as_str() {
            "q" => st.text = value,
            "e" => {
                for id in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    match corpus.entity_ix(id) {
                        Some(ix) if st.entities.contains(&ix) => {}
                        Some(ix) if st.entities.len() < MAX_ENTITIES => st.entities.push(ix),
                        Some(_) => ignored.push(format!("more than {MAX_ENTITIES} entity filters")),
                        None => ignored.push(format!("unknown entity “{}”", shorten(id))),
                    }
                }
            }
            "kind" => {
                for k in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    match EntityKind::parse(k) {
                        Some(kind) if !st.kinds.contains(&kind) => st.kinds.push(kind),
                        Some(_) => {}
                        None => ignored.push(format!("unknown kind “{}”", shorten(k))),
                    }
                }
                crate::util::sort(&mut st.kinds);
            }
            "from" => match parse_date_start(&value) {
                Some(d) => from = Some(d),
                None => ignored.push(format!("“{}” is not a date (from)", shorten(&value))),
            },
            "to" => match parse_date_end(&value) {
                Some(d) => to = Some(d),
                None => ignored.push(format!("“{}” is not a date (to)", shorten(&value))),
            },
            "on" => match value.as_str() {
                "event" => st.range_field = DateField::Event,
                "published" => st.range_field = DateField::Published,
                _ => ignored.push(format!(
                    "“{}” is not event or published (on)",
                    shorten(&value)
                )),
            },
            "sort" => match value.as_str() {
                "newest" => st.order = Order::Newest,
                "oldest" => st.order = Order::Oldest,
                "relevance" => st.order = Order::Relevance,
                _ => ignored.push(format!("unknown order “{}”", shorten(&value))),
            },
            "a" => match corpus.article_ix(&value) {
                Some(ix) => st.article = Some(ix),
                None => ignored.push(format!("unknown article “{}”", shorten(&value))),
            },
            "p" => para = Some(value),
            "ent" => match corpus.entity_ix(&value) {
                Some(ix) => st.entity = Some(ix),
                None => ignored.push(format!("unknown entity “{}”", shorten(&value))),
            },
            "embed" => match value.as_str() {
                "1" | "true" => st.embed = true,
                "0" | "false" => st.embed = false,
                _ => ignored.push(format!("“{}” is not 1 or 0 (embed)", shorten(&value))),
            },
            "win" => {
                let ends = value.split_once(',').map(|(a, b)| {
                    (
                        Date::parse_iso(a.trim()).filter(|d| d.year > 1),
                        Date::parse_iso(b.trim()).filter(|d| d.year < 9999),
                    )
                });
                match ends {
                    Some((Some(a), Some(b))) => {
                        let (w, changed) = window_fixed(a, b);
                        if changed {
                            ignored.push(
                                "the timeline window was inverted or under a week; it was corrected"
                                    .into(),
                            );
                        }
                        st.window = Some(w);
                    }
                    _ => ignored.push(format!("“{}” is not two dates (win)", shorten(&value))),
                }
            }
            "ev" => match corpus.event_ix(&value) {
                Some(ix) => st.event = Some(ix),
                None => ignored.push(format!("unknown event “{}”", shorten(&value))),
            },
            "timeline" => match value.as_str() {
                "list" => st.list = true,
                "graph" => st.list = false,
                _ => ignored.push(format!(
                    "“{}” is not list or graph (timeline)",
                    shorten(&value)
                )),
            },
            "cmp" => {
                let ids = value
                    .split_once(',')
                    .map(|(a, b)| (corpus.article_ix(a.trim()), corpus.article_ix(b.trim())));
                match ids {
                    Some((Some(a), Some(b))) if a != b => st.compare = Some((a, b)),
                    Some((Some(_), Some(_))) => {
                        ignored.push("a comparison needs two different articles (cmp)".into())
                    }
                    _ => ignored.push(format!(
                        "“{}” is not two known article ids (cmp)",
                        shorten(&value)
                    )),
                }
            }
            "cmpsel" => cmpsel = Some(value),
            "linked" => match value.as_str() {
                "1" | "true" => st.linked = true,
                "0" | "false" => st.linked = false,
                _ => ignored.push(format!("“{}” is not 1 or 0 (linked)", shorten(&value))),
            },
            "view" => match value.as_str() {
                "matrix" => st.matrix = true,
                _ => ignored.push(format!("unknown view “{}”", shorten(&value))),
            },
            "msort" => match value.as_str() {
                "total" => st.matrix_sort = crate::compare::MatrixSort::Total,
                "name" => st.matrix_sort = crate::compare::MatrixSort::Name,
                id => match corpus.article_ix(id) {
                    Some(a) => st.matrix_sort = crate::compare::MatrixSort::Article(a),
                    None => ignored.push(format!(
                        "“{}” is not total, name or an article id (msort)",
                        shorten(id)
                    )),
                },
            },
            _ => ignored.push(format!("unknown parameter “{}”", shorten(&key))),
        }
    }
    if st.matrix && st.compare.is_some() {
        ignored.push("the matrix and a comparison at once: the comparison is shown".into());
        st.matrix = false;
    }
    if let Some(v) = cmpsel {
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
    match (from, to) {
        (Some(a), Some(b)) if a > b => {
            ignored.push("the date range was inverted; from and to were swapped".into());
            st.range = Some((b, a));
        }
        (Some(a), Some(b)) => st.range = Some((a, b)),
        (Some(a), None) => {
            st.range = Some((
                a,
                Date {
                    year: 9999,
                    month: 12,
                    day: 31,
                },
            ))
        }
        (None, Some(b)) => {
            st.range = Some((
                Date {
                    year: 1,
                    month: 1,
                    day: 1,
                },
                b,
            ))
        }
        (None, None) => {}
    }
    if let Some(p) = para {
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

/// The canonical query string for a state (without `?`; empty for the default state).
pub fn to_query(corpus: &Corpus, s: &AppState) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !s.text.is_empty() {
        parts.push(format!("q={}", percent_encode(&s.text)));
    }
    if !s.entities.is_empty() {
        let ids: Vec<&str> = s
            .entities
            .iter()
            .filter_map(|&e| corpus.entities.get(e as usize))
            .map(|e| e.id.as_str())
            .collect();
        parts.push(format!("e={}", ids.join(",")));
    }
    if !s.kinds.is_empty() {
        let k: Vec<&str> = s.kinds.iter().map(|k| k.as_str()).collect();
        parts.push(format!("kind={}", k.join(",")));
    }
    if let Some((a, b)) = s.range {
        if a.year > 1 {
            parts.push(format!("from={a}"));
        }
        if b.year < 9999 {
            parts.push(format!("to={b}"));
        }
    }
    // Written with or without a range: the choice is shown (and kept) before dates are set.
    if s.range_field == DateField::Published {
        parts.push("on=published".into());
    }
    match s.order {
        Order::Newest => {}
        Order::Oldest => parts.push("sort=oldest".into()),
        Order::Relevance => parts.push("sort=relevance".into()),
    }
    if let Some(a) = s.article.and_then(|a| corpus.articles.get(a as usize)) {
        parts.push(format!("a={}", a.id));
        if let Some(p) = s.paragraph.and_then(|p| a.paragraphs.get(p as usize)) {
            parts.push(format!("p={}", p.id));
        }
    }
    if let Some(e) = s.entity.and_then(|e| corpus.entities.get(e as usize)) {
        parts.push(format!("ent={}", e.id));
    }
    if let Some((a, b)) = s.window {
        parts.push(format!("win={a},{b}"));
    }
    if let Some(e) = s.event.and_then(|e| corpus.events.get(e as usize)) {
        parts.push(format!("ev={}", percent_encode(&e.id)));
    }
    if s.list {
        parts.push("timeline=list".into());
    }
    if let Some((a, b)) = s.compare {
        if let (Some(a), Some(b)) = (
            corpus.articles.get(a as usize),
            corpus.articles.get(b as usize),
        ) {
            parts.push(format!("cmp={},{}", a.id, b.id));
            match s.compare_item {
                Some(CompareItem::Entity(e)) => {
                    if let Some(e) = corpus.entities.get(e as usize) {
                        parts.push(format!("cmpsel=entity:{}", percent_encode(&e.id)));
                    }
                }
                Some(CompareItem::Event(e)) => {
                    if let Some(e) = corpus.events.get(e as usize) {
                        parts.push(format!("cmpsel=event:{}", percent_encode(&e.id)));
                    }
                }
                None => {}
            }
        }
    }
    if s.linked {
        parts.push("linked=1".into());
    }
    if s.matrix {
        parts.push("view=matrix".into());
    }
    match s.matrix_sort {
        crate::compare::MatrixSort::Total => {}
        crate::compare::MatrixSort::Name => parts.push("msort=name".into()),
        crate::compare::MatrixSort::Article(a) => {
            if let Some(a) = corpus.articles.get(a as usize) {
                parts.push(format!("msort={}", a.id));
            }
        }
    }
    if s.embed {
        parts.push("embed=1".into());
    }
    parts.join("&")
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
