//! The data-file loaders: arbitrary files (see `corpus_fuzz::unpack` for the input
//! format) go through `DataSet::from_files` (what `load_dir` reads, without the disk),
//! the `.rec` parser and `compile`. Bad input must give errors that name a file and a line
//! inside it, never a panic; a corpus that compiles must be consistent.
#![no_main]

use corpus::{decode, encode, to_json, Engine, Filter};
use corpus_index::{compile, rec, DataSet};
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

fuzz_target!(|data: &[u8]| {
    let files = corpus_fuzz::unpack(data);
    let mut lines: HashMap<String, usize> = HashMap::new();
    for (name, bytes) in &files {
        // The .rec parser on its own, on every file.
        let text = String::from_utf8_lossy(bytes);
        let (recs, errs) = rec::parse(name, &text);
        let n = text.split('\n').count();
        for r in &recs {
            assert!(r.line <= n && r.fields.iter().all(|f| f.line <= n));
        }
        for e in &errs {
            assert!(e.line.is_some_and(|l| (1..=n).contains(&l)), "{e}");
        }
        lines.insert(name.clone(), bytes.split(|&b| b == b'\n').count());
    }
    let ds = match DataSet::from_files(files) {
        Ok(ds) => ds,
        Err(errs) => {
            for e in &errs {
                let file = e.file.as_deref().expect("an error names its file");
                let l = e.line.expect("a UTF-8 error names its line");
                assert!((1..=lines[file]).contains(&l), "{e}");
            }
            return;
        }
    };
    match compile(&ds) {
        Err(errs) => {
            assert!(!errs.is_empty());
            for e in &errs {
                let file = e.file.as_deref().unwrap_or_else(|| panic!("no file: {e}"));
                match (lines.get(file), e.line) {
                    (Some(&n), Some(l)) => {
                        assert!((1..=n).contains(&l), "{e} (file has {n} lines)")
                    }
                    (Some(_), None) => {}
                    // Files that are missing are named, without a line.
                    (None, line) => assert!(
                        line.is_none() && ["raw", "gazetteer.rec"].contains(&file),
                        "{e}"
                    ),
                }
            }
        }
        Ok(built) => {
            let c = &built.corpus;
            for e in &c.entities {
                for m in &e.mentions {
                    let p = &c.articles[m.article as usize].paragraphs[m.paragraph as usize];
                    assert!(p.text.get(m.start as usize..m.end as usize).is_some());
                }
            }
            for f in &c.figures {
                let p = &c.articles[f.article as usize].paragraphs[f.paragraph as usize];
                assert!(p.text.get(f.start as usize..f.end as usize).is_some());
            }
            for ev in &c.events {
                for x in &ev.evidence {
                    let _ = c.quote(x);
                }
            }
            for m in &c.measures {
                for v in &m.values {
                    let _ = c.figure_text(&c.figures[v.figure as usize]);
                }
            }
            assert_eq!(&decode(&encode(c)).expect("decodes"), c);
            let _ = to_json(c);
            let engine = Engine::new(c.clone());
            let _ = engine.run(&Filter::default());
        }
    }
});
