//! Drawing primitives of the timeline: the rows of the drawing, marks built at run time
//! (one code path for every kind of mark instead of a macro expansion per kind), and the
//! keys that name a mark in the DOM (`data-key`: `e12` an event, `a3` an article).

use corpus::timeline::{cluster_label, lane_of, Focus, Lane, Options};
use corpus::Corpus;
use yew::virtual_dom::{Key, VTag};
use yew::Html;

/// Width of the lane names on the left (pixels).
pub const GUTTER: f64 = 58.0;
/// Height of an era row.
pub const ERA_ROW: f64 = 18.0;
/// Height of a label row.
pub const LABEL_ROW: f64 = 15.0;
/// Vertical step between span rows.
pub const SPAN_ROW: f64 = 8.0;
/// Height of the overview strip.
pub const OVERVIEW_H: f64 = 30.0;

/// A length in whole pixels, as an attribute value.
pub fn px(x: f64) -> String {
    if x.is_finite() {
        (x.round() as i64).to_string()
    } else {
        "0".into()
    }
}

/// The vertical positions of the lanes.
#[derive(Clone, Copy, PartialEq)]
pub struct Rows {
    pub eras: f64,
    pub labels: f64,
    pub events: f64,
    pub articles: f64,
    pub axis: f64,
    pub height: f64,
}

impl Rows {
    /// Room for every row the layout may use, so the drawing keeps its height while the
    /// view moves (nothing below it jumps, and the page is not laid out again).
    pub fn of(o: &Options) -> Rows {
        let eras = 4.0;
        let labels = eras + o.band_rows as f64 * ERA_ROW + 6.0;
        let events = labels + 3.0 * LABEL_ROW + 10.0;
        let articles = events + 12.0 + o.span_rows as f64 * SPAN_ROW + 34.0;
        let axis = articles + 22.0;
        Rows {
            eras,
            labels,
            events,
            articles,
            axis,
            height: axis + 26.0,
        }
    }
}

/// The `data-key` of a mark.
pub fn focus_key(f: Focus) -> String {
    match f {
        Focus::Event(e) => format!("e{e}"),
        Focus::Article(a) => format!("a{a}"),
    }
}

/// A `data-key` read back.
pub fn parse_key(k: &str) -> Option<Focus> {
    let n = k.get(1..)?.parse::<u32>().ok()?;
    match k.as_bytes().first() {
        Some(b'e') => Some(Focus::Event(n)),
        Some(b'a') => Some(Focus::Article(n)),
        _ => None,
    }
}

/// An SVG element with attributes and children.
pub fn node(tag: &'static str, attrs: &[(&'static str, String)], children: Vec<Html>) -> Html {
    let mut t = VTag::new(tag);
    for (k, v) in attrs {
        t.add_attribute(k, v.clone());
    }
    t.add_children(children);
    t.into()
}

/// The same, keyed (lists of marks are diffed by key, so a mark that moves is patched,
/// not rebuilt).
pub fn keyed(
    key: &str,
    tag: &'static str,
    attrs: &[(&'static str, String)],
    children: Vec<Html>,
) -> Html {
    let mut t = VTag::new(tag);
    t.key = Some(Key::from(key));
    for (k, v) in attrs {
        t.add_attribute(k, v.clone());
    }
    t.add_children(children);
    t.into()
}

/// A group of marks (a layer).
pub fn group(class: &'static str, children: Vec<Html>) -> Html {
    node("g", &[("class", class.to_string())], children)
}

/// The focus ring of a mark, drawn only on the roving tab stop (the one mark that can
/// have keyboard focus without being clicked): one element fewer per mark per frame.
pub fn ring(tab: bool, tag: &'static str, attrs: &[(&'static str, String)]) -> Html {
    if tab {
        let mut a = vec![("class", "ring".to_string())];
        a.extend_from_slice(attrs);
        node(tag, &a, vec![])
    } else {
        Html::default()
    }
}

/// A focusable mark (`role=button`, roving tab index), keyed by its `data-key`.
pub fn mark_node(
    class: String,
    key: &str,
    tab: bool,
    label: String,
    extra: &[(&'static str, String)],
    children: Vec<Html>,
) -> Html {
    let mut attrs = vec![
        ("class", class),
        ("data-key", key.to_string()),
        ("tabindex", if tab { "0" } else { "-1" }.to_string()),
        ("role", "button".to_string()),
        ("aria-label", label),
    ];
    attrs.extend_from_slice(extra);
    keyed(key, "g", &attrs, children)
}

/// Add ` name` to a class list when `on`.
pub fn flag(class: &mut String, on: bool, name: &str) {
    if on {
        class.push(' ');
        class.push_str(name);
    }
}

/// A cluster's mark: a bubble with a count, opened like any mark (its `data-cluster`
/// indexes the layout's clusters of its lane). Drawn around (0, 0) in a group moved to
/// its place.
pub fn cluster_node(
    c: &Corpus,
    members: &[Focus],
    index: usize,
    (x, y): (f64, f64),
    selected: bool,
    stop: Option<&str>,
) -> Html {
    let key = members.first().map(|&f| focus_key(f)).unwrap_or_default();
    let tab = stop == Some(key.as_str());
    let n = members.len().to_string();
    let mut cls = String::from("mark cluster");
    match members.first() {
        Some(&Focus::Article(_)) => cls.push_str(" docs"),
        Some(&f) if lane_of(c, f) != Lane::Events => cls.push_str(" eras"),
        _ => {}
    }
    flag(&mut cls, selected, "selected");
    let zero = || String::from("0");
    let kids = vec![
        ring(
            tab,
            "circle",
            &[("cx", zero()), ("cy", zero()), ("r", "15".into())],
        ),
        node(
            "circle",
            &[
                ("class", "bubble".into()),
                ("cx", zero()),
                ("cy", zero()),
                ("r", "10".into()),
            ],
            vec![],
        ),
        node(
            "text",
            &[("x", zero()), ("y", "4".into())],
            vec![Html::from(n.clone())],
        ),
    ];
    mark_node(
        cls,
        &key,
        tab,
        cluster_label(c, members),
        &[
            ("data-cluster", index.to_string()),
            ("data-count", n),
            ("transform", format!("translate({},{})", px(x), px(y))),
        ],
        kids,
    )
}
