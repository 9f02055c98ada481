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
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const PRELOAD = /<link\b(?=[^>]*\brel=("?)preload\1[\s>])(?=[^>]*\.wasm\b)[^>]*>/gi;
// Trunk's loader, as it writes it (quotes and spacing as seen in 0.21.14).
const LOADER = /^\s*import init, \* as bindings from '([^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '([^']+\.wasm)' \}\);([\s\S]*)$/;

/**
 * `html` without the WebAssembly preload and with a loader that fetches the WebAssembly
 * (found in `dir`) once, with its sha384 integrity. Throws if trunk's loader is not the
 * one this knows, so a trunk upgrade cannot silently bring the double download back.
 */
export function loadWasmOnce(html, dir) {
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
    return `${open}
const module_or_path = fetch('${wasm}', { integrity: '${integrity}' });
const bindings = await import('${glue}');
const wasm = await bindings.default({ module_or_path });${rest}${close}`;
  });
  // Run again on a page already done (its loader moved out by csp.mjs): nothing to do.
  if (loaders === 0 && preloads.length === 0 && !/module_or_path/.test(html)) return { html, removedPreload: false };
  if (loaders !== 1) throw new Error(`wasmload: expected trunk's loader once in index.html, found it ${loaders} times`);
  return { html: out, removedPreload: preloads.length === 1 };
}
