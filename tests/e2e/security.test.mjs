// End-to-end: the strict Content-Security-Policy, and hostile URLs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, newPage, openView, VIEWS, SPECIAL_VIEWS, DIST, ROOT, expected } from './helpers.mjs';
import { POLICY } from '../../scripts/csp.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Record every CSP violation the page reports, from its first script on. */
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective}: ${e.blockedURI}`));
  });
  return () => page.evaluate(() => window.__violations);
}

test('the built page has no inline script and carries the policy', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length >= 1);
  for (const [, attrs, body] of scripts) {
    assert.equal(body.trim(), '', 'no inline script');
    assert.match(attrs, /\bsrc="?\/[^/]/, 'a script from the page\'s own origin');
    assert.match(attrs, /\bintegrity="?sha384-/, 'with its hash');
  }
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${POLICY}">`));
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), 'the policy comes before any script');
  assert.doesNotMatch(POLICY, /unsafe-inline|'unsafe-eval'|https?:|\*/, 'nothing loose in the policy');
});

test('every view works under the policy sent as a header, with no violation', async () => {
  const server = await serve(DIST, { headers: { 'content-security-policy': `${POLICY}; frame-ancestors 'self'` } });
  const t = await newPage(browser, { allowed: [server.origin] });
  const violations = await watchViolations(t.page);
  for (const [name, q] of VIEWS) {
    await openView(t.page, server.url, name, q);
    assert.deepEqual(await violations(), [], name);
  }
  // Interactions: a search, a facet, a timeline zoom, opening an article and a comparison.
  await openView(t.page, server.url, 'home', '');
  await t.page.fill('#search', 'Kenna');
  await t.page.waitForFunction((n) => document.querySelectorAll('.result-list > li').length === n, expected('q=Kenna').articles.length);
  await t.page.check('#f-lisa-kenna');
  await t.page.getByRole('button', { name: 'Zoom in' }).click();
  await t.page.click('.result h3 a >> nth=0');
  await t.page.waitForSelector('#reader');
  const pick = t.page.getByLabel('Compare with');
  await pick.selectOption({ index: 1 });
  await t.page.waitForSelector('#compare .col-body .para');
  assert.deepEqual(await violations(), []);
  assert.deepEqual(t.problems.console, []);
  assert.deepEqual(t.problems.foreign, []);
  await t.context.close();
  await server.close();
});

test('the sub-path build and the fatal message run under the policy sent as a header, with no violation', async () => {
  for (const [name, open] of SPECIAL_VIEWS) {
    let violations;
    const { t, close } = await open(browser, {
      headers: { 'content-security-policy': `${POLICY}; frame-ancestors 'self'` },
      init: async (page) => { violations = await watchViolations(page); },
    });
    const seen = await violations();
    assert.deepEqual(seen, [], name);
    assert.deepEqual(t.problems.console, [], name);
    assert.deepEqual(t.problems.foreign, [], name);
    await close();
  }
});

test('the policy is enforced: without wasm-unsafe-eval the app cannot start', async () => {
  const strict = POLICY.replace(" 'wasm-unsafe-eval'", '');
  const server = await serve(DIST, { headers: { 'content-security-policy': strict } });
  const t = await newPage(browser, { allowed: [server.origin] });
  const violations = await watchViolations(t.page);
  await t.page.goto(server.url);
  await t.page.waitForFunction(() => window.__violations.length > 0);
  assert.ok((await violations()).some((v) => v.startsWith('script-src')), (await violations()).join('\n'));
  assert.equal(await t.page.locator('.results-head').count(), 0);
  await t.context.close();
  await server.close();
});

/** tests/hostile-urls.txt, with `${c*N}` expanded (as the native test does). */
function hostileUrls() {
  return fs.readFileSync(path.join(ROOT, 'tests', 'hostile-urls.txt'), 'utf8').split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.replace(/\$\{(.)\*(\d+)\}/g, (_, c, n) => c.repeat(Number(n))));
}

test('at least 50 hostile URLs: each a working page with a notice of what was ignored, no panic, no console error', async () => {
  const urls = hostileUrls();
  assert.ok(urls.length >= 50, `${urls.length} URLs`);
  const server = await serve(DIST);
  const t = await newPage(browser, { allowed: [server.origin] });
  const failures = [];
  let current = '';
  t.page.on('dialog', async (d) => { failures.push(`${current}: a dialog opened (${d.message()})`); await d.dismiss(); });
  for (const q of urls) {
    const label = q.length > 60 ? `${q.slice(0, 60)}… (${q.length} characters)` : q;
    current = label;
    const errorsBefore = t.problems.console.length;
    await t.page.goto(`${server.url}?${q}`);
    try {
      await t.page.waitForSelector('.notice li', { timeout: 10000 });
    } catch {
      failures.push(`${label}: no notice`);
      continue;
    }
    const state = await t.page.evaluate(() => ({
      notices: [...document.querySelectorAll('.notice li')].map((li) => li.textContent),
      app: !!document.querySelector('.results-head, #compare, #matrix'),
      fatal: !!document.querySelector('#fatal-error, main.fatal'),
      pwned: typeof window.__pwned !== 'undefined',
      injected: document.querySelectorAll('img[src="x"], iframe, body script, [onerror], [onload], [onmouseover], body style').length,
      javascriptHref: [...document.querySelectorAll('[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
      hidden: getComputedStyle(document.body).display === 'none',
    }));
    const errors = t.problems.console.slice(errorsBefore);
    if (!state.app) failures.push(`${label}: the app did not render`);
    if (state.fatal) failures.push(`${label}: the fatal message is shown`);
    if (state.pwned || state.injected || state.javascriptHref || state.hidden) failures.push(`${label}: payload took effect ${JSON.stringify(state)}`);
    if (state.notices.some((n) => !n.trim())) failures.push(`${label}: an empty notice`);
    if (errors.length) failures.push(`${label}: console error ${errors.join(' | ')}`);
  }
  assert.deepEqual(failures, [], `${failures.length} of ${urls.length} hostile URLs failed`);
  assert.deepEqual(t.problems.foreign, []);
  await t.context.close();
  await server.close();
});
