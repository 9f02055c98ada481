// End-to-end: real user flows against dist/ on a static server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, openApp, assertClean, ready, resultCount, DIST, DATA_DIR, expected, corpusJson, count, waitResults } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(q = '', opts = {}) {
  const t = await openApp(browser, server, q, opts);
  return t;
}

const clean = assertClean;

// Expectations come from the corpus the app was built from (DATA_DIR), through the
// engine natively (`corpus query`): the specs hold for a corpus of any size.
const all = () => expected('');
const ids = (page) => page.locator('.result-list > li h3 a').evaluateAll((as) => as.map((a) => new URL(a.href).searchParams.get('a')));

test('search as you type, accent-insensitive, with highlights and URL', async () => {
  const t = await open();
  const { page } = t;
  // Every article, newest first: the app was built from DATA_DIR.
  assert.deepEqual(await ids(page), all().articles, `dist/ is built from ${DATA_DIR}`);
  assert.equal(await page.locator('.results-head .counts').innerText(),
    `${count(all().articles.length, 'article')}, ${count(all().events.length, 'event')}`);
  const jeri = expected('q=jeri');
  assert.ok(jeri.articles.length > 0 && jeri.articles.length < all().articles.length, 'jeri narrows the results');
  await page.fill('#search', 'jeri');
  await waitResults(page, jeri.articles.length);
  assert.deepEqual(await ids(page), jeri.articles);
  assert.match(await page.locator('.result .snippet mark').first().innerText(), /^Jer/);
  await page.waitForURL(/\?q=jeri$/);
  const phrase = expected('q=%22takeover+of+Lima%22');
  await page.fill('#search', '"takeover of Lima"');
  await waitResults(page, phrase.articles.length);
  assert.deepEqual(await ids(page), phrase.articles);
  assert.equal(await page.locator('.result .snippet mark').first().innerText(), 'takeover of Lima');
  assert.match(await page.locator('#live-count').innerText(), new RegExp(count(phrase.articles.length, 'article')));
  clean(t);
  await t.context.close();
});

test('filter by entity facets, combine, chips and clear all', async () => {
  const t = await open();
  const { page } = t;
  // Counts are live: a facet value's count is what the current filters leave of it.
  const countOf = (id) => page.locator(`label[for="f-${id}"] .count`).getAttribute('title');
  const label = (f) => `${count(f.articles, 'article')}, ${count(f.events, 'event')}`;
  const [none, kenna, both] = expected('', 'e=lisa-kenna', 'e=lisa-kenna,juliaca');
  assert.notDeepEqual(kenna.facets.glencore, none.facets.glencore, 'choosing Kenna changes Glencore\'s count');
  await page.fill('#facet-organization-filter', 'glencore');
  assert.equal(await countOf('glencore'), label(none.facets.glencore));
  await page.check('#f-lisa-kenna');
  await waitResults(page, kenna.articles.length);
  assert.deepEqual(await ids(page), kenna.articles);
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.title === want,
    ['label[for="f-glencore"] .count', label(kenna.facets.glencore)]);
  await page.fill('#facet-place-filter', 'juliaca');
  await page.check('#f-juliaca');
  await waitResults(page, both.articles.length);
  assert.deepEqual(await ids(page), both.articles);
  await page.waitForURL(/e=lisa-kenna,juliaca/);
  assert.equal(await page.locator('.chips .chip').count(), 2);
  // A value that would give nothing is shown as such.
  await page.click('.facet.k-person button:has-text("Show all")');
  const empty = page.locator('.facet.k-person .facet-value.empty');
  assert.ok(await empty.count() > 0);
  assert.ok(await empty.first().locator('input').isDisabled());
  assert.match(await empty.first().innerText(), /none with current filters/);
  await page.click('.clear-all');
  await waitResults(page, all().articles.length);
  clean(t);
  await t.context.close();
});

test('date range filter on events and on publication', async () => {
  const t = await open();
  const { page } = t;
  // December 2022 – January 2023: articles written later report events of that time, so
  // the two modes match different articles (and the switch must change the results).
  const [events, published] = expected('from=2022-12-01&to=2023-01-31', 'from=2022-12-01&to=2023-01-31&on=published');
  assert.notDeepEqual(events.articles, published.articles, 'the two modes differ on this range');
  await page.fill('#date-from', '2022-12-01');
  await page.locator('#date-from').dispatchEvent('change');
  await page.fill('#date-to', '2023-01-31');
  await page.locator('#date-to').dispatchEvent('change');
  await page.waitForFunction(() => location.search.includes('to=2023-01-31'));
  await waitResults(page, events.articles.length);
  assert.deepEqual(await ids(page), events.articles);
  await page.selectOption('#date-field', 'published');
  await page.waitForFunction(() => location.search.includes('on=published'));
  await waitResults(page, published.articles.length);
  assert.deepEqual(await ids(page), published.articles);
  // And back.
  await page.selectOption('#date-field', 'event');
  await page.waitForFunction(() => !location.search.includes('on=published'));
  await waitResults(page, events.articles.length);
  assert.deepEqual(await ids(page), events.articles);
  clean(t);
  await t.context.close();
});

test('open an article, its provenance, a paragraph link, an entity card, and filter from it', async () => {
  const t = await open();
  const { page } = t;
  await page.click('.result-list a:has-text("Protests continue into fifth day")');
  await page.waitForSelector('#reader');
  const prov = await page.locator('.provenance').innerText();
  assert.match(prov, /supplied/);
  assert.match(prov, /inferred/);
  await page.waitForURL(/a=2023-01-takeover-of-lima/);
  // Paragraph link.
  await page.click('#p14 .para-link');
  await page.waitForSelector('#p14.target');
  await page.waitForURL(/p=p14/);
  // Entity card from a mention.
  await page.click('#p14 a.mention:has-text("Lisa Kenna")');
  await page.waitForSelector('.entity-card');
  const kenna = expected('e=lisa-kenna');
  assert.match(await page.locator('.entity-card').innerText(), new RegExp(`Mentioned in ${count(kenna.articles.length, 'article')}`));
  assert.match(await page.locator('.entity-card').innerText(), /Most often named with/);
  await page.click('.entity-card .primary');
  await page.waitForSelector('.entity-card', { state: 'detached' });
  await waitResults(page, kenna.articles.length);
  assert.deepEqual(await ids(page), kenna.articles);
  clean(t);
  await t.context.close();
});

test('URL round trip: back, forward, reload, pasted link', async () => {
  const t = await open();
  const { page } = t;
  await page.check('#f-peruvian-congress');
  await page.waitForFunction(() => location.search.includes('e=peruvian-congress'));
  const n1 = expected('e=peruvian-congress').articles.length;
  await waitResults(page, n1);
  await page.click('.result h3 a >> nth=0');
  await page.waitForSelector('#reader');
  await page.waitForURL(/a=/);
  const withArticle = page.url();
  await page.goBack();
  await page.waitForSelector('#reader', { state: 'detached' });
  assert.equal(await resultCount(page), n1);
  await page.goBack();
  await waitResults(page, all().articles.length);
  await page.goForward();
  await page.goForward();
  await page.waitForSelector('#reader');
  assert.equal(page.url(), withArticle);
  await page.reload();
  await page.waitForSelector('#reader');
  assert.equal(page.url(), withArticle);
  // A pasted link in a fresh page reproduces the view.
  const t2 = await newPage(browser, { allowed: [server.origin] });
  await t2.page.goto(withArticle);
  await t2.page.waitForSelector('#reader');
  assert.equal(await t2.page.locator('#reader-title').innerText(), await page.locator('#reader-title').innerText());
  assert.ok(await t2.page.isChecked('#f-peruvian-congress'));
  clean(t); clean(t2);
  await t.context.close(); await t2.context.close();
});

test('broken URL parameters show what was ignored, never a blank page', async () => {
  for (const q of ['e=nobody&a=zzz', 'from=2024-13-45&to=yesterday', '%E0%A4%A=1&q=%ZZ', 'ent=<script>alert(1)</script>', 'a=2022-12-protests-mount&p=p999', 'q=a&q=b']) {
    const t = await open(q);
    const { page } = t;
    await page.waitForSelector('.notice');
    assert.ok((await page.locator('.notice li').count()) > 0, q);
    assert.ok(await page.locator('.results-head').isVisible(), q);
    await page.click('.notice button');
    await page.waitForSelector('.notice', { state: 'detached' });
    clean(t);
    await t.context.close();
  }
});

test('keyboard only: / to search, Tab to a result, Enter to open, Escape closes the card', async () => {
  const t = await open();
  const { page } = t;
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  const kenna = expected('q=Kenna').articles.length;
  assert.ok(kenna < all().articles.length, 'Kenna narrows the results');
  await page.keyboard.type('Kenna');
  await waitResults(page, kenna);
  await page.keyboard.press('Escape');
  await waitResults(page, all().articles.length);
  await page.keyboard.type('Kenna');
  await waitResults(page, kenna);
  // Tab until the first result link has focus.
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.closest('.result h3') !== null)) break;
  }
  assert.ok(await page.evaluate(() => document.activeElement.closest('.result h3') !== null), 'reached a result by Tab');
  // Focus is visible.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reader');
  // Tab to a mention and open its card with Enter, close with Escape.
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.classList.contains('mention'))) break;
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector('.entity-card');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'entity-card-title');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.entity-card', { state: 'detached' });
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('mention')), 'focus returns to the mention');
  clean(t);
  await t.context.close();
});

test('phone width: no horizontal overflow, reader replaces results', async () => {
  const t = await open('', { width: 390, height: 844 });
  const { page } = t;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `overflow ${overflow}px`);
  await page.click('.result h3 a >> nth=0');
  await page.waitForSelector('#reader');
  assert.equal(await page.locator('.results').isVisible(), false, 'the reader takes the place of the results');
  const overflow2 = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow2 <= 0, `reader overflow ${overflow2}px`);
  clean(t);
  await t.context.close();
});

test('the footer credits the publications of the articles, each once, from the data', async () => {
  // Publications by number of articles, then by name (corpus::render::publications).
  const pubs = new Map();
  for (const a of corpusJson().articles) {
    if (!a.publication) continue;
    const p = pubs.get(a.publication.name) || { n: 0, url: null };
    p.n += 1;
    p.url ||= a.publication.url;
    pubs.set(a.publication.name, p);
  }
  const names = [...pubs.keys()].sort((x, y) => pubs.get(y).n - pubs.get(x).n || (x < y ? -1 : x > y ? 1 : 0));
  assert.ok(names.length > 0, `${DATA_DIR} names a publication`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const t = await open();
  const credits = t.page.locator('footer .credits');
  assert.equal(await credits.innerText(), `Articles: ${list}`);
  const links = await credits.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  assert.deepEqual(links, names.filter((n) => pubs.get(n).url).map((n) => [n, pubs.get(n).url]));
  clean(t);
  await t.context.close();
});

test('a folded filter panel (phone, embedded) says how many of its filters are in use', async () => {
  for (const q of ['e=lima&from=2023-01-01', 'e=lima&from=2023-01-01&embed=1']) {
    const t = await openApp(browser, server, q, { width: 390, height: 844 });
    const { page } = t;
    const box = page.locator('details.filters-box');
    assert.equal(await box.evaluate((d) => d.open), false, `${q}: folded`);
    assert.equal((await box.locator('summary').textContent()).trim(), 'Filters· 2 in use');
    await box.locator('summary').click();
    await page.click('.clear-all');
    await page.waitForFunction(() => !document.querySelector('.filter-count'));
    assertClean(t);
    await t.context.close();
  }
});
