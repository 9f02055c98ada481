// Static hosting under a sub-path, and embedding in a cross-origin iframe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, ready, resultCount, assertClean, embedHostPage, DIST, DIST_SUB, SUB_PATH, expected } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the sub-path build works under its path, with links and reload', async () => {
  const server = await serve(DIST_SUB, { prefix: SUB_PATH });
  const t = await newPage(browser, { allowed: [server.origin] });
  const { page } = t;
  await page.goto(server.url);
  await ready(page);
  assert.equal(await resultCount(page), expected('').articles.length);
  await page.click('.result h3 a >> nth=0');
  await page.waitForSelector('#reader');
  assert.ok(new URL(page.url()).pathname.startsWith(SUB_PATH), page.url());
  await page.reload();
  await page.waitForSelector('#reader');
  // A link opened directly (new tab) works too.
  const href = await page.locator('.result h3 a').first().getAttribute('href');
  await page.goto(new URL(href, page.url()).href);
  await ready(page);
  assertClean(t);
  await t.context.close();
  await server.close();
});

test('embedded in a cross-origin iframe: compact, resizes, obeys the host, validates messages', async () => {
  const app = await serve(DIST);
  // The host lives on another origin (other host name and port).
  const hostPage = embedHostPage(app.url, `<iframe id="sibling" title="Another frame of the host" srcdoc="<script>window.sendToExplorer = (m) => parent.document.getElementById('peru-explorer').contentWindow.postMessage(m, '*');</script>"></iframe>`);
  const host = await serve(null, { pages: { '/': hostPage }, host: 'localhost' });
  assert.notEqual(host.origin, app.origin);
  const t = await newPage(browser, { allowed: [app.origin, host.origin] });
  const { page } = t;
  await page.goto(host.url);
  const frame = page.frameLocator('#peru-explorer');
  await frame.locator('.results-head .counts').waitFor();
  assert.ok(await frame.locator('.app.embed').count() === 1, 'compact embed layout');
  // The explorer said it is ready.
  await page.waitForFunction(() => window.messages.some((m) => m.type === 'pce:ready'));
  const explorer = page.frames().find((f) => f.url().includes('embed=1'));
  const results = (n) => explorer.waitForFunction((k) => document.querySelectorAll('.result-list > li').length === k, n);
  const stateWith = (text) => page.waitForFunction((s) => window.messages.some((m) => m.type === 'pce:state' && m.query.includes(s)), text);
  // Height reported and applied.
  await page.waitForFunction(() => window.messages.some((m) => m.type === 'pce:height' && m.height > 300));
  const h = await page.evaluate(() => document.getElementById('peru-explorer').getBoundingClientRect().height);
  assert.ok(h > 300, `iframe resized to ${h}`);
  // Host drives the app.
  const kenna = expected('q=Kenna').articles.length;
  assert.ok(kenna < expected('').articles.length, 'Kenna narrows the results');
  await page.evaluate(() => window.send({ type: 'pce:search', text: 'Kenna' }));
  await stateWith('q=Kenna');
  await results(kenna);
  // Only the parent may command: the same message from another frame of the host is
  // ignored. The explorer's own listener has run once the message is delivered to a
  // listener added after it; the parent's next command then shows nothing came before.
  await explorer.evaluate(() => { window.seen = []; addEventListener('message', (e) => window.seen.push(e.data)); });
  await page.evaluate(() => document.getElementById('sibling').contentWindow.sendToExplorer({ type: 'pce:search', text: 'troops' }));
  await explorer.waitForFunction(() => window.seen.some((m) => m.text === 'troops'));
  await page.evaluate(() => window.send({ type: 'pce:navigate', query: 'q=Kenna&e=peru' }));
  await stateWith('e=peru');
  assert.ok(!(await page.evaluate(() => window.messages.some((m) => m.type === 'pce:state' && m.query.includes('troops')))), 'a sibling frame cannot command');
  assert.equal(await explorer.evaluate(() => document.getElementById('search').value), 'Kenna');
  // pce:navigate replaced the whole state; pce:clear clears every filter and the search.
  await results(expected('q=Kenna&e=peru').articles.length);
  await page.evaluate(() => window.send({ type: 'pce:clear' }));
  await page.waitForFunction(() => window.messages.filter((m) => m.type === 'pce:state').at(-1).query === 'embed=1');
  await results(expected('').articles.length);
  await page.evaluate(() => window.send({ type: 'pce:set-filters', entities: ['dina-boluarte', 'lima'] }));
  await page.waitForFunction(() => window.messages.some((m) => m.type === 'pce:state' && m.query.includes('e=dina-boluarte,lima')));
  await page.evaluate(() => window.send({ type: 'pce:open-article', article: '2023-01-takeover-of-lima', paragraph: 'p14' }));
  await frame.locator('#p14.target').waitFor();
  // Invalid messages are refused with an error message, and change nothing.
  await page.evaluate(() => window.send({ type: 'pce:set-filters', entities: 'dina-boluarte' }));
  await page.evaluate(() => window.send({ type: 'pce:open-article', article: '<script>' }));
  await page.evaluate(() => window.send({ type: 'pce:self-destruct' }));
  await page.waitForFunction(() => window.messages.filter((m) => m.type === 'pce:error').length >= 3);
  await frame.locator('#p14.target').waitFor();
  // Embed mode stays on; the app never navigated the host.
  assert.equal(new URL(page.url()).origin, host.origin);
  assertClean(t);
  await t.context.close();
  await host.close();
  await app.close();
});

test('the one-line embed, cross-origin: the script makes the frame, resizes it, and the host page address carries the view', async () => {
  const app = await serve(DIST);
  const hostPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story</title><link rel="icon" href="data:,"></head><body>
    <h1>A story page</h1>
    <script src="${app.url}embed.js" data-view="?e=lisa-kenna" data-sync-url="pce" data-height="320"></script>
    <p>After the explorer.</p>
    <peru-crisis-explorer id="second" view="q=troops" label="Second explorer"></peru-crisis-explorer>
    <script>
      window.events = [];
      for (const el of document.querySelectorAll('peru-crisis-explorer')) {
        for (const type of ['pce-ready', 'pce-state', 'pce-error']) {
          el.addEventListener(type, (e) => window.events.push({ id: el.id, type, detail: e.detail }));
        }
      }
    </script></body></html>`;
  const host = await serve(null, { pages: { '/story': hostPage }, host: 'localhost' });
  assert.notEqual(host.origin, app.origin);
  const t = await newPage(browser, { allowed: [app.origin, host.origin] });
  const { page } = t;
  await page.goto(`${host.origin}/story`);
  // The script tag became an explorer right after itself, in embed mode, on the given view.
  const first = page.locator('peru-crisis-explorer:not(#second) iframe');
  assert.equal(await first.getAttribute('title'), 'Peru Crisis Explorer');
  const src = new URL(await first.getAttribute('src'));
  assert.equal(src.origin, app.origin);
  assert.equal(src.searchParams.get('embed'), '1');
  assert.equal(src.searchParams.get('e'), 'lisa-kenna');
  assert.equal(await page.evaluate(() => document.querySelector('script[data-view]').nextElementSibling.localName), 'peru-crisis-explorer');
  const frame = page.frameLocator('peru-crisis-explorer:not(#second) iframe');
  await frame.locator('.app.embed .results-head .counts').waitFor();
  await frame.locator('.active-filters').getByText('Lisa Kenna').waitFor({ state: 'attached' });
  // Resized from its starting height to its content.
  await page.waitForFunction(() => document.querySelector('peru-crisis-explorer iframe').getBoundingClientRect().height > 320);
  // The second, declared as an element, has its own view and name.
  const second = page.frameLocator('#second iframe');
  await second.locator('.app.embed .results-head .counts').waitFor();
  assert.equal(await second.locator('#search').inputValue(), 'troops');
  assert.equal(await page.locator('#second iframe').getAttribute('title'), 'Second explorer');
  await page.waitForFunction(() => window.events.some((e) => e.id === 'second' && e.type === 'pce-ready'));
  // What the reader does in the first shows in the host page's address (opt-in), not the second's.
  await frame.locator('#search').fill('Kenna');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('pce')?.includes('q=Kenna'));
  const pce = new URLSearchParams(new URL(page.url()).searchParams.get('pce'));
  assert.equal(pce.get('e'), 'lisa-kenna');
  assert.equal(pce.get('embed'), null, 'the host address does not carry embed mode');
  // A link to the story page with that address opens the same view.
  await page.reload();
  const again = page.frameLocator('peru-crisis-explorer:not(#second) iframe');
  await again.locator('.app.embed .results-head .counts').waitFor();
  assert.equal(await again.locator('#search').inputValue(), 'Kenna');
  await again.locator('.active-filters').getByText('Lisa Kenna').waitFor({ state: 'attached' });
  // The element's commands reach its own explorer, and its errors come back as events.
  await page.evaluate(() => document.getElementById('second').navigate('q=Lima'));
  await page.waitForFunction(() => window.events.some((e) => e.id === 'second' && e.type === 'pce-state' && e.detail.query.includes('q=Lima')));
  await page.evaluate(() => document.getElementById('second').send({ type: 'pce:open-article', article: 'no-such-article' }));
  await page.waitForFunction(() => window.events.some((e) => e.id === 'second' && e.type === 'pce-error'));
  assert.equal(new URL(page.url()).origin, host.origin);
  assertClean(t);
  await t.context.close();
  await host.close();
  await app.close();
});

test('precompressed copies: each decodes to its file, and a host that serves them runs the app', async () => {
  const zlib = await import('node:zlib');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const copies = fs.readdirSync(DIST).filter((f) => /\.(br|gz)$/.test(f));
  const wasm = fs.readdirSync(DIST).find((f) => f.endsWith('.wasm'));
  for (const need of [`${wasm}.br`, `${wasm}.gz`, 'index.html.gz']) assert.ok(copies.includes(need), `${need} is written`);
  for (const c of copies) {
    const orig = fs.readFileSync(path.join(DIST, c.slice(0, -3)));
    const data = fs.readFileSync(path.join(DIST, c));
    const back = c.endsWith('.br') ? zlib.brotliDecompressSync(data) : zlib.gunzipSync(data);
    assert.ok(back.equals(orig), `${c} decodes to its file`);
    assert.ok(data.length < orig.length, `${c} is smaller`);
  }
  const server = await serve(DIST, { precompressed: true });
  const t = await newPage(browser, { allowed: [server.origin] });
  const { page } = t;
  const encodings = {};
  page.on('response', (r) => { encodings[new URL(r.url()).pathname] = r.headers()['content-encoding']; });
  await page.goto(server.url);
  await ready(page);
  assert.ok(await resultCount(page) > 0);
  assert.equal(encodings[`/${wasm}`], 'br', 'the WebAssembly came as brotli');
  assert.deepEqual(t.problems.console, []);
  await t.context.close();
  await server.close();
});

test('the shipped embed-example.js resizes the frame and sends the data-msg buttons\' messages', async () => {
  const app = await serve(DIST);
  // The README's snippet, on another origin, with a button and a log as in embed-example.html.
  const hostPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"></head><body>
    <button type="button" data-msg='{"type":"pce:search","text":"Kenna"}'>Search Kenna</button>
    <pre id="log"></pre>
    <iframe id="peru-explorer" title="Peru Crisis Explorer" src="${app.url}?embed=1" style="width:100%;border:0" loading="lazy"></iframe>
    <script src="${app.url}embed-example.js"></script></body></html>`;
  const host = await serve(null, { pages: { '/': hostPage }, host: 'localhost' });
  const t = await newPage(browser, { allowed: [app.origin, host.origin] });
  const { page } = t;
  await page.goto(host.url);
  // Resized to the height the explorer reports (an iframe is 150 px high by default).
  await page.waitForFunction(() => document.getElementById('peru-explorer').hasAttribute('data-last-height'));
  await page.waitForFunction(() => {
    const f = document.getElementById('peru-explorer');
    const reported = JSON.parse(f.getAttribute('data-last-height')).height;
    return f.style.height === `${Math.max(200, Math.ceil(reported))}px` && reported > 300;
  });
  assert.ok(await page.evaluate(() => JSON.parse(document.getElementById('peru-explorer').getAttribute('data-last-ready')).type === 'pce:ready'));
  // A data-msg button sends its message; the log shows the new state.
  await page.click('button[data-msg]');
  await page.waitForFunction(() => document.getElementById('log').textContent.includes('q=Kenna'));
  assert.match(await page.locator('#log').innerText(), /^Explorer state: \?.*q=Kenna/);
  const explorer = page.frames().find((f) => f.url().includes('embed=1'));
  await explorer.waitForFunction((k) => document.querySelectorAll('.result-list > li').length === k, expected('q=Kenna').articles.length);
  assertClean(t);
  await t.context.close();
  await host.close();
  await app.close();
});
