// End-to-end: the Nu HTML checker (npm vnu-jar, on the machine's Java) finds no error in
// the built dist/index.html nor in the rendered DOM of any view (helpers.mjs VIEWS) at
// desktop and phone sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { serve, launch, newPage, openView, VIEWS, SPECIAL_VIEWS, DIST } from './helpers.mjs';

const VNU = createRequire(import.meta.url)('vnu-jar');

let server, browser;
before(async () => { server = await serve(DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Run the checker over `files`; its messages of type "error", as `file:line: message`. */
function check(files) {
  let out;
  try {
    out = execFileSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    // vnu exits 1 when it reports errors; the report is on stderr.
    out = e.stderr || e.stdout;
    if (!out) throw e;
  }
  const report = JSON.parse(out || '{"messages":[]}');
  return report.messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal')
    .map((m) => `${path.basename(decodeURIComponent(m.url || ''))}:${m.lastLine ?? '?'}: ${m.message}`);
}

test('dist/index.html and the rendered DOM of every view (the sub-path build and the fatal message too) are valid HTML', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pce-vnu-'));
  const files = [path.join(DIST, 'index.html')];
  for (const [width, height, tag] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
    const t = await newPage(browser, { width, height, allowed: [server.origin] });
    for (const [name, q] of VIEWS) {
      await openView(t.page, server.url, name, q);
      const file = path.join(dir, `${name}-${tag}.html`);
      fs.writeFileSync(file, '<!doctype html>\n' + await t.page.evaluate(() => document.documentElement.outerHTML));
      files.push(file);
    }
    assert.deepEqual(t.problems.console, []);
    await t.context.close();
    for (const [name, open] of SPECIAL_VIEWS) {
      const special = await open(browser, { width, height });
      const file = path.join(dir, `${name}-${tag}.html`);
      fs.writeFileSync(file, '<!doctype html>\n' + await special.t.page.evaluate(() => document.documentElement.outerHTML));
      files.push(file);
      assert.deepEqual(special.t.problems.console, [], name);
      await special.close();
    }
  }
  const errors = check(files);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(errors, [], `${errors.length} error(s) from the Nu HTML checker`);
});

test('the checker is wired up: it reports an error in broken HTML', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pce-vnu-'));
  const bad = path.join(dir, 'bad.html');
  fs.writeFileSync(bad, '<!doctype html><html lang=en><title>x</title><p><div id=a></div><div id=a></div>');
  const errors = check([bad]);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.ok(errors.some((e) => /Duplicate ID/.test(e)), errors.join('\n'));
});
