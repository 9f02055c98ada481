// End-to-end: real user flows against dist/ on a static server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, openApp, assertClean, ready, resultCount, DIST } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function open(q = '', opts = {}) {
  const t = await openApp(browser, server, q, opts);
  return t;
}

const clean = assertClean;

test('search as you type, accent-insensitive, with highlights and URL', async () => {
  const t = await open();
  const { page } = t;
  assert.equal(await resultCount(page), 5);
  await page.fill('#search', 'jeri');
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 1);
  assert.match(await page.locator('.result .snippet mark').first().innerText(), /^Jer/);
  await page.waitForURL(/\?q=jeri$/);
  await page.fill('#search', '"takeover of Lima"');
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 2);
  assert.equal(await page.locator('.result .snippet mark').first().innerText(), 'takeover of Lima');
  assert.match(await page.locator('#live-count').innerText(), /2 articles/);
  clean(t);
  await t.context.close();
});

test('filter by entity facets, combine, chips and clear all', async () => {
  const t = await open();
  const { page } = t;
  await page.check('#f-lisa-kenna');
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 2);
  // Counts are live: with Kenna selected, Glencore's count is what remains.
  await page.fill('#facet-place-filter', 'juliaca');
  await page.check('#f-juliaca');
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 1);
  await page.waitForURL(/e=lisa-kenna,juliaca/);
  assert.equal(await page.locator('.chips .chip').count(), 2);
  // A value that would give nothing is shown as such.
  await page.click('.facet.k-person button:has-text("Show all")');
  const empty = page.locator('.facet.k-person .facet-value.empty');
  assert.ok(await empty.count() > 0);
  assert.ok(await empty.first().locator('input').isDisabled());
  assert.match(await empty.first().innerText(), /none with current filters/);
  await page.click('.clear-all');
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 5);
  clean(t);
  await t.context.close();
});

test('date range filter on events and on publication', async () => {
  const t = await open();
  const { page } = t;
  await page.fill('#date-from', '2025-01-01');
  await page.locator('#date-from').dispatchEvent('change');
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 1);
  await page.selectOption('#date-field', 'published');
  await page.waitForFunction(() => location.search.includes('on=published'));
  assert.equal(await resultCount(page), 1);
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
  assert.match(await page.locator('.entity-card').innerText(), /Mentioned in 2 articles/);
  assert.match(await page.locator('.entity-card').innerText(), /Most often named with/);
  await page.click('.entity-card .primary');
  await page.waitForSelector('.entity-card', { state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 2);
  clean(t);
  await t.context.close();
});

test('URL round trip: back, forward, reload, pasted link', async () => {
  const t = await open();
  const { page } = t;
  await page.check('#f-peruvian-congress');
  await page.waitForFunction(() => location.search.includes('e=peruvian-congress'));
  const n1 = await resultCount(page);
  await page.click('.result h3 a >> nth=0');
  await page.waitForSelector('#reader');
  await page.waitForURL(/a=/);
  const withArticle = page.url();
  await page.goBack();
  await page.waitForSelector('#reader', { state: 'detached' });
  assert.equal(await resultCount(page), n1);
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 5);
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
  await page.keyboard.type('Kenna');
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 2);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 5);
  await page.keyboard.type('Kenna');
  await page.waitForFunction(() => document.querySelectorAll('.result-list > li').length === 2);
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
