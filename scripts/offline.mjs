// Offline use and installability, for release builds (run from postbuild.mjs, after csp.mjs
// and before precompress.mjs): a service worker that caches the build, a web app manifest,
// and the small script that registers the worker and announces a new deploy.
//
// - `offline-HASH.js` (src/offline.js, named by its hash, with its `integrity`) goes into
//   the page as a deferred script, with `<link rel="manifest">` and `<meta name="pce-sw"
//   content="VERSION">`, the build's version, which the script compares with a waiting
//   worker's.
// - `manifest.webmanifest`: name, colours (those of styles/base.css), the icons of assets/.
// - `sw.js` (src/sw.js with its BUILD filled in): every file of the build (not the .gz and
//   .br copies, which are other encodings of the same files, and not sw.js itself) with
//   its sha384 integrity, and the version: the first 16 hex digits of a sha256 over the
//   worker's code and the files' names and contents (index.html with an empty version),
//   so any change to any file of a deploy changes sw.js byte for byte, and the browser
//   installs the new worker.
//
// The worker's URL and scope are the app's folder (relative to the page's base URL), so a
// build under a sub-path (`--public-url /explorer/sub/`) caches and serves that folder.
// Debug builds (`trunk serve`) get none of this: a worker there would serve stale files
// during development.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sha = (alg, buf, enc = 'hex') => crypto.createHash(alg).update(buf).digest(enc);

/**
 * Above this many bytes the search index's files are not cached at install: a large
 * corpus's index (tens of megabytes at 10,000 articles) is fetched a chunk at a time, when
 * a search needs it, and offline only the searches already made work; a small one (the
 * real corpus's is under 40 KB) is cached with the rest, so every search works offline.
 */
export const PRECACHE_INDEX_MAX = 2 * 1024 * 1024;

/**
 * The files of `dir` the worker caches: all but the compressed copies and sw.js, and the
 * search index's files (`index/`) when they are small enough, sorted.
 */
export function precacheFiles(dir) {
  const top = fs.readdirSync(dir)
    .filter((f) => fs.statSync(path.join(dir, f)).isFile() && !/\.(gz|br)$/.test(f) && f !== 'sw.js' && !f.startsWith('.'));
  const indexDir = path.join(dir, 'index');
  const index = fs.existsSync(indexDir)
    ? fs.readdirSync(indexDir).filter((f) => /^[0-9a-f]{16}\.bin$/.test(f)).map((f) => `index/${f}`)
    : [];
  const indexBytes = index.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  return [...top, ...(indexBytes <= PRECACHE_INDEX_MAX ? index : [])].sort();
}

/** A colour custom property of the light theme in styles/base.css (`--bg` → `#ffffff`). */
export function themeColour(css, name) {
  const root = /:root\s*\{([^}]*)\}/.exec(css);
  const m = root && new RegExp(`${name}:\\s*(#[0-9a-fA-F]{3,8})\\s*;`).exec(root[1]);
  if (!m) throw new Error(`offline.mjs: no ${name} colour in the :root block of styles/base.css`);
  return m[1];
}

/** The web app manifest, as text. */
export function manifest(css) {
  return JSON.stringify({
    name: 'Peru Crisis Explorer',
    short_name: 'Peru Explorer',
    description: "Explore news articles on Peru's political crisis: a timeline, people, organizations, places, figures and full-text search, every claim linked to its passage.",
    lang: 'en',
    start_url: '.',
    scope: '.',
    display: 'standalone',
    background_color: themeColour(css, '--bg'),
    theme_color: themeColour(css, '--accent'),
    icons: [
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
    ],
  }, null, 2) + '\n';
}

const OFFLINE_TAGS = /<meta name="pce-sw"[^>]*>|<link rel="manifest"[^>]*>|<script defer src="[^"]*offline-[0-9a-f]{16}\.js"[^>]*><\/script>/g;
const META = (v) => `<meta name="pce-sw" content="${v}">`;

/**
 * Make the build in `dir` (whose index.html is `html`, served at `publicUrl`) work offline:
 * writes the script, the manifest and sw.js into `dir`, returns the new index.html and
 * what was done (a promise of `{ html, version, files }`). Running it again on its own
 * output gives the same result.
 */
export async function addOffline(dir, html, publicUrl) {
  for (const f of fs.readdirSync(dir)) {
    if (/^offline-[0-9a-f]{16}\.js$/.test(f)) fs.rmSync(path.join(dir, f));
  }
  // Minified: 5.0 KB raw, 1.9 KB gzip as written; 2.0 KB raw, 0.9 KB gzip minified.
  const script = (await minify(fs.readFileSync(path.join(ROOT, 'src/offline.js'), 'utf8'),
    { compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
  const name = `offline-${sha('sha256', script).slice(0, 16)}.js`;
  fs.writeFileSync(path.join(dir, name), script);
  fs.writeFileSync(path.join(dir, 'manifest.webmanifest'),
    manifest(fs.readFileSync(path.join(ROOT, 'styles/base.css'), 'utf8')));
  for (const icon of ['icon.svg', 'icon-192.png', 'icon-512.png']) {
    if (!fs.existsSync(path.join(dir, icon))) throw new Error(`offline.mjs: ${icon} is not in the build (index.html copies it from assets/)`);
  }
  const tags = `${META('')}<link rel="manifest" href="manifest.webmanifest">`
    + `<script defer src="${publicUrl}${name}" integrity="sha384-${sha('sha384', script, 'base64')}"></script>`;
  const bare = html.replace(OFFLINE_TAGS, '');
  const unversioned = bare.replace(/<\/head>/i, `${tags}</head>`);
  if (unversioned === bare) throw new Error('offline.mjs: no </head> in index.html');
  fs.writeFileSync(path.join(dir, 'index.html'), unversioned);
  const list = precacheFiles(dir);
  const template = fs.readFileSync(path.join(ROOT, 'src/sw.js'), 'utf8');
  // The worker's own code counts too: a new worker is a new version.
  const hash = crypto.createHash('sha256').update(template).update('\0');
  for (const f of list) hash.update(`${f}\0`).update(fs.readFileSync(path.join(dir, f))).update('\0');
  const version = hash.digest('hex').slice(0, 16);
  const out = unversioned.replace(META(''), META(version));
  fs.writeFileSync(path.join(dir, 'index.html'), out);
  const files = list.map((f) => ({ name: f, integrity: `sha384-${sha('sha384', fs.readFileSync(path.join(dir, f)), 'base64')}` }));
  const marker = "/* BUILD */ { version: 'dev', files: [] }";
  if (!template.includes(marker)) throw new Error('offline.mjs: src/sw.js has lost its BUILD marker');
  // The build's copy without the long comment at the top (it is in src/sw.js).
  const body = template.replace(/^(\/\/.*\n)+/, "// The explorer's service worker (src/sw.js, written by scripts/offline.mjs).\n");
  fs.writeFileSync(path.join(dir, 'sw.js'), body.replace(marker, JSON.stringify({ version, files }, null, 1)));
  return { html: out, version, files: list };
}
