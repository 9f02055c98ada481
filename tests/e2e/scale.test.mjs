// A thousand articles (issue 15): the synthetic corpus that `PCE_SYNTH=1000` builds from
// the data, hosted under a sub-path. Its search index is too large to load whole after the
// first screen (only its table of word forms is), so every search here fetches the chunks
// it needs; its text is in files of a few articles each, fetched when a view shows one of
// them; the views stay bounded.
// Build: PCE_SYNTH=1000 trunk build --release --public-url /explorer/sub/ --dist target/dist-1k
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, newPage, ready, assertClean, ROOT, SUB_PATH, BROKEN_FILE } from './helpers.mjs';

const DIST_1K = process.env.DIST_1K_DIR || path.join(ROOT, 'target', 'dist-1k');

let server, browser;
before(async () => {
  if (!fs.existsSync(path.join(DIST_1K, 'index.html'))) {
    throw new Error(`no 1,000-article build in ${DIST_1K}; build it with: PCE_SYNTH=1000 trunk build --release --public-url ${SUB_PATH} --dist target/dist-1k`);
  }
  server = await serve(DIST_1K, { prefix: SUB_PATH });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

const indexFiles = () => fs.readdirSync(path.join(DIST_1K, 'index')).filter((f) => /^[0-9a-f]{16}\.bin$/.test(f));
const textFiles = () => fs.readdirSync(path.join(DIST_1K, 'text')).filter((f) => /^[0-9a-f]{16}\.bin$/.test(f));
const searched = (page, q) => page.waitForFunction((text) => new URL(location.href).searchParams.get('q') === text
  && document.querySelector('.search-status')?.textContent === '', q);
/** The counts line: "N articles, M events" (thousands grouped). */
const counts = async (page) => {
  const m = /([\d,]+) articles?, ([\d,]+) events?/.exec(await page.locator('.results-head .counts').innerText());
  return m ? [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))] : null;
};

test('a thousand articles: the first screen is bounded and asks for no index chunk; a search fetches only what it needs', async () => {
  const t = await newPage(browser, { allowed: [server.origin], serviceWorkers: 'block' });
  const { page } = t;
  server.requests.length = 0;
  await page.goto(server.url);
  await ready(page);
  await page.waitForFunction(() => performance.getEntriesByName('pce:timeline').length === 1);
  const [articles, events] = await counts(page);
  assert.ok(articles >= 1000, `${articles} articles`);
  assert.ok(events > articles, `${events} events`);
  assert.match(await page.locator('.results-head .counts').innerText(), /\d,\d{3} articles/, 'thousands grouped');
  // Bounded views: a page of results, not a node per article.
  assert.ok(await page.locator('.result-list > li').count() <= 20);
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  assert.ok(elements < 4000, `${elements} elements on the first screen`);
  await page.waitForTimeout(300);
  const early = server.requests.filter((p) => p.includes('/index/'));
  assert.ok(early.length <= 1, `before a search, at most the word forms' file: ${early}`);
  const files = indexFiles();
  assert.ok(files.length > 5, `${files.length} index files`);
  server.requests.length = 0;

  await page.fill('#search', 'lima');
  await searched(page, 'lima');
  const asked = server.requests.filter((p) => p.includes('/index/'));
  assert.ok(asked.length >= 1 && asked.length <= 3, `lima needed ${asked.length} of ${files.length} files: ${asked}`);
  assert.ok(asked.every((p) => p.startsWith(`${SUB_PATH}index/`)), 'relative to the sub-path');
  const [hits] = await counts(page);
  assert.ok(hits > 0 && hits <= articles, `${hits} articles match lima`);
  // A phrase, a stem, a figure: each matches and fetches at most a few files more.
  for (const q of ['"state of emergency"', 'protesters', '80%']) {
    server.requests.length = 0;
    await page.fill('#search', q);
    await searched(page, q);
    assert.ok((await counts(page))[0] > 0, `${q} matches`);
    assert.ok(server.requests.filter((p) => p.includes('/index/')).length <= 4, q);
  }
  // The same search again needs nothing more.
  server.requests.length = 0;
  await page.fill('#search', 'lima');
  await searched(page, 'lima');
  assert.equal((await counts(page))[0], hits);
  assert.deepEqual(server.requests.filter((p) => p.includes('/index/')), []);
  assertClean(t);
  await t.context.close();
});

test('a thousand articles: facets, an article, the side by side and the timeline', async () => {
  const t = await newPage(browser, { allowed: [server.origin], serviceWorkers: 'block' });
  const { page } = t;
  await page.goto(server.url + '?q=boluarte');
  await ready(page);
  await searched(page, 'boluarte');
  const [before] = await counts(page);
  // A facet narrows the search: the value listed with the fewest matching articles (the
  // first ones may be in every article that matches).
  const id = await page.evaluate(() => {
    const values = [...document.querySelectorAll('.facet-value')]
      .map((li) => ({ input: li.querySelector('input'), n: Number(li.querySelector('.count [aria-hidden]').textContent) }))
      .filter((v) => !v.input.disabled && v.n > 0);
    values.sort((a, b) => a.n - b.n);
    return values[0].input.id;
  });
  const facet = page.locator(`#${id}`);
  await facet.check();
  await page.waitForFunction((n) => {
    const m = /([\d,]+) articles?/.exec(document.querySelector('.results-head .counts').textContent);
    return m && Number(m[1].replace(/,/g, '')) < n;
  }, before);
  await facet.uncheck();
  // An article opens with its paragraphs and its hits marked.
  await page.click('.result-list > li h3 a >> nth=0');
  await page.waitForSelector('#reader .para');
  assert.ok(await page.locator('#reader mark').count() > 0, 'the search is marked in the text');
  // The side by side, from "Compare with": its pickers are bounded.
  const options = await page.locator('#reader select option').count();
  assert.ok(options <= 205, `${options} options in "Compare with"`);
  const other = await page.evaluate(() => [...document.querySelectorAll('#reader select option')].filter((o) => o.value && !o.disabled).pop().value);
  await page.selectOption('#reader select', other);
  await page.waitForSelector('#compare .col-body .para');
  assert.ok(await page.evaluate(() => document.getElementsByTagName('*').length) < 8000, 'the comparison is bounded');
  await page.click('#compare button.close');
  await page.click('#reader button.close');
  // The timeline zooms.
  const win = () => page.evaluate(() => document.querySelector('.graph').getAttribute('data-window'));
  const w0 = await win();
  await page.click('.timeline-tools button[aria-label="Zoom in"]');
  await page.waitForFunction((w) => document.querySelector('.graph').getAttribute('data-window') !== w, w0);
  assertClean(t);
  await t.context.close();
});

test('a thousand articles: a dropped index file gives the message in place, the rest works, and Try again finishes the search', async () => {
  const t = await newPage(browser, { allowed: [server.origin], serviceWorkers: 'block' });
  const { page } = t;
  await page.goto(server.url);
  await ready(page);
  await page.route('**/index/*.bin', (route) => route.abort('connectionrefused'));
  await page.fill('#search', 'juliaca');
  const failed = page.locator('.search-failed');
  await failed.waitFor();
  assert.match(await failed.innerText(), /index\/[0-9a-f]{16}\.bin/);
  // The rest works meanwhile: the timeline zooms.
  const w0 = await page.evaluate(() => document.querySelector('.graph').getAttribute('data-window'));
  await page.click('.timeline-tools button[aria-label="Zoom in"]');
  await page.waitForFunction((w) => document.querySelector('.graph').getAttribute('data-window') !== w, w0);
  await page.unroute('**/index/*.bin');
  await failed.getByRole('button', { name: 'Try again' }).click();
  await searched(page, 'juliaca');
  assert.ok((await counts(page))[0] > 0);
  await t.context.close();
});

test('a thousand articles: the text is in small files, fetched for what is shown, relative to the sub-path', async () => {
  const files = textFiles();
  assert.ok(files.length > 50, `${files.length} text files`);
  const sizes = files.map((f) => fs.statSync(path.join(DIST_1K, 'text', f)).size);
  // Opening an article costs one file: at most 20 KB (issue 15's budget).
  assert.ok(Math.max(...sizes) <= 20 * 1024, `largest text file ${Math.max(...sizes)} bytes`);
  const t = await newPage(browser, { allowed: [server.origin], serviceWorkers: 'block' });
  const { page } = t;
  server.requests.length = 0;
  await page.goto(server.url);
  await ready(page);
  // The listed results' openings: a few files, not the whole text.
  await page.waitForFunction(() => document.querySelector('.result-list .snippet')?.textContent.length > 0);
  const first = server.requests.filter((p) => p.includes('/text/'));
  assert.ok(first.length >= 1 && first.length <= 20, `${first.length} text files for the first page of results`);
  assert.ok(first.every((p) => p.startsWith(`${SUB_PATH}text/`)), 'relative to the sub-path');
  // An article past the first page: its own file, once.
  await page.fill('#search', 'juliaca');
  await searched(page, 'juliaca');
  const more = page.getByRole('button', { name: /Show more articles/ });
  if (await more.count()) await more.click();
  await page.waitForFunction(() => [...document.querySelectorAll('.result-list .snippet')].every((s) => s.textContent.length > 0));
  server.requests.length = 0;
  await page.click('.result-list > li h3 a >> nth=-1');
  await page.waitForSelector('#reader .para');
  const opened = server.requests.filter((p) => p.includes('/text/'));
  assert.ok(opened.length <= 1, `opening a listed article fetched ${opened}`);
  assert.ok(await page.locator('#reader mark').count() > 0, 'the search is marked in the text');
  assert.ok((await page.locator('#reader .para >> nth=0').innerText()).length > 0);
  // An event's card quotes its passages.
  await page.click('#reader button.close');
  await page.click('li.event .event-title a >> nth=-1');
  await page.waitForSelector('.event-card blockquote');
  assert.ok((await page.locator('.event-card blockquote >> nth=0').innerText()).length > 4);
  assertClean(t);
  await t.context.close();
});

for (const [how, route, why] of BROKEN_FILE) {
  test(`a thousand articles: an article whose text file is ${how} says so in place, the rest works, and Try again brings it`, async () => {
    const t = await newPage(browser, { allowed: [server.origin], serviceWorkers: 'block' });
    const { page } = t;
    await page.goto(server.url + '?q=juliaca');
    await ready(page);
    await searched(page, 'juliaca');
    // The last listed result's address, opened in a new load whose text files fail.
    const target = await page.evaluate(() => [...document.querySelectorAll('.result-list > li h3 a')].pop().getAttribute('href'));
    await page.route('**/text/*.bin', route);
    await page.goto(new URL(target, server.url).href);
    await ready(page);
    const failed = page.locator('#reader .text-failed');
    await failed.waitFor();
    const message = await failed.innerText();
    assert.match(message, /This article's text could not be loaded/);
    assert.match(message, /text\/[0-9a-f]{16}\.bin/, 'names the file');
    assert.match(message, why);
    assert.equal(await page.locator('#reader .para').count(), 0, 'no half-drawn text');
    // The rest works: the timeline zooms.
    const w0 = await page.evaluate(() => document.querySelector('.graph').getAttribute('data-window'));
    await page.click('.timeline-tools button[aria-label="Zoom in"]');
    await page.waitForFunction((w) => document.querySelector('.graph').getAttribute('data-window') !== w, w0);
    await page.unroute('**/text/*.bin');
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.waitForSelector('#reader .para');
    assert.equal(await page.locator('#reader .text-failed').count(), 0);
    await t.context.close();
  });
}
