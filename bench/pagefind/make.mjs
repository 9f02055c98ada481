// A static site of the five articles indexed by Pagefind, for the benchmark.
// Usage: node bench/pagefind/make.mjs CORPUS_JSON OUT_DIR
//   Writes one page per article (OUT_DIR/<article id>/index.html: title, byline, date and
//   every paragraph, inside data-pagefind-body), runs the pagefind binary from
//   node_modules over it (OUT_DIR/pagefind/: pagefind.js, its WebAssembly, index chunks
//   and fragments), and writes OUT_DIR/search.html, the page the benchmark loads: it
//   imports pagefind/pagefind.js only when asked to search (window.__search).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [input, out] = process.argv.slice(2);
if (!input || !out) {
  console.error('usage: node bench/pagefind/make.mjs CORPUS_JSON OUT_DIR');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = JSON.parse(fs.readFileSync(input, 'utf8'));
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

fs.rmSync(out, { recursive: true, force: true });
for (const a of corpus.articles) {
  const dir = path.join(out, a.id);
  fs.mkdirSync(dir, { recursive: true });
  const paras = a.paragraphs.map((p) => `<p id="${esc(p.id)}">${esc(p.text)}</p>`).join('\n');
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(a.title)}</title></head>
<body><main data-pagefind-body>
<h1>${esc(a.title)}</h1>
<p>${esc(a.authors.join(', '))}, ${esc(a.published.date)}</p>
${paras}
</main></body></html>
`);
}
fs.writeFileSync(path.join(out, 'search.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind: the same five articles</title>
<link rel="icon" href="data:,"></head>
<body><p>Pagefind benchmark page</p>
<script>
  // Load Pagefind on the first search (as its UI does), search, then load the first
  // result's data (what a first search shows); each call returns its times (ms).
  let pf = null;
  window.__search = async (q) => {
    const t0 = performance.now();
    if (!pf) { pf = await import('./pagefind/pagefind.js'); await pf.init(); }
    const t1 = performance.now();
    const r = await pf.search(q);
    const t2 = performance.now();
    const first = r.results.length ? await r.results[0].data() : null;
    const t3 = performance.now();
    return { load: t1 - t0, search: t2 - t1, data: t3 - t2, total: t3 - t0, results: r.results.length, first: first && first.url };
  };
</script></body></html>
`);
const bin = path.join(root, 'bench/node_modules/.bin/pagefind');
execFileSync(bin, ['--site', out, '--quiet'], { stdio: 'inherit' });
console.log(`Pagefind site: ${corpus.articles.length} articles indexed in ${out}`);
