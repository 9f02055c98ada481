// A fatal error of any kind is shown: a WebAssembly trap with no panic before it, an
// uncaught JavaScript error and an unhandled rejection give the same message and reload
// links as a Rust panic (whose own test, with hostile text, is in hostile.test.mjs); and
// what is not an error of the app (a resize observer's skipped notification) does not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, newPage, openApp, ROOT, BROKEN_FILE } from './helpers.mjs';

const DIST_HOOKS = process.env.DIST_HOOKS_DIR || path.join(ROOT, 'target', 'dist-hooks');

let server, browser;
before(async () => {
  if (!fs.existsSync(path.join(DIST_HOOKS, 'index.html'))) {
    throw new Error(`no build with test hooks in ${DIST_HOOKS}; build it with: PCE_TEST_HOOKS=1 trunk build --release --dist target/dist-hooks`);
  }
  server = await serve(DIST_HOOKS);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** The fatal message is shown, focused, says `details` as text, and its links work. */
async function assertFatal(t, details) {
  const { page } = t;
  const fatal = page.locator('#fatal-error');
  await fatal.waitFor();
  assert.equal(await fatal.getAttribute('role'), 'alert');
  const text = await fatal.innerText();
  assert.match(text, /Something went wrong and the explorer stopped/);
  assert.ok(text.includes(details), `"${details}" in: ${text}`);
  assert.equal(await fatal.locator('b, img').count(), 0, 'the details are text, not markup');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'fatal-error', 'focus moves to the message');
  assert.ok(await page.evaluate(() => document.querySelector('.app').closest('[inert]') !== null), 'the dead app is inert');
  const view = page.url();
  assert.equal(await fatal.getByRole('link', { name: 'reload this view' }).getAttribute('href'), view);
  await fatal.getByRole('link', { name: 'Reload the explorer' }).click();
  await page.waitForSelector('.results-head .counts');
  assert.equal(await page.locator('#fatal-error').count(), 0, 'the reloaded explorer works');
  assert.equal(new URL(page.url()).search, '');
}

test('a WebAssembly trap with no panic shows the fatal message', async () => {
  const t = await openApp(browser, server, 'q=lima');
  await t.page.waitForFunction(() => typeof window.wasmBindings?.pce_test_abort === 'function');
  // From a task of its own, as a trap in an event handler would be: nothing catches it.
  await t.page.evaluate(() => setTimeout(() => window.wasmBindings.pce_test_abort()));
  await assertFatal(t, 'RuntimeError');
  assert.ok(t.problems.console.some((m) => /RuntimeError/.test(m)), 'the trap is in the console');
  await t.context.close();
});

test('an uncaught JavaScript error shows the fatal message, as text', async () => {
  const t = await openApp(browser, server);
  await t.page.evaluate(() => setTimeout(() => { throw new TypeError('boom <b>bold</b>'); }));
  await assertFatal(t, 'TypeError: boom <b>bold</b>');
  await t.context.close();
});

test('an unhandled rejection shows the fatal message', async () => {
  const t = await openApp(browser, server);
  await t.page.evaluate(() => { Promise.reject(new Error('the module could not start')); });
  await assertFatal(t, 'Error: the module could not start');
  await t.context.close();
});

test('a resize observer that skipped a notification is not an error of the app', async () => {
  const t = await openApp(browser, server);
  const { page } = t;
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error', { message: 'ResizeObserver loop completed with undelivered notifications.' })));
  // Then a real error, to see that the handler was listening all along.
  await page.evaluate(() => setTimeout(() => { throw new Error('real'); }));
  await page.locator('#fatal-error').waitFor();
  assert.doesNotMatch(await page.locator('#fatal-error').innerText(), /ResizeObserver/);
  assert.match(await page.locator('#fatal-error').innerText(), /Error: real/);
  await t.context.close();
});

// The corpus is a file beside the WebAssembly (scripts/corpusfile.mjs), fetched by the
// loader with its integrity: a host that loses it, or sends other bytes, gives the fatal
// message naming the file and the reason, no half-built explorer; reloading once the file
// is back works.
for (const [what, answer, reason] of BROKEN_FILE) {
  test(`a corpus file ${what} shows the fatal message naming it, and a reload once it is back works`, async () => {
    const t = await newPage(browser, { allowed: [server.origin], serviceWorkers: 'block' });
    const { page } = t;
    const file = fs.readdirSync(DIST_HOOKS).find((f) => /^corpus-[0-9a-f]+\.bin$/.test(f));
    assert.ok(file, 'the build has a corpus file');
    await page.route(`**/${file}`, answer);
    await page.goto(server.url + '?q=lima');
    const fatal = page.locator('#fatal-error');
    await fatal.waitFor();
    const text = await fatal.innerText();
    assert.match(text, /Something went wrong and the explorer stopped/);
    assert.ok(text.includes(`The explorer's data (${file}) could not be loaded`), text);
    assert.match(text, reason);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'fatal-error', 'focus moves to the message');
    assert.equal(await page.locator('.app').count(), 0, 'no half-built explorer');
    await page.unroute(`**/${file}`);
    await fatal.getByRole('link', { name: 'reload this view' }).click();
    await page.waitForSelector('.results-head .counts');
    assert.equal(await page.locator('#fatal-error').count(), 0, 'the reloaded explorer works');
    assert.equal(new URL(page.url()).search, '?q=lima', 'at the same view');
    await t.context.close();
  });
}
