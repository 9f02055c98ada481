// Trunk post_build hook (one hook, so the steps run in order on the same index.html):
// 1. release builds: minify the JavaScript glue and the fatal-error handler (minify.mjs);
// 2. every build: the corpus beside the WebAssembly, gzipped and content-hashed
//    (corpusfile.mjs); drop trunk's WebAssembly preload and let the loader fetch the corpus
//    and the WebAssembly once each, with their integrity (wasmload.mjs);
// 3. every build: move inline scripts out and add the Content-Security-Policy (csp.mjs);
// 4. release builds: offline use and installability, a service worker, a web app manifest
//    and the script that registers the worker (offline.mjs); not under `trunk serve`,
//    whose live-reload script is in the page;
// 5. release builds: .gz and .br copies beside the files (precompress.mjs).
//
// Trunk sets TRUNK_STAGING_DIR, TRUNK_PUBLIC_URL and TRUNK_PROFILE; by hand:
// `node scripts/postbuild.mjs DIST_DIR [PUBLIC_URL]` (treated as a release build; the
// corpus is the release build's, or the file PCE_CORPUS_FILE names).
import fs from 'node:fs';
import path from 'node:path';
import { minifyGlue, minifyFatal } from './minify.mjs';
import { loadWasmOnce } from './wasmload.mjs';
import { placeCorpus, builtCorpus } from './corpusfile.mjs';
import { externalise, hasInlineScript } from './csp.mjs';
import { precompress } from './precompress.mjs';
import { addOffline } from './offline.mjs';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
let publicUrl = process.env.TRUNK_PUBLIC_URL || process.argv[3] || '/';
if (!publicUrl.endsWith('/')) publicUrl += '/';
if (!dir) {
  console.error('usage: node scripts/postbuild.mjs DIST_DIR [PUBLIC_URL]');
  process.exit(2);
}
const indexFile = path.join(dir, 'index.html');
let html = fs.readFileSync(indexFile, 'utf8');
const release = (process.env.TRUNK_PROFILE || 'release') === 'release';
// `trunk serve` puts its live-reload script (a WebSocket to itself) into the page.
const served = html.includes('__TRUNK_ADDRESS__');
if (release) {
  for (const step of [minifyGlue, minifyFatal]) {
    const m = await step(dir, html);
    html = m.html;
    console.log(`postbuild: minified ${m.report}`);
  }
}
const corpus = placeCorpus(dir, process.env.PCE_CORPUS_FILE || builtCorpus(release ? 'release' : 'debug'));
console.log(`postbuild: corpus ${corpus.name} (${corpus.raw} bytes, ${corpus.stored} gzipped), ${corpus.chunks} search index files, ${corpus.texts} text files`);
const once = loadWasmOnce(html, dir, corpus);
html = once.html;
console.log(`postbuild: the loader fetches the WebAssembly with its integrity${once.removedPreload ? ' (preload removed)' : ''}`);
const { html: strict, files } = externalise(html, publicUrl);
for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
if (hasInlineScript(strict)) {
  console.error('postbuild: an inline script is left in index.html');
  process.exit(1);
}
fs.writeFileSync(indexFile, strict);
console.log(`postbuild: ${files.length} inline script(s) moved out; Content-Security-Policy in <meta>`);
if (release && !served) {
  const off = await addOffline(dir, strict, publicUrl);
  console.log(`postbuild: service worker ${off.version}, ${off.files.length} files cached; web app manifest`);
}
// Last: the compressed copies are of the files as served.
if (release) {
  console.log(`postbuild: ${precompress(dir).length} precompressed copies (.gz, .br)`);
}
