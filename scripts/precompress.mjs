// Precompressed copies of the built files, for static hosts that serve them as they are
// (nginx `gzip_static`/`brotli_static`, Caddy `file_server { precompressed br gzip }`, a CDN
// that takes `.br`/`.gz` siblings): `name.gz` (gzip -9) and `name.br` (brotli quality 11)
// beside every text file and the WebAssembly, when the copy is smaller. A host that ignores
// them compresses on the fly or serves the originals; the app is the same either way.
//
// Run from postbuild.mjs (release builds), or by hand: `node scripts/precompress.mjs DIST`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** File types worth compressing (images and fonts are compressed already). */
export const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|txt|webmanifest)$/;

/** Write `.gz` and `.br` beside each compressible file of `dir`; returns what was written. */
export function precompress(dir) {
  const written = [];
  for (const f of fs.readdirSync(dir)) {
    const file = path.join(dir, f);
    if (!fs.statSync(file).isFile() || !COMPRESSIBLE.test(f)) continue;
    const buf = fs.readFileSync(file);
    const copies = [
      ['.gz', zlib.gzipSync(buf, { level: 9 })],
      ['.br', zlib.brotliCompressSync(buf, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      } })],
    ];
    for (const [ext, out] of copies) {
      if (out.length >= buf.length) continue;
      fs.writeFileSync(file + ext, out);
      written.push(f + ext);
    }
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/precompress.mjs DIST');
    process.exit(2);
  }
  console.log(`precompress: ${precompress(dir).length} file(s) written`);
}
