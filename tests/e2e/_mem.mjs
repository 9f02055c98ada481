import { serve, launch, newPage } from './helpers.mjs';
const dir = process.argv[2];
const server = await serve(dir, { headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
const browser = await launch();
for (let run = 0; run < 2; run++) {
  const t = await newPage(browser, { allowed: [server.origin], serviceWorkers: 'block' });
  const { page } = t;
  await page.goto(server.url);
  await page.waitForFunction(() => performance.getEntriesByName('pce:timeline').length === 1, null, { timeout: 120000 });
  await page.waitForTimeout(2000);
  const r = await page.evaluate(async () => {
    const out = { isolated: crossOriginIsolated, heap: performance.memory.usedJSHeapSize };
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]));
    out.marks = marks;
    if (performance.measureUserAgentSpecificMemory) {
      const m = await performance.measureUserAgentSpecificMemory();
      out.uasm = m.bytes;
      out.breakdown = m.breakdown.filter((b) => b.bytes > 1e6).map((b) => [b.bytes, b.types.join('+')]);
    }
    return out;
  });
  console.log(JSON.stringify(r));
  await t.context.close();
}
await browser.close(); await server.close();
