// Minify the wasm-bindgen JavaScript glue with terser and update its `integrity` hash in
// index.html. Trunk 0.21 fails to minify it ("Failed to minify JS") and ships it as is
// (46 KB raw, 8.2 KB gzip); minified it is about 6.3 KB gzip. Run from postbuild.mjs.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { minify } from 'terser';

/** Minify the glue in `dir`; returns `html` with the new hash, and a report line. */
export async function minifyGlue(dir, html) {
  const glue = fs.readdirSync(dir).filter((f) => /^peru-crisis-explorer-[0-9a-f]+\.js$/.test(f));
  if (glue.length !== 1) throw new Error(`minify: expected one glue file in ${dir}, found ${glue.length}`);
  const [name] = glue;
  const file = path.join(dir, name);
  const source = fs.readFileSync(file, 'utf8');
  const out = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
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
