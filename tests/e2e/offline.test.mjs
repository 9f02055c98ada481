// Offline use and installability (scripts/offline.mjs, src/sw.js, src/offline.js): after a
// first visit every view works with no network, at / and under a sub-path; a new deploy is
// announced and taken on the reader's word, once; nothing registers in a build without the
// worker or when embedded; the build step writes what it says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import {
  serve, launch, newPage, ready, openView, assertClean, resultCount, shot, VIEWS, DIST, DIST_SUB, SUB_PATH, ROOT, DATA_DIR,
} from './helpers.mjs';
import { addOffline, precacheFiles, manifest } from '../../scripts/offline.mjs';

/** The build B of the update test: another corpus, so other hashes and other counts. */
const DIST_B = process.env.DIST_SIX_DIR || path.join(ROOT, 'target', 'dist-six');
const DATA_B = path.join(ROOT, 'target', 'six-data');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const versionOf = (dir) => /<meta name="pce-sw" content="([0-9a-f]{16})">/.exec(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'))[1];
/** How many articles the explorer built from `data` shows at `?q`. */
const articles = (data, q = '') => JSON.parse(execFileSync('cargo', ['run', '-q', '-p', 'corpus-index', '--', 'query', '--data', data, q],
  { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 }))[0].articles.length;

/** Wait until a service worker controls the page and has finished activating. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null
    && navigator.serviceWorker.controller.state === 'activated');
}

/** The version of the worker that controls the page (it answers on a message port). */
function controllerVersion(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const c = new MessageChannel();
    c.port1.onmessage = (e) => resolve(e.data);
    navigator.serviceWorker.controller.postMessage({ type: 'version' }, [c.port2]);
  }));
}

/**
 * Serve `dir` at `prefix`, open `query` in a fresh page (`watch(page)` runs before it
 * loads) and wait until the service worker controls it: `{ server, t, page, context }`.
 */
async function firstVisit(dir, { prefix = '/', query = '', watch = () => {} } = {}) {
  const server = await serve(dir, { prefix });
  const t = await newPage(browser, { allowed: [server.origin] });
  try {
    watch(t.page);
    await t.page.goto(server.url + query);
    await ready(t.page);
    await controlled(t.page);
  } catch (e) {
    await t.context.close();
    await server.close();
    throw e;
  }
  return { server, t, page: t.page, context: t.context };
}

/** Load `dir` served at `prefix`, walk every view with the network off; returns what the first visit requested. */
async function walkOffline(dir, prefix) {
  const { server, t, page, context } = await firstVisit(dir, { prefix });
  try {
    assert.equal(await controllerVersion(page), versionOf(dir), 'the worker is this build\'s');
    // The visit is over once its last downloads are in: the search index, fetched after
    // the first screen (a request still on its way would reach the server "offline").
    await page.waitForFunction(() => performance.getEntriesByName('pce:search-ready').length === 1);
    const first = [...server.requests];
    const wasm = first.filter((p) => p.endsWith('.wasm'));
    assert.equal(wasm.length, 1, `the WebAssembly is downloaded once, the worker's cache included: ${first.join(', ')}`);
    const data = first.filter((p) => /\/corpus-[0-9a-f]+\.bin$/.test(p));
    assert.equal(data.length, 1, `the corpus is downloaded once, the worker's cache included: ${first.join(', ')}`);
    assert.equal(await page.locator('.update-notice:not(:empty)').count(), 0, 'a first install announces nothing');
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const c = await caches.open(keys[0]);
      return { keys, files: (await c.keys()).map((r) => new URL(r.url).pathname) };
    });
    assert.equal(cached.keys.length, 1, `one cache: ${cached.keys}`);
    assert.deepEqual(cached.files.sort(), precacheFiles(dir).map((f) => prefix + f).sort(), 'every file of the build is cached');

    await context.setOffline(true);
    server.requests.length = 0;
    await page.reload();
    await ready(page);
    for (const [name, q] of VIEWS) await openView(page, server.url, name, q);
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(server.requests, [], 'nothing reached the server while offline');
    assertClean(t);
    return first;
  } finally {
    await context.close();
    await server.close();
  }
}

test('after a first visit every view works offline; the WebAssembly is downloaded once', async (t) => {
  const first = await walkOffline(DIST, '/');
  t.diagnostic(`first visit, ${first.length} requests: ${first.join(' ')}`);
});

test('the sub-path build works offline under its path', async () => {
  await walkOffline(DIST_SUB, SUB_PATH);
});

/**
 * A folder served as the app whose build can be swapped, as a deploy swaps it: a symbolic
 * link to build A, pointed at build B later.
 */
function deployable(dir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pce-deploy-'));
  const link = path.join(tmp, 'live');
  fs.symlinkSync(dir, link);
  return {
    dir: link,
    deploy(next) { fs.rmSync(link); fs.symlinkSync(next, link); },
    remove() { fs.rmSync(tmp, { recursive: true, force: true }); },
  };
}

test('a new deploy is announced; Reload (keyboard) runs it, once, and the old cache goes', async () => {
  assert.notEqual(versionOf(DIST), versionOf(DIST_B), 'two builds of two versions');
  const [countA, countB] = [articles(DATA_DIR), articles(DATA_B)];
  assert.notEqual(countA, countB, 'the builds show different article counts');
  const site = deployable(DIST);
  const loads = [];
  const watch = (page) => page.on('framenavigated', (f) => { if (f === page.mainFrame()) loads.push(f.url()); });
  const { server, t, page, context } = await firstVisit(site.dir, { query: '?q=Kenna', watch });
  try {
    assert.equal(await resultCount(page) > 0, true);
    site.deploy(DIST_B);
    // The check the browser makes on a visit, or when the page comes back into view.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const notice = page.locator('.update-notice:not(:empty)');
    await notice.waitFor();
    assert.equal(await notice.getAttribute('role'), 'status');
    assert.match(await notice.innerText(), /A new version of the explorer is available\. Reload to use it\./);
    assert.equal(loads.length, 1, 'the message did not reload the page');
    // Readable and accessible at both sizes, light and dark (screenshots in screenshots/).
    for (const [width, height] of [[1280, 800], [390, 844]]) {
      for (const colorScheme of ['light', 'dark']) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        const axe = await new AxeBuilder({ page }).include('.update-notice').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.help}`), [], `${width} ${colorScheme}`);
        assert.ok(axe.passes.some((p) => p.id === 'color-contrast'), 'the contrast was checked');
        const box = await notice.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= width && box.y + box.height <= height, `the message is in the window at ${width}`);
        await shot(page, `update-message-${width}-${colorScheme}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
    // One Tab from the top of the page reaches the Reload button.
    await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Reload');
    await page.keyboard.press('Enter');
    await page.waitForFunction((v) => document.querySelector('meta[name="pce-sw"]')?.content === v, versionOf(DIST_B));
    await ready(page);
    await page.waitForFunction((n) => document.querySelectorAll('.result-list > li').length === n, articles(DATA_B, 'q=Kenna'));
    assert.equal(await controllerVersion(page), versionOf(DIST_B), 'build B\'s worker controls the page');
    const keys = await page.evaluate(() => caches.keys());
    assert.deepEqual(keys, [`pce:${server.url}:${versionOf(DIST_B)}`], 'only build B\'s cache is left');
    assert.equal(await page.locator('.update-notice:not(:empty)').count(), 0, 'no message after the update');
    assert.equal(loads.length, 2, `one reload: ${loads.join(' ')}`);
    // And the home view shows build B's corpus.
    await page.goto(server.url);
    await ready(page);
    assert.equal(await resultCount(page), countB);
    assertClean(t);
  } finally {
    await context.close();
    await server.close();
    site.remove();
  }
});

test('a deploy found by loading the page is already running: no message, its worker goes in', async () => {
  const site = deployable(DIST);
  const { server, t, page, context } = await firstVisit(site.dir);
  try {
    site.deploy(DIST_B);
    await page.reload();
    await ready(page);
    // The page came from the network (build B) while build A's worker still served it.
    assert.equal(await page.locator('meta[name="pce-sw"]').getAttribute('content'), versionOf(DIST_B));
    await page.waitForFunction(async (v) => {
      const c = navigator.serviceWorker.controller;
      if (!c) return false;
      const got = await new Promise((resolve) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = (e) => resolve(e.data);
        c.postMessage({ type: 'version' }, [ch.port2]);
      });
      return got === v;
    }, versionOf(DIST_B), { polling: 100 });
    assert.equal(await page.locator('.update-notice:not(:empty)').count(), 0, 'nothing to announce');
    assertClean(t);
  } finally {
    await context.close();
    await server.close();
    site.remove();
  }
});

/** Load `url` and check that the offline script stayed out: no worker, no sw.js request. */
async function registersNothing(server, url) {
  const t = await newPage(browser, { allowed: [server.origin] });
  try {
    await t.page.goto(url);
    await ready(t.page);
    await t.page.waitForFunction(() => window.wasmBindings !== undefined);
    // The offline script starts in the same task as trunk's start event; it would have
    // added its message region by now.
    assert.equal(await t.page.locator('.update-notice').count(), 0, 'the offline script did not start');
    assert.deepEqual(await t.page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
    assert.ok(!server.requests.some((p) => p.endsWith('/sw.js')), 'sw.js was not requested');
    assertClean(t);
  } finally {
    await t.context.close();
  }
}

test('embedded (embed=1), the explorer registers no worker', async () => {
  const server = await serve(DIST);
  try {
    await registersNothing(server, `${server.url}?embed=1&q=troops`);
  } finally {
    await server.close();
  }
});

test('a build without the worker (a debug build: no pce-sw meta) registers nothing', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pce-noworker-'));
  try {
    fs.cpSync(DIST, tmp, { recursive: true });
    const file = path.join(tmp, 'index.html');
    // The script stays, to check its own guard: without the meta it does nothing.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/<meta name="pce-sw"[^>]*>/, ''));
    const server = await serve(tmp);
    try {
      await registersNothing(server, server.url);
    } finally {
      await server.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the build step: the worker lists every file with its integrity; debug builds and trunk serve get no worker', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pce-offline-'));
  try {
    fs.cpSync(DIST, tmp, { recursive: true });
    const sw = fs.readFileSync(path.join(DIST, 'sw.js'), 'utf8');
    const build = JSON.parse(/const BUILD = ([\s\S]*?);\n/.exec(sw)[1]);
    assert.equal(build.version, versionOf(DIST));
    const names = build.files.map((f) => f.name);
    assert.deepEqual(names, precacheFiles(DIST));
    for (const need of ['index.html', 'manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png', 'embed.js']) assert.ok(names.includes(need), need);
    for (const ext of ['.wasm', '.css']) assert.ok(names.some((n) => n.endsWith(ext)), ext);
    // A small search index is cached whole (every search works offline); each of its
    // files is in the build.
    const index = fs.readdirSync(path.join(DIST, 'index'));
    assert.ok(index.length >= 2, 'a chunk and the word forms');
    for (const f of index) assert.ok(names.includes(`index/${f}`), f);
    assert.ok(!names.some((n) => /\.(gz|br)$/.test(n) || n === 'sw.js'), 'no compressed copy, not the worker itself');
    // Running the step again on its own output changes nothing.
    const again = await addOffline(tmp, fs.readFileSync(path.join(tmp, 'index.html'), 'utf8'), '/');
    assert.equal(again.version, build.version);
    assert.equal(fs.readFileSync(path.join(tmp, 'sw.js'), 'utf8'), sw);
    // Any change to any file is a new version, so a new sw.js.
    fs.appendFileSync(path.join(tmp, 'embed.js'), '\n');
    assert.notEqual((await addOffline(tmp, fs.readFileSync(path.join(tmp, 'index.html'), 'utf8'), '/')).version, build.version);
    // A debug build (the post-build step with TRUNK_PROFILE=debug) gets no worker.
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'pce-debug-'));
    try {
      for (const f of precacheFiles(DIST)) {
        if (/^(offline-|manifest\.webmanifest)/.test(f)) continue;
        fs.mkdirSync(path.dirname(path.join(bare, f)), { recursive: true });
        fs.copyFileSync(path.join(DIST, f), path.join(bare, f));
      }
      const html = fs.readFileSync(path.join(bare, 'index.html'), 'utf8')
        .replace(/<meta name="pce-sw"[^>]*>|<link rel="manifest"[^>]*>|<script defer src="[^"]*offline-[^>]*><\/script>/g, '');
      fs.writeFileSync(path.join(bare, 'index.html'), html);
      execFileSync('node', [path.join(ROOT, 'scripts/postbuild.mjs'), bare], { env: { ...process.env, TRUNK_PROFILE: 'debug' } });
      assert.ok(!fs.existsSync(path.join(bare, 'sw.js')), 'no sw.js');
      assert.doesNotMatch(fs.readFileSync(path.join(bare, 'index.html'), 'utf8'), /pce-sw|rel="manifest"|offline-/);
      // Nor a release build under `trunk serve` (its live-reload script is in the page).
      fs.writeFileSync(path.join(bare, 'index.html'), html.replace('</body>', "<script>const address = '{{__TRUNK_ADDRESS__}}';</script></body>"));
      execFileSync('node', [path.join(ROOT, 'scripts/postbuild.mjs'), bare], { env: { ...process.env, TRUNK_PROFILE: 'release' } });
      assert.ok(!fs.existsSync(path.join(bare, 'sw.js')), 'no sw.js under trunk serve');
      assert.doesNotMatch(fs.readFileSync(path.join(bare, 'index.html'), 'utf8'), /pce-sw|rel="manifest"|offline-/);
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
    // The manifest: installable (Chromium asks for a name, start_url, standalone, PNG icons of 192 and 512).
    const m = JSON.parse(manifest(fs.readFileSync(path.join(ROOT, 'styles/base.css'), 'utf8')));
    assert.equal(m.display, 'standalone');
    assert.equal(m.start_url, '.');
    assert.deepEqual(m.icons.filter((i) => i.type === 'image/png').map((i) => i.sizes), ['192x192', '512x512']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
