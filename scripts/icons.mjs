// The PNG renderings of the app's icon (assets/icon.svg) that the web app manifest names:
// 192×192 and 512×512, the sizes Chromium's install prompt asks for. Rendered by the same
// headless Chromium the tests use; the results are committed (assets/icon-192.png,
// assets/icon-512.png), so a build needs no browser. Run again after changing the SVG:
// `node scripts/icons.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { launch, ROOT } from '../tests/e2e/helpers.mjs';

const svg = fs.readFileSync(path.join(ROOT, 'assets/icon.svg'), 'utf8');
const browser = await launch();
for (const size of [192, 512]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  const out = path.join(ROOT, `assets/icon-${size}.png`);
  await page.screenshot({ path: out, omitBackground: true });
  console.log(`icons: ${path.relative(ROOT, out)} (${fs.statSync(out).size} bytes)`);
  await page.close();
}
await browser.close();
