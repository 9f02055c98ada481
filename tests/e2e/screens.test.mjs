// Screenshots of every view at desktop and phone widths, into screenshots/ (ignored by
// git), for a person to look at. Also checks that no view overflows sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, ready, shot, DIST } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const VIEWS = [
  ['home', ''],
  ['search', 'q=Kenna'],
  ['filtered', 'e=dina-boluarte,lima&from=2023-01-01&to=2023-12-31'],
  ['reader', 'a=2023-01-takeover-of-lima&p=p14&q=Kenna'],
  ['entity-card', 'a=2023-01-takeover-of-lima&ent=lisa-kenna'],
  ['notice', 'e=nobody&from=2023-02-30'],
  ['embed', 'embed=1&q=troops'],
  ['timeline-event', 'win=2022-11-20,2023-02-10&ev=era-state-of-emergency'],
  ['timeline-whole', 'win=1915-11-26,2028-02-07&e=dina-boluarte'],
  ['timeline-list', 'timeline=list&e=dina-boluarte'],
  ['compare', 'cmp=2023-01-takeover-of-lima,2024-12-police-state-buildup&cmpsel=entity:dina-boluarte'],
  ['compare-figures', 'cmp=2022-12-protests-mount,2023-07-protests-resume'],
  ['matrix', 'view=matrix&kind=person,organization'],
  ['matrix-chart', 'view=matrix'],
];

for (const [w, h, tag] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
  for (const scheme of ['light', 'dark']) {
    test(`screenshots at ${tag} (${scheme})`, async () => {
      for (const [name, q] of VIEWS) {
        const t = await newPage(browser, { width: w, height: h, allowed: [server.origin] });
        await t.page.emulateMedia({ colorScheme: scheme });
        await t.page.goto(server.url + (q ? `?${q}` : ''));
        if (q.includes('cmp=')) {
          await t.page.waitForSelector('#compare .col-body .para');
          if (name.endsWith('-figures')) await t.page.locator('.figures-section').scrollIntoViewIfNeeded();
        } else if (q.includes('view=matrix')) {
          await t.page.waitForSelector('#matrix .matrix-table tbody tr');
          if (name.endsWith('-chart')) await t.page.locator('.charts').scrollIntoViewIfNeeded();
        } else {
          await ready(t.page);
        }
        if (q.includes('ent=')) await t.page.waitForSelector('.entity-card');
        await shot(t.page, `${name}-${tag}-${scheme}`);
        const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name} at ${tag} overflows by ${overflow}px`);
        assert.deepEqual(t.problems.console, [], name);
        await t.context.close();
      }
    });
  }
}
