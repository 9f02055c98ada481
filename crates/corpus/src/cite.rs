//! Citations of a paragraph: plain text, BibTeX and CSL-JSON, offered by the reader's
//! "Cite" menu.
//!
//! A citation says only what the corpus knows, and how: a missing byline is "author
//! unknown" (BibTeX and CSL-JSON leave the author out and say so in a note), an inferred
//! publication date is marked "inferred" (CSL-JSON `circa`), a date known only within
//! bounds is given as those bounds, and a title the curators supplied is in square
//! brackets, the bibliographic sign for a supplied title.
//!
//! ```
//! # let ds = corpus_index::DataSet { articles: None, events: None, measures: None,
//! #   gazetteer: Some(corpus_index::Source { name: "gazetteer.rec".into(), text:
//! #     "@entity lima\nname: Lima\nkind: place\nalias: Lima\ndescription: Capital of Peru.\n".into() }),
//! #   raw: vec![corpus_index::Source { name: "raw/a.txt".into(), text:
//! #     "# Marchers reach Lima\n\nAna Ruiz\n3 March 2023\n\nThousands marched.".into() }] };
//! # let c = corpus_index::compile(&ds).unwrap().corpus;
//! let cite = corpus::cite::cite(&c, 0, 0, "https://example.org/?a=a&p=p1");
//! assert!(cite.plain.starts_with("Ana Ruiz. “Marchers reach Lima.” "));
//! assert!(cite.bibtex.starts_with("@misc{ruiz2023marchers-p1,"));
//! ```

use crate::date::{Precision, MONTHS};
use crate::json::Json;
use crate::model::{Article, ArticleIx, Corpus, Provenance};

/// One paragraph's citation in three forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// A reference as a reader writes it.
    pub plain: String,
    /// A BibTeX `@misc` entry (biblatex reads its `date` and `url`).
    pub bibtex: String,
    /// A CSL-JSON array of one item (Zotero, Pandoc, citeproc).
    pub csl_json: String,
}

/// The publication an article appeared in, if its record names one (`publication:` in
/// `articles.rec`); otherwise citations say "publication unknown" rather than guess.
pub fn publication(a: &Article) -> Option<String> {
    a.publication.as_ref().map(|p| p.name.clone())
}

/// The key of a paragraph's BibTeX entry and CSL-JSON item: first author's last name (or
/// `anon`), the year, the first word of the title of four letters or more, the
/// paragraph: `lobo2022protests-p3`. ASCII only, accents folded, the same every time.
pub fn key(a: &Article, paragraph: u32) -> String {
    let author = a
        .authors
        .first()
        .and_then(|n| n.split_whitespace().last())
        .map(crate::util::slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "anon".into());
    let word = crate::util::slug(&a.title)
        .split('-')
        .find(|w| w.len() >= 4)
        .unwrap_or("")
        .to_string();
    format!(
        "{}{}{}-p{}",
        author.replace('-', ""),
        a.published.date.year,
        word,
        paragraph + 1
    )
}

/// `16 December 2022`.
fn long(d: crate::Date) -> String {
    format!(
        "{} {} {}",
        d.day,
        MONTHS[usize::from(d.month.clamp(1, 12) - 1)],
        d.year
    )
}

/// When it was published, as the plain citation says it: `16 December 2022`, `23 January
/// 2023 (inferred)`, `between 21 July 2023 and 27 July 2023 (inferred)`.
pub fn date_text(a: &Article) -> String {
    let p = &a.published;
    let date = match p.precision {
        Precision::Day => long(p.date),
        _ => {
            let (e, l) = p.span();
            format!("between {} and {}", long(e), long(l))
        }
    };
    if p.status == Provenance::Stated {
        date
    } else {
        format!("{date} (inferred)")
    }
}

/// The title as cited: in square brackets when the curators supplied it.
fn title(a: &Article) -> String {
    if a.title_status == Provenance::Supplied {
        format!("[{}]", a.title)
    } else {
        a.title.clone()
    }
}

/// Escape text for a BibTeX field: the characters TeX treats as commands or groups.
pub fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            c => out.push(c),
        }
    }
    out
}

/// Cite paragraph `paragraph` (index) of article `article`, whose address is `url`.
pub fn cite(c: &Corpus, article: ArticleIx, paragraph: u32, url: &str) -> Citation {
    let a = &c.articles[article as usize];
    let n = paragraph + 1;
    let publication = publication(a);
    let authors = if a.authors.is_empty() {
        None
    } else {
        Some(a.authors.join(" and "))
    };
    let inferred = a.published.status != Provenance::Stated;

    let plain = format!(
        "{}. “{}.” {}, {}, paragraph {n}. {url}",
        authors.as_deref().unwrap_or("Author unknown"),
        title(a).trim_end_matches('.'),
        publication.as_deref().unwrap_or("publication unknown"),
        date_text(a),
    );

    let mut notes = vec![format!("Paragraph {n}")];
    if authors.is_none() {
        notes.push("author unknown".into());
    }
    if inferred {
        notes.push(format!("publication date inferred: {}", date_text(a)));
    }
    if a.title_status == Provenance::Supplied {
        notes.push("title supplied by the corpus curators".into());
    }
    let note = notes.join("; ");
    let (start, end) = a.published.span();
    let date = if a.published.precision == Precision::Day {
        a.published.date.to_string()
    } else {
        format!("{start}/{end}")
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(au) = &authors {
        fields.push(("author", bibtex_escape(au)));
    }
    fields.push(("title", format!("{{{}}}", bibtex_escape(&title(a)))));
    if let Some(p) = &publication {
        fields.push(("howpublished", bibtex_escape(p)));
    }
    fields.push(("year", a.published.date.year.to_string()));
    if a.published.precision == Precision::Day {
        fields.push(("month", a.published.date.month.to_string()));
    }
    fields.push(("date", date));
    fields.push(("url", url.replace(['{', '}', '\\'], "")));
    fields.push(("note", bibtex_escape(&note)));
    let mut bibtex = format!("@misc{{{},\n", key(a, paragraph));
    for (k, v) in fields {
        bibtex.push_str(&format!("  {k} = {{{v}}},\n"));
    }
    bibtex.push_str("}\n");

    let parts = |d: crate::Date| {
        Json::Arr(vec![
            Json::Int(i64::from(d.year)),
            Json::Int(i64::from(d.month)),
            Json::Int(i64::from(d.day)),
        ])
    };
    let mut issued = vec![(
        "date-parts",
        if a.published.precision == Precision::Day {
            Json::Arr(vec![parts(a.published.date)])
        } else {
            Json::Arr(vec![parts(start), parts(end)])
        },
    )];
    if inferred {
        issued.push(("circa", Json::Bool(true)));
    }
    let mut item = vec![
        ("id", Json::Str(key(a, paragraph))),
        ("type", Json::str("article-newspaper")),
        ("title", Json::Str(title(a))),
        ("issued", Json::obj(issued)),
        ("URL", Json::str(url)),
        ("note", Json::Str(note)),
    ];
    if !a.authors.is_empty() {
        item.push((
            "author",
            Json::Arr(
                a.authors
                    .iter()
                    .map(|n| Json::obj(vec![("literal", Json::str(n))]))
                    .collect(),
            ),
        ));
    }
    if let Some(p) = publication {
        item.push(("container-title", Json::Str(p)));
    }
    let mut csl_json = Json::Arr(vec![Json::obj(item)]).pretty();
    csl_json.push('\n');
    Citation {
        plain,
        bibtex,
        csl_json,
    }
}
