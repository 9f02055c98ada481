//! The synthetic corpus generator: deterministic, realistic shape, valid references.

#[path = "../../corpus/tests/common/mod.rs"]
mod common;
use common::corpus;
use corpus_index::synth::generate;

#[test]
fn same_seed_same_corpus_other_seed_other_corpus() {
    let a = generate(corpus(), 50, 7);
    let b = generate(corpus(), 50, 7);
    let c = generate(corpus(), 50, 8);
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn realistic_shape_and_valid_references() {
    let s = generate(corpus(), 200, 42);
    assert_eq!(s.articles.len(), 200);
    let paras: usize = s.articles.iter().map(|a| a.paragraphs.len()).sum();
    let words: usize = s
        .articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.split_whitespace().count())
        .sum();
    let real_words: usize = corpus()
        .articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.split_whitespace().count())
        .sum::<usize>()
        / corpus().articles.len();
    let avg = words / 200;
    assert!((14 * 200..=26 * 200).contains(&paras), "{paras} paragraphs");
    assert!(
        avg > real_words / 2 && avg < real_words * 2,
        "{avg} words per article vs {real_words} real"
    );
    assert!(s
        .articles
        .windows(2)
        .all(|w| w[0].published.date <= w[1].published.date));
    assert_eq!(s.entities.len(), corpus().entities.len());
    let mentions: usize = s.entities.iter().map(|e| e.mentions.len()).sum();
    assert!(mentions > 200 * 20, "{mentions} mentions");
    assert_eq!(s.events.len(), 1600);
    for e in &s.events {
        for ev in &e.evidence {
            assert!(!s.quote(ev).is_empty());
        }
    }
    // The binary round trip holds at scale too.
    assert_eq!(corpus::decode(&corpus::encode(&s)).unwrap(), s);
}
