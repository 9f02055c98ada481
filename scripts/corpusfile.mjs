// The corpus beside the WebAssembly: `corpus-HASH.bin`, fetched by the page's loader while
// the WebAssembly downloads (wasmload.mjs), so the WebAssembly holds code only.
//
// build.rs compiles `data/` (or PCE_DATA_DIR, PCE_SYNTH) and writes the corpus to
// `target/<target>/<profile>/pce-corpus.bin`; this step gzips it (level 9) and writes it
// into the build folder under a name made of its content's hash, so every host can cache it
// for ever. The file is stored compressed, as Pagefind stores its index: a host that
// compresses nothing (or only text types, as most do: this is application/octet-stream)
// still sends the small file, and the loader inflates it with DecompressionStream. A host
// that compresses it again is harmless: the browser undoes its own encoding first, and
// the loader inflates only bytes that start with gzip's magic number.
//
// The search index was built by build.rs too, in chunks by term range (crates/corpus-index/
// src/files.rs): `pce-corpus/index/HASH.bin` beside the corpus, gzipped and named by their
// content's hash; they are copied to `index/` in the build folder, where the app fetches
// one when a search needs it. A large corpus's text is in `pce-corpus/text/` (groups of
// articles, the same way), copied to `text/`, where the app fetches a group when it shows
// one of its articles.
//
// Run from postbuild.mjs, before wasmload.mjs writes the loader.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';

/** Where build.rs wrote the corpus for this build's profile (`release` or `debug`). */
export function builtCorpus(profile) {
  const target = process.env.CARGO_TARGET_DIR || 'target';
  return path.join(target, 'wasm32-unknown-unknown', profile, 'pce-corpus.bin');
}

/**
 * Write the corpus `source` (a path) into `dir` as `corpus-HASH.bin`, gzipped; returns
 * its `name`, sha384 `integrity`, and `raw`/`stored` sizes. Throws with the path if the
 * build wrote no corpus.
 */
export function placeCorpus(dir, source) {
  if (!fs.existsSync(source)) {
    throw new Error(`corpusfile: ${source} is missing: the corpus is written by build.rs (cargo build --target wasm32-unknown-unknown)`);
  }
  const raw = fs.readFileSync(source);
  if (raw.subarray(0, 3).toString('latin1') !== 'PCE') {
    throw new Error(`corpusfile: ${source} is not a corpus file (no PCE magic)`);
  }
  // No file name or time in the gzip header, so equal corpora give equal bytes and names.
  const stored = zlib.gzipSync(raw, { level: 9 });
  const hash = crypto.createHash('sha256').update(stored).digest('hex').slice(0, 16);
  const name = `corpus-${hash}.bin`;
  for (const f of fs.readdirSync(dir)) {
    if (/^corpus-[0-9a-f]{16}\.bin$/.test(f) && f !== name) fs.rmSync(path.join(dir, f));
  }
  fs.writeFileSync(path.join(dir, name), stored);
  const integrity = 'sha384-' + crypto.createHash('sha384').update(stored).digest('base64');
  const { index: chunks, text: texts } = placeIndex(dir, source);
  return { name, integrity, raw: raw.length, stored: stored.length, chunks, texts };
}

/**
 * Copy the files build.rs wrote beside the corpus (`pce-corpus/index/`: the search index's
 * chunks; `pce-corpus/text/`: a large corpus's text, by groups of articles; all gzipped and
 * named by their hash) into `dir/index/` and `dir/text/`, removing files of other builds;
 * returns how many of each. The corpus file names them with their hashes, which the page
 * checks as each one's integrity.
 */
export function placeIndex(dir, source) {
  const counts = {};
  for (const folder of ['index', 'text']) {
    const from = path.join(path.dirname(source), path.basename(source, '.bin'), folder);
    const to = path.join(dir, folder);
    if (!fs.existsSync(from)) {
      throw new Error(`corpusfile: ${from} is missing: build.rs writes the corpus's ${folder} files there with the corpus`);
    }
    const names = fs.readdirSync(from).filter((f) => /^[0-9a-f]{16}\.bin$/.test(f));
    if (names.length === 0) {
      if (fs.existsSync(to)) fs.rmSync(to, { recursive: true });
      counts[folder] = 0;
      continue;
    }
    fs.mkdirSync(to, { recursive: true });
    for (const f of fs.readdirSync(to)) {
      if (!names.includes(f)) fs.rmSync(path.join(to, f), { recursive: true });
    }
    for (const f of names) fs.copyFileSync(path.join(from, f), path.join(to, f));
    counts[folder] = names.length;
  }
  return counts;
}
