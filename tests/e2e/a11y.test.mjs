// End-to-end: accessibility. axe-core (WCAG 2.1 A and AA rules) audits every view and its
// main states (tests/e2e/helpers.mjs VIEWS) at desktop and phone sizes, light and dark,
// and must find nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { serve, launch, newPage, openView, VIEWS, SPECIAL_VIEWS, DIST } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per violation and node, so a failure says what and where. */
function describe(violations) {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`));
}

for (const [width, height, tag] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
  for (const scheme of ['light', 'dark']) {
    test(`axe finds no WCAG 2.1 A/AA violation in any view at ${width}×${height} (${scheme})`, async () => {
      const found = [];
      let checked = 0;
      for (const [name, q] of VIEWS) {
        const t = await newPage(browser, { width, height, allowed: [server.origin] });
        await t.page.emulateMedia({ colorScheme: scheme });
        await openView(t.page, server.url, name, q);
        const result = await new AxeBuilder({ page: t.page }).withTags(TAGS).analyze();
        checked += result.passes.length;
        found.push(...describe(result.violations).map((l) => `${name}: ${l}`));
        assert.deepEqual(t.problems.console, [], name);
        await t.context.close();
      }
      assert.ok(checked > VIEWS.length * 10, `axe ran its rules (${checked} passes)`);
      assert.deepEqual(found, [], `${tag} ${scheme}`);
    });
  }
}


test('axe finds no violation in the sub-path build nor on the fatal message, at both sizes, light and dark', async () => {
  const found = [];
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    for (const scheme of ['light', 'dark']) {
      for (const [name, open] of SPECIAL_VIEWS) {
        const { t, close } = await open(browser, { width, height, init: (page) => page.emulateMedia({ colorScheme: scheme }) });
        const result = await new AxeBuilder({ page: t.page }).withTags(TAGS).analyze();
        assert.ok(result.passes.length > 5, `${name}: axe ran its rules`);
        found.push(...describe(result.violations).map((l) => `${name} ${width} ${scheme}: ${l}`));
        assert.deepEqual(t.problems.console, [], name);
        await close();
      }
    }
  }
  assert.deepEqual(found, []);
});
