// The cross-engine suite: the explorer's main flows, written once against the driver in
// driver.mjs and run in Chromium, Firefox and WebKit (one *.test.mjs file per engine, so
// one engine can be run alone: `node --test tests/engines/webkit.test.mjs`). The e2e suite
// (tests/e2e/, Chromium only) covers every view in depth; this one covers what a reader
// does most, plus the problems seen in one engine only (issue 16): the side-by-side view
// scrolling sideways in WebKit, the WebAssembly downloaded twice, words broken inside in
// Firefox's squeezed results header, and the fatal message on a trap or uncaught error.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, DIST, ROOT, expected, embedHostPage } from '../e2e/helpers.mjs';

/** How many articles the results list shows for a URL query, read from the corpus. */
const shown = (q) => Math.min(expected(q).articles.length, 20);
const COUNT = (n) => document.querySelectorAll('.result-list > li').length === n;
import { startEngine } from './driver.mjs';

const DIST_HOOKS = process.env.DIST_HOOKS_DIR || path.join(ROOT, 'target', 'dist-hooks');
const JAN = '2023-01-takeover-of-lima';
const DEC = '2024-12-police-state-buildup';

/** Register the flows as tests for the engine `name`. */
export function flows(name) {
  let engine, server, hooks;
  const pages = [];
  before(async () => {
    // With Last-Modified, as static hosts send it: the service worker's install then reads
    // the WebAssembly from the HTTP cache in every engine (WebKit downloads it again from a
    // server that sends no date; README, "Offline use and installing").
    server = await serve(DIST, { lastModified: true });
    engine = await startEngine(name);
  });
  // A page left open by a failed flow is closed (WebKitWebDriver runs one session at a time).
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close().catch(() => {});
  });
  after(async () => {
    await engine?.close();
    await server?.close();
    await hooks?.close();
  });

  /** A fresh page at `?q` of `base` (default: dist/), the results drawn. */
  async function open(q = '', { width = 1280, height = 800, base = server.url } = {}) {
    const page = await engine.newPage({ width, height });
    pages.push(page);
    await page.goto(base + (q ? `?${q}` : ''));
    return page;
  }
  const results = (page) => page.count('.result-list > li');
  const ready = (page) => page.waitForSelector('.results-head .counts');
  const search = (page) => page.evaluate(() => location.search);
  /** No error of any kind, no fatal message; then close the page. */
  async function done(page) {
    assert.deepEqual(await page.errors(), [], 'no console error or warning');
    assert.equal(await page.count('#fatal-error'), 0, 'no fatal message');
    await page.close();
    pages.splice(pages.indexOf(page), 1);
  }
  /** The page does not scroll sideways. */
  async function noSidewaysScroll(page, what) {
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `${what}: the page is ${scroll - client} px wider than the window`);
  }

  test(`${name}: one download of the WebAssembly; the app starts and draws the timeline`, async () => {
    server.requests.length = 0;
    const page = await open();
    await ready(page);
    await page.waitForSelector('.graph [data-key]');
    assert.equal(await results(page), expected('').articles.length);
    assert.ok(await page.count('.graph .mark.article') >= 1, 'articles drawn');
    // Counted once the service worker has installed (it caches every file of the build).
    await page.waitFor(() => !('serviceWorker' in navigator) || navigator.serviceWorker.controller !== null);
    const wasm = server.requests.filter((p) => p.endsWith('.wasm'));
    assert.deepEqual(wasm.length, 1, `the WebAssembly is requested once: ${wasm.join(', ')}`);
    await done(page);
  });

  test(`${name}: after a first visit the explorer works with its server gone (the service worker)`, async () => {
    const own = await serve(DIST, { lastModified: true });
    try {
      const page = await open('', { base: own.url });
      await ready(page);
      await page.waitFor(() => navigator.serviceWorker.controller !== null);
      await own.close(); // connections refused from now on
      own.requests.length = 0;
      await page.goto(`${own.url}?q=Kenna`);
      await ready(page);
      await page.waitFor(COUNT, shown('q=Kenna'));
      assert.deepEqual(own.requests, [], 'nothing reached the server');
      await done(page);
    } finally {
      await own.close().catch(() => {});
    }
  });

  test(`${name}: search as you type changes the results and the address`, async () => {
    const page = await open();
    await ready(page);
    await page.fill('#search', 'jeri');
    await page.waitFor(COUNT, shown('q=jeri'));
    assert.match(await page.text('.result .snippet mark'), /^Jer/);
    await page.waitFor(() => location.search === '?q=jeri');
    await page.fill('#search', 'Kenna');
    await page.waitFor(COUNT, shown('q=Kenna'));
    await done(page);
  });

  test(`${name}: a facet toggle filters the results and changes the counts`, async () => {
    const page = await open();
    await ready(page);
    const before = await page.text('.results-head .counts');
    await page.click('#f-lisa-kenna');
    await page.waitFor(COUNT, shown('e=lisa-kenna'));
    await page.waitFor((b) => document.querySelector('.results-head .counts').innerText !== b, before);
    await page.waitFor(() => location.search.includes('e=lisa-kenna'));
    assert.equal(await page.count('.chips .chip'), 1);
    await page.click('#f-lisa-kenna');
    await page.waitFor(COUNT, shown(''));
    await done(page);
  });

  test(`${name}: the reader and an entity card; Escape closes the card`, async () => {
    const page = await open();
    await ready(page);
    await page.click('.result-list a', { text: 'Protests continue into fifth day' });
    await page.waitForSelector('#reader');
    await page.waitFor((a) => location.search.includes(`a=${a}`), JAN);
    await page.click('#p14 a.mention', { text: 'Lisa Kenna' });
    await page.waitForSelector('.entity-card');
    assert.match(await page.text('.entity-card'), new RegExp(`Mentioned in ${expected('e=lisa-kenna').articles.length} articles`));
    await page.waitFor(() => document.activeElement?.id === 'entity-card-title');
    await page.press('Escape');
    await page.waitFor(() => !document.querySelector('.entity-card'));
    await page.waitFor(() => document.activeElement?.classList.contains('mention'));
    await done(page);
  });

  test(`${name}: the timeline by mouse and keys: zoom, pan, an event card from the keyboard`, async () => {
    const page = await open('win=2022-11-20,2023-02-10');
    await page.waitForSelector('.graph [data-key]');
    const win = () => page.evaluate(() => document.querySelector('.graph').getAttribute('data-window'));
    const span = (w) => { const [a, b] = w.split(','); return (Date.parse(b) - Date.parse(a)) / 864e5; };
    const w0 = await win();
    // Zoom in and out by the buttons, several times (WebKit once trapped right after one).
    for (let i = 0; i < 3; i++) {
      const before = await win();
      await page.click('.timeline-tools button[aria-label="Zoom in"]');
      await page.waitFor((b) => document.querySelector('.graph').getAttribute('data-window') !== b, before);
    }
    assert.ok(span(await win()) < span(w0) / 4, `zoomed in: ${await win()}`);
    for (let i = 0; i < 3; i++) {
      const before = await win();
      await page.click('.timeline-tools button[aria-label="Zoom out"]');
      await page.waitFor((b) => document.querySelector('.graph').getAttribute('data-window') !== b, before);
    }
    // Drag the plot to the left: later dates come into view, the same span.
    const w1 = await win();
    const box = await page.evaluate(() => {
      const g = document.querySelector('.graph');
      g.scrollIntoView({ block: 'center' });
      const r = g.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width };
    });
    await page.drag([box.x + 400, box.y + 120], [box.x + 200, box.y + 120]);
    await page.waitFor((b) => document.querySelector('.graph').getAttribute('data-window') !== b, w1);
    const w2 = await win();
    assert.ok(w2 > w1, `panned later: ${w2} after ${w1}`);
    assert.ok(Math.abs(span(w2) - span(w1)) <= 1, 'the same span');
    // Keys: one tab stop into the graph (from the toolbar's last control, Save picture), - and
    // + zoom, arrows move, Enter opens an event.
    await page.evaluate(() => document.querySelector('.timeline-tools details.save-picture > summary').focus());
    await page.press('Tab');
    await page.waitFor(() => document.activeElement?.hasAttribute('data-key'));
    let before = await win();
    await page.press('-');
    await page.waitFor((b) => document.querySelector('.graph').getAttribute('data-window') !== b, before);
    assert.ok(span(await win()) > span(before), 'zoomed out by key');
    before = await win();
    await page.press('+');
    await page.waitFor((b) => document.querySelector('.graph').getAttribute('data-window') !== b, before);
    assert.ok(span(await win()) < span(before), 'zoomed in by key');
    for (let i = 0; i < 30; i++) {
      const k = await page.evaluate(() => document.activeElement.getAttribute('data-key'));
      if (await page.evaluate(() => document.activeElement.matches('.mark.event'))) break;
      await page.press('ArrowRight');
      await page.waitFor((was) => document.activeElement.getAttribute('data-key') !== was, k);
    }
    const id = await page.evaluate(() => document.activeElement.getAttribute('data-event'));
    assert.ok(id, 'an event has focus');
    await page.press('Enter');
    await page.waitForSelector('.event-card');
    await page.waitFor((e) => new URL(location.href).searchParams.get('ev') === e, id);
    await page.press('Escape');
    await page.waitFor(() => !document.querySelector('.event-card'));
    await done(page);
  });

  test(`${name}: side by side at 1280, 800 and 390 px wide, with no sideways scroll`, async () => {
    const page = await open(`cmp=${JAN},${DEC}&cmpsel=entity:dina-boluarte`);
    await page.waitForSelector('#compare .col-body .para');
    for (const [w, h] of [[1280, 800], [800, 900], [390, 844]]) {
      await page.setSize(w, h);
      await page.waitFor((W) => document.documentElement.clientWidth <= W, w);
      await noSidewaysScroll(page, `side by side at ${w} px`);
      // The pickers, the shared names and the columns stay inside the window.
      const wide = await page.evaluate(() => [...document.querySelectorAll('#compare select, #compare .counts, #compare .col')]
        .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: right ${Math.round(e.getBoundingClientRect().right)}`));
      assert.deepEqual(wide, [], `at ${w} px`);
    }
    // On a phone one column at a time; the switch shows the other.
    assert.equal(await page.evaluate(() => document.querySelector('.col.right').getClientRects().length), 0);
    await page.click('.compare-tabs button', { text: 'Right:' });
    await page.waitFor(() => document.querySelector('.col.right').getClientRects().length > 0);
    await noSidewaysScroll(page, 'the right column on a phone');
    await done(page);
  });

  test(`${name}: the timeline as a picture: its SVG and its PNG are made in the page`, async () => {
    const page = await open('e=lima');
    await page.waitForSelector('.graph [data-key]');
    // The module "Save picture" loads, used directly (no download dialog to drive): the
    // SVG drawn through a data: image onto a canvas must not taint it in any engine.
    await page.evaluate(() => {
      window.picture = null;
      import(new URL('picture.js', document.baseURI).href)
        .then(async (m) => {
          const pic = m.picture({ title: 'Peru Crisis Explorer: timeline', subtitle: 'Place: Lima', source: ['Source line'], faded: true });
          const png = await m.png(pic);
          window.picture = { marks: (pic.text.match(/data-key="/g) || []).length, width: pic.width, type: png.type, size: png.size };
        })
        .catch((e) => { window.picture = { error: String(e) }; });
    });
    const got = await page.waitFor(() => window.picture);
    assert.equal(got.error, undefined, got.error);
    const marks = await page.evaluate(() => [...document.querySelectorAll('#timeline-graph [data-key]')].filter((m) => getComputedStyle(m).display !== 'none').length);
    assert.equal(got.marks, marks, 'every mark on screen is in the SVG');
    assert.equal(got.type, 'image/png');
    assert.ok(got.size > 1000, `a PNG of ${got.size} bytes`);
    await done(page);
  });

  test(`${name}: the address round trip: reload keeps the view, back and forward`, async () => {
    const page = await open();
    await ready(page);
    await page.click('#f-peruvian-congress');
    await page.waitFor(() => location.search.includes('e=peruvian-congress'));
    const filtered = await results(page);
    await page.click('.result h3 a');
    await page.waitForSelector('#reader');
    await page.waitFor(() => location.search.includes('a='));
    const withArticle = await page.url();
    const title = await page.text('#reader-title');
    await page.evaluate(() => history.back());
    await page.waitFor(() => !document.querySelector('#reader'));
    assert.equal(await results(page), filtered);
    await page.evaluate(() => history.back());
    await page.waitFor((n) => document.querySelectorAll('.result-list > li').length === n && location.search === '', shown(''));
    await page.evaluate(() => history.forward());
    await page.waitFor(() => location.search.includes('e=peruvian-congress') && !location.search.includes('a='));
    await page.evaluate(() => history.forward());
    await page.waitForSelector('#reader');
    assert.equal(await page.url(), withArticle);
    await page.reload();
    await page.waitForSelector('#reader');
    assert.equal(await page.url(), withArticle);
    assert.equal(await page.text('#reader-title'), title);
    assert.ok(await page.evaluate(() => document.getElementById('f-peruvian-congress').checked), 'the filter is kept');
    await done(page);
  });

  test(`${name}: embedded in a cross-origin iframe: ready, its height, and the host's search`, async () => {
    const hostPage = embedHostPage(server.url);
    const host = await serve(null, { pages: { '/': hostPage }, host: 'localhost' });
    try {
      const page = await open('', { base: host.url });
      await page.waitFor(() => window.messages?.some((m) => m.type === 'pce:ready'));
      await page.waitFor(() => window.messages.some((m) => m.type === 'pce:height' && m.height > 300));
      await page.waitFor(() => document.getElementById('peru-explorer').getBoundingClientRect().height > 300);
      await page.evaluate(() => document.getElementById('peru-explorer').contentWindow.postMessage({ type: 'pce:search', text: 'Kenna' }, '*'));
      await page.waitFor(() => window.messages.some((m) => m.type === 'pce:state' && m.query.includes('q=Kenna')));
      await page.evaluate(() => document.getElementById('peru-explorer').contentWindow.postMessage({ type: 'pce:nonsense' }, '*'));
      await page.waitFor(() => window.messages.some((m) => m.type === 'pce:error'));
      await done(page);
    } finally {
      await host.close();
    }
  });

  test(`${name}: the results header never breaks inside a word, however squeezed`, async () => {
    // The reader open beside the results squeezes the header into their column at 1280
    // and 1100 px; without it the header is squeezed around 860 px (the filters beside the
    // results) and on phones. With `overflow-wrap: anywhere` on the body (before issue 13)
    // Firefox broke "articles," and "events" inside at 1100 to 1600 px with the reader
    // open, where Chromium did not; both did at 830 to 890 px.
    const page = await open(`a=${JAN}&q=Kenna`);
    await page.waitForSelector('#reader');
    for (const [w, h] of [[1280, 800], [1100, 800], [860, 800], [390, 844], [320, 700]]) {
      if (w === 860) {
        await page.goto(`${server.url}?q=Kenna`);
        await ready(page);
      }
      await page.setSize(w, h);
      await page.waitFor((W) => document.documentElement.clientWidth <= W, w);
      const broken = await page.evaluate(() => {
        const head = document.querySelector('.results-head');
        if (!head || !head.getClientRects().length) return [];
        const out = [];
        const walk = document.createTreeWalker(head, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          for (const m of n.data.matchAll(/\S+/g)) {
            const r = document.createRange();
            r.setStart(n, m.index);
            r.setEnd(n, m.index + m[0].length);
            // A word on one line has one box (or a few on the same line).
            const tops = new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
            if (tops.size > 1) out.push(m[0]);
          }
        }
        return out;
      });
      assert.deepEqual(broken, [], `words broken inside at ${w} px`);
      await noSidewaysScroll(page, `the results at ${w} px`);
    }
    await done(page);
  });

  test(`${name}: an uncaught error and a WebAssembly trap show the fatal message with its reload links`, async () => {
    if (!fs.existsSync(path.join(DIST_HOOKS, 'index.html'))) {
      throw new Error(`no build with test hooks in ${DIST_HOOKS}; build it with: PCE_TEST_HOOKS=1 trunk build --release --dist target/dist-hooks`);
    }
    hooks ??= await serve(DIST_HOOKS);
    const fatal = async (page, details) => {
      await page.waitForSelector('#fatal-error');
      const text = await page.text('#fatal-error');
      assert.match(text, /Something went wrong and the explorer stopped/);
      assert.ok(text.includes(details), `"${details}" in: ${text}`);
      assert.equal(await page.count('#fatal-error b'), 0, 'the details are text, not markup');
      await page.waitFor(() => document.activeElement?.id === 'fatal-error');
      assert.ok(await page.evaluate(() => document.querySelector('.app').closest('[inert]') !== null), 'the dead app is inert');
      assert.equal(await page.evaluate(() => [...document.querySelectorAll('#fatal-error a')].find((a) => a.textContent === 'reload this view').href), await page.url());
      await page.click('#fatal-error a', { text: 'Reload the explorer' });
      await page.waitFor(() => location.search === '' && document.querySelector('.results-head .counts') && !document.getElementById('fatal-error'));
    };
    const page = await open('q=lima', { base: hooks.url });
    await ready(page);
    await page.evaluate(() => { setTimeout(() => { throw new TypeError('boom <b>bold</b>'); }); });
    await fatal(page, 'TypeError: boom <b>bold</b>');
    await page.goto(`${hooks.url}?q=lima`);
    await ready(page);
    await page.waitFor(() => typeof window.wasmBindings?.pce_test_abort === 'function');
    await page.evaluate(() => { setTimeout(() => window.wasmBindings.pce_test_abort()); });
    await fatal(page, 'RuntimeError');
    await page.close();
    pages.splice(pages.indexOf(page), 1);
  });
}
