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
//! A large corpus's text goes to files too ([`corpus::text`]: `text/0123456789abcdef.bin`,
//! consecutive articles of about [`TEXT_PART_TARGET`] bytes of text each), fetched when
//! the app shows one of their articles.
//!
//! [`verify`] checks a folder of such files: every chunk and text file the corpus file
//! names is there, has its hash, and reads as what it should be. The command line's `corpus verify` runs it.

use corpus::{Corpus, Engine};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// About how many bytes of words and encoded postings a chunk holds before it is cut
/// (a word is never split, so a very common word makes a larger chunk). Gzipped, a chunk
/// of the synthetic corpora is about a third of that.
pub const CHUNK_TARGET: usize = 96 * 1024;

/// A corpus whose paragraphs hold at most this many bytes of text in all keeps them in
/// the corpus file (the real corpus: about 60 KB); a larger one has them in text files
/// ([`corpus::text`]) that the app fetches when it shows an article.
pub const TEXT_INLINE_MAX: usize = 512 * 1024;

/// About how many bytes of text a text file holds before it is cut (an article is never
/// split): gzipped, about 10–15 KB, so opening an article costs at most that.
pub const TEXT_PART_TARGET: usize = 32 * 1024;

/// The files of a corpus.
pub struct SiteFiles {
    /// The corpus file: the corpus (without its text when it has text files) and the
    /// descriptions of the index's chunks and of the text files
    /// ([`corpus::export::encode_with_index`]).
    pub corpus: Vec<u8>,
    /// Each chunk's path relative to the corpus file and its stored (gzipped) bytes.
    pub chunks: Vec<(String, Vec<u8>)>,
    /// Each text file's path relative to the corpus file and its stored bytes (none when
    /// the corpus file holds the text).
    pub texts: Vec<(String, Vec<u8>)>,
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

/// Build the search index of `corpus` and write it as chunks of about `target` bytes; the
/// text stays in the corpus file if it is at most [`TEXT_INLINE_MAX`] bytes, else it goes
/// to text files of about [`TEXT_PART_TARGET`].
pub fn site_files(corpus: &Corpus, target: usize) -> SiteFiles {
    site_files_with(
        corpus,
        target,
        (corpus.text_bytes() > TEXT_INLINE_MAX).then_some(TEXT_PART_TARGET),
    )
}

/// [`site_files`] with the text in files of about `text_part` bytes, or in the corpus
/// file (`None`).
pub fn site_files_with(corpus: &Corpus, target: usize, text_part: Option<usize>) -> SiteFiles {
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
    let mut lean = corpus.clone();
    let (mut text, raw) = match text_part {
        Some(t) => corpus::text::split(&mut lean, t),
        None => Default::default(),
    };
    let mut texts = Vec::with_capacity(raw.len());
    for (r, bytes) in text.parts.iter_mut().zip(raw) {
        let stored = gzip(&bytes);
        r.sha256 = Sha256::digest(&stored).into();
        r.size = stored.len() as u32;
        texts.push((r.path(), stored));
    }
    SiteFiles {
        corpus: corpus::export::encode_with_index(&lean, &meta, &text),
        chunks,
        texts,
    }
}

/// Write the chunks and the text files into `dir` (its `index/` and `text/` folders,
/// emptied first of other files).
pub fn write_chunks(dir: &Path, files: &SiteFiles) -> Result<(), String> {
    let err = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    let all = || files.chunks.iter().chain(&files.texts);
    for folder in ["index", "text"] {
        let sub = dir.join(folder);
        std::fs::create_dir_all(&sub).map_err(|e| err(&sub, e))?;
        let prefix = format!("{folder}/");
        let keep: std::collections::HashSet<&str> = all()
            .filter_map(|(p, _)| p.strip_prefix(prefix.as_str()))
            .collect();
        for entry in std::fs::read_dir(&sub).map_err(|e| err(&sub, e))? {
            let entry = entry.map_err(|e| err(&sub, e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.ends_with(".bin") && !keep.contains(name.as_ref()) {
                std::fs::remove_file(entry.path()).map_err(|e| err(&entry.path(), e))?;
            }
        }
    }
    for (p, bytes) in all() {
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
    let mut refs: Vec<(String, [u8; 32], u32)> = meta
        .chunks
        .iter()
        .chain(std::iter::once(&meta.stems))
        .map(|r| (r.path(), r.sha256, r.size))
        .collect();
    let index_files = refs.len();
    refs.extend(
        corpus
            .text
            .parts()
            .iter()
            .map(|p| (p.path(), p.sha256, p.size)),
    );
    let engine = Engine::with_index(corpus, meta).map_err(|e| vec![e])?;
    let mut problems = Vec::new();
    for (i, (rel, sha256, size)) in refs.iter().enumerate() {
        let path = dir.join(rel);
        let shown = path.display();
        let stored = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{shown}: missing ({e})"));
                continue;
            }
        };
        let hash: [u8; 32] = Sha256::digest(&stored).into();
        if hash != *sha256 || stored.len() != *size as usize {
            problems.push(format!(
                "{shown}: its contents are not the ones the corpus file names (hash or size differs)"
            ));
            continue;
        }
        match gunzip(&stored) {
            Ok(raw) => {
                let installed = match i.checked_sub(index_files) {
                    None => engine.install_chunk(i as u32, &raw),
                    Some(t) => engine.corpus().install_text(t as u32, &raw),
                };
                if let Err(e) = installed {
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
