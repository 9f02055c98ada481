// End-to-end: the side-by-side view: choosing a pair, stepping through a shared entity,
// the figures table, linked scrolling, the phone tabs and the URL round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, openApp, assertClean, DIST, expected, corpusJson, mentions } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const JAN = '2023-01-takeover-of-lima';
const DEC = '2024-12-police-state-buildup';
const param = (page, k) => new URL(page.url()).searchParams.get(k);

/** Open the app straight into the comparison (the results list is not drawn then). */
async function openCompare(q, opts = {}) {
  const t = await newPage(browser, { allowed: [server.origin], ...opts });
  await t.page.goto(`${server.url}?${q}`);
  await t.page.waitForSelector('#compare .col-body .para');
  return t;
}

test('choosing a pair from the reader, then stepping through a shared entity', async () => {
  const t = await openApp(browser, server, `a=${JAN}`);
  const { page } = t;
  await page.waitForSelector('#reader');
  // "Compare with" in the reader puts this article on the left.
  const pick = page.getByLabel('Compare with');
  const value = await pick.locator('option', { hasText: 'police-state buildup' }).getAttribute('value');
  await pick.selectOption(value);
  await page.waitForSelector('#compare');
  assert.equal(param(page, 'cmp'), `${JAN},${DEC}`);
  assert.equal(await page.locator('#reader').count(), 0, 'the comparison replaces the reader');
  // Shared entities with mention counts on each side; Dina Boluarte is one.
  const row = page.locator('.counts tr', { hasText: 'Dina Boluarte' });
  const [nl, nr] = [mentions('dina-boluarte', JAN), mentions('dina-boluarte', DEC)];
  assert.ok(nl > 2 && nr > 2, 'several mentions on each side to step through');
  assert.deepEqual(await row.locator('td').allInnerTexts(), [String(nl), String(nr)]);
  // Choosing it marks its mentions in both columns and steps through them.
  await row.getByRole('button', { name: 'Dina Boluarte' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('cmpsel') === 'entity:dina-boluarte');
  const left = page.locator('.col.left');
  const right = page.locator('.col.right');
  assert.equal(await left.locator('.col-body mark').count(), nl);
  assert.equal(await right.locator('.col-body mark').count(), nr);
  assert.match(await left.locator('.stepper').innerText(), new RegExp(`1 of ${nl}`));
  const target = () => left.locator('.para.target').getAttribute('id');
  const first = await target();
  // Step to the last mention (backwards wraps round) and to the next one from the start.
  await left.getByRole('button', { name: 'Previous place in the left article' }).click();
  assert.match(await left.locator('.stepper').innerText(), new RegExp(`${nl} of ${nl}`));
  const last = await target();
  assert.notEqual(last, first);
  // The column scrolled to it, and the page did not move away from the comparison.
  const inView = await page.evaluate((id) => {
    const el = document.getElementById(id);
    const col = el.closest('.col-body').getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= col.top - 1 && r.top < col.bottom;
  }, last);
  assert.ok(inView, 'the current mention is scrolled into its column');
  await right.getByRole('button', { name: 'Next place in the right article' }).click();
  assert.match(await right.locator('.stepper').innerText(), new RegExp(`2 of ${nr}`));
  // Mentions say whether the other article names them too (not by style alone).
  const peru = left.locator('.col-body a.mention.both').first();
  assert.match(await peru.getAttribute('aria-label'), /in both articles/);
  assert.match(await left.locator('.col-body a.mention.one-side').first().getAttribute('aria-label'), /only in this article/);
  // Paragraph ids do not collide between the columns.
  const ids = await page.$$eval('#compare-columns [id]', (els) => els.map((e) => e.id));
  assert.equal(new Set(ids).size, ids.length);
  assertClean(t);
  await t.context.close();
});

test('the figures table pairs values within a measure only, with the change and the passages', async () => {
  const t = await openCompare(`cmp=${JAN},${DEC}`);
  const { page } = t;
  const toll = page.locator('table.figures tr', { hasText: 'Death toll of the protests' });
  const cells = await toll.locator('td').allInnerTexts();
  assert.match(cells[0], /^56 confirmed deaths as of 23 Jan 2023/);
  assert.match(cells[1], /^50 \D* ?as of 23 Dec 2024/);
  assert.match(cells[2], /^−6 \(left → right/);
  // 56 armoured vehicles are a different measure: never paired with the 56 deaths.
  const vehicles = page.locator('table.figures tr', { hasText: 'Armored 4x4 vehicles' });
  assert.deepEqual((await vehicles.locator('td').allInnerTexts()).map((s) => s.split(' as of')[0]), ['—', '56 armored 4x4 vehicles', 'only one side']);
  // Qualifiers are kept as written.
  assert.match(await page.locator('table.figures tr', { hasText: 'according to other reports' }).locator('td').first().innerText(), /^62 or more/);
  // A value links to its passage in the reader.
  const href = await toll.locator('td a.passage').first().getAttribute('href');
  assert.match(href, new RegExp(`a=${JAN}&p=p\\d+`));
  // Swapping the columns flips the direction, not the figures.
  await page.getByRole('button', { name: 'Swap the two articles' }).click();
  await page.waitForFunction((p) => new URL(location.href).searchParams.get('cmp') === p, `${DEC},${JAN}`);
  assert.match((await toll.locator('td').allInnerTexts())[2], /^−6 \(right → left/);
  assertClean(t);
  await t.context.close();
});

test('linked scrolling, and the URL holds the pair, the item and the setting through reload and back', async () => {
  const t = await openCompare(`cmp=${JAN},${DEC}&cmpsel=entity:peru`);
  const { page } = t;
  await page.getByLabel('Scroll together').check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('linked') === '1');
  await page.locator('.col.left .col-body').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForFunction(() => {
    const r = document.querySelector('.col.right .col-body');
    return r.scrollTop > 0 && Math.abs(r.scrollTop - (r.scrollHeight - r.clientHeight)) < 3;
  });
  await page.reload();
  await page.waitForSelector('#compare');
  assert.equal(await page.getByLabel('Scroll together').isChecked(), true);
  assert.equal(await page.locator('.counts button[aria-pressed="true"]').innerText(), 'Peru');
  // Closing goes back to the results; Back brings the comparison back.
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.waitForSelector('#results');
  assert.equal(param(page, 'cmp'), null);
  await page.goBack();
  await page.waitForSelector('#compare');
  assert.equal(param(page, 'cmp'), `${JAN},${DEC}`);
  // A bad pair is reported and ignored.
  await page.goto(`${server.url}?cmp=${JAN},${JAN}`);
  await page.waitForSelector('.notice');
  assert.match(await page.locator('.notice').innerText(), /two different articles/);
  assert.equal(await page.locator('#compare').count(), 0);
  assertClean(t);
  await t.context.close();
});

test('phones: the summary on top, one column at a time with toggle buttons', async () => {
  const t = await openCompare(`cmp=${JAN},${DEC}`, { width: 390, height: 844, isMobile: true, hasTouch: true });
  const { page } = t;
  assert.equal(await page.locator('.timeline').isVisible(), false, 'the comparison replaces the timeline');
  const tabs = page.getByRole('group', { name: 'Article shown' }).getByRole('button');
  assert.equal(await tabs.count(), 2);
  assert.equal(await page.locator('.col.left').isVisible(), true);
  assert.equal(await page.locator('.col.right').isVisible(), false);
  await tabs.nth(1).tap();
  assert.equal(await page.locator('.col.right').isVisible(), true);
  assert.equal(await page.locator('.col.left').isVisible(), false);
  assert.equal(await tabs.nth(1).getAttribute('aria-pressed'), 'true');
  assert.equal(await tabs.nth(0).getAttribute('aria-pressed'), 'false');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scroll (${width})`);
  assertClean(t);
  await t.context.close();
});

test('the names × articles matrix: sort, filter by kind, send two columns to the comparison; the figures chart', async () => {
  const t = await openApp(browser, server, 'e=dina-boluarte');
  const { page } = t;
  await page.getByRole('button', { name: 'Names × articles' }).click();
  await page.waitForSelector('#matrix');
  assert.equal(param(page, 'view'), 'matrix');
  // Columns are the articles the filters match, oldest first, then a name and a total.
  const matched = expected('e=dina-boluarte').articles;
  const heads = page.locator('.matrix-table thead th');
  assert.equal(await heads.count(), matched.length + 2);
  const order = corpusJson().articles.map((a) => a.id).filter((id) => matched.includes(id));
  const titles = await page.locator('.matrix-table thead .col-title').evaluateAll((ts) => ts.map((t) => t.title));
  assert.deepEqual(titles, order.map((id) => corpusJson().articles.find((a) => a.id === id).title));
  // By total first; Peru leads.
  const firstName = () => page.locator('.matrix-table tbody tr th').first().innerText();
  assert.match(await firstName(), /^Peru/);
  assert.equal(await page.locator('.matrix-table thead th[aria-sort="descending"]').innerText(), 'Total ▼');
  // By name; then only people.
  await page.getByRole('button', { name: 'Name', exact: true }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('msort') === 'name');
  const names = await page.locator('.matrix-table tbody tr th a').allInnerTexts();
  const sorted = [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  assert.deepEqual(names.slice(0, 5).map((s) => s.toLowerCase()), sorted.slice(0, 5).map((s) => s.toLowerCase()));
  await page.getByLabel('People').check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('kind') === 'person');
  const kinds = await page.locator('.matrix-table tbody .kind').allInnerTexts();
  assert.ok(kinds.length > 0 && kinds.every((k) => k.trim() === 'person'), kinds.join());
  // Sorting by one article's column puts its most named first (the column found by its
  // article, not by its place).
  const decCol = 1 + order.indexOf(DEC);
  assert.ok(decCol > 0, `${DEC} is a column`);
  await page.locator('.matrix-table thead th').nth(decCol).getByRole('button').click();
  await page.waitForFunction((id) => new URL(location.href).searchParams.get('msort') === id, DEC);
  const col = await page.locator('.matrix-table tbody tr').evaluateAll((rows, i) => rows.map((r) => Number(r.children[i].textContent.replace('·', '').trim())), decCol);
  assert.ok(col[0] > 0, 'the first row is named in that article');
  assert.ok(col.every((v, i) => i === 0 || col[i - 1] >= v), col.join());
  // The figures chart draws qualifiers: a point per death-toll value of the matched
  // articles, the qualified ones ("at least 21", "at least 70") bounded.
  const toll = corpusJson().measures.find((m) => m.id === 'death-toll').values.filter((v) => matched.includes(v.article));
  const chart = page.locator('.chart', { hasText: 'Death toll' });
  assert.equal(await chart.locator('.point').count(), toll.length);
  assert.equal(await chart.locator('.point.bounded').count(), toll.filter((v) => v.qualifier !== '').length);
  assert.match(await chart.locator('svg').getAttribute('aria-label'), /at least 21 \(16 Dec 2022\), then .*56 .*then at least 70 .*then 50/);
  // Two columns to the side-by-side view.
  const compare = page.getByRole('button', { name: /Choose two articles|Compare the two chosen/ });
  assert.equal(await compare.isDisabled(), true);
  await page.getByLabel(/Choose “16 Dec 2022/).check();
  await page.getByLabel(/Choose “7 Jan 2026/).check();
  await page.getByRole('button', { name: 'Compare the two chosen' }).click();
  await page.waitForSelector('#compare');
  assert.equal(param(page, 'cmp'), '2022-12-protests-mount,2026-01-crisis-of-rule');
  assert.equal(param(page, 'view'), null);
  // A chart point opens its passage in the reader.
  await page.goBack();
  await page.waitForSelector('#matrix');
  await page.locator('.chart .point a').first().click();
  await page.waitForSelector('#reader');
  assert.equal(param(page, 'a'), '2022-12-protests-mount');
  assertClean(t);
  await t.context.close();
});
