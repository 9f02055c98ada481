// End-to-end: the Export menu and the Cite menu. Each export is downloaded from the app
// (a Blob behind an <a download>, under the app's strict Content-Security-Policy), parsed
// (CSV by Python's csv module, a real RFC 4180 reader), compared byte for byte with
// `corpus export` for the same view when the binary is built, and the TimelineJS export
// is drawn by TimelineJS 3 itself (from bench/node_modules, `npm ci --prefix bench`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, openApp, assertClean, shot, expected, corpusJson, ROOT, DIST } from './helpers.mjs';

const TIMELINEJS = process.env.TIMELINEJS_DIR || path.join(ROOT, 'bench/node_modules/@knight-lab/timelinejs/dist');
const CLI = path.join(ROOT, 'target/debug/corpus');
const VIEW = 'e=lima&from=2023-01-01&to=2023-12-31';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Open the Export menu and download one format: its file name and bytes. */
async function download(page, label) {
  const menu = page.locator('details.export');
  if (!(await menu.evaluate((d) => d.open))) await menu.locator('summary').click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    menu.getByRole('button', { name: label, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

/** Rows of a CSV as Python's csv module reads it (BOM stripped by utf-8-sig). */
function readCsv(bytes) {
  const script = 'import csv,io,json,sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")))))';
  return JSON.parse(execFileSync('python3', ['-c', script], { input: bytes }).toString());
}

/** What `corpus export` writes for the same view, or null when the binary is not built. */
function cli(format, query) {
  if (!fs.existsSync(CLI)) return null;
  const args = ['export', path.join(ROOT, 'data'), '--format', format, '--base', server.url];
  if (query) args.push('--query', query);
  return execFileSync(CLI, args, { maxBuffer: 1 << 26 });
}

const FORMATS = [
  ['Events (CSV)', 'csv-events', 'events', 'csv'],
  ['Names (CSV)', 'csv-entities', 'entities', 'csv'],
  ['Figures (CSV)', 'csv-figures', 'figures', 'csv'],
  ['Timeline (TimelineJS JSON)', 'timelinejs', 'timeline', 'json'],
  ['Everything selected (JSON)', 'json', 'corpus', 'json'],
];

test('each export of a filtered view downloads, parses, and equals corpus export --query', async () => {
  const t = await openApp(browser, server, VIEW);
  const { page } = t;
  const shown = await page.locator('.result-list > li').count();
  const files = {};
  for (const [label, format, stem, ext] of FORMATS) {
    const f = await download(page, label);
    assert.equal(f.name, `peru-crisis-${stem}-2023-01-01-to-2023-12-31.${ext}`);
    const expected = cli(format, VIEW);
    if (expected) assert.ok(f.bytes.equals(expected), `${label}: the download is what corpus export --query writes`);
    files[format] = f.bytes;
  }
  if (!fs.existsSync(CLI)) t.diagnostic?.('target/debug/corpus not built: byte comparison with the CLI skipped');
  // CSV: a byte-order mark, one header, rows of equal length, formulas inert.
  for (const format of ['csv-events', 'csv-entities', 'csv-figures']) {
    const bytes = files[format];
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${format} starts with the BOM`);
    const rows = readCsv(bytes);
    assert.ok(rows.length > 1, `${format} has rows`);
    assert.ok(rows.every((r) => r.length === rows[0].length), `${format}: every row has the header's cells`);
    for (const r of rows) for (const c of r) assert.ok(!/^[=+@\t\r]/.test(c), `${format}: no live formula: ${c}`);
  }
  const json = JSON.parse(files.json.toString('utf8'));
  assert.equal(json.articles.length, shown, 'the JSON holds the articles the view lists');
  const events = readCsv(files['csv-events']);
  assert.equal(events.length - 1, json.events.length, 'the events CSV and the JSON hold the same events');
  assert.deepEqual(events[0].slice(0, 5), ['id', 'title', 'start', 'end', 'precision']);
  assert.ok(events.slice(1).every((r) => r[2] >= '2023-01-01' || r[3] >= '2023-01-01'), 'events in the range');
  assert.match(events[1][12], new RegExp(`${server.url.replace(/[.?]/g, '\\$&')}\\?a=`), 'quotes link to their paragraph here');
  const tl = JSON.parse(files.timelinejs.toString('utf8'));
  assert.equal(tl.events.length + tl.eras.length, json.events.length);
  assertClean(t);
  await t.context.close();
});

test('the TimelineJS export of the whole corpus is drawn by TimelineJS 3, every event', async () => {
  assert.ok(fs.existsSync(TIMELINEJS), `TimelineJS is installed in ${TIMELINEJS} (scripts/setup.sh web runs npm ci --prefix bench)`);
  const t = await openApp(browser, server, '');
  const f = await download(t.page, 'Timeline (TimelineJS JSON)');
  assert.equal(f.name, 'peru-crisis-timeline.json');
  const data = JSON.parse(f.bytes.toString('utf8'));
  assertClean(t);
  await t.context.close();
  assert.ok(data.events.length > 50);

  // A page with TimelineJS's own files, like bench/timelinejs/make.mjs writes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pce-tljs-'));
  fs.mkdirSync(path.join(dir, 'js'));
  fs.mkdirSync(path.join(dir, 'css'));
  fs.copyFileSync(path.join(TIMELINEJS, 'js/timeline.js'), path.join(dir, 'js/timeline.js'));
  fs.copyFileSync(path.join(TIMELINEJS, 'css/timeline.css'), path.join(dir, 'css/timeline.css'));
  fs.cpSync(path.join(TIMELINEJS, 'css/icons'), path.join(dir, 'css/icons'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'export.json'), f.bytes);
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>TimelineJS</title><link rel="icon" href="data:,"><link rel="stylesheet" href="css/timeline.css">
<style>body{margin:0}#timeline{width:1200px;height:700px}</style></head><body><div id="timeline"></div>
<script src="js/timeline.js"></script><script>
window.__tl = {};
const tl = new TL.Timeline('timeline', 'export.json', { script_path: new URL('js/', location.href).href, font: null, language: 'en', hash_bookmark: false });
tl.on('loaded', () => { window.__tl.loaded = true; });
</script></body></html>`);
  const tlServer = await serve(dir);
  const context = await browser.newContext({ viewport: { width: 1200, height: 700 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(tlServer.url);
  await page.waitForFunction(() => window.__tl.loaded, null, { timeout: 20000 });
  await page.waitForFunction((n) => document.querySelectorAll('.tl-timemarker').length >= n, data.events.length, { timeout: 20000 });
  const drawn = await page.evaluate(() => ({
    markers: document.querySelectorAll('.tl-timemarker').length,
    slides: document.querySelectorAll('.tl-slide').length,
    eras: document.querySelectorAll('.tl-timeera').length,
    headlines: [...document.querySelectorAll('.tl-slide .tl-headline')].map((h) => h.textContent),
    dates: [...document.querySelectorAll('.tl-slide .tl-headline-date')].map((h) => h.textContent),
  }));
  assert.equal(drawn.markers, data.events.length, 'one marker per event on the time navigation');
  assert.equal(drawn.slides, data.events.length + 1, 'one slide per event, and the title slide');
  assert.equal(drawn.eras, data.eras.length, 'every era drawn');
  const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const e of data.events) assert.ok(drawn.headlines.includes(decode(e.text.headline)), `drawn: ${e.text.headline}`);
  assert.ok(drawn.dates.some((d) => /\(inferred\)/.test(d)), 'inferred dates say so');
  assert.deepEqual(errors, [], 'TimelineJS reports no error');
  await page.screenshot({ path: path.join(ROOT, 'screenshots', 'exports-timelinejs.png') });
  await context.close();
  await tlServer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the Export menu works from the keyboard and looks right on desktop and phone', async () => {
  for (const [width, height, name] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
    const t = await openApp(browser, server, VIEW, { width, height });
    const { page } = t;
    const summary = page.locator('details.export summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('details.export').evaluate((d) => d.open), true, 'Enter opens the menu');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Events (CSV)');
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.match(file.suggestedFilename(), /^peru-crisis-events-.*\.csv$/);
    const menu = await page.locator('.export-menu').boundingBox();
    assert.ok(menu.x >= 0 && menu.x + menu.width <= width, `the menu fits the ${name} screen`);
    await shot(page, `exports-menu-${name}`);
    assertClean(t);
    await t.context.close();
  }
});

test('Cite offers plain text, BibTeX and CSL-JSON for a paragraph, saying what is unknown or inferred', async () => {
  for (const [width, height, name] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
    const t = await openApp(browser, server, 'a=2023-01-takeover-of-lima&p=p14', { width, height });
    const { page } = t;
    const button = page.getByRole('button', { name: 'Cite paragraph 14' });
    await button.click();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    const plain = await page.getByRole('textbox', { name: 'Plain text' }).inputValue();
    assert.match(plain, /^Author unknown\. “\[Protests continue/);
    assert.match(plain, /23 January 2023 \(inferred\), paragraph 14\. http:\/\/127\.0\.0\.1:\d+\/\?a=2023-01-takeover-of-lima&p=p14$/);
    const bib = await page.getByRole('textbox', { name: 'BibTeX' }).inputValue();
    assert.match(bib, /^@misc\{anon2023protests-p14,\n/);
    assert.doesNotMatch(bib, /author =/);
    const csl = JSON.parse(await page.getByRole('textbox', { name: 'CSL-JSON' }).inputValue());
    assert.equal(csl[0].issued.circa, true);
    await page.locator('#p14-cite').scrollIntoViewIfNeeded();
    await shot(page, `exports-cite-${name}`);
    assertClean(t);
    await t.context.close();
  }
});

/** The picture menu's download of one format, by keyboard: file name and bytes. */
async function savePicture(page, format) {
  const menu = page.locator('details.save-picture');
  if (!(await menu.evaluate((d) => d.open))) {
    await menu.locator('summary').focus();
    await page.keyboard.press('Enter');
  }
  await menu.getByRole('button', { name: format === 'svg' ? 'SVG (vector)' : 'PNG (image)' }).focus();
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  await page.waitForFunction((n) => document.querySelector('.save-status')?.textContent === `Saved ${n}.`, file.suggestedFilename());
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

/** An SVG file as Python's ElementTree reads it: size, texts, marks, attributes seen. */
function readSvg(bytes) {
  const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
NS = '{http://www.w3.org/2000/svg}'
out = {'tag': root.tag, 'width': float(root.get('width')), 'height': float(root.get('height')),
       'texts': [t.text or '' for t in root.iter(NS + 'text')],
       'marks': sorted(e.get('data-key') for e in root.iter() if e.get('data-key')),
       'attrs': sorted({a for e in root.iter() for a in e.attrib}),
       'paints': sorted({e.get(a) for e in root.iter() for a in ('fill', 'stroke') if e.get(a)})}
print(json.dumps(out))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: bytes }).toString());
}

test('the timeline saved as SVG and PNG is the drawing on screen, with the selection, key and source', async () => {
  for (const [width, height, name] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
    const t = await openApp(browser, server, VIEW, { width, height });
    const { page } = t;
    await page.waitForSelector('#timeline-graph [data-key]');
    const live = await page.evaluate(() => ({
      marks: [...document.querySelectorAll('#timeline-graph [data-key]')]
        .filter((m) => getComputedStyle(m).display !== 'none').map((m) => m.dataset.key).sort(),
      status: document.querySelector('.timeline-tools .status').textContent.trim(),
      width: Number(document.getElementById('timeline-graph').getAttribute('width')),
    }));
    assert.ok(live.marks.length > 0, 'the drawing has marks');
    const svg = await savePicture(page, 'svg');
    assert.equal(svg.name, 'peru-crisis-timeline-2023-01-01-to-2023-12-31.svg');
    const s = readSvg(svg.bytes);
    assert.equal(s.tag, '{http://www.w3.org/2000/svg}svg');
    assert.deepEqual(s.marks, live.marks, 'every mark on screen, and only those');
    assert.ok(s.width >= live.width, `${s.width} px wide holds the ${live.width} px drawing`);
    const texts = s.texts.join('\n');
    assert.ok(s.texts.includes('Peru Crisis Explorer: timeline'), 'a title');
    assert.match(texts, /Place: Lima · Events dated 1 Jan 2023 – 31 Dec 2023/, 'the selection in words');
    assert.ok(texts.replace(/\n/g, ' ').includes(live.status), 'the window and what lies outside it, as on screen');
    for (const key of ['Key:', 'stated date', 'resolved or inferred date', 'article, when published', 'faded: does not match the selection']) {
      assert.ok(s.texts.includes(key), `the key says "${key}"`);
    }
    const view = texts.replace(/\n/g, " ").match(/This view: (\S+)/);
    assert.ok(view, texts);
    assert.equal(new URL(view[1]).search, new URL(page.url()).search, "the source line gives the view’s address");
    // Styles written as presentation attributes in plain colours: no stylesheet, class,
    // inline style, focus stop or CSS-only colour left for another program to miss.
    for (const gone of ['class', 'style', 'tabindex', 'role']) assert.ok(!s.attrs.includes(gone), `no ${gone} attribute`);
    for (const paint of s.paints) assert.match(paint, /^(none|rgb\(\d+, \d+, \d+\)|url\(.+\))$/, paint);

    const png = await savePicture(page, 'png');
    assert.equal(png.name, 'peru-crisis-timeline-2023-01-01-to-2023-12-31.png');
    assert.equal(png.bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG file');
    assert.deepEqual([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)], [2 * s.width, 2 * s.height], 'the SVG at twice its size');
    const menu = await page.locator('.save-menu').boundingBox();
    assert.ok(menu.x >= 0 && menu.x + menu.width <= width, `the menu fits the ${name} screen`);
    assert.equal(await page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), true, 'no sideways scroll');
    await shot(page, `exports-picture-${name}`);
    assertClean(t);
    await t.context.close();
  }
});

test('a picture maker that cannot load says so, and a second try works', async () => {
  // No service worker: it would serve picture.js from its cache, past the blocked route.
  const t = await openApp(browser, server, '', { serviceWorkers: 'block' });
  const { page } = t;
  await page.waitForSelector('#timeline-graph [data-key]');
  await page.route('**/picture.js', (r) => r.abort());
  await page.click('details.save-picture summary');
  await page.getByRole('button', { name: 'SVG (vector)' }).click();
  await page.waitForFunction(() => /Could not load the picture maker/.test(document.querySelector('.save-status')?.textContent));
  assert.equal(await page.locator('.save-status').getAttribute('role'), 'status');
  await page.unroute('**/picture.js');
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SVG (vector)' }).click()]);
  assert.equal(file.suggestedFilename(), 'peru-crisis-timeline.svg');
  // The aborted request is the only console line.
  t.problems.console = t.problems.console.filter((m) => !/picture\.js|ERR_FAILED/.test(m));
  assertClean(t);
  await t.context.close();
});

/** The printable width of a paper at print.css's margins (15 mm each side), in CSS px. */
const PAPERS = [['A4', 210], ['Letter', 215.9]].map(([format, mm]) => [format, Math.floor(((mm - 30) / 25.4) * 96)]);

/** Print the page as on paper of `width` px: beforeprint fired, print media. */
async function asPrinted(page, width) {
  await page.setViewportSize({ width, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  // The emulation reaches the page's style a moment later (a check right away has seen the
  // screen's styles at the new width): wait for it, and for two frames after the
  // re-render that beforeprint starts, as a real print lays out after its handlers.
  await page.waitForFunction(() => matchMedia('print').matches);
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction(() => {
    const line = document.querySelector('.print-view');
    return line?.textContent.includes('This view:') && getComputedStyle(line).display === 'block';
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** What a printed page shows that it should not, or cuts: controls, sideways overflow. */
function printProblems(page) {
  return page.evaluate(() => {
    const out = [];
    if (document.scrollingElement.scrollWidth > innerWidth) out.push(`page ${document.scrollingElement.scrollWidth} px wide on ${innerWidth}`);
    for (const el of document.querySelectorAll('button, input, select, textarea, summary')) {
      if (el.checkVisibility() && el.tagName !== 'SUMMARY') out.push(`a control is printed: ${el.outerHTML.slice(0, 80)}`);
    }
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 1 && el.checkVisibility() && (r.left < -1 || r.right > innerWidth + 1)) { out.push(`cut at the edge: ${el.outerHTML.slice(0, 80)}`); break; }
    }
    return out;
  });
}

test('an article prints on A4 and Letter with its provenance opened out and every paragraph’s number and address', async () => {
  const article = corpusJson().articles[0];
  const t = await openApp(browser, server, `a=${article.id}`);
  const { page } = t;
  await page.waitForSelector('#reader .para');
  for (const [format, width] of PAPERS) {
    await asPrinted(page, width);
    assert.deepEqual(await printProblems(page), [], format);
    const seen = await page.evaluate(() => ({
      paras: document.querySelectorAll('#reader .para').length,
      numbers: [...document.querySelectorAll('#reader .para .para-link')].filter((a) => a.checkVisibility()).map((a) => a.textContent),
      reasons: [...document.querySelectorAll('#reader .provenance details > p')].map((p) => p.checkVisibility()),
      address: document.querySelector('#reader .print-address')?.textContent ?? '',
    }));
    assert.equal(seen.numbers.length, seen.paras, `${format}: every paragraph's number is printed`);
    assert.deepEqual(seen.numbers, seen.numbers.map((_, i) => `¶${i + 1}`));
    assert.ok(seen.reasons.length > 0 && seen.reasons.every(Boolean), `${format}: every reason is printed`);
    assert.ok(seen.address.includes(`?a=${article.id}`) && seen.address.includes(`?a=${article.id}&p=pN`), seen.address);
    const pdf = (await page.pdf({ format })).toString('latin1');
    assert.ok((pdf.match(/\/Type\s*\/Page[^s]/g) || []).length >= 1, `${format}: a PDF with pages`);
    assert.match(pdf, format === 'A4' ? /\/MediaBox \[0 0 595\.\d+ 842\.\d+\]/ : /\/MediaBox \[0 0 612 792\]/);
    if (format === 'A4') await shot(page, 'print-article-a4');
  }
  assertClean(t);
  await t.context.close();
});

test('the timeline’s list prints on A4 and Letter with what the view selects and its address', async () => {
  const view = `${VIEW}&timeline=list`;
  const want = expected(VIEW);
  const t = await openApp(browser, server, view);
  const { page } = t;
  for (const [format, width] of PAPERS) {
    await asPrinted(page, width);
    assert.deepEqual(await printProblems(page), [], format);
    const seen = await page.evaluate(() => ({
      events: [...document.querySelectorAll('.timeline-list li')].filter((li) => li.checkVisibility()).length,
      head: document.querySelector('.print-view').textContent,
    }));
    assert.ok(seen.events >= want.events.length, `${format}: ${seen.events} list lines for ${want.events.length} events`);
    assert.match(seen.head, /^Place: .+ · Events dated 1 Jan 2023 – 31 Dec 2023\. This view: http:\/\/127\.0\.0\.1:\d+\/\?/);
    assert.ok((await page.pdf({ format })).length > 1000, `${format}: a PDF`);
    if (format === 'A4') await shot(page, 'print-list-a4');
  }
  assertClean(t);
  await t.context.close();
});
