//! Helpers shared by the fuzz targets in `fuzz_targets/`.

use corpus::Corpus;
use corpus_index::{compile, load_dir, DataSet};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The repository's real corpus, compiled once per fuzzing process (from `../data`).
pub fn real_corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data");
        let ds = load_dir(&dir).expect("data/ loads");
        match compile(&ds) {
            Ok(c) => c.corpus,
            Err(errs) => panic!("data/ has errors: {errs:?}"),
        }
    })
}

/// The files packed in one fuzz input (the `data_files` target's input format).
///
/// A line `@@ NAME` starts the file `NAME` (`articles.rec`, `gazetteer.rec`,
/// `events.rec`, `measures.rec`, `raw/NAME.txt`; other names are ignored as the loader
/// ignores other files); its contents are the bytes up to the next such line or the end,
/// less one final newline. Bytes before the first header are the file `raw/fuzz.txt`.
pub fn unpack(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut name = String::from("raw/fuzz.txt");
    let mut body: Vec<u8> = Vec::new();
    let mut started = false; // a file is open (a header was read, or bytes came first)
    let mut close = |name: String, mut body: Vec<u8>| {
        if body.last() == Some(&b'\n') {
            body.pop();
        }
        files.push((name, body));
    };
    for line in data.split_inclusive(|&b| b == b'\n') {
        if let Some(header) = line.strip_prefix(b"@@ ") {
            if started {
                close(std::mem::take(&mut name), std::mem::take(&mut body));
            }
            let header = header.strip_suffix(b"\n").unwrap_or(header);
            name = String::from_utf8_lossy(header).trim().to_string();
        } else {
            body.extend_from_slice(line);
        }
        started = true;
    }
    if started {
        close(name, body);
    }
    files
}

/// Pack files into one input for the `data_files` target (for seeds and tests).
pub fn pack(ds: &DataSet) -> Vec<u8> {
    let mut out = Vec::new();
    let named = [&ds.articles, &ds.gazetteer, &ds.events, &ds.measures];
    for s in named.into_iter().flatten().chain(ds.raw.iter()) {
        out.extend_from_slice(format!("@@ {}\n", s.name).as_bytes());
        out.extend_from_slice(s.text.as_bytes());
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpack_reads_headers_and_contents() {
        let files =
            unpack(b"lead\n@@ articles.rec\n@article a\nfile: a.txt\n@@ raw/a.txt\nText.\n");
        assert_eq!(
            files,
            vec![
                ("raw/fuzz.txt".to_string(), b"lead".to_vec()),
                (
                    "articles.rec".to_string(),
                    b"@article a\nfile: a.txt".to_vec()
                ),
                ("raw/a.txt".to_string(), b"Text.".to_vec()),
            ]
        );
        assert!(unpack(b"").is_empty());
    }

    #[test]
    fn pack_and_unpack_round_trip_the_real_data() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data");
        let ds = load_dir(&dir).unwrap();
        let files = unpack(&pack(&ds));
        assert_eq!(files.len(), 4 + ds.raw.len());
        assert_eq!(DataSet::from_files(files).unwrap(), ds);
    }
}
