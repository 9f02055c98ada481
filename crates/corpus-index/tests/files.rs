//! The corpus as static files: the search index written at build time in chunks by term
//! range gives the same results as the index built in memory, loads only the chunks a
//! search needs, and a missing or damaged chunk file is reported by name.

#[path = "../../corpus/tests/common/mod.rs"]
mod common;
use common::{corpus, damage, temp_dir};
use corpus::{Corpus, Engine, Filter};
use corpus_index::files::{
    inflate, site_files_with, verify, write_chunks, SiteFiles, CHUNK_TARGET,
};
use std::collections::HashMap;

/// The files with the text kept in the corpus file: these tests are about the index (the
/// text files have theirs, `text_files.rs`).
fn site_files(c: &Corpus, target: usize) -> SiteFiles {
    site_files_with(c, target, None)
}

/// The engine a page gets: the corpus file's description, no chunk loaded.
fn from_files(files: &SiteFiles) -> Engine {
    let (c, meta) = corpus::export::decode_with_index(&files.corpus).expect("corpus file");
    Engine::with_index(c, meta.expect("an index description")).expect("a matching index")
}

/// Load what a search for `text` needs, as the app does, and say how many chunks it took.
fn load_for(engine: &Engine, files: &SiteFiles, text: &str) -> usize {
    let by_path: HashMap<&str, &[u8]> = files
        .chunks
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let need = engine.chunks_needed(text);
    for &c in &need {
        let path = engine.chunk_files()[c as usize].path();
        let raw = inflate(by_path[path.as_str()]).expect("gzip");
        engine.install_chunk(c, &raw).expect("a good chunk");
    }
    assert!(
        engine.chunks_needed(text).is_empty(),
        "{text:?}: still needs chunks after loading them"
    );
    need.len()
}

/// Queries of every kind, plus words, prefixes and stems read off the corpus itself.
fn queries(c: &Corpus) -> Vec<String> {
    let mut q: Vec<String> = [
        "lima",
        "Jeri",
        "jerí",
        "boluar",
        "bol",
        "protesters",
        "killed",
        "us",
        "US",
        "a",
        "80%",
        "3 percent",
        "$3.422 billion",
        "\"state of emergency\"",
        "\"of the\"",
        "peru congress",
        "castillo -",
        "62 or more",
        "zzzznotaword",
        "December 2022",
        "protest January 2023",
        "pe",
        "é",
        "\"",
        "the",
        "of",
        "and lima",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let words: Vec<String> = c
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().take(2))
        .flat_map(|p| corpus::search::tokenize(&p.text))
        .map(|t| t.term)
        .collect();
    // About 40 words and 10 phrases, wherever the corpus's words are.
    for w in words.iter().step_by((words.len() / 40).max(1)) {
        q.push(w.clone());
        q.push(w.chars().take(3).collect());
        q.push(format!("{w}s"));
    }
    for pair in words.windows(2).step_by((words.len() / 10).max(1)) {
        q.push(format!("\"{} {}\"", pair[0], pair[1]));
    }
    q
}

fn same_results(c: &Corpus, target: usize) -> (usize, usize, usize) {
    let files = site_files(c, target);
    let whole = Engine::new(c.clone());
    let chunked = from_files(&files);
    let mut loads = 0;
    let qs = queries(c);
    for text in &qs {
        loads += load_for(&chunked, &files, text);
        let f = Filter {
            text: text.clone(),
            ..Filter::default()
        };
        let (a, b) = (whole.run(&f), chunked.run(&f));
        assert_eq!(a, b, "{text:?}: the chunked index finds something else");
        for r in a.articles.iter().take(5) {
            assert_eq!(
                whole.snippet(r, text),
                chunked.snippet(r, text),
                "{text:?}: snippet"
            );
        }
        assert_eq!(
            whole.relaxations(&f),
            chunked.relaxations(&f),
            "{text:?}: relaxations"
        );
        // With an entity filter too: facet counts over the filtered text search.
        if !c.entities.is_empty() {
            let f = Filter {
                entities: vec![0],
                ..f
            };
            assert_eq!(whole.run(&f), chunked.run(&f), "{text:?} with an entity");
        }
    }
    (files.chunks.len(), loads, qs.len())
}

#[test]
fn chunked_index_finds_what_the_whole_index_finds_real_corpus() {
    // One chunk, several and many: the word ranges cut everywhere.
    for target in [CHUNK_TARGET, 8 * 1024, 512] {
        let (chunks, _, _) = same_results(corpus(), target);
        assert!(chunks >= 1);
        if target == 512 {
            assert!(chunks > 50, "{chunks} chunks at {target} bytes");
        }
    }
}

#[test]
fn chunked_index_finds_what_the_whole_index_finds_synthetic_corpus() {
    let s = corpus_index::synth::generate(corpus(), 300, 42);
    let (chunks, loads, queries) = same_results(&s, 16 * 1024);
    assert!(chunks > 20, "{chunks} chunks");
    // Each search loads only a few chunks, not the index.
    assert!(
        loads <= queries * 4,
        "{loads} chunk loads for {queries} searches"
    );
}

#[test]
fn a_search_needs_only_the_chunks_of_its_words() {
    let s = corpus_index::synth::generate(corpus(), 200, 7);
    let files = site_files(&s, 4 * 1024);
    let engine = from_files(&files);
    let n = engine.chunk_files().len();
    assert!(n > 30, "{n} chunks");
    assert!(engine.chunks_needed("").is_empty());
    let stems = n as u32 - 1;
    let one = engine.chunks_needed("zzzz");
    assert_eq!(
        one.len(),
        2,
        "{one:?}: the chunk the word would be in, and the word forms"
    );
    assert_eq!(one[1], stems, "the word forms' file is numbered last");
    assert_eq!(
        engine.chunks_needed("zz"),
        one[..1],
        "a short word matches exactly: no word forms"
    );
    load_for(&engine, &files, "zzzz");
    assert!(
        !engine.chunks_needed("lima").contains(&stems),
        "word forms loaded once"
    );
    let lima = engine.chunks_needed("lima");
    assert!(!lima.is_empty() && lima.len() <= 3, "{lima:?}");
    // Installed chunks are not needed again.
    load_for(&engine, &files, "lima");
    assert!(engine.chunks_needed("lima").is_empty());
    // An engine built in memory needs no files.
    assert!(Engine::new(s).chunks_needed("lima").is_empty());
}

#[test]
fn every_chunk_is_written_reachable_and_verified() {
    let c = corpus_index::synth::generate(corpus(), 60, 3);
    let files = site_files(&c, 4 * 1024);
    let dir = temp_dir("files-verify");
    std::fs::create_dir_all(dir.join("index")).unwrap();
    // A chunk of an older build is removed; other files are left alone.
    std::fs::write(dir.join("index/0000000000000000.bin"), b"old").unwrap();
    std::fs::write(dir.join("index/notes.txt"), b"keep").unwrap();
    write_chunks(&dir, &files).unwrap();
    assert!(!dir.join("index/0000000000000000.bin").exists());
    assert!(dir.join("index/notes.txt").exists());
    let on_disk = std::fs::read_dir(dir.join("index"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".bin")
        })
        .count();
    assert_eq!(on_disk, files.chunks.len(), "one file per chunk, no other");
    assert_eq!(verify(&dir, &files.corpus), Ok(files.chunks.len()));

    // A missing chunk and a damaged one are named.
    let (gone, _) = &files.chunks[0];
    let (bad, _) = &files.chunks[1];
    damage(&dir, gone, bad);
    let problems = verify(&dir, &files.corpus).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains(gone.as_str()) && problems[0].contains("missing"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains(bad.as_str()) && problems[1].contains("not the ones"),
        "{}",
        problems[1]
    );

    // A corpus file without an index description is reported, not read as empty.
    let plain = corpus::encode(&c);
    assert!(verify(&dir, &plain).unwrap_err()[0].contains("no search index"));
}

#[test]
fn the_files_are_the_same_for_the_same_corpus() {
    let c = corpus_index::synth::generate(corpus(), 40, 9);
    let a = site_files(&c, 4 * 1024);
    let b = site_files(&c, 4 * 1024);
    assert_eq!(a.corpus, b.corpus);
    assert_eq!(a.chunks, b.chunks);
    // Paths are the hashes: distinct chunks, distinct names.
    let mut names: Vec<&String> = a.chunks.iter().map(|(p, _)| p).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), a.chunks.len());
    assert!(names
        .iter()
        .all(|p| p.starts_with("index/") && p.len() == "index/".len() + 16 + 4));
}

#[test]
fn a_chunk_is_loaded_only_if_it_is_that_chunk() {
    let c = corpus_index::synth::generate(corpus(), 40, 5);
    let files = site_files(&c, 2 * 1024);
    let engine = from_files(&files);
    let raw = |i: usize| inflate(&files.chunks[i].1).unwrap();
    // Another chunk's bytes, a truncated chunk, garbage: refused, nothing loaded.
    assert!(engine
        .install_chunk(0, &raw(1))
        .unwrap_err()
        .contains("chunk 1"));
    let r0 = raw(0);
    assert!(engine.install_chunk(0, &r0[..r0.len() / 2]).is_err());
    assert!(engine.install_chunk(0, b"\x01\x02garbage").is_err());
    assert!(engine
        .install_chunk(99_999, &r0)
        .unwrap_err()
        .contains("no chunk"));
    assert!(engine.chunk_files()[0].first < engine.chunk_files()[1].first);
    // A word that starts a chunk needs that chunk until it is loaded.
    let (i, word) = engine
        .chunk_files()
        .iter()
        .enumerate()
        .find(|(_, r)| r.first.len() > 3 && r.first.chars().all(char::is_alphabetic))
        .map(|(i, r)| (i as u32, r.first.clone()))
        .expect("a chunk that starts with a word");
    assert!(engine.chunks_needed(&word).contains(&i), "{word}");
    engine.install_chunk(i, &raw(i as usize)).unwrap();
    assert!(!engine.chunks_needed(&word).contains(&i), "{word}: loaded");
    // An index description of another corpus is refused.
    let other = corpus_index::synth::generate(corpus(), 41, 5);
    let (_, meta) = corpus::export::decode_with_index(&files.corpus).unwrap();
    assert!(Engine::with_index(other, meta.unwrap())
        .unwrap_err()
        .contains("another corpus"));
}
