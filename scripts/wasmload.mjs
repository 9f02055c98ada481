// One download of the WebAssembly in every engine, with its integrity checked.
//
// Trunk 0.21 writes `<link rel=preload as=fetch crossorigin integrity=… type=application/wasm>`
// for the WebAssembly, and its loader then calls `init({ module_or_path: URL })`, whose
// `fetch(URL)` is meant to reuse the preloaded response. Not every engine does:
// - WebKit (2.50) never matches a `fetch()` to an `as=fetch` preload: it downloaded the
//   whole WebAssembly twice on every load (Resource Timing showed a `link` and a `fetch`
//   entry of 765 KB each) and warned that the preload was unused;
// - Chromium reuses it but warns "The `integrity` attribute is currently ignored for
//   preload destinations that do not support subresource integrity" (crbug.com/981419),
//   so the hash was never checked there; the loader's own fetch had none.
//
// So the preload goes, and the loader starts the download itself, first thing, with the
// hash: `fetch(URL, { integrity })` is one request in every engine and every engine checks
// it. The loader imports the glue with `import()` after starting the fetch (a static
// import would wait for the glue before any of the loader runs); the glue itself is still
// fetched from the start by its `<link rel=modulepreload>`, so both downloads overlap as
// they did with the preload. Run from postbuild.mjs, before csp.mjs moves the loader out.
//
// Before the WebAssembly, the loader starts the corpus's download (corpusfile.mjs: a
// gzipped file beside the WebAssembly, with its integrity) and leaves the promise of its
// inflated bytes in `window.pceCorpus`, where the app's `start` picks it up. A corpus that
// cannot be fetched or inflated rejects it with an error that names the file: the fatal
// message (fatal.js) shows it with the reload links.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const PRELOAD = /<link\b(?=[^>]*\brel=("?)preload\1[\s>])(?=[^>]*\.wasm\b)[^>]*>/gi;
// Trunk's loader, as it writes it (quotes and spacing as seen in 0.21.14).
const LOADER = /^\s*import init, \* as bindings from '([^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '([^']+\.wasm)' \}\);([\s\S]*)$/;

/**
 * The loader's code that fetches the corpus `{ name, integrity }` from `folder`, and
 * `window.pceFetch(path, integrity)`, which the app calls for the search index's chunks
 * (paths relative to the same folder): a promise of a file's inflated bytes (its error
 * says why, and its `path` which file). A fetch with
 * an integrity fails the same way whatever went wrong, so on failure a second request
 * (HEAD, uncached) tells the reader which it was: the host answers with an error status,
 * the file is there but is not this build's, or the host cannot be reached.
 */
export function corpusLoader(folder, corpus) {
  return `
window.pceFetch = (path, integrity) => fetch('${folder}' + path, { integrity }).catch(async () => {
  const why = await fetch('${folder}' + path, { method: 'HEAD', cache: 'no-store' })
    .then((r) => r.ok ? 'its contents are not the ones this version of the explorer was built with' : \`the host answered HTTP \${r.status}\`, () => 'the host could not be reached');
  throw new Error(why);
}).then(async (r) => {
  if (!r.ok) throw new Error(\`the host answered HTTP \${r.status}\`);
  const bytes = new Uint8Array(await r.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}).catch((e) => {
  throw Object.assign(e instanceof Error ? e : new Error(String(e)), { path });
});
window.pceCorpus = window.pceFetch('${corpus.name}', '${corpus.integrity}').catch((e) => {
  throw new Error(\`The explorer's data (${corpus.name}) could not be loaded: \${e && e.message ? e.message : e}. Check the connection and reload.\`);
});`;
}

/**
 * `html` without the WebAssembly preload and with a loader that fetches the corpus
 * (`{ name, integrity }`, written by corpusfile.mjs) and the WebAssembly (found in `dir`)
 * once each, with their sha384 integrity. Throws if trunk's loader is not the one this
 * knows, so a trunk upgrade cannot silently bring the double download back.
 */
export function loadWasmOnce(html, dir, corpus) {
  const preloads = html.match(PRELOAD) || [];
  if (preloads.length > 1) throw new Error(`wasmload: ${preloads.length} WebAssembly preloads in index.html`);
  let loaders = 0;
  const out = html.replace(PRELOAD, '').replace(/(<script\b[^>]*\btype=("?)module\2[^>]*>)([\s\S]*?)(<\/script>)/gi, (whole, open, _q, body, close) => {
    if (/\bsrc\s*=/i.test(open) || !body.includes('module_or_path')) return whole;
    const m = LOADER.exec(body);
    if (!m) throw new Error(`wasmload: trunk's loader has an unknown form:\n${body}`);
    const [, glue, wasm, rest] = m;
    const file = path.join(dir, path.basename(new URL(wasm, 'http://x/').pathname));
    const integrity = 'sha384-' + crypto.createHash('sha384').update(fs.readFileSync(file)).digest('base64');
    loaders += 1;
    const folder = wasm.slice(0, wasm.lastIndexOf('/') + 1);
    return `${open}${corpusLoader(folder, corpus)}
const module_or_path = fetch('${wasm}', { integrity: '${integrity}' });
const bindings = await import('${glue}');
const wasm = await bindings.default({ module_or_path });${rest}${close}`;
  });
  // Run again on a page already done (its loader moved out by csp.mjs): nothing to do.
  if (loaders === 0 && preloads.length === 0 && !/module_or_path/.test(html)) return { html, removedPreload: false };
  if (loaders !== 1) throw new Error(`wasmload: expected trunk's loader once in index.html, found it ${loaders} times`);
  return { html: out, removedPreload: preloads.length === 1 };
}
