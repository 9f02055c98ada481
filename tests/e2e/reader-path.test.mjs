// The reader's path (issue 13): search that understands what people type, answers one
// step away, a first screen that shows results, and the bugs found on the way, each at
// the widths it concerns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, ready, openApp, assertClean, resultCount, DIST } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PHONE = { width: 390, height: 844, isMobile: true, hasTouch: true };
const open = (q = '', opts = {}) => openApp(browser, server, q, opts);
const type = async (page, text) => { await page.fill('#search', text); await page.waitForTimeout(50); };
const counts = (page) => page.locator('.results-head .counts').innerText();

test('word forms: "killing" finds the articles that say "killed", highlighted', async () => {
  const t = await open();
  const { page } = t;
  await type(page, 'killing');
  await page.waitForURL(/q=killing/);
  await page.waitForSelector('.result .snippet mark');
  const marks = await page.locator('.result .snippet mark').allInnerTexts();
  assert.ok(marks.some((m) => /^kill/i.test(m) && m.toLowerCase() !== 'killing'), `another form is marked: ${marks}`);
  assertClean(t);
  await t.context.close();
});

test('a measure\'s name finds it; its view lists every value as written, with the change', async () => {
  for (const size of [{}, PHONE]) {
    const t = await open('q=death+toll', size);
    const { page } = t;
    const link = page.locator('.measure-hits a.measure-link').first();
    await link.waitFor();
    assert.match(await link.innerText(), /death/i);
    await link.click();
    const card = page.locator('.measure-card');
    await card.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'measure-card-title');
    const rows = card.locator('tbody tr');
    assert.ok(await rows.count() >= 2, 'values from several articles');
    const text = await card.innerText();
    assert.match(text, /at least/, 'qualifiers are kept');
    assert.match(text, /[+−]\d/, 'the change between values');
    await page.waitForURL(/fig=/);
    // Each value links to its passage.
    await rows.first().locator('a').click();
    await page.waitForSelector('#reader .para.target');
    assert.equal(await page.locator('.measure-card').count(), 0, 'the card closed onto the passage');
    assertClean(t);
    await t.context.close();
  }
});

test('a figure in the reader opens the same figure across the articles; the reader lists its figures', async () => {
  const t = await open('a=2023-01-takeover-of-lima');
  const { page } = t;
  const fig = page.locator('#reader .article-body a.figure').first();
  await fig.waitFor();
  assert.match(await fig.getAttribute('title'), /^[^:]+: /, 'the tooltip says what it measures');
  assert.doesNotMatch(await fig.getAttribute('title'), /^Figure: \d/, 'not only its value');
  await fig.click();
  await page.locator('.measure-card').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.measure-card').waitFor({ state: 'detached' });
  const table = page.locator('#reader .figures-list');
  await table.locator('summary').click();
  const rows = table.locator('tbody tr');
  assert.ok(await rows.count() > 2);
  assert.match(await rows.first().locator('td:last-child a').innerText(), /^¶\d+$/);
  assertClean(t);
  await t.context.close();
});

test('an event in the results opens its card, focused, every quote linked', async () => {
  for (const size of [{}, PHONE]) {
    const t = await open('q=takeover', size);
    const { page } = t;
    const link = page.locator('.event-list .event-title a').first();
    await link.waitFor();
    await link.click();
    const card = page.locator('.event-card');
    await card.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'event-card-title', 'focus goes to the card');
    assert.ok(await card.locator('blockquote').count() >= 1);
    assert.ok(await card.locator('.source a').count() >= 1);
    await page.waitForURL(/ev=/);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    assertClean(t);
    await t.context.close();
  }
});

test('a date typed as text lists the events then, and can become the date filter', async () => {
  const t = await open();
  const { page } = t;
  await type(page, '9 January 2023');
  const note = page.locator('.typed-date');
  await note.waitFor();
  assert.match(await note.innerText(), /9 January 2023/);
  assert.ok(await page.locator('.event-list > li').count() >= 1, 'events of that day are listed');
  await note.locator('button').click();
  await page.waitForURL(/from=2023-01-09&to=2023-01-09/);
  assert.equal(await page.inputValue('#search'), '');
  assert.equal(await page.inputValue('#date-from'), '2023-01-09');
  for (const [typed, re] of [['Jan 2023', /January 2023/], ['2023-01-09', /9 January 2023/], ['December 2024', /December 2024/]]) {
    await page.click('.clear-all');
    await type(page, typed);
    await page.locator('.typed-date').waitFor();
    assert.match(await page.locator('.typed-date').innerText(), re, typed);
  }
  assertClean(t);
  await t.context.close();
});

test('no dead ends: a typo is suggested, and a filter that empties the results can be dropped', async () => {
  for (const size of [{}, PHONE]) {
    const t = await open('q=Bolaurte', size);
    const { page } = t;
    const dead = page.locator('.dead-end');
    await dead.waitFor();
    assert.match(await dead.innerText(), /Nothing matches/);
    const fix = dead.locator('.suggestions button', { hasText: 'Boluarte' });
    await fix.click();
    await page.waitForURL(/q=Boluarte/);
    assert.ok(await resultCount(page) > 0);
    await page.goto(server.url + '?e=lisa-kenna&q=Jer%C3%AD');
    await dead.waitFor();
    const drop = dead.locator('.drops button').first();
    await drop.click();
    await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length > 0);
    assert.equal(await page.locator('.dead-end').count(), 0);
    assertClean(t);
    await t.context.close();
  }
});

test('with an entity filter, each snippet is a passage naming it, marked', async () => {
  const t = await open('e=lisa-kenna');
  const { page } = t;
  const n = await resultCount(page);
  assert.ok(n > 0);
  for (let i = 0; i < n; i++) {
    const marks = await page.locator('.result-list > li').nth(i).locator('.snippet mark').allInnerTexts();
    assert.ok(marks.some((m) => /Kenna/.test(m)), `result ${i}: ${marks}`);
  }
  assertClean(t);
  await t.context.close();
});

test('figures typed with a unit: 80% is a percentage, not 80 days', async () => {
  const t = await open();
  const { page } = t;
  await type(page, '80%');
  await page.waitForURL(/q=80%25/);
  const marks = await page.locator('.result .snippet mark').allInnerTexts();
  for (const m of marks) assert.match(m, /80 ?(%|percent)/i, `marked: ${m}`);
  assert.ok(!marks.some((m) => /day/.test(m)));
  assertClean(t);
  await t.context.close();
});

test('the first screen shows results; typing changes what is on it; on a phone results come first', async () => {
  const t = await newPage(browser, { allowed: [server.origin] });
  const { page } = t;
  // Every width the drawing is ever given, from the first one.
  await page.addInitScript(() => {
    window.__svgWidths = [];
    new MutationObserver(() => {
      const g = document.querySelector('svg.graph');
      const w = g && g.getAttribute('width');
      if (w && window.__svgWidths[window.__svgWidths.length - 1] !== w) window.__svgWidths.push(w);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['width'] });
  });
  await page.goto(server.url);
  await ready(page);
  await page.waitForSelector('.graph [data-key]');
  const top = await page.locator('.result-list > li').first().evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(top < 800 - 60, `the first result starts in view (at ${top}px)`);
  const before = await counts(page);
  await page.click('#search');
  await page.keyboard.type('lima');
  await page.waitForFunction((b) => document.querySelector('.results-head .counts').textContent !== b, before);
  const countsTop = await page.locator('.results-head .counts').evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(countsTop < 800, 'the counts that changed are on screen');
  // The timeline is drawn at its width from the first frame.
  const widths = await page.evaluate(() => window.__svgWidths);
  assert.equal(widths.length, 1, `the drawing had one width from the start: ${widths}`);
  await t.context.close();
  const p = await open('', PHONE);
  const order = await p.page.evaluate(() => {
    const r = document.querySelector('#results').getBoundingClientRect().top;
    const tl = document.querySelector('.timeline');
    return { results: r, timeline: tl ? tl.getBoundingClientRect().top : Infinity };
  });
  assert.ok(order.results < order.timeline, `results (${order.results}) before the timeline (${order.timeline})`);
  assert.ok(order.results < 844, 'results on the first phone screen');
  await p.context.close();
});

test('dates typed digit by digit never change the filter until complete; an inverted range is explained', async () => {
  const t = await open('from=2023-01-01');
  const { page } = t;
  const set = (sel, v) => page.evaluate(([s, v]) => { const el = document.querySelector(s); el.value = v; el.dispatchEvent(new Event('change', { bubbles: true })); }, [sel, v]);
  const url = () => new URL(page.url()).search;
  for (const partial of ['0002-12-31', '0020-12-31', '0202-12-31']) {
    await set('#date-to', partial);
    await page.waitForTimeout(100);
    assert.equal(url(), '?from=2023-01-01', `partial ${partial} changed nothing`);
  }
  await set('#date-to', '2022-12-31');
  await page.locator('#date-problem', { hasText: 'after' }).waitFor();
  assert.equal(url(), '?from=2023-01-01', 'an inverted range is not applied');
  await set('#date-to', '2023-12-31');
  await page.waitForURL(/from=2023-01-01&to=2023-12-31/);
  assert.equal(await page.locator('#date-problem').innerText(), '');
  assertClean(t);
  await t.context.close();
});

test('focus goes to what opened: a cluster, a cluster\'s list, a chart point', async () => {
  const t = await open('win=1915-11-26,2028-02-07');
  const { page } = t;
  const cluster = page.locator('.graph .cluster:not(.docs):not(.eras)').first();
  await cluster.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
  assert.ok(await page.evaluate(() => !!document.activeElement.closest('.graph, .cluster-list')), 'the focus stays in the timeline');
  await t.context.close();
  const m = await newPage(browser, { allowed: [server.origin] });
  await m.page.goto(server.url + '?view=matrix');
  const point = m.page.locator('.chart .point a').first();
  await point.click();
  await m.page.waitForSelector('#reader');
  await m.page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
  assert.ok(await m.page.evaluate(() => !!document.activeElement.closest('#reader')), 'focus in the reader');
  await m.context.close();
});

test('phone: the comparison\'s figures read as stacked rows', async () => {
  const t = await newPage(browser, { allowed: [server.origin], ...PHONE });
  const { page } = t;
  await page.goto(server.url + '?cmp=2022-12-protests-mount,2023-07-protests-resume');
  await page.waitForSelector('#compare');
  const cells = page.locator('table.figures td');
  await cells.first().waitFor();
  const widths = await cells.evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().width));
  assert.ok(Math.min(...widths) > 250, `each value has the screen's width: ${Math.min(...widths)}`);
  await t.context.close();
});

/** Words of the text of `sel` that the browser broke across lines. */
function brokenWords(page, sel) {
  return page.evaluate((s) => {
    const out = [];
    for (const el of document.querySelectorAll(s)) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const re = /\S+/g;
        let m;
        while ((m = re.exec(n.data))) {
          const r = document.createRange();
          r.setStart(n, m.index);
          r.setEnd(n, m.index + m[0].length);
          const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  }, sel);
}

test('no word breaks inside: the results count, the filter chips\' kind', async () => {
  for (const [size, q] of [[{}, 'a=2023-01-takeover-of-lima&e=glencore'], [PHONE, 'e=glencore']]) {
    const t = await open(q, size);
    assert.deepEqual(await brokenWords(t.page, '.results-head .counts'), []);
    assert.deepEqual(await brokenWords(t.page, '.active-filters .kind-tag'), []);
    await t.context.close();
  }
});

test('readers see titles and readable dates, not ids, paths or ".." ranges', async () => {
  const t = await open('ev=era-us-troops-2023&win=2023-01-01,2024-01-01');
  const { page } = t;
  const card = page.locator('.event-card');
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /“/, 'the article is named by its title, in quotes');
  assert.doesNotMatch(text, /\d\.\.\d/);
  assert.doesNotMatch(text, /\b20\d\d-\d\d-[a-z]/, 'no article id');
  await t.context.close();
  const r = await open('a=2023-07-protests-resume');
  const prov = await r.page.locator('.provenance').innerText();
  assert.doesNotMatch(prov, /raw\//, 'the file name is inside the provenance details, folded');
  await r.context.close();
});

test('an entity card never says "0 paragraphs"', async () => {
  const t = await open('ent=glencore');
  const text = await t.page.locator('.entity-card').innerText();
  assert.doesNotMatch(text, /\b0 paragraphs/);
  await t.context.close();
});

test('the list view files a period under its own heading', async () => {
  const t = await open('timeline=list');
  const { page } = t;
  const headings = await page.locator('.timeline-list .month h4').allInnerTexts();
  assert.ok(headings.some((h) => /\d{4} – \d{4}/.test(h)), `a period heading: ${headings.join(' | ')}`);
  await t.context.close();
});

test('phone: following a link in the entity card shows the article, not the card', async () => {
  const t = await open('ent=lisa-kenna', PHONE);
  const { page } = t;
  await page.locator('.entity-card ul a').first().tap();
  await page.waitForSelector('#reader');
  assert.equal(await page.locator('.entity-card').count(), 0);
  await t.context.close();
});

test('the timeline: a dot is opened, not a bar drawn under it; the line under it describes the open card', async () => {
  for (const size of [{}, PHONE]) {
    // Three weeks of January 2023: day-dated events as dots, and periods as bars below them.
    const t = await open('win=2023-01-10,2023-01-31', size);
    const { page } = t;
    const dot = page.locator('.graph .mark.event:has(.dot)').first();
    const id = await dot.getAttribute('data-event');
    await dot.scrollIntoViewIfNeeded();
    // Rows above it that scrolled into view took their real heights: wait until it rests.
    let box = await dot.locator('.dot').boundingBox();
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(50);
      const again = await dot.locator('.dot').boundingBox();
      if (again.x === box.x && again.y === box.y) break;
      box = again;
    }
    if (size.hasTouch) await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    else await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(new RegExp(`ev=${id}`));
    const title = await page.locator('.event-card h3').innerText();
    assert.match(await page.locator('.focus-info').innerText(), new RegExp(title.slice(0, 12).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await t.context.close();
  }
});
