// Shared pieces of the benchmark: statistics, compressed sizes, a recorder of every
// response a page receives, and the in-page latency probe. Browser and server helpers
// come from the end-to-end tests (tests/e2e/helpers.mjs).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { ROOT } from '../tests/e2e/helpers.mjs';

export { serve, launch, newPage, ROOT } from '../tests/e2e/helpers.mjs';

/** Nearest-rank percentile (p in 0..1) of a list of numbers. */
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

/** Median, spread and the usual percentiles of a list of times (ms). */
export function stats(xs) {
  const r = (x) => Math.round(x * 100) / 100;
  return {
    n: xs.length,
    median: r(pct(xs, 0.5)), p10: r(pct(xs, 0.1)), p90: r(pct(xs, 0.9)),
    p95: r(pct(xs, 0.95)), min: r(Math.min(...xs)), max: r(Math.max(...xs)),
  };
}

/**
 * Sizes of one file as a static host would send it: raw, gzip -9 and brotli (quality 11).
 * A host compresses only when that makes the file smaller, so a compressed size is never
 * above the raw size (this matters for Pagefind's index files, which are gzip already).
 */
export function sizes(buf) {
  const gzip = zlib.gzipSync(buf, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(buf, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;
  return { raw: buf.length, gzip: Math.min(gzip, buf.length), brotli: Math.min(brotli, buf.length) };
}

/** sizes() of a file on disk, remembered by content hash in target/bench/sizes-cache.json
 * (brotli 11 of the 10,000-article build's 142 MB WebAssembly takes about ten minutes). */
const CACHE = path.join(ROOT, 'target/bench/sizes-cache.json');
let sizeCache = null;
export function fileSizes(file) {
  if (!sizeCache) sizeCache = fs.existsSync(CACHE) ? JSON.parse(fs.readFileSync(CACHE, 'utf8')) : {};
  const buf = fs.readFileSync(file);
  const key = crypto.createHash('sha256').update(buf).digest('hex');
  if (!sizeCache[key]) {
    sizeCache[key] = sizes(buf);
    fs.mkdirSync(path.dirname(CACHE), { recursive: true });
    fs.writeFileSync(CACHE, JSON.stringify(sizeCache));
  }
  return sizeCache[key];
}

/**
 * Record every response `page` receives from the static server of `dir` (whose URL is
 * `base`). `files()` returns one row per URL (its path under `base`) with the sizes of the
 * file served, read from `dir` (response bodies of 100 MB and more are not kept by the
 * browser).
 */
export function recordResponses(page, base, dir) {
  const seen = new Map();
  page.on('response', (r) => {
    const url = r.url();
    if (!url.startsWith(base) || seen.has(url)) return;
    let rel = decodeURIComponent(url.slice(base.length).replace(/[?#].*$/, ''));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    seen.set(url, { url, file: rel, status: r.status() });
  });
  return {
    async files() {
      return [...seen.values()].map((f) => ({ ...f, ...fileSizes(path.join(dir, f.file)) }));
    },
  };
}

/** Sum of the raw, gzip and brotli sizes of some rows. */
export function total(rows) {
  return rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

/**
 * Injected before any page script: watch the DOM for the first element matching
 * `window.__benchSelector` (set by the same init script), and record performance.now()
 * when it appears (`dom`) and when the next frame after it has been produced (`frame`:
 * a requestAnimationFrame callback, then a message-channel task, which runs after that
 * frame's style, layout and paint).
 */
export function firstRenderProbe(selector) {
  return `(() => {
    const sel = ${JSON.stringify(selector)};
    const out = window.__firstRender = { dom: null, frame: null };
    const check = () => {
      if (out.dom !== null || !document.querySelector(sel)) return false;
      out.dom = performance.now();
      requestAnimationFrame(() => {
        const c = new MessageChannel();
        c.port1.onmessage = () => { out.frame = performance.now(); };
        c.port2.postMessage(0);
      });
      return true;
    };
    const mo = new MutationObserver(() => { if (check()) mo.disconnect(); });
    mo.observe(document, { childList: true, subtree: true });
  })();`;
}

/**
 * The in-page latency probe, installed with page.addInitScript. `__benchMeasure(act)`
 * runs `act()` (which dispatches one input event) and resolves to:
 * - dom: from just before the dispatch to the end of the last DOM change it caused,
 *   with style and layout forced right after each batch of changes (a MutationObserver
 *   callback reads documentElement.offsetHeight); if nothing changed, to the end of the
 *   first task after the dispatch (the work done, with layout forced);
 * - layout: the part of `dom` spent in those forced style and layout passes (the rest is
 *   script: the event handler, Yew's render in WebAssembly and its DOM calls);
 * - frame: from just before the dispatch to the first task after the next animation
 *   frame (requestAnimationFrame, then a message-channel task): the change is on screen
 *   (or to the last DOM change, if the render outlasted that frame). Quantised by the
 *   60 Hz frame clock.
 * - mutations: how many MutationObserver callbacks (batches) there were.
 * It then waits `quiet` ms so that work the app postponed (Yew yields to the browser
 * after 16 ms of rendering) is still counted in `dom`; and while the search's status line
 * says that part of the search index is loading, until its results are in (so a keystroke
 * that fetches an index file is measured to its results, the fetch included).
 */
export const LATENCY_PROBE = `(() => {
  const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  window.__benchMeasure = async (act, quiet = 60) => {
    let last = -1, batches = 0, layout = 0;
    const mo = new MutationObserver(() => {
      const a = performance.now();
      void document.documentElement.offsetHeight;
      last = performance.now();
      layout += last - a;
      batches++;
    });
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const t0 = performance.now();
    act();
    await task();
    let t1 = performance.now();
    if (!batches) { void document.documentElement.offsetHeight; const t = performance.now(); layout = t - t1; t1 = t; }
    await new Promise((r) => requestAnimationFrame(() => task().then(r)));
    const t2 = performance.now();
    await new Promise((r) => setTimeout(r, quiet));
    // A search whose index files are loading shows a status line until its results are
    // in, and a view whose text files are loading (a large corpus) a "… is loading" line:
    // wait for them (and a quiet period after), so the fetch is in the figure.
    const status = () => document.querySelector('.search-status')?.textContent || document.querySelector('.text-loading');
    if (status()) {
      while (status()) await new Promise((r) => setTimeout(r, 2));
      await new Promise((r) => setTimeout(r, quiet));
    }
    mo.disconnect();
    return { dom: (batches ? last : t1) - t0, layout, frame: Math.max(t2, last) - t0, mutations: batches };
  };
})();`;
