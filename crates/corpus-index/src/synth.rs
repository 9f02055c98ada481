//! A deterministic synthetic corpus for scale tests and benchmarks.
//!
//! Articles are made of sentences drawn from the real corpus, so word frequencies, entity
//! density and paragraph lengths stay realistic (about 20 paragraphs and 1,400 words per
//! article, like the real five). Dates spread over 1990–2026. Events reuse the real titles,
//! entities and categories with new dates, and quote their synthetic article. Mentions and
//! figures are found by the same code as for the real corpus. The same seed always gives
//! the same corpus.

use crate::compile::find_figures;
use crate::matcher::Matcher;
use corpus::date::{Date, DateSpec};
use corpus::model::*;

pub use corpus::util::Rng;

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if matches!(c, '.' | '?' | '!') && cur.len() > 30 {
            out.push(cur.trim().to_string());
            cur.clear();
        }
    }
    if cur.trim().len() > 30 {
        out.push(cur.trim().to_string());
    }
    out
}

/// Generate `n` articles from the sentences, entities and events of `seed_corpus`.
pub fn generate(seed_corpus: &Corpus, n: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed);
    let pool: Vec<String> = seed_corpus
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().flat_map(|p| sentences(&p.text)))
        .collect();
    let pool = if pool.is_empty() {
        vec!["Nothing was reported that day.".to_string()]
    } else {
        pool
    };
    let start = Date::new(1990, 1, 1).map_or(0, Date::to_days);
    let end = Date::new(2026, 12, 31).map_or(1, Date::to_days);
    let mut articles = Vec::with_capacity(n);
    for i in 0..n {
        let paras = 14 + rng.below(12);
        let mut paragraphs = Vec::with_capacity(paras);
        for p in 0..paras {
            let k = 2 + rng.below(3);
            let text = (0..k)
                .map(|_| pool[rng.below(pool.len())].as_str())
                .collect::<Vec<_>>()
                .join(" ");
            paragraphs.push(Paragraph {
                id: format!("p{}", p + 1),
                kind: ParagraphKind::Body,
                text,
                emphasis: Vec::new(),
            });
        }
        let date = Date::from_days(start + rng.below((end - start) as usize) as i64);
        let first = &paragraphs[0].text;
        let title: String = first
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ");
        articles.push(Article {
            id: format!("synth-{i:05}"),
            source_file: format!("synth-{i:05}.txt"),
            title,
            title_status: Provenance::Stated,
            title_reason: None,
            authors: vec!["Synthetic Author".into()],
            authors_status: Provenance::Stated,
            authors_reason: None,
            published: Published {
                date,
                precision: corpus::date::Precision::Day,
                status: Provenance::Stated,
                reason: None,
                earliest: None,
                latest: None,
            },
            publication: None,
            paragraphs,
        });
    }
    articles.sort_by(|a, b| (a.published.date, &a.id).cmp(&(b.published.date, &b.id)));
    let mut matcher = Matcher::default();
    let entities: Vec<Entity> = seed_corpus
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            for a in &e.aliases {
                matcher.add(i as u32, &a.text, a.ignore_case);
            }
            Entity {
                mentions: Vec::new(),
                ..e.clone()
            }
        })
        .collect();
    let mut corpus = Corpus {
        articles,
        entities,
        ..Corpus::default()
    };
    crate::compile::find_mentions(&mut corpus, &matcher);
    corpus.figures = find_figures(&corpus.articles);
    // About eight events per article, each quoting a sentence of its article.
    if !seed_corpus.events.is_empty() {
        for i in 0..n * 8 {
            let model = &seed_corpus.events[rng.below(seed_corpus.events.len())];
            let ai = rng.below(corpus.articles.len());
            let a = &corpus.articles[ai];
            let pi = rng.below(a.paragraphs.len());
            let text = &a.paragraphs[pi].text;
            let qlen = text.char_indices().nth(60).map_or(text.len(), |c| c.0);
            let pub_days = a.published.date.to_days();
            let day = Date::from_days(pub_days - rng.below(3650) as i64);
            corpus.events.push(Event {
                id: format!("synth-event-{i:06}"),
                title: model.title.clone(),
                date: DateSpec::day(day),
                method: model.method,
                basis: model.basis.clone(),
                category: model.category,
                entities: model.entities.clone(),
                evidence: vec![Evidence {
                    article: ai as u32,
                    paragraph: pi as u32,
                    start: 0,
                    end: qlen as u32,
                }],
            });
        }
        corpus
            .events
            .sort_by(|a, b| (a.date.start, &a.id).cmp(&(b.date.start, &b.id)));
    }
    corpus
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(
            (0..5).map(|_| a.next_u64()).collect::<Vec<_>>(),
            (0..5).map(|_| b.next_u64()).collect::<Vec<_>>()
        );
    }
}
