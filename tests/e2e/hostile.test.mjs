// End-to-end: the app built over tests/hostile-data, a corpus whose titles, bylines,
// paragraphs, entities, events, reasons and measures carry HTML and script payloads.
// Every view must show them as inert text, literally as typed. The same build has the
// test hooks (PCE_TEST_HOOKS=1), used here to check the panic message.
//
// Build it first:
//   PCE_DATA_DIR=tests/hostile-data PCE_TEST_HOOKS=1 trunk build --release --dist target/dist-hostile
// (scripts/test.sh does). Without it the tests are skipped, except in CI, where they fail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, newPage, ready, assertClean, shot, ROOT } from './helpers.mjs';

const DIST_HOSTILE = process.env.DIST_HOSTILE_DIR || path.join(ROOT, 'target', 'dist-hostile');
const BUILD = 'PCE_DATA_DIR=tests/hostile-data PCE_TEST_HOOKS=1 trunk build --release --dist target/dist-hostile';
const missing = !fs.existsSync(path.join(DIST_HOSTILE, 'index.html'));
const skip = missing && !process.env.CI ? `no hostile build in ${DIST_HOSTILE}; build it with: ${BUILD}` : false;

// The payloads, exactly as they are written in tests/hostile-data.
const P = {
  script: '<script>window.__pwned=1</script>',
  img: '<img src=x onerror="window.__pwned=1">',
  svg: '<svg onload="window.__pwned=1">',
  iframe: '"><iframe src="javascript:window.__pwned=1">',
  iframeBare: '"><iframe src=javascript:window.__pwned=1>',
  js: 'javascript:window.__pwned=1',
  braces: "{{ constructor.constructor('window.__pwned=1')() }}",
  entities: '&amp; and &lt;b&gt;',
  md: '[x](javascript:alert(1))',
  mdEscaped: '[open this](javascript:alert(1))',
  textarea: '</textarea></title><style>body{display:none}</style>',
  style: '<style>body{display:none}</style>',
};
const BOBBY = `Bobby ${P.img} Tables`;
const FRENTE = `Frente ${P.svg} de Defensa`;
const PUNO = `Puno${P.iframe}`;
const TOM = 'Tom &amp; Jerry &lt;Holdings&gt;';
const PLAN = `Plan ${P.braces}`;
const TITLE_A = `Marchers defy ${P.script} curfew & ${P.img} in Puno`;
const TITLE_B = `${P.svg} Lima march: ${P.md} {{ window.__pwned }} &amp; &lt;b&gt; </textarea>`;
const INJURED = `People injured ${P.script} by police`;
const MARCH = `March on Lima ${P.script} begins`;

let server, browser, ownScripts;
before(async () => {
  if (skip) return;
  if (missing) throw new Error(`no hostile build in ${DIST_HOSTILE} (CI is set, so this is a failure); build it with: ${BUILD}`);
  // The page's own scripts: those of the built index.html, nothing else.
  const html = fs.readFileSync(path.join(DIST_HOSTILE, 'index.html'), 'utf8');
  // Quoted or not (the HTML minifier leaves plain values unquoted).
  ownScripts = [...html.matchAll(/<script\b[^>]*\bsrc=(?:"([^"]+)"|([^\s>]+))/g)].map((m) => m[1] || m[2]);
  assert.ok(ownScripts.length > 0, 'the built page loads its scripts from files');
  server = await serve(DIST_HOSTILE);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** A fresh page at `?q`, waiting for `selector` (the results by default). */
async function open(q, selector = '.results-head .counts', opts = {}) {
  const t = await newPage(browser, { allowed: [server.origin], ...opts });
  await t.page.goto(`${server.url}${q ? `?${q}` : ''}`);
  await t.page.waitForSelector(selector);
  return t;
}

/** Open every <details> in `scope`, so that reasons and notes are rendered text. */
const openDetails = (page, scope) => page.$$eval(`${scope} details`, (ds) => ds.forEach((d) => { d.open = true; }));

/**
 * Nothing was injected: no payload ran or became an element, no foreign script, no
 * `javascript:` link; each of `texts` is shown literally in `scope`; no console error
 * and no request to another origin.
 */
async function assertInert(t, view, scope, texts) {
  const { page } = t;
  const r = await page.evaluate(([sel, own]) => {
    const resolve = (s) => new URL(s, document.baseURI).href;
    const owned = own.map(resolve);
    const urls = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(a.name)) urls.push(`${el.tagName} ${a.name}=${a.value}`);
      }
    }
    const onAttrs = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) if (/^on/i.test(a.name)) onAttrs.push(`${el.tagName} ${a.name}`);
    }
    const scope = document.querySelector(sel);
    return {
      pwned: typeof window.__pwned,
      imgX: document.querySelectorAll('img[src="x"]').length,
      iframes: document.querySelectorAll('iframe, frame, object, embed').length,
      foreignScripts: [...document.querySelectorAll('script')].filter((s) => !s.src || !owned.includes(s.src)).map((s) => s.outerHTML.slice(0, 120)),
      handlers: document.querySelectorAll('svg[onload], [onerror], [onload]').length,
      onAttrs,
      payloadTags: document.querySelectorAll('body style, body textarea, body link, body meta, body base, i, b').length,
      jsUrls: urls.filter((u) => /=\s*javascript:/i.test(u)),
      bodyShown: getComputedStyle(document.body).display !== 'none',
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      text: scope ? scope.innerText : null,
    };
  }, [scope, ownScripts]);
  assert.equal(r.pwned, 'undefined', `${view}: no payload ran`);
  assert.equal(r.imgX, 0, `${view}: no <img src=x>`);
  assert.equal(r.iframes, 0, `${view}: no iframe`);
  assert.deepEqual(r.foreignScripts, [], `${view}: no script but the page's own`);
  assert.equal(r.handlers, 0, `${view}: no element with onload/onerror`);
  assert.deepEqual(r.onAttrs, [], `${view}: no on* attribute anywhere`);
  assert.equal(r.payloadTags, 0, `${view}: no element made from payload tags (style, textarea, i, b, ...)`);
  assert.deepEqual(r.jsUrls, [], `${view}: no javascript: URL in href/src`);
  assert.ok(r.bodyShown, `${view}: the payload <style> did not hide the page`);
  assert.ok(r.overflow <= 0, `${view}: long words wrap, the page does not scroll sideways (${r.overflow}px)`);
  assert.notEqual(r.text, null, `${view}: ${scope} is on the page`);
  for (const s of texts) assert.ok(r.text.includes(s), `${view}: shows literally ${JSON.stringify(s)}`);
  assertClean(t);
}

test('self-check: the assertions catch a payload that did become markup', { skip }, async () => {
  for (const html of [P.script, P.img, P.svg, P.iframe, P.style, `<a href="${P.js}">x</a>`, '<b>bold</b>']) {
    const t = await open('');
    await t.page.evaluate((h) => { const d = document.createElement('div'); d.innerHTML = h; document.body.append(d); }, html);
    await assert.rejects(assertInert(t, 'self-check', 'body', []), assert.AssertionError, `not caught: ${html}`);
    await t.context.close();
  }
  // Text that is not shown literally is caught too.
  const t = await open('');
  await assert.rejects(assertInert(t, 'self-check', 'body', ['<script>not on the page</script>']), assert.AssertionError);
  await t.context.close();
});

test('home, search and facets show the payloads as text', { skip }, async () => {
  const t = await open('');
  const { page } = t;
  assert.equal(await page.locator('.result-list > li').count(), 3);
  await assertInert(t, 'home', 'body', [TITLE_A, TITLE_B, BOBBY, FRENTE, PUNO, TOM, PLAN, `${P.js} Square`,
    `Carlos ${P.script} Mamani`, `Javier ${P.iframeBare}`]);
  // The footer credits each publication once, as text (the one with two articles first).
  assert.equal(await page.locator('footer .credits').innerText(),
    `Articles: Diario ${P.script} del Sur and Tom &amp; Jerry <b>Press</b>`);
  assert.equal(await page.locator('footer .credits a').count(), 1, 'only the publication with an address is a link');
  // Search for the payload itself, as typed.
  await page.fill('#search', P.img);
  await page.waitForURL(/q=/);
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 2);
  assert.equal(new URL(page.url()).searchParams.get('q'), P.img);
  await assertInert(t, 'search', '#results', [TITLE_A, TITLE_B, BOBBY]);
  assert.ok(await page.locator('.result .snippet mark').count() > 0, 'matches are highlighted');
  // A word of the payloads, from the URL.
  await page.goto(`${server.url}?q=pwned`);
  await ready(page);
  await assertInert(t, 'search from the URL', '#results', [TITLE_A, TITLE_B, MARCH, PLAN]);
  // Facets: filter by the payload-named person and place; the chips name them.
  await page.goto(server.url);
  await ready(page);
  await page.check('#f-bobby-tables');
  await page.check('#f-puno');
  await page.waitForURL(/e=bobby-tables,puno/);
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 2);
  await assertInert(t, 'facets', 'body', [BOBBY, PUNO]);
  assert.ok((await page.locator('.chips').innerText()).includes(BOBBY), 'chip');
  await t.context.close();
});

test('the entity card of a payload-named person', { skip }, async () => {
  const t = await open('ent=bobby-tables', '.entity-card');
  await openDetails(t.page, '.entity-card');
  await assertInert(t, 'entity card', '.entity-card', [BOBBY,
    `Spokesman whose name carries ${P.img} and &amp; literally.`,
    `${P.script} is not his real name; see ${P.md}.`,
    TITLE_A, TITLE_B, MARCH, `Police fire on marchers in ${PUNO}`, FRENTE, PLAN, TOM]);
  await t.context.close();
});

test('the reader of each article', { skip }, async () => {
  const views = [
    ['hostile-a', [TITLE_A, 'Ana Quispe, Rosa Huamán', `${BOBBY}, a spokesman for the ${FRENTE}`, `marchers in ${PUNO}.`,
      `the banner read ${P.script} in red letters`, `Protesters chanted ${P.braces}`, `said ${P.entities} exactly as typed`,
      '<i>emphasis</i>', '<b>strong</b> words', `another to ${P.mdEscaped} instead`, `with ${P.textarea} and`,
      `[Photo: ${P.img}]`]],
    ['hostile-b', [TITLE_B, `Carlos ${P.script} Mamani, Javier ${P.iframeBare}`,
      'The text has no title; this one carries <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=1"> on purpose.',
      'these names carry <style>body{display:none}</style> and javascript:window.__pwned=1 on purpose.',
      `${P.img} the Monday after is assumed &amp; kept.`,
      `march on Lima${P.script} on Thursday`, `${TOM} denied`, `A banner in ${P.js} Square read “${P.style}”`]],
    ['hostile-c', ['budget and the \u202ereversed\u202c mayor', 'zero\u200bwidth\u200djoiner\u200cnon\ufeffjoiner',
      '\u202ethis text would run backwards.', 'Zoë Ünal', 'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(8)]],
  ];
  for (const [id, texts] of views) {
    const t = await open(`a=${id}`, '#reader');
    await openDetails(t.page, '#reader');
    await assertInert(t, `reader ${id}`, '#reader', texts);
    await t.context.close();
  }
});

test('the timeline with a payload event selected, its card, and the list', { skip }, async () => {
  const t = await open('ev=march-on-lima', '.event-card');
  const { page } = t;
  await page.waitForSelector('.graph [data-key]');
  await assertInert(t, 'event card', '.event-card', [MARCH,
    `“on Thursday” in an article inferred to be of Monday 23 January 2023: ${P.svg} ${P.md}.`,
    `Thousands joined the march on Lima${P.script} on Thursday, the first day of the ${PLAN}`,
    TITLE_A, TITLE_B, BOBBY, PLAN]);
  // The graph draws the payload titles as text (cut to fit).
  const graph = await page.locator('.graph').evaluate((g) => g.textContent);
  assert.ok(graph.includes('March on Lima <script>'), 'event label as text');
  await assertInert(t, 'timeline graph', '.timeline', ['March on Lima <script>']);
  // List mode, with the same event.
  await page.goto(`${server.url}?timeline=list&ev=march-on-lima`);
  await page.waitForSelector('.timeline-list:not(.print-only) .year');
  await page.waitForSelector('.event-card');
  await assertInert(t, 'timeline list', '.timeline-list:not(.print-only)', [MARCH, `Police fire on marchers in ${PUNO}`,
    'Curfew <style>body{display:none}</style> era', `Council approves the ${'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(3)} budget {{ 7*7 }}`,
    `ARTICLE PUBLISHED: ${TITLE_A}`, `ARTICLE PUBLISHED: ${TITLE_B}`]);
  await t.context.close();
});

test('side by side: shared rows and figures carry payloads as text', { skip }, async () => {
  const t = await open('cmp=hostile-a,hostile-b&cmpsel=entity:bobby-tables', '#compare .col-body .para');
  const { page } = t;
  // The shared person and the shared events have rows; the chosen person is marked on both sides.
  const row = page.locator('.counts tr', { hasText: BOBBY });
  assert.deepEqual(await row.locator('td').allInnerTexts(), ['1', '1']);
  assert.equal(await page.locator('.col.left .col-body mark').count(), 1);
  assert.equal(await page.locator('.col.right .col-body mark').count(), 1);
  const figures = page.locator('table.figures tr', { hasText: INJURED });
  assert.equal(await figures.count(), 1, 'the measure reported by both articles pairs its values');
  await openDetails(page, '#compare');
  await assertInert(t, 'side by side', '#compare', [TITLE_A, TITLE_B, BOBBY, FRENTE, PUNO, MARCH,
    'Curfew <style>body{display:none}</style> era', INJURED, `with ${P.textarea} and`]);
  await t.context.close();
});

test('the names × articles matrix and the figures chart', { skip }, async () => {
  const t = await open('view=matrix', '#matrix');
  const { page } = t;
  const names = await page.locator('.matrix-table tbody tr th').allInnerTexts();
  assert.ok(names.some((n) => n.includes(BOBBY)), names.join('|'));
  const chart = page.locator('.chart', { hasText: INJURED });
  assert.equal(await chart.locator('.point').count(), 2);
  assert.ok((await chart.locator('svg').getAttribute('aria-label')).length > 0);
  await assertInert(t, 'matrix', '#matrix', [BOBBY, FRENTE, PUNO, TOM, PLAN, INJURED, `${P.js} Square`]);
  await t.context.close();
});

test('on a phone, long words and payloads wrap: no view scrolls sideways', { skip }, async () => {
  for (const [q, sel] of [['', '.results-head .counts'], ['a=hostile-c', '#reader'], ['ent=bobby-tables', '.entity-card'],
    ['cmp=hostile-a,hostile-b&cmpsel=entity:bobby-tables', '#compare .col-body .para'], ['view=matrix', '#matrix tbody tr'],
    ['timeline=list', '.timeline-list']]) {
    const t = await open(q, sel, { width: 390, height: 844, isMobile: true, hasTouch: true });
    const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `?${q} at 390 px scrolls sideways by ${overflow}px`);
    assertClean(t);
    await t.context.close();
  }
});

test('embedded mode', { skip }, async () => {
  const t = await open('embed=1');
  await assertInert(t, 'embed', 'body', [TITLE_A, TITLE_B, MARCH, `Police fire on marchers in ${PUNO}`]);
  await t.context.close();
});

/** Make the app panic through the test hook; returns what the call threw. */
async function panic(page, message) {
  await page.waitForFunction(() => typeof window.wasmBindings?.pce_test_panic === 'function');
  return page.evaluate((m) => {
    try { window.wasmBindings.pce_test_panic(m); return 'returned'; } catch (e) { return String(e); }
  }, message);
}

/** The panic's own console error is expected: exactly one, with `message`; nothing else. */
function takePanicError(t, message) {
  const [first, ...rest] = t.problems.console;
  assert.ok(first?.startsWith('panicked at ') && first.endsWith(`\n${message}`), `the panic is logged: ${first}`);
  assert.deepEqual(rest, [], 'no other console error');
  t.problems.console.length = 0;
}

test('a panic shows a message above the app, escaped, focused, with working reload links', { skip }, async () => {
  // An open entity card (a fixed layer over the page) must not cover the message.
  const t = await open('a=hostile-a&ent=bobby-tables', '.entity-card');
  const { page } = t;
  const view = page.url();
  const message = `${P.img} boom`;
  assert.match(await panic(page, message), /RuntimeError: unreachable/, 'panic=abort stops the module');
  const fatal = page.locator('#fatal-error');
  await fatal.waitFor();
  assert.equal(await fatal.getAttribute('role'), 'alert');
  assert.ok(await fatal.isVisible());
  const text = await fatal.innerText();
  assert.match(text, /the explorer stopped/);
  assert.ok(text.includes(message), 'the panic message, as text');
  assert.equal(await page.locator('#fatal-error img, img[src="x"]').count(), 0, 'the message is not parsed as HTML');
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
  // Readable: in the viewport, and on top of everything (the card layer included).
  const reload = fatal.getByRole('link', { name: 'Reload the explorer' });
  const again = fatal.getByRole('link', { name: 'reload this view' });
  for (const link of [reload, again]) {
    assert.ok(await link.isVisible());
    const onTop = await link.evaluate((a) => {
      const r = a.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return r.top >= 0 && r.bottom <= innerHeight && (hit === a || a.contains(hit));
    });
    assert.ok(onTop, 'the link is in view and nothing covers it');
  }
  // Focus moves to the message; Tab reaches the links and nothing of the dead app.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'fatal-error');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Reload the explorer');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'reload this view');
  assert.ok(await page.evaluate(() => document.querySelector('.entity-card').closest('[inert]') !== null), 'the dead app is inert');
  assert.equal(await again.getAttribute('href'), view, '"reload this view" keeps the address');
  takePanicError(t, message);
  // "Reload the explorer": the start page, without the address that may have caused it.
  await reload.click();
  await ready(page);
  assert.equal(await page.locator('#fatal-error').count(), 0);
  assert.equal(new URL(page.url()).search, '');
  assert.equal(await page.locator('.result-list > li').count(), 3);
  // "reload this view": the same address again.
  await page.goto(view);
  await page.waitForSelector('.entity-card');
  await panic(page, 'second');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.entity-card');
  assert.equal(page.url(), view);
  assert.equal(await page.locator('#fatal-error').count(), 0);
  takePanicError(t, 'second');
  await t.context.close();
});

test('the panic message on a phone, scrolled down, with screenshots', { skip }, async () => {
  for (const [width, height, opts] of [[1280, 800, {}], [390, 844, { isMobile: true, hasTouch: true }]]) {
    const t = await open('a=hostile-a', '#reader', { width, height, ...opts });
    const { page } = t;
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const message = `${P.script} at ${width} px`;
    await panic(page, message);
    const box = await page.locator('#fatal-error').boundingBox();
    assert.ok(box.y >= 0 && box.y < height / 2, `the message is at the top of the view (y ${box.y})`);
    assert.ok(box.x >= 0 && box.x + box.width <= width, 'and fits the width');
    const overflow = await page.locator('#fatal-error').evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling inside it (${overflow}px)`);
    assert.ok((await page.locator('#fatal-error').innerText()).includes(message));
    await shot(page, `panic-message-${width}`);
    takePanicError(t, message);
    await t.context.close();
  }
});
