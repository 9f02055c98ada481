// Minify the wasm-bindgen JavaScript glue with terser and update its `integrity` hash in
// index.html. Trunk 0.21 fails to minify it ("Failed to minify JS") and ships it as is
// (46 KB raw, 8.2 KB gzip); minified it is about 6.3 KB gzip. The fatal-error handler too
// (minifyFatal). Run from postbuild.mjs.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { minify } from 'terser';

/** Minify the glue in `dir`; returns `html` with the new hash, and a report line. */
export function minifyGlue(dir, html) {
  return minifyScript(dir, html, /^peru-crisis-explorer-[0-9a-f]+\.js$/, 'glue', { module: true });
}

/**
 * Minify the fatal-error handler (`src/fatal.js`, copied unminified by trunk: its
 * `data-no-minify`). Trunk's own minifier gives a different output on each build of the
 * same file (its variables come out in another order), so the file's name and contents
 * changed with every build, and so did the service worker's version (scripts/offline.mjs):
 * a rebuild of the same sources would have been announced to readers as a new version.
 * Terser's output is the same every time.
 */
export function minifyFatal(dir, html) {
  return minifyScript(dir, html, /^fatal-[0-9a-f]+\.js$/, 'fatal-error handler', {});
}

async function minifyScript(dir, html, pattern, what, opts) {
  const found = fs.readdirSync(dir).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`minify: expected one ${what} file in ${dir}, found ${found.length}`);
  const [name] = found;
  const file = path.join(dir, name);
  const source = fs.readFileSync(file, 'utf8');
  const out = await minify(source, { ...opts, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  fs.writeFileSync(file, out.code);
  const integrity = 'sha384-' + crypto.createHash('sha384').update(out.code).digest('base64');
  // Every tag that loads the file carries its hash: replace the hash in those tags only.
  let tags = 0;
  const updated = html.replace(/<(link|script)\b[^>]*>/g, (tag) => {
    if (!tag.includes(name)) return tag;
    tags += 1;
    return tag.replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+\1/, `integrity="${integrity}"`);
  });
  if (tags === 0) throw new Error(`minify: no tag in index.html loads ${name}`);
  return { html: updated, report: `${name} ${source.length} → ${out.code.length} bytes, ${tags} integrity hash(es) updated` };
}
