//! Drawing primitives of the timeline: the rows of the drawing, marks built at run time
//! (one code path for every kind of mark instead of a macro expansion per kind), and the
//! keys that name a mark in the DOM (`data-key`: `e12` an event, `a3` an article).

use corpus::timeline::{cluster_label, lane_of, Focus, Lane, Options};
use corpus::Corpus;
use yew::virtual_dom::{AttributeOrProperty, Attributes, Key, VTag};
use yew::{AttrValue, Html};

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

/// Attribute values, in the order of a static list of names (see [`el`]).
pub type Values = Vec<AttrValue>;

/// An element with attributes `keys` (a static list) set to `values`, in order: Yew
/// compares such attributes by position, without hashing names, which is what a frame of
/// the timeline does for every mark.
pub fn el(
    tag: &'static str,
    keys: &'static [&'static str],
    values: Values,
    children: Vec<Html>,
) -> Html {
    tag_of(tag, keys, values, children).into()
}

fn tag_of(
    tag: &'static str,
    keys: &'static [&'static str],
    values: Values,
    children: Vec<Html>,
) -> VTag {
    let mut t = VTag::new(tag);
    t.set_attributes(Attributes::Dynamic {
        keys,
        values: values
            .into_iter()
            .map(|v| Some(AttributeOrProperty::Attribute(v)))
            .collect(),
    });
    t.add_children(children);
    t
}

/// The same, keyed (lists of marks are diffed by key, so a mark that moves is patched,
/// not rebuilt).
pub fn keyed(
    key: &str,
    tag: &'static str,
    keys: &'static [&'static str],
    values: Values,
    children: Vec<Html>,
) -> Html {
    let mut t = tag_of(tag, keys, values, children);
    t.key = Some(Key::from(key));
    t.into()
}

/// A group of marks (a layer).
pub fn group(class: &'static str, children: Vec<Html>) -> Html {
    el("g", &["class"], vec![class.into()], children)
}

/// The focus ring of a mark, drawn only on the roving tab stop (the one mark that can
/// have keyboard focus without being clicked): one element fewer per mark per frame.
pub fn ring(
    tab: bool,
    tag: &'static str,
    keys: &'static [&'static str],
    values: impl FnOnce() -> Values,
) -> Html {
    if tab {
        el(tag, keys, values(), vec![])
    } else {
        Html::default()
    }
}

/// A focusable mark (`role=button`, roving tab index), keyed by its `data-key`. `keys`
/// starts with `class`, `data-key`, `tabindex`, `role`, `aria-label`; `extra` are the
/// values of the keys after those.
#[allow(clippy::too_many_arguments)]
pub fn mark_node(
    keys: &'static [&'static str],
    class: String,
    key: &str,
    tab: bool,
    label: AttrValue,
    extra: Values,
    children: Vec<Html>,
) -> Html {
    let mut values: Values = vec![
        class.into(),
        AttrValue::from(key.to_string()),
        if tab { "0" } else { "-1" }.into(),
        "button".into(),
        label,
    ];
    values.extend(extra);
    keyed(key, "g", keys, values, children)
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
    let kids = vec![
        ring(tab, "circle", &["class", "cx", "cy", "r"], || {
            vec!["ring".into(), "0".into(), "0".into(), "15".into()]
        }),
        el(
            "circle",
            &["class", "cx", "cy", "r"],
            vec!["bubble".into(), "0".into(), "0".into(), "10".into()],
            vec![],
        ),
        el(
            "text",
            &["x", "y"],
            vec!["0".into(), "4".into()],
            vec![Html::from(n.clone())],
        ),
    ];
    mark_node(
        &[
            "class",
            "data-key",
            "tabindex",
            "role",
            "aria-label",
            "data-cluster",
            "data-count",
            "transform",
        ],
        cls,
        &key,
        tab,
        cluster_label(c, members).into(),
        vec![
            index.to_string().into(),
            n.into(),
            format!("translate({},{})", px(x), px(y)).into(),
        ],
        kids,
    )
}
