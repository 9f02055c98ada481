// The render guard: what each interaction re-renders and which parts of the page it
// touches, counted, not timed. A change that makes a keystroke redraw the timeline, or a
// zoom step redraw the results, fails here whatever the machine's speed.
//
// Runs against the real corpus built with test hooks (PCE_TEST_HOOKS=1, target/dist-hooks):
// `window.wasmBindings.pce_test_renders()` counts each component's renders, and a
// MutationObserver records every DOM change with the part of the page it is in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve, launch, openApp, assertClean, ROOT, DIST } from './helpers.mjs';

const DIST_HOOKS = process.env.DIST_HOOKS_DIR || path.join(ROOT, 'target', 'dist-hooks');
const BUILD = 'PCE_TEST_HOOKS=1 trunk build --release --dist target/dist-hooks';

let server, browser;
before(async () => {
  if (!fs.existsSync(path.join(DIST_HOOKS, 'index.html'))) {
    throw new Error(`no build with test hooks in ${DIST_HOOKS}; build it with: ${BUILD}`);
  }
  server = await serve(DIST_HOOKS);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Open the app, wait until it is drawn and quiet, and install the mutation recorder. */
async function open(q = '') {
  const t = await openApp(browser, server, q);
  await t.page.waitForSelector('.graph [data-key]');
  await t.page.waitForFunction(() => typeof window.wasmBindings?.pce_test_renders === 'function');
  await t.page.waitForTimeout(400);
  return t;
}

/**
 * Do `act` and report what it caused once the page is quiet: `renders` (component →
 * count) and `mutations`, each `{ area, type, name, mark }` where `area` is the part of
 * the page, `name` the attribute, and `mark` whether it is inside a timeline mark (or a
 * mark's visible name).
 */
async function effects(page, act) {
  await page.evaluate(() => {
    window.wasmBindings.pce_test_reset_renders();
    window.__muts = [];
    window.__mo = new MutationObserver((ms) => {
      for (const m of ms) {
        const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        const area = el.closest('.graph') ? 'graph' : el.closest('.overview, .overview-handle') ? 'overview'
          : el.closest('.timeline') ? 'timeline' : el.closest('#results') ? 'results' : el.closest('.filters') ? 'filters'
            : el.closest('#reader') ? 'reader' : el.closest('.entity-card') ? 'card' : el.closest('header.top') ? 'header'
              : el.closest('#compare, #matrix') ? 'compare' : 'other';
        const mark = !!el.closest('.graph [data-key], .graph [data-for]');
        const layer = el.closest('.graph g[class]') ? el.closest('.graph g[class]').getAttribute('class').split(' ')[0] : null;
        window.__muts.push({ area, type: m.type, name: m.attributeName, mark, layer, added: m.addedNodes ? m.addedNodes.length : 0, removed: m.removedNodes ? m.removedNodes.length : 0 });
      }
    });
    window.__mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await act();
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    window.__mo.disconnect();
    return { renders: JSON.parse(window.wasmBindings.pce_test_renders()), mutations: window.__muts };
  });
}

const renders = (r, name) => r.renders[name] || 0;
const inArea = (r, area) => r.mutations.filter((m) => m.area === area);
/** Changes to a mark's geometry or content: anything but its class and description. */
const markGeometry = (r) => r.mutations.filter((m) => m.area === 'graph' && m.mark
  && !(m.type === 'attributes' && ['class', 'aria-describedby'].includes(m.name)));
/** Marks added to or removed from the drawing's layers of marks. */
const markChurn = (r) => r.mutations.filter((m) => m.area === 'graph' && m.type === 'childList'
  && ['bands', 'events', 'labels', 'clusters', 'articles', 'band-names'].includes(m.layer));

const TIMELINE_MARKS = ['Graph', 'Grid', 'Bands', 'Events', 'Clusters', 'Articles', 'Ticks', 'Overview', 'Density'];

test('a keystroke re-renders the results and facets, and touches no timeline mark', async () => {
  const t = await open();
  const { page } = t;
  let changed = 0;
  for (const c of 'lima') {
    const r = await effects(page, () => page.type('#search', c));
    for (const name of TIMELINE_MARKS) assert.equal(renders(r, name), 0, `'${c}': ${name} re-rendered`);
    for (const name of ['Shell', 'Notices', 'Reader', 'EntityCard', 'DateRange']) {
      assert.equal(renders(r, name), 0, `'${c}': ${name} re-rendered`);
    }
    // The first letter sets a filter: the panel gains "Clear all filters" and the
    // timeline its "Hide what does not match"; after that they stay as they are.
    const first = c === 'l';
    for (const name of ['Timeline', 'FilterPanel']) {
      assert.ok(renders(r, name) <= (first ? 1 : 0), `'${c}': ${name} rendered ${renders(r, name)} times`);
    }
    assert.ok(renders(r, 'ResultsView') <= 1, `'${c}': ResultsView ${renders(r, 'ResultsView')}`);
    assert.ok(renders(r, 'Facet') <= 4, `'${c}': one render per facet at most`);
    assert.ok(renders(r, 'SearchBox') <= 1);
    assert.deepEqual(markGeometry(r), [], `'${c}': no mark moved or changed shape`);
    assert.deepEqual(markChurn(r), [], `'${c}': no mark added or removed`);
    assert.deepEqual(inArea(r, 'overview'), [], `'${c}': the overview is untouched`);
    if (inArea(r, 'results').length) changed++;
  }
  assert.ok(changed > 0, 'typing "lima" changed the results at least once');
  assertClean(t);
  await t.context.close();
});

test('a zoom or pan step redraws the timeline only', async () => {
  const t = await open();
  const { page } = t;
  for (const label of ['Zoom in', 'Later', 'Zoom out', 'Earlier']) {
    const r = await effects(page, () => page.click(`.timeline-tools button[aria-label="${label}"]`));
    assert.ok(renders(r, 'Graph') >= 1, `${label}: the graph redrew`);
    assert.ok(renders(r, 'Graph') <= 2, `${label}: Graph rendered ${renders(r, 'Graph')} times`);
    for (const name of ['ResultsView', 'ResultItem', 'EventItem', 'Facet', 'FacetValue', 'SearchBox', 'Shell', 'Timeline', 'TimelineList', 'FilterPanel']) {
      assert.equal(renders(r, name), 0, `${label}: ${name} re-rendered`);
    }
    for (const area of ['results', 'filters', 'header', 'reader']) assert.deepEqual(inArea(r, area), [], `${label}: ${area} untouched`);
    // Marks that stay in view move: only their transform (and a span's width) change.
    const moved = markGeometry(r).filter((m) => m.type === 'attributes');
    assert.ok(moved.length > 0, `${label}: marks moved`);
  }
  assertClean(t);
  await t.context.close();
});

test('a facet toggle dims the timeline in place and leaves the search box and timeline panel alone', async () => {
  const t = await open();
  const { page } = t;
  // What each listed facet value shows: its count, whether it is ticked or disabled.
  const values = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.facet-value')]
    .map((li) => { const i = li.querySelector('input'); return [i.id, `${li.className}|${i.checked}|${i.disabled}|${li.querySelector('.count').title}`]; })));
  for (let i = 0; i < 2; i++) {
    const before = await values();
    const r = await effects(page, () => page.click('#f-dina-boluarte'));
    const after = await values();
    const changed = Object.entries(after).filter(([id, v]) => before[id] !== v).length;
    for (const name of [...TIMELINE_MARKS, 'SearchBox', 'Reader']) assert.equal(renders(r, name), 0, `toggle ${i}: ${name} re-rendered`);
    assert.deepEqual(markGeometry(r), [], `toggle ${i}: no mark moved`);
    assert.deepEqual(markChurn(r), [], `toggle ${i}: no mark added or removed`);
    assert.ok(inArea(r, 'graph').some((m) => m.name === 'class'), `toggle ${i}: marks were dimmed or undimmed`);
    // Only the values whose count or state changed (or that came into the list) render.
    assert.ok(changed > 0, `toggle ${i}: some counts changed`);
    assert.ok(renders(r, 'FacetValue') <= changed, `toggle ${i}: ${renders(r, 'FacetValue')} facet values rendered, ${changed} changed`);
  }
  assertClean(t);
  await t.context.close();
});

test('opening an entity card re-renders the card and the layout around it, nothing else', async () => {
  const t = await open('a=2023-01-takeover-of-lima');
  const { page } = t;
  await page.waitForSelector('#reader a.mention');
  const r = await effects(page, () => page.click('#reader a.mention'));
  assert.equal(renders(r, 'EntityCard'), 1);
  for (const name of [...TIMELINE_MARKS, 'ResultsView', 'ResultItem', 'Facet', 'FacetValue', 'SearchBox', 'Reader', 'ParagraphView', 'Timeline']) {
    assert.equal(renders(r, name), 0, `${name} re-rendered`);
  }
  for (const area of ['graph', 'results', 'filters', 'reader']) assert.deepEqual(inArea(r, area), [], `${area} untouched`);
  assertClean(t);
  await t.context.close();
});

test('opening an article re-renders the reader and marks the current result, nothing of the facets or the events', async () => {
  const t = await open();
  const { page } = t;
  const r = await effects(page, () => page.click('.result-list > li:first-child h3 a'));
  assert.equal(renders(r, 'Reader'), 1);
  assert.ok(renders(r, 'ResultItem') <= 1, 'one result row marked current');
  for (const name of ['Graph', 'Events', 'Bands', 'Clusters', 'Facet', 'FacetValue', 'SearchBox', 'EventItem']) {
    assert.equal(renders(r, name), 0, `${name} re-rendered`);
  }
  assert.deepEqual(inArea(r, 'filters'), [], 'filters untouched');
  assert.deepEqual(markChurn(r), [], 'no mark added or removed');
  assertClean(t);
  await t.context.close();
});

test('a normal build has no test-only export', async () => {
  const glue = fs.readdirSync(DIST).filter((f) => /^peru-crisis-explorer-.*\.js$/.test(f));
  assert.equal(glue.length, 1);
  assert.doesNotMatch(fs.readFileSync(path.join(DIST, glue[0]), 'utf8'), /pce_test_/);
  const hooks = fs.readdirSync(DIST_HOOKS).filter((f) => /^peru-crisis-explorer-.*\.js$/.test(f));
  assert.match(fs.readFileSync(path.join(DIST_HOOKS, hooks[0]), 'utf8'), /pce_test_renders/, 'the check would see one');
  const normal = await serve(DIST);
  const t = await openApp(browser, normal);
  assert.equal(await t.page.evaluate(() => typeof window.wasmBindings?.pce_test_renders), 'undefined');
  await t.context.close();
  await normal.close();
});
