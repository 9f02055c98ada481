//! A large corpus's text as files read on demand (`corpus::text`): the corpus file holds
//! every paragraph without its text, each text file gives back exactly the text it took,
//! only a file that is the one expected is installed, and `verify` names a missing or
//! damaged one.

#[path = "../../corpus/tests/common/mod.rs"]
mod common;
use common::{corpus, damage, temp_dir};
use corpus::export::{json_text, Selection};
use corpus::{Corpus, Engine, Filter};
use corpus_index::files::{
    inflate, site_files, site_files_with, verify, write_chunks, SiteFiles, CHUNK_TARGET,
    TEXT_INLINE_MAX,
};

/// A text file's articles as postcard writes them: each paragraph's text and emphasis
/// ranges (start, end, strong).
type Articles = Vec<Vec<(String, Vec<(u32, u32, bool)>)>>;

/// A synthetic corpus with its text in files of about `part` bytes.
fn split(n: usize, seed: u64, part: usize) -> (Corpus, SiteFiles) {
    let c = corpus_index::synth::generate(corpus(), n, seed);
    let files = site_files_with(&c, CHUNK_TARGET, Some(part));
    (c, files)
}

/// What the page gets: the corpus file read, no text file loaded.
fn engine(files: &SiteFiles) -> Engine {
    let (c, meta) = corpus::export::decode_with_index(&files.corpus).expect("corpus file");
    Engine::with_index(c, meta.expect("an index description")).expect("a matching index")
}

fn install_all(c: &Corpus, files: &SiteFiles) {
    for (i, (_, stored)) in files.texts.iter().enumerate() {
        c.install_text(i as u32, &inflate(stored).unwrap())
            .expect("a good text file");
    }
}

#[test]
fn the_text_files_give_back_exactly_the_text() {
    let (full, files) = split(120, 4, 8 * 1024);
    let e = engine(&files);
    let c = e.corpus();
    let parts = c.text.parts();
    assert!(parts.len() > 10, "{} files", parts.len());
    assert_eq!(files.texts.len(), parts.len());
    // Every article is in one file, in order; a file stops once it reaches the target
    // (the last may be smaller).
    let mut next = 0;
    for (i, p) in parts.iter().enumerate() {
        assert_eq!(p.first, next);
        next += p.count;
        let bytes: usize = (p.first..p.first + p.count)
            .flat_map(|a| full.articles[a as usize].paragraphs.iter())
            .map(|x| x.text.len())
            .sum();
        let without_last: usize = full.articles[(p.first + p.count - 1) as usize]
            .paragraphs
            .iter()
            .map(|x| x.text.len())
            .sum();
        if i + 1 < parts.len() {
            assert!(
                bytes >= 8 * 1024 && bytes - without_last < 8 * 1024,
                "file {i}"
            );
        }
        assert_eq!(files.texts[i].0, p.path());
        assert!(p.path().starts_with("text/") && p.path().len() == "text/".len() + 16 + 4);
        assert_eq!(files.texts[i].1.len(), p.size as usize);
    }
    assert_eq!(next as usize, full.articles.len());

    // Before: every paragraph is there (kind, place) without its text.
    let all: Vec<u32> = (0..c.articles.len() as u32).collect();
    assert_eq!(
        c.text_parts_needed(all.iter().copied()),
        (0..parts.len() as u32).collect::<Vec<_>>()
    );
    for (ai, a) in c.articles.iter().enumerate() {
        assert!(!c.has_text(ai as u32));
        assert_eq!(a.paragraphs.len(), full.articles[ai].paragraphs.len());
        assert!(a.paragraphs.iter().all(|p| p.text.is_empty()));
        assert_eq!(c.paragraph_text(ai as u32, 0), "");
    }
    assert!(c
        .events
        .iter()
        .flat_map(|v| &v.evidence)
        .all(|x| c.quote(x).is_empty()));
    // An article needs its own file only.
    let a = parts[3].first + parts[3].count - 1;
    assert_eq!(c.text_parts_needed([a]), vec![3]);

    // After: the same text, emphasis, quotes and figures as the corpus it came from.
    install_all(c, &files);
    assert!(c.text_parts_needed(all.iter().copied()).is_empty());
    for (ai, a) in full.articles.iter().enumerate() {
        let ai = ai as u32;
        assert!(c.has_text(ai));
        for (pi, p) in a.paragraphs.iter().enumerate() {
            assert_eq!(c.paragraph_text(ai, pi as u32), p.text);
            assert_eq!(c.paragraph_emphasis(ai, pi as u32), p.emphasis.as_slice());
        }
    }
    for (x, y) in c.events.iter().zip(&full.events) {
        for (ex, ey) in x.evidence.iter().zip(&y.evidence) {
            assert_eq!(c.quote(ex), full.quote(ey));
        }
    }
    for (x, y) in c.figures.iter().zip(&full.figures) {
        assert_eq!(c.figure_text(x), full.figure_text(y));
    }
    // The export of everything is byte for byte the one of the whole corpus.
    assert_eq!(
        json_text(c, &Selection::all(c)),
        json_text(&full, &Selection::all(&full))
    );
    // Installing a file twice changes nothing.
    c.install_text(0, &inflate(&files.texts[0].1).unwrap())
        .unwrap();
    assert_eq!(c.paragraph_text(0, 0), full.articles[0].paragraphs[0].text);
}

#[test]
fn a_small_corpus_keeps_its_text_in_the_corpus_file() {
    // A fixture of its own: whatever the size of the data folder's corpus.
    let small = corpus_index::synth::generate(corpus(), 3, 8);
    assert!(
        small.text_bytes() <= TEXT_INLINE_MAX,
        "{}",
        small.text_bytes()
    );
    let files = site_files(&small, CHUNK_TARGET);
    assert!(files.texts.is_empty());
    let e = engine(&files);
    let c = e.corpus();
    assert!(c.text.parts().is_empty());
    assert!((0..c.articles.len() as u32).all(|a| c.has_text(a)));
    assert!(c.text_parts_needed(0..c.articles.len() as u32).is_empty());
    assert_eq!(c.articles, small.articles);
    // A corpus past the limit gets text files, and a first file far smaller.
    let big = corpus_index::synth::generate(corpus(), 400, 8);
    assert!(big.text_bytes() > TEXT_INLINE_MAX, "{}", big.text_bytes());
    let split = site_files(&big, CHUNK_TARGET);
    assert!(!split.texts.is_empty());
    let inline = site_files_with(&big, CHUNK_TARGET, None);
    assert!(
        split.corpus.len() * 2 < inline.corpus.len(),
        "{} vs {}",
        split.corpus.len(),
        inline.corpus.len()
    );
}

#[test]
fn a_text_file_is_installed_only_if_it_is_that_file() {
    let (_, files) = split(60, 6, 4 * 1024);
    let e = engine(&files);
    let c = e.corpus();
    let raw = |i: usize| inflate(&files.texts[i].1).unwrap();
    let first = c.text.parts()[0].first;
    // Another file's bytes, a truncated file, garbage, a file that does not exist.
    let err = c.install_text(0, &raw(1)).unwrap_err();
    assert!(
        err.contains("text file 1") && err.contains("other articles"),
        "{err}"
    );
    let r0 = raw(0);
    assert!(c.install_text(0, &r0[..r0.len() / 2]).is_err());
    assert!(c.install_text(0, b"\x01\x02garbage").is_err());
    assert!(c
        .install_text(99_999, &r0)
        .unwrap_err()
        .contains("no text file"));
    assert!(!c.has_text(first), "nothing installed");
    // A file whose text no longer holds its mentions (each paragraph cut to 3 bytes, at a
    // character boundary) is refused: slicing it would fail.
    let data: (u32, Articles) = postcard::from_bytes(&r0).unwrap();
    let shortened: Articles = data
        .1
        .iter()
        .map(|a| {
            a.iter()
                .map(|(t, _)| {
                    let end = (0..=3.min(t.len()))
                        .rev()
                        .find(|&i| t.is_char_boundary(i))
                        .unwrap();
                    (t[..end].to_string(), Vec::new())
                })
                .collect()
        })
        .collect();
    let cut = postcard::to_allocvec(&(data.0, shortened)).unwrap();
    let err = c.install_text(0, &cut).unwrap_err();
    assert!(err.contains("does not hold the names"), "{err}");
    assert!(!c.has_text(first), "nothing installed");
    // The right file goes in.
    c.install_text(0, &r0).unwrap();
    assert!(c.has_text(first));
}

#[test]
fn a_description_that_skips_an_article_is_refused() {
    let (_, files) = split(30, 2, 4 * 1024);
    let (lean, index) = corpus::export::decode_with_index(&files.corpus).unwrap();
    let mut text = corpus::text::TextMeta {
        parts: lean.text.parts().to_vec(),
    };
    text.parts[1].first += 1;
    let bytes = corpus::export::encode_with_index(&lean, &index.unwrap(), &text);
    let err = corpus::export::decode_with_index(&bytes)
        .unwrap_err()
        .to_string();
    assert!(err.contains("text file 2"), "{err}");
}

#[test]
fn results_wait_for_their_text_and_then_match_the_whole_corpus() {
    let (full, files) = split(120, 4, 8 * 1024);
    let e = engine(&files);
    let whole = Engine::new(full);
    for text in ["protest", "congress", "lima"] {
        let f = Filter {
            text: text.into(),
            ..Filter::default()
        };
        // The search index's chunks first, as the app loads them.
        for i in e.chunks_needed(text) {
            let path = e.chunk_files()[i as usize].path();
            let (_, stored) = files.chunks.iter().find(|(p, _)| *p == path).unwrap();
            e.install_chunk(i, &inflate(stored).unwrap()).unwrap();
        }
        let (a, b) = (e.run(&f), whole.run(&f));
        let arts = |r: &corpus::Results| r.articles.iter().map(|x| x.article).collect::<Vec<_>>();
        assert_eq!(arts(&a), arts(&b), "{text}");
        assert!(!a.articles.is_empty(), "{text}");
        // The first result whose text no earlier search loaded.
        let k = a
            .articles
            .iter()
            .position(|r| !e.corpus().has_text(r.article))
            .expect("a result without its text");
        let first = &a.articles[k];
        let row = corpus::view::result_row(&e, first, text, &[]);
        assert!(row.text_pending && row.snippet.text.is_empty(), "{text}");
        let need = e.corpus().text_parts_needed([first.article]);
        for p in need {
            let (_, stored) = &files.texts[p as usize];
            e.corpus()
                .install_text(p, &inflate(stored).unwrap())
                .unwrap();
        }
        let row = corpus::view::result_row(&e, first, text, &[]);
        let want = corpus::view::result_row(&whole, &b.articles[k], text, &[]);
        assert!(!row.text_pending);
        assert_eq!(row, want, "{text}");
    }
}

#[test]
fn text_files_are_written_and_verified() {
    let (_, files) = split(60, 7, 4 * 1024);
    let dir = temp_dir("text-files-verify");
    std::fs::create_dir_all(dir.join("text")).unwrap();
    std::fs::write(dir.join("text/0000000000000000.bin"), b"old").unwrap();
    write_chunks(&dir, &files).unwrap();
    assert!(!dir.join("text/0000000000000000.bin").exists());
    let on_disk = std::fs::read_dir(dir.join("text")).unwrap().count();
    assert_eq!(on_disk, files.texts.len());
    assert_eq!(
        verify(&dir, &files.corpus),
        Ok(files.chunks.len() + files.texts.len())
    );
    let (gone, _) = &files.texts[0];
    let (bad, _) = &files.texts[2];
    damage(&dir, gone, bad);
    let problems = verify(&dir, &files.corpus).unwrap_err();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains(gone.as_str()) && problems[0].contains("missing"));
    assert!(problems[1].contains(bad.as_str()) && problems[1].contains("not the ones"));
}

#[test]
fn an_export_fetches_the_text_it_quotes() {
    let c = corpus();
    let sel = Selection {
        articles: vec![1],
        events: vec![0],
        entities: vec![],
        figures: vec![c.figures.len() as u32 - 1],
    };
    let mut want = vec![1];
    want.extend(c.events[0].evidence.iter().map(|x| x.article));
    want.push(c.figures.last().unwrap().article);
    want.sort();
    want.dedup();
    assert_eq!(sel.text_articles(c), want);
}
