// Screenshots of every view at desktop and phone widths, into screenshots/ (ignored by
// git), for a person to look at. Also checks that no view overflows sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, openView, shot, VIEWS, DIST } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });


for (const [w, h, tag] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshots at ${tag} (${scheme})`, async () => {
      for (const [name, q] of VIEWS) {
        const t = await newPage(browser, { width: w, height: h, allowed: [server.origin] });
        await t.page.emulateMedia({ colorScheme: scheme });
        await openView(t.page, server.url, name, q);
        await shot(t.page, `${name}-${tag}-${scheme}`);
        const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name} at ${tag} overflows by ${overflow}px`);
        assert.deepEqual(t.problems.console, [], name);
        await t.context.close();
      }
    });
  }
}
