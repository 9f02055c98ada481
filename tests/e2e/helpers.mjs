// Shared helpers for the end-to-end specs: a static file server (like any static host),
// Chromium via playwright-core, and guards for console errors and foreign requests.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = process.env.DIST_DIR || path.join(ROOT, 'dist');
export const DIST_SUB = process.env.DIST_SUB_DIR || path.join(ROOT, 'target', 'dist-sub');
export const SUB_PATH = '/explorer/sub/';
export const DIST_HOOKS = process.env.DIST_HOOKS_DIR || path.join(ROOT, 'target', 'dist-hooks');
export const SHOTS = path.join(ROOT, 'screenshots');
/**
 * The data folder the app under test was built from: `PCE_DATA_DIR`, as for the build
 * (`PCE_DATA_DIR=target/six-data DIST_DIR=target/dist-six node --test …` runs the specs
 * over the six-article corpus). The specs read their expectations from it.
 */
export const DATA_DIR = path.resolve(ROOT, process.env.PCE_DATA_DIR || 'data');

const answers = new Map();
/**
 * What the explorer shows for each URL query (`''`, `'q=Kenna'`, `'e=lima&from=2023'`),
 * computed natively from DATA_DIR by `corpus query`: `{articles: [ids in order], events:
 * [ids], entities, measures, facets: {id: {articles, events}}, ignored}`. One query gives
 * one answer, several an array. Cached, so a spec asks cargo once per query.
 */
export function expected(...queries) {
  const todo = [...new Set(queries.filter((q) => !answers.has(q)))];
  if (todo.length) {
    const out = execFileSync('cargo', ['run', '-q', '-p', 'corpus-index', '--', 'query', '--data', DATA_DIR, ...todo],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    JSON.parse(out).forEach((r, i) => answers.set(todo[i], r));
  }
  const got = queries.map((q) => answers.get(q));
  return queries.length === 1 ? got[0] : got;
}

let exported;
/** The compiled corpus of DATA_DIR as `corpus export` writes it (data/README.md). */
export function corpusJson() {
  exported ??= JSON.parse(execFileSync('cargo', ['run', '-q', '-p', 'corpus-index', '--', 'export', DATA_DIR],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 }));
  return exported;
}

/** How many times an entity is named in an article (its mentions there). */
export function mentions(entity, article) {
  const e = corpusJson().entities.find((x) => x.id === entity);
  assert.ok(e, `no entity ${entity} in ${DATA_DIR}`);
  return e.mentions.filter((m) => m.article === article).length;
}

/** `n noun` or `n nouns`, as the app writes counts. */
export const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Wait until the results list has exactly `n` items. */
export function waitResults(page, n) {
  return page.waitForFunction((k) => document.querySelectorAll('.result-list > li').length === k, n);
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

/**
 * Serve `dir` under `prefix` (default `/`) on 127.0.0.1, or serve the given pages. With
 * `precompressed`, a file's `.br` or `.gz` copy is sent when the browser accepts it (as
 * nginx's `brotli_static`/`gzip_static` do). With `lastModified`, each file is sent with
 * its `Last-Modified` date, as nginx, Apache and `python3 -m http.server` send it (without
 * it, WebKit's service worker cannot reuse what the page loaded: offline.test.mjs). The
 * returned `requests` lists the path of every request received, in order (a test may
 * empty it), to count downloads.
 */
export function serve(dir, { prefix = '/', pages = {}, host = '127.0.0.1', headers = {}, precompressed = false, lastModified = false } = {}) {
  const requests = [];
  // Room for very long URLs (the hostile-URL tests send 100 KB ones); Node's default is 16 KB.
  const server = http.createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push(url.pathname);
    if (pages[url.pathname]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(pages[url.pathname]);
      return;
    }
    if (!dir || !url.pathname.startsWith(prefix)) { res.writeHead(404); res.end('not found'); return; }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, rel);
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    const accepts = String(req.headers['accept-encoding'] || '');
    const encoding = !precompressed ? null
      : /\bbr\b/.test(accepts) && fs.existsSync(file + '.br') ? 'br'
        : /\bgzip\b/.test(accepts) && fs.existsSync(file + '.gz') ? 'gzip' : null;
    const sent = encoding ? file + (encoding === 'br' ? '.br' : '.gz') : file;
    fs.readFile(sent, (err, body) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      const enc = encoding ? { 'content-encoding': encoding, vary: 'Accept-Encoding' } : {};
      const modified = lastModified ? { 'last-modified': fs.statSync(file).mtime.toUTCString() } : {};
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream', ...enc, ...modified, ...headers });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, host, () => {
    const { port } = server.address();
    resolve({ url: `http://${host}:${port}${prefix}`, origin: `http://${host}:${port}`, port, requests, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) });
  }));
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page that records console errors, page errors and every request to another origin
 * than those allowed. `serviceWorkers: 'block'` for a test that must see every request
 * (a service worker answers from its cache what `page.route` would intercept).
 */
export async function newPage(browser, { width = 1280, height = 800, allowed = [], reducedMotion = 'reduce', hasTouch = false, isMobile = false, serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion, hasTouch, isMobile, serviceWorkers });
  const page = await context.newPage();
  const problems = { console: [], foreign: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.console.push(m.text()); });
  page.on('pageerror', (e) => problems.console.push(String(e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (!allowed.includes(u.origin)) problems.foreign.push(r.url());
  });
  return { page, context, problems };
}

/** Wait for the app to have rendered its results. */
export async function ready(page) {
  await page.waitForSelector('.results-head .counts', { state: 'attached' });
}

export async function resultCount(page) {
  return page.locator('.result-list > li').count();
}

export function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** Open the app served by `server` at `?q` in a fresh page (see newPage) and wait for it. */
export async function openApp(browser, server, q = '', opts = {}) {
  const t = await newPage(browser, { allowed: [server.origin], ...opts });
  await t.page.goto(server.url + (q ? `?${q}` : ''));
  await ready(t.page);
  return t;
}

/** No console error and no request to another origin happened on the page. */
export function assertClean(t) {
  assert.deepEqual(t.problems.console, [], 'no console error');
  assert.deepEqual(t.problems.foreign, [], 'no request to another origin');
}

/**
 * Every view and its main states, as `[name, query]`: the screenshots, the accessibility
 * audit, the Content-Security-Policy walk and the HTML check all go through this list.
 */
export const VIEWS = [
  ['home', ''],
  ['search', 'q=Kenna'],
  ['filtered', 'e=dina-boluarte,lima&from=2023-01-01&to=2023-12-31'],
  ['reader', 'a=2023-01-takeover-of-lima&p=p14&q=Kenna'],
  ['entity-card', 'a=2023-01-takeover-of-lima&ent=lisa-kenna'],
  ['notice', 'e=nobody&from=2023-02-30'],
  ['embed', 'embed=1&q=troops'],
  ['timeline-event', 'win=2022-11-20,2023-02-10&ev=era-state-of-emergency'],
  ['timeline-whole', 'win=1915-11-26,2028-02-07&e=dina-boluarte'],
  ['timeline-list', 'timeline=list&e=dina-boluarte'],
  ['compare', 'cmp=2023-01-takeover-of-lima,2024-12-police-state-buildup&cmpsel=entity:dina-boluarte'],
  ['compare-figures', 'cmp=2022-12-protests-mount,2023-07-protests-resume'],
  ['matrix', 'view=matrix&kind=person,organization'],
  ['matrix-chart', 'view=matrix'],
  ['measure', 'fig=death-toll'],
  ['dead-end', 'q=Bolaurte'],
  ['typed-date', 'q=9+January+2023'],
  ['entity-card-alone', 'ent=lisa-kenna'],
  ['published-range', 'from=2022-12-01&to=2023-01-31&on=published'],
  ['brushed-range', 'win=2022-11-01,2023-03-01&from=2022-12-01&to=2023-01-31'],
  ['empty-results', 'e=lisa-kenna&from=2025-01-01'],
  ['facets-expanded', 'e=dina-boluarte'],
  ['compare-right', 'cmp=2023-01-takeover-of-lima,2024-12-police-state-buildup&cmpsel=entity:peru'],
  ['print', 'e=dina-boluarte'],
  ['print-article', 'a=2023-01-takeover-of-lima&p=p14'],
  ['menus-open', 'q=Kenna'],
];

/** Go to the view at `?q` of `base` and wait until it has drawn what it shows. */
export async function openView(page, base, name, q) {
  // A page goes through several views: print media only for the print view.
  await page.emulateMedia({ media: name.startsWith('print') ? 'print' : 'screen' });
  await page.goto(base + (q ? `?${q}` : ''));
  if (q.includes('cmp=')) {
    await page.waitForSelector('#compare .col-body .para');
    if (name.endsWith('-figures')) await page.locator('.figures-section').scrollIntoViewIfNeeded();
  } else if (q.includes('view=matrix')) {
    await page.waitForSelector('#matrix .matrix-table tbody tr');
    if (name.endsWith('-chart')) await page.locator('.charts').scrollIntoViewIfNeeded();
  } else {
    await ready(page);
  }
  if (q.includes('ent=')) await page.waitForSelector('.entity-card');
  if (q.includes('ev=')) await page.waitForSelector('.event-card');
  if (q.includes('fig=')) await page.waitForSelector('.measure-card');
  if (q.includes('from=') && q.includes('win=')) await page.waitForSelector('.graph .range');
  if (name === 'empty-results') {
    await page.waitForSelector('.dead-end');
    assert.equal(await resultCount(page), 0, 'no result');
  }
  if (name === 'facets-expanded') {
    // Every facet shows all its values (on a phone, the filters box opens first).
    const box = page.locator('details.filters-box');
    if (!(await box.evaluate((d) => d.open))) await box.locator('summary').click();
    for (let b = page.locator('.facet button:has-text("Show all")'); await b.count() > 0;) await b.first().click();
  }
  if (name.startsWith('print')) {
    // What printing adds (the view's address under the title) is filled at beforeprint.
    // Print styles in effect (the emulation reaches the page a moment later), then the line.
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    await page.waitForFunction(() => {
      const line = document.querySelector('.print-view');
      return line?.textContent.includes('This view:') && getComputedStyle(line).display === 'block';
    });
  }
  if (name === 'menus-open') {
    // The timeline's "Save picture" and the results' "Export", open (each folds over the page).
    await page.waitForSelector('.graph [data-key]');
    for (const menu of ['details.save-picture', 'details.export']) await page.locator(`${menu} summary`).click();
  }
  if (name === 'compare-right') {
    // On a phone one column shows at a time: switch to the right one.
    const tabs = page.getByRole('group', { name: 'Article shown' }).getByRole('button');
    if (await tabs.first().isVisible()) {
      await tabs.nth(1).click();
      await page.locator('.col.right').waitFor({ state: 'visible' });
    }
    await page.locator('.col.right .col-body mark').first().waitFor();
  }
}

/**
 * Views the VIEWS walk cannot reach through a query string, for the accessibility, HTML and
 * CSP walks: the sub-path build's first screen, and the fatal message after a panic (the
 * build with test hooks). Each `open(browser, opts)` serves its build (with `headers`),
 * opens the view in a fresh page (see newPage; `init(page)` runs before it loads) and
 * returns `{ t, close }`; the panic's own
 * console error is expected and taken off `t.problems`.
 */
export const SPECIAL_VIEWS = [
  ['sub-path', async (browser, { headers = {}, init = async () => {}, ...opts } = {}) => {
    const server = await serve(DIST_SUB, { prefix: SUB_PATH, headers });
    const t = await newPage(browser, { allowed: [server.origin], ...opts });
    await init(t.page);
    await t.page.goto(server.url);
    await ready(t.page);
    return { t, close: async () => { await t.context.close(); await server.close(); } };
  }],
  ['panic-message', async (browser, { headers = {}, init = async () => {}, ...opts } = {}) => {
    if (!fs.existsSync(path.join(DIST_HOOKS, 'index.html'))) {
      throw new Error(`no build with test hooks in ${DIST_HOOKS}; build it with: PCE_TEST_HOOKS=1 trunk build --release --dist target/dist-hooks`);
    }
    const server = await serve(DIST_HOOKS, { headers });
    const t = await newPage(browser, { allowed: [server.origin], ...opts });
    await init(t.page);
    await t.page.goto(`${server.url}?q=Kenna`);
    await ready(t.page);
    await t.page.waitForFunction(() => typeof window.wasmBindings?.pce_test_panic === 'function');
    await t.page.evaluate(() => { try { window.wasmBindings.pce_test_panic('a walk of the fatal message'); } catch { /* the trap that follows */ } });
    await t.page.waitForSelector('#fatal-error');
    const panics = t.problems.console.filter((m) => m.startsWith('panicked at '));
    assert.equal(panics.length, 1, `the panic is logged once: ${t.problems.console.join('\n')}`);
    t.problems.console = t.problems.console.filter((m) => !m.startsWith('panicked at '));
    return { t, close: async () => { await t.context.close(); await server.close(); } };
  }],
];

/**
 * A host page (to serve from another origin) that embeds the explorer at `appUrl` in an
 * iframe `#peru-explorer`: it records the explorer's messages in `window.messages`, resizes
 * the frame to the height it reports, and sends it commands with `window.send(m)`; `extra`
 * is more markup after the frame.
 */
export function embedHostPage(appUrl, extra = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head><body>
    <h1>Host page</h1>
    <iframe id="peru-explorer" title="Peru Crisis Explorer" src="${appUrl}?embed=1" style="width:100%;border:0" height="300"></iframe>
    ${extra}
    <script>
      window.messages = [];
      window.addEventListener('message', (e) => {
        const f = document.getElementById('peru-explorer');
        if (e.source !== f.contentWindow) return;
        window.messages.push(e.data);
        if (e.data.type === 'pce:height') f.style.height = Math.ceil(e.data.height) + 'px';
      });
      window.send = (m) => document.getElementById('peru-explorer').contentWindow.postMessage(m, '*');
    </script></body></html>`;
}

/**
 * The ways a host fails to send one of the build's files, as `[what, answer, reason]`:
 * `answer` is a `page.route` handler, `reason` what the loader then says. The corpus file
 * (fatal.test.mjs) and the search index's files (index-files.test.mjs) are tested with
 * each.
 */
export const BROKEN_FILE = [
  ['on a host that cannot be reached', (route) => route.abort('connectionrefused'), /the host could not be reached/],
  ['missing (404)', (route) => route.fulfill({ status: 404, body: 'Not Found' }), /the host answered HTTP 404/],
  ['changed on the way (integrity)', async (route) => {
    // Only the download: the loader's second request (HEAD) asks the host what went wrong.
    if (route.request().method() !== 'GET') return route.fallback();
    const res = await route.fetch();
    const body = await res.body();
    body[body.length >> 1] ^= 0xff;
    await route.fulfill({ response: res, body });
  }, /its contents are not the ones this version of the explorer was built with/],
];
