// Sizes of every file in a dist folder: raw, gzip -9 and brotli (quality 11), and the
// total of what a first visit downloads (index.html and the files it references), and what
// the service worker's install adds after the app has started (release builds: sw.js and
// the files of the build the page did not load; scripts/offline.mjs), and the search
// index's files (`index/`, already gzipped: fetched as searches need them, or whole once
// the first screen is drawn when they are small; src/index_files.rs), and a large corpus's
// text files (`text/`, already gzipped: one fetched when a view shows one of its articles).
// Usage: node scripts/sizes.mjs [dist]   (--json for machine-readable output)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = args.find((a) => !a.startsWith('--')) || 'dist';
// The precompressed copies (.gz, .br) are other encodings of the same files: not counted.
const files = fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile() && !/\.(gz|br)$/.test(f)).sort();
const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
// What index.html loads, and what its loader (boot-*.js, moved out of it by csp.mjs) loads:
// the WebAssembly is fetched by the loader, not named in index.html (wasmload.mjs).
const loaders = files.filter((f) => /^boot-.*\.js$/.test(f) && index.includes(f)).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
const firstVisit = (f) => f === 'index.html' || [index, ...loaders].some((text) => text.includes(f));
const rows = files.map((f) => {
  const buf = fs.readFileSync(path.join(dir, f));
  return {
    file: f,
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    first_visit: firstVisit(f),
  };
});
// The worker asks again (no-cache) for the unhashed files the page loaded (index.html, the
// icon): a 304 from a host that sends validators, the whole file again from one that does not.
const hasWorker = rows.some((r) => r.file === 'sw.js');
for (const r of rows) r.worker_install = hasWorker && !r.first_visit;
const indexDir = path.join(dir, 'index');
const indexRows = fs.existsSync(indexDir)
  ? fs.readdirSync(indexDir).filter((f) => /^[0-9a-f]{16}\.bin$/.test(f)).sort().map((f) => {
    const n = fs.statSync(path.join(indexDir, f)).size;
    // Stored gzipped and sent as they are: their size is what travels.
    return { file: `index/${f}`, raw: n, gzip: n, brotli: n, first_visit: false, worker_install: false, search_index: true };
  })
  : [];
const textDir = path.join(dir, 'text');
const textSizes = fs.existsSync(textDir)
  ? fs.readdirSync(textDir).filter((f) => /^[0-9a-f]{16}\.bin$/.test(f)).map((f) => fs.statSync(path.join(textDir, f)).size).sort((a, b) => a - b)
  : [];
const sum = (k, keep) => rows.filter(keep).reduce((s, r) => s + r[k], 0);
const sums = (keep) => ({ raw: sum('raw', keep), gzip: sum('gzip', keep), brotli: sum('brotli', keep) });
const summary = {
  files: rows,
  first_visit: sums((r) => r.first_visit),
  worker_install: sums((r) => r.worker_install),
  search_index: { files: indexRows.length, stored: indexRows.reduce((n, r) => n + r.raw, 0), largest: Math.max(0, ...indexRows.map((r) => r.raw)) },
  text: {
    files: textSizes.length,
    stored: textSizes.reduce((n, x) => n + x, 0),
    median: textSizes.length ? textSizes[textSizes.length >> 1] : 0,
    largest: Math.max(0, ...textSizes),
  },
  all: sums(() => true),
};
summary.all.raw += summary.search_index.stored;
summary.all.gzip += summary.search_index.stored;
summary.all.brotli += summary.search_index.stored;
for (const c of ['raw', 'gzip', 'brotli']) summary.all[c] += summary.text.stored;
if (json) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const pad = (s, n) => String(s).padStart(n);
  console.log(`${'file'.padEnd(52)} ${pad('raw', 9)} ${pad('gzip', 9)} ${pad('brotli', 9)}  first visit`);
  for (const r of rows) console.log(`${r.file.padEnd(52)} ${pad(r.raw, 9)} ${pad(r.gzip, 9)} ${pad(r.brotli, 9)}  ${r.first_visit ? 'yes' : r.worker_install ? 'worker' : ''}`);
  console.log(`${'TOTAL first visit'.padEnd(52)} ${pad(summary.first_visit.raw, 9)} ${pad(summary.first_visit.gzip, 9)} ${pad(summary.first_visit.brotli, 9)}`);
  if (hasWorker) console.log(`${'TOTAL worker install, after the app has started'.padEnd(52)} ${pad(summary.worker_install.raw, 9)} ${pad(summary.worker_install.gzip, 9)} ${pad(summary.worker_install.brotli, 9)}`);
  if (indexRows.length) console.log(`${`TOTAL search index, ${indexRows.length} files in index/ (largest ${summary.search_index.largest})`.padEnd(52)} ${pad(summary.search_index.stored, 9)} ${pad(summary.search_index.stored, 9)} ${pad(summary.search_index.stored, 9)}  as searches need them`);
  const tx = summary.text;
  if (tx.files) console.log(`${`TOTAL text, ${tx.files} files in text/ (median ${tx.median}, largest ${tx.largest})`.padEnd(52)} ${pad(tx.stored, 9)} ${pad(tx.stored, 9)} ${pad(tx.stored, 9)}  one per article opened`);
  console.log(`${'TOTAL all files'.padEnd(52)} ${pad(summary.all.raw, 9)} ${pad(summary.all.gzip, 9)} ${pad(summary.all.brotli, 9)}`);
}
