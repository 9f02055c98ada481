// End-to-end: the timeline in a real browser: zoom, pan, the overview, keyboard
// navigation, selection, clusters, range brushing and the URL round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openApp, assertClean, ready, DIST, expected, corpusJson, count } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(q = '', opts = {}) {
  const t = await openApp(browser, server, q, opts);
  await t.page.waitForSelector('.graph [data-key]');
  return t;
}

const clean = assertClean;

const days = (s) => Date.parse(`${s}T00:00:00Z`) / 86400000;
/** The visible window as [first day, day after the last] in days since 1970. */
async function windowOf(page) {
  const w = await page.locator('.graph').getAttribute('data-window');
  const [a, b] = w.split(',');
  return [days(a), days(b)];
}
/** Wait until the window differs from `before` (from windowOf), and return it. */
async function waitWindowChange(page, before) {
  const iso = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
  await page.waitForFunction((b) => document.querySelector('.graph').getAttribute('data-window') !== b,
    `${iso(before[0])},${iso(before[1])}`);
  return windowOf(page);
}
/** The plot area (right of the lane names) and the y of the date axis. */
async function geometry(page) {
  const box = await page.locator('.graph').boundingBox();
  const axis = await page.locator('.graph .axis').boundingBox();
  return { left: box.x + 58, right: box.x + box.width, top: box.y, axisY: axis.y, box };
}

test('the default view frames 2022–2026 and says earlier events exist', async () => {
  const t = await open();
  const { page } = t;
  const [a, b] = await windowOf(page);
  assert.ok(a <= days('2022-07-01') && a >= days('2022-05-01'), `start ${a}`);
  assert.ok(b >= days('2026-01-07'));
  assert.match(await page.locator('.timeline-tools .status').innerText(), /\d+ events earlier/);
  assert.ok(await page.locator('.graph .band').count() >= 3, 'era bands');
  // Every article where it was published (none shares a mark at this zoom).
  const articles = corpusJson().articles;
  assert.equal(await page.locator('.graph .mark.article').count(), articles.length);
  // Reporting links are drawn as three paths (plain, dimmed, highlighted), one segment each.
  const segments = (sel) => page.$$eval(sel, (ps) => ps.reduce((n, p) => n + (p.getAttribute('d').match(/M/g) || []).length, 0));
  assert.ok(await segments('.graph path.link') > 20, 'reporting links');
  assert.equal(await segments('.graph path.link.hl'), 0);
  // Pointing at an event highlights the links to the articles that report it.
  await page.hover('.graph .mark.event .dot >> nth=0');
  await page.waitForFunction(() => (document.querySelector('.graph path.link.hl').getAttribute('d') || '').includes('M'));
  assert.ok(await segments('.graph path.link.hl') >= 1);
  // Uncertain article dates (inferred ones: two in the real corpus) are drawn differently.
  const inferred = articles.filter((a) => a.published.status === 'inferred').length;
  assert.ok(inferred > 0);
  assert.equal(await page.locator('.graph .mark.article.uncertain').count(), inferred);
  clean(t);
  await t.context.close();
});

test('wheel zooms at the pointer, drag pans, the URL follows, and the overview moves the window', async () => {
  const t = await open();
  const { page } = t;
  const g = await geometry(page);
  const before = await windowOf(page);
  const x = g.left + (g.right - g.left) * 0.25;
  await page.mouse.move(x, g.top + 100);
  await page.mouse.wheel(0, -400);
  const zoomed = await waitWindowChange(page, before);
  assert.ok(zoomed[1] - zoomed[0] < (before[1] - before[0]) * 0.8, 'narrower');
  // The day under the pointer stays put (to within a day or two of rounding).
  const anchor = (v) => v[0] + (v[1] - v[0]) * ((x - g.left) / (g.right - g.left));
  assert.ok(Math.abs(anchor(zoomed) - anchor(before)) < 3, `${anchor(zoomed)} vs ${anchor(before)}`);
  await page.waitForURL(/win=\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\d/);
  // Drag to the left: later dates come into view.
  await page.mouse.move(g.left + 400, g.top + 120);
  await page.mouse.down();
  await page.mouse.move(g.left + 300, g.top + 120, { steps: 5 });
  await page.mouse.move(g.left + 200, g.top + 120, { steps: 5 });
  await page.mouse.up();
  const panned = await windowOf(page);
  assert.ok(panned[0] > zoomed[0], `panned later: ${panned[0]} > ${zoomed[0]}`);
  assert.ok(Math.abs((panned[1] - panned[0]) - (zoomed[1] - zoomed[0])) <= 1, 'same span');
  // Buttons: zoom out, then "Whole range" shows everything back to the 1910s.
  await page.getByRole('button', { name: 'Whole range' }).click();
  await page.waitForFunction(() => document.querySelector('.graph').getAttribute('data-window').startsWith('19'));
  assert.match(await page.locator('.timeline-tools .status').innerText(), /Showing .*19\d\d/);
  // The overview: pressing near its right end brings the window there.
  const whole = await windowOf(page);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await waitWindowChange(page, whole);
  const mid = await windowOf(page);
  const ov = await page.locator('.overview').boundingBox();
  await page.mouse.click(ov.x + ov.width - 20, ov.y + ov.height / 2);
  const moved = await waitWindowChange(page, mid);
  assert.ok(moved[1] > days('2025-01-01'), 'window moved to the end of the range');
  clean(t);
  await t.context.close();
});

test('keyboard: one tab stop, arrows in time order, Enter opens the card, Escape closes it', async () => {
  const t = await open('win=2022-11-20,2023-02-10');
  const { page } = t;
  // Tab from the toolbar's last control ("Save picture"): the graph is reached through one stop.
  await page.locator('.timeline-tools details.save-picture > summary').focus();
  await page.keyboard.press('Tab');
  const k0 = await page.evaluate(() => document.activeElement.getAttribute('data-key'));
  assert.ok(k0, 'a mark has focus');
  assert.equal(await page.locator('.graph [data-key][tabindex="0"]').count(), 1);
  const centreOf = () => page.evaluate(() => document.activeElement.getBoundingClientRect().x);
  const x0 = await centreOf();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  // Focus follows the mark once the graph has drawn the move (a task later, not a frame).
  await page.waitForFunction((k) => document.activeElement.getAttribute('data-key') !== k, k0);
  const k2 = await page.evaluate(() => document.activeElement.getAttribute('data-key'));
  assert.notEqual(k2, k0);
  assert.ok((await centreOf()) > x0, 'moved later in time');
  // The focus is visible: the ring is drawn.
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement.querySelector('.ring, .strip')).stroke);
  assert.notEqual(ring, 'none');
  // Tab leaves the graph in one step.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.graph')), null);
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-key')), k2, 'back to the same mark');
  // Walk right until an event (not a cluster) has focus, then open it.
  for (let i = 0; i < 20; i++) {
    const isEvent = await page.evaluate(() => document.activeElement.matches('.mark.event'));
    if (isEvent) break;
    await page.keyboard.press('ArrowRight');
  }
  const id = await page.evaluate(() => document.activeElement.getAttribute('data-event'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('.event-card');
  await page.waitForURL(new RegExp(`ev=${id}`));
  assert.match(await page.locator('.timeline [aria-live=polite]').innerText(), /^Selected: /);
  await page.keyboard.press('Escape');
  await page.waitForSelector('.event-card', { state: 'detached' });
  // End goes to the last event of the corpus, bringing it into view.
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('.graph').getAttribute('data-window') > '2026');
  clean(t);
  await t.context.close();
});

test('an event card links each quote to its paragraph; an article mark opens the article', async () => {
  const t = await open('win=2022-11-20,2023-02-10&ev=era-state-of-emergency');
  const { page } = t;
  const card = page.locator('.event-card');
  await card.waitFor();
  assert.match(await card.innerText(), /inferred/);
  assert.match(await card.innerText(), /How it was dated/);
  assert.ok(await card.locator('.chips a').count() >= 1, 'entity chips');
  await card.locator('.evidence a').first().click();
  await page.waitForSelector('.reader');
  await page.waitForURL(/a=2022-12-protests-mount&p=p\d+/);
  await page.waitForSelector('.para.target');
  // Choosing an article on its lane opens it.
  await page.locator('.graph .mark.article[data-article="2023-01-takeover-of-lima"]').click();
  await page.waitForURL(/a=2023-01-takeover-of-lima/);
  clean(t);
  await t.context.close();
});

test('a cluster opens by zooming to it', async () => {
  const t = await open();
  const { page } = t;
  await page.getByRole('button', { name: 'Whole range' }).click();
  await page.waitForFunction(() => document.querySelector('.graph').getAttribute('data-window').startsWith('19'));
  const cluster = page.locator('.graph .mark.cluster:not(.docs):not(.eras)').last();
  const n = Number(await cluster.getAttribute('data-count'));
  assert.ok(n >= 2);
  const before = await windowOf(page);
  await cluster.click();
  const after = await waitWindowChange(page, before);
  assert.ok(after[1] - after[0] < (before[1] - before[0]) / 2, 'zoomed in');
  // Articles too close to tell apart share a mark on their lane, which says what it
  // holds and opens the same way (here from the keyboard).
  await page.getByRole('button', { name: 'Whole range' }).click();
  await page.waitForFunction(() => document.querySelector('.graph').getAttribute('data-window').startsWith('19'));
  const docs = page.locator('.graph .mark.cluster.docs');
  assert.equal(await docs.count(), 1);
  assert.match(await docs.getAttribute('aria-label'), /^\d+ articles, .+ to .+: press Enter to open$/);
  const held = Number(await docs.getAttribute('data-count'));
  const alone = await page.locator('.graph .mark.article').count();
  assert.equal(alone + held, corpusJson().articles.length, 'every article is drawn, alone or in the cluster');
  await docs.focus();
  const whole = await windowOf(page);
  await page.keyboard.press('Enter');
  await waitWindowChange(page, whole);
  await page.waitForFunction((a) => document.querySelectorAll('.graph .mark.article').length > a, alone);
  clean(t);
  await t.context.close();
});

test('brushing the date axis filters the whole explorer; the keyboard equivalent too', async () => {
  const t = await open('win=2022-11-01,2023-03-01');
  const { page } = t;
  const g = await geometry(page);
  const y = g.axisY + 3;
  await page.mouse.move(g.left + 100, y);
  await page.mouse.down();
  await page.mouse.move(g.left + 250, y, { steps: 4 });
  await page.mouse.move(g.left + 400, y, { steps: 4 });
  await page.mouse.up();
  await page.waitForURL(/from=2022-\d\d-\d\d&to=20\d\d-\d\d-\d\d/);
  const url = new URL(page.url());
  assert.ok(url.searchParams.get('from') < url.searchParams.get('to'));
  await page.waitForSelector('.graph .range');
  // The results follow the range: what the engine finds for it, fewer than everything.
  const brushed = expected(`from=${url.searchParams.get('from')}&to=${url.searchParams.get('to')}`);
  const want = `${count(brushed.articles.length, 'article')}, ${count(brushed.events.length, 'event')}`;
  assert.ok(brushed.events.length < expected('').events.length, 'the range leaves events out');
  await page.waitForFunction((w) => document.querySelector('.results-head .counts')?.innerText === w, want);
  // Dimmed marks say they do not match.
  assert.ok(await page.locator('.graph .mark.dim').count() > 0);
  // Hide what does not match.
  const dots = await page.locator('.graph .mark.event, .graph .mark.cluster').count();
  assert.ok(await page.locator('.graph .mark.event.dim').count() > 0);
  await page.getByLabel('Hide what does not match').check();
  await page.waitForFunction((d) => document.querySelectorAll('.graph .mark.event, .graph .mark.cluster').length !== d, dots);
  assert.equal(await page.locator('.graph .mark.event.dim').count(), 0);
  // Keyboard equivalent: the toolbar button sets the range to the dates in view.
  await page.getByRole('button', { name: 'Filter to these dates' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/from=2022-11-01&to=2023-02-28/);
  clean(t);
  await t.context.close();
});

test('the URL holds the window, the selection and the mode, through reload, back and forward', async () => {
  const q = 'win=2023-01-01,2023-03-01&ev=era-state-of-emergency';
  const t = await open(q);
  const { page } = t;
  assert.deepEqual(await windowOf(page), [days('2023-01-01'), days('2023-03-01')]);
  await page.waitForSelector('.event-card');
  await page.getByRole('button', { name: 'List', exact: true }).click();
  await page.waitForURL(/timeline=list/);
  await page.waitForSelector('.timeline-list:not(.print-only) .year');
  assert.equal(await page.locator('.graph').count(), 0);
  const listUrl = page.url();
  await page.reload();
  await ready(page);
  await page.waitForSelector('.timeline-list:not(.print-only) .year');
  await page.waitForSelector('.event-card');
  assert.equal(page.url(), listUrl);
  await page.goBack();
  await page.waitForSelector('.graph [data-key]');
  assert.deepEqual(await windowOf(page), [days('2023-01-01'), days('2023-03-01')]);
  await page.goForward();
  await page.waitForSelector('.timeline-list:not(.print-only) .year');
  // A bad window is corrected and said so.
  await page.goto(`${server.url}?win=2023-05-01,2023-05-02`);
  await ready(page);
  await page.waitForSelector('.notice');
  assert.match(await page.locator('.notice').innerText(), /timeline window/);
  clean(t);
  await t.context.close();
});

test('phone width: the timeline fits, and touch drag pans', async () => {
  const t = await open('', { width: 390, height: 844, hasTouch: true, isMobile: true });
  const { page } = t;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `overflows by ${overflow}`);
  // On a phone the timeline comes after the results: scroll to it, and let it rest.
  await page.locator('.graph').scrollIntoViewIfNeeded();
  let top = null;
  for (let i = 0; i < 20; i++) {
    const now = await page.locator('.graph').evaluate((e) => e.getBoundingClientRect().top);
    if (now === top) break;
    top = now;
    await page.waitForTimeout(50);
  }
  const g = await geometry(page);
  const before = await windowOf(page);
  // Two-finger pinch is not in Playwright's API; a one-finger horizontal drag pans.
  const cdp = await t.context.newCDPSession(page);
  const y = g.top + 110;
  const touch = (type, x) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  await touch('touchStart', g.left + 250);
  for (const x of [240, 220, 200, 170, 140, 110]) await touch('touchMove', g.left + x);
  await touch('touchEnd');
  const after = await waitWindowChange(page, before);
  assert.ok(after[0] !== before[0]);
  clean(t);
  await t.context.close();
});
