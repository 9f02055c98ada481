// The search index as files (issue 15): written at build time in chunks by term range
// beside the corpus file (crates/corpus-index/src/files.rs), fetched relative to it with
// each one's hash as its integrity. A small index is loaded whole after the first screen;
// a search whose files cannot be loaded (dropped, or changed on the way) says so in place,
// naming the file, with a button that tries again; the rest of the explorer keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, newPage, ready, DIST, assertClean, BROKEN_FILE } from './helpers.mjs';

let server, browser;
before(async () => {
  server = await serve(DIST);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

const indexFiles = () => fs.readdirSync(path.join(DIST, 'index')).filter((f) => /^[0-9a-f]{16}\.bin$/.test(f));

test('the index files load once, after the first screen, and every search then works without another request', async () => {
  const t = await newPage(browser, { allowed: [server.origin], serviceWorkers: 'block' });
  const { page } = t;
  server.requests.length = 0;
  await page.goto(server.url);
  await ready(page);
  // The first screen does not wait for them: they come after the timeline is drawn.
  await page.waitForFunction(() => performance.getEntriesByName('pce:search-ready').length === 1);
  const marks = await page.evaluate(() => ['pce:timeline', 'pce:search-ready'].map((m) => performance.getEntriesByName(m)[0].startTime));
  assert.ok(marks[0] < marks[1], `timeline ${marks[0]} before the index ${marks[1]}`);
  const asked = server.requests.filter((p) => p.startsWith('/index/')).map((p) => p.slice('/index/'.length)).sort();
  assert.deepEqual(asked, indexFiles().sort(), 'each index file once');
  server.requests.length = 0;
  for (const q of ['lima', 'boluar', '"state of emergency"', 'protesters', '80%']) {
    await page.fill('#search', q);
    await page.waitForFunction((text) => new URL(location.href).searchParams.get('q') === text, q);
    assert.equal(await page.locator('.search-status').innerText(), '', `${q}: no status line`);
  }
  assert.deepEqual(server.requests.filter((p) => p.startsWith('/index/')), [], 'no file asked again');
  assertClean(t);
  await t.context.close();
});

for (const [what, answer, reason] of BROKEN_FILE) {
  test(`an index file ${what}: the search says so in place, names the file, the rest works, and "Try again" finishes it`, async () => {
    const t = await newPage(browser, { allowed: [server.origin], serviceWorkers: 'block' });
    const { page } = t;
    await page.route('**/index/*.bin', answer);
    await page.goto(server.url);
    await ready(page);
    const before = await page.locator('.results-head .counts').innerText();
    await page.fill('#search', 'lima');
    const failed = page.locator('.search-failed');
    await failed.waitFor();
    const text = await failed.innerText();
    assert.match(text, /The search could not finish/);
    assert.match(text, /index\/[0-9a-f]{16}\.bin/, `names the file: ${text}`);
    assert.match(text, reason);
    assert.equal(await page.locator('.search-status').getAttribute('role'), 'status', 'announced');
    assert.equal(await page.locator('.result-list').count() > 0 ? await page.locator('.results-head .counts').innerText() : before, before,
      'the results are still the last search\'s, not an empty list');
    assert.equal(await page.locator('#fatal-error').count(), 0, 'not fatal');
    // The rest keeps working: a facet filters, the timeline is there.
    assert.ok(await page.locator('.timeline svg').count() > 0, 'the timeline is drawn');
    // Back: the button tries again, from the keyboard too.
    await page.unroute('**/index/*.bin');
    const retry = failed.getByRole('button', { name: 'Try again' });
    await retry.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.search-status').textContent === '');
    assert.notEqual(await page.locator('.results-head .counts').innerText(), before, 'the search ran');
    await t.context.close();
  });
}

test('a search in the address whose index files cannot be loaded says so at once, and works on retry', async () => {
  const t = await newPage(browser, { allowed: [server.origin], serviceWorkers: 'block' });
  const { page } = t;
  await page.route('**/index/*.bin', (route) => route.fulfill({ status: 503, body: 'busy' }));
  await page.goto(server.url + '?q=lima');
  await ready(page);
  const failed = page.locator('.search-failed');
  await failed.waitFor();
  assert.match(await failed.innerText(), /HTTP 503/);
  assert.equal(await page.locator('.result-list').count(), 0, 'no result list that is not the search\'s');
  assert.equal(await page.getByText('No article matches').count(), 0, 'and no "No article matches" either');
  await page.unroute('**/index/*.bin');
  await failed.getByRole('button', { name: 'Try again' }).click();
  await page.waitForFunction(() => document.querySelector('.search-status').textContent === '');
  assert.ok(await page.locator('.result-list > li').count() > 0, 'the search\'s results');
  await t.context.close();
});
