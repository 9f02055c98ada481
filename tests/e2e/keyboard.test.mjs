// End-to-end: the main tasks with the keyboard alone: search, filter, open an article,
// step through the timeline, open an event, compare two articles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, openView, DIST } from './helpers.mjs';

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Press Tab (or Shift+Tab) until `pred` holds for the focused element; at most `max` presses. */
async function tabTo(page, pred, arg, { max = 120, back = false } = {}) {
  const path = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate(pred, arg)) return;
    path.push(await page.evaluate(() => {
      const e = document.activeElement;
      return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} “${(e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 30)}”`;
    }));
  }
  throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} never reached ${arg}; the focus went to: ${path.slice(-12).join(' → ')}`);
}
const focusIs = (sel) => document.activeElement?.matches(sel) ?? false;

test('keyboard only: search, filter, open an article, step through the timeline, open an event, compare two articles', async () => {
  const t = await newPage(browser, { allowed: [server.origin] });
  const { page } = t;
  await openView(page, server.url, 'home', '');
  // The first Tab reaches the skip link, which is visible when focused.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(focusIs, '.skip-link'));
  assert.ok(await page.locator('.skip-link').isVisible());
  // Search: "/" focuses the box from anywhere.
  await page.keyboard.press('/');
  assert.ok(await page.evaluate(focusIs, '#search'));
  await page.keyboard.type('Boluarte');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'Boluarte');
  const all = await page.locator('.result-list > li').count();
  // Filter: Tab to the places' filter box, narrow it, Tab to Lima, Space ticks it.
  await tabTo(page, focusIs, '#facet-place-filter');
  await page.keyboard.type('lim');
  await tabTo(page, focusIs, '#f-lima');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => (new URL(location.href).searchParams.get('e') || '').includes('lima'));
  assert.ok(await page.isChecked('#f-lima'));
  const filtered = await page.locator('.result-list > li').count();
  assert.ok(filtered >= 1 && filtered <= all, `${filtered} of ${all}`);
  // Open an article: Tab to the first result's title, Enter.
  await tabTo(page, focusIs, '.result h3 a');
  const title = (await page.evaluate(() => document.activeElement.textContent)).trim();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reader');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('a'));
  assert.equal((await page.locator('#reader-title').innerText()).trim(), title);
  // Step through the timeline: one tab stop (searching backwards from the reader), then arrows.
  await tabTo(page, focusIs, '.graph [data-key]', { back: true });
  assert.equal(await page.locator('.graph [data-key][tabindex="0"]').count(), 1);
  const key = () => page.evaluate(() => document.activeElement.getAttribute('data-key'));
  const seen = new Set([await key()]);
  for (let i = 0; i < 4; i++) {
    const before = await key();
    await page.keyboard.press('ArrowRight');
    // Focus follows the mark once the graph has drawn the move (a task later).
    await page.waitForFunction((k) => document.activeElement.getAttribute('data-key') !== k, before);
    seen.add(await key());
  }
  assert.ok(seen.size >= 3, `arrows moved the focus: ${[...seen].join(', ')}`);
  // Open an event: step to an event mark, Enter opens its card; its quotes are links.
  let onEvent = await page.evaluate(() => document.activeElement.classList.contains('event'));
  for (let i = 0; i < 40 && !onEvent; i++) {
    await page.keyboard.press('ArrowRight');
    onEvent = await page.evaluate(() => document.activeElement.classList.contains('event'));
  }
  assert.ok(onEvent, 'an event mark has focus');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.event-card');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('ev'));
  // Escape closes the card and gives the focus back to the mark.
  await page.keyboard.press('Escape');
  await page.waitForSelector('.event-card', { state: 'detached' });
  assert.ok(await page.evaluate(focusIs, '.graph [data-key]'));
  // Compare two articles: Tab to "Compare with" in the reader and choose with the arrows.
  await tabTo(page, focusIs, '#reader select');
  await page.keyboard.press('ArrowDown');
  await page.waitForSelector('#compare .col-body .para');
  // The address follows the view right after it is drawn.
  await page.waitForFunction(() => /^[a-z0-9-]+,[a-z0-9-]+$/.test(new URL(location.href).searchParams.get('cmp') || ''));
  // In the comparison: a shared name, Enter marks it, the stepper moves through its places.
  await tabTo(page, focusIs, '.counts button');
  const name = (await page.evaluate(() => document.activeElement.textContent)).trim();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (new URL(location.href).searchParams.get('cmpsel') || '').startsWith('entity:'));
  await tabTo(page, focusIs, '.col.left .stepper button:last-of-type');
  const before = await page.locator('.col.left .stepper').innerText();
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => document.querySelector('.col.left .stepper').innerText !== b, before);
  assert.match(await page.locator('.col.left .stepper').innerText(), /2 of \d+/, `stepping through ${name}`);
  // Every focused element on the way showed a focus indicator (checked on the last one).
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  assert.deepEqual(t.problems.console, []);
  await t.context.close();
});
