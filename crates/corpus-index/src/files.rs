//! The corpus as the app's static files: the corpus file and the search index's chunks.
//!
//! The search index is built here, at build time, with the same code the app would run
//! ([`corpus::Engine::index_files`]), and cut by term range into chunks of about
//! [`CHUNK_TARGET`] bytes. Each chunk is gzipped (level 9, no name or time in the header,
//! so equal chunks give equal bytes) and named by its content's SHA-256:
//! `index/0123456789abcdef.bin`. The corpus file keeps the description of the chunks
//! ([`corpus::search::IndexMeta`]: each one's first word, hash and size, and the table of
//! word forms), so the app knows which chunks a search needs before loading any, fetches
//! them relative to the corpus file with their hash as subresource integrity, and a host
//! can cache every file for ever.
//!
//! [`verify`] checks a folder of such files: every chunk the corpus file names is there,
//! has its hash, and reads as its chunk. The command line's `corpus verify` runs it.

use corpus::{Corpus, Engine};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// About how many bytes of words and encoded postings a chunk holds before it is cut
/// (a word is never split, so a very common word makes a larger chunk). Gzipped, a chunk
/// of the synthetic corpora is about a third of that.
pub const CHUNK_TARGET: usize = 96 * 1024;

/// The files of a corpus.
pub struct SiteFiles {
    /// The corpus file: the corpus and the index's description
    /// ([`corpus::export::encode_with_index`]).
    pub corpus: Vec<u8>,
    /// Each chunk's path relative to the corpus file and its stored (gzipped) bytes.
    pub chunks: Vec<(String, Vec<u8>)>,
}

/// Gzip `bytes` as the build stores its files: level 9, no name or time in the header, so
/// equal bytes give equal files.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::new(9));
    // Writing into a Vec cannot fail.
    e.write_all(bytes).expect("gzip into memory");
    e.finish().expect("gzip into memory")
}

fn gunzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out)?;
    Ok(out)
}

/// Build the search index of `corpus` and write it as chunks of about `target` bytes.
pub fn site_files(corpus: &Corpus, target: usize) -> SiteFiles {
    let engine = Engine::new(corpus.clone());
    let (mut meta, raw) = engine.index_files(target);
    let mut chunks = Vec::with_capacity(raw.len());
    for (r, bytes) in meta
        .chunks
        .iter_mut()
        .chain(std::iter::once(&mut meta.stems))
        .zip(raw)
    {
        let stored = gzip(&bytes);
        r.sha256 = Sha256::digest(&stored).into();
        r.size = stored.len() as u32;
        chunks.push((r.path(), stored));
    }
    SiteFiles {
        corpus: corpus::export::encode_with_index(corpus, &meta),
        chunks,
    }
}

/// Write the chunks into `dir` (its `index/` folder, emptied first of other chunks).
pub fn write_chunks(dir: &Path, files: &SiteFiles) -> Result<(), String> {
    let index = dir.join("index");
    let err = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    std::fs::create_dir_all(&index).map_err(|e| err(&index, e))?;
    let keep: std::collections::HashSet<&str> = files
        .chunks
        .iter()
        .filter_map(|(p, _)| p.strip_prefix("index/"))
        .collect();
    for entry in std::fs::read_dir(&index).map_err(|e| err(&index, e))? {
        let entry = entry.map_err(|e| err(&index, e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".bin") && !keep.contains(name.as_ref()) {
            std::fs::remove_file(entry.path()).map_err(|e| err(&entry.path(), e))?;
        }
    }
    for (p, bytes) in &files.chunks {
        let path = dir.join(p);
        if std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
            std::fs::write(&path, bytes).map_err(|e| err(&path, e))?;
        }
    }
    Ok(())
}

/// Check the index files of the corpus file `corpus_file` (its bytes, inflated) in `dir`:
/// every chunk it names is there, has the hash it is named by, inflates, and reads as that
/// chunk. Each problem is one line naming the file.
pub fn verify(dir: &Path, corpus_file: &[u8]) -> Result<usize, Vec<String>> {
    let (corpus, meta) = corpus::export::decode_with_index(corpus_file)
        .map_err(|e| vec![format!("the corpus file: {e}")])?;
    let Some(meta) = meta else {
        return Err(vec![
            "the corpus file has no search index description (it was written without one)".into(),
        ]);
    };
    let mut refs = meta.chunks.clone();
    refs.push(meta.stems.clone());
    let engine = Engine::with_index(corpus, meta).map_err(|e| vec![e])?;
    let mut problems = Vec::new();
    for (i, r) in refs.iter().enumerate() {
        let path = dir.join(r.path());
        let shown = path.display();
        let stored = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{shown}: missing ({e})"));
                continue;
            }
        };
        let hash: [u8; 32] = Sha256::digest(&stored).into();
        if hash != r.sha256 || stored.len() != r.size as usize {
            problems.push(format!(
                "{shown}: its contents are not the ones the corpus file names (hash or size differs)"
            ));
            continue;
        }
        match gunzip(&stored) {
            Ok(raw) => {
                if let Err(e) = engine.install_chunk(i as u32, &raw) {
                    problems.push(format!("{shown}: {e}"));
                }
            }
            Err(e) => problems.push(format!("{shown}: not gzip ({e})")),
        }
    }
    if problems.is_empty() {
        Ok(refs.len())
    } else {
        Err(problems)
    }
}

/// Inflate a chunk file's bytes (for tests and tools that read chunk files).
pub fn inflate(stored: &[u8]) -> std::io::Result<Vec<u8>> {
    gunzip(stored)
}
