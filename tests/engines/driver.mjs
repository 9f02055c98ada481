// One small driver for three browser engines, so that each flow of the cross-engine suite
// (flows.mjs) is written once and runs in all of them:
//
// - Chromium: Debian's /usr/bin/chromium through playwright-core (as the e2e suite);
// - Firefox: Debian's /usr/bin/firefox-esr through puppeteer-core over WebDriver BiDi (no
//   geckodriver); a fresh browser context per page, which also has the focus
//   (`document.hasFocus()` stays false in the browser's first tab);
// - WebKit: Debian's webkit2gtk-driver, /usr/bin/WebKitWebDriver, through selenium-webdriver.
//   WebKitGTK 2.50's MiniBrowser has no headless mode (no `--headless` option; it needs a
//   display), so the driver runs under `xvfb-run -a`. One WebKitWebDriver per engine, one
//   WebDriver session (one MiniBrowser) per page. MiniBrowser's window cannot be narrower
//   than its GTK toolbar (447 px): a GTK stylesheet (XDG_CONFIG_HOME) shrinks the toolbar
//   so that 390 px works, and turns GTK animations off, which WebKitGTK reports as
//   `prefers-reduced-motion: reduce`. This build has no BiDi, so console errors cannot be
//   listened to: an injected script records `console.error`, uncaught errors and unhandled
//   rejections after each load (earlier ones still show the app's fatal message, which
//   every flow checks for).
//
// A page offers: goto, reload, url, evaluate (a function and JSON arguments), waitFor (polls
// a function until it returns a truthy value, no sleeps), click (a selector, optionally the
// first match containing a text), fill, press and type (keys to the focused element), drag
// (mouse, viewport coordinates), setSize, errors and close.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
const TIMEOUT = Number(process.env.ENGINE_TIMEOUT || 15000);

/** Start `name` (one of ENGINES); returns { name, newPage(opts), close() }. */
export async function startEngine(name) {
  if (name === 'chromium') return chromium();
  if (name === 'firefox') return firefox();
  if (name === 'webkit') return webkit();
  throw new Error(`unknown engine ${name}`);
}

/** The parts every engine shares: waiting, clicking by text, errors. */
class Page {
  constructor(engine) { this.engine = engine; this.problems = []; }

  /** Evaluate `fn(...args)` in the page; `fn` must not close over anything. */
  evaluate(fn, ...args) { return this.eval(`(${fn}).apply(null, ${JSON.stringify(args)})`); }

  /** Poll `fn(...args)` until it returns something truthy, and return it. */
  async waitFor(fn, ...args) {
    const until = Date.now() + TIMEOUT;
    let last;
    for (;;) {
      try {
        const v = await this.evaluate(fn, ...args);
        if (v) return v;
      } catch (e) { last = e; } // a navigation in progress
      if (Date.now() > until) {
        // An app that stopped says why (a trap, an uncaught error): put that in the failure.
        const fatal = await this.eval("document.getElementById('fatal-error')?.innerText || ''").catch(() => '');
        throw new Error(`${this.engine}: timed out after ${TIMEOUT} ms waiting for ${String(fn).slice(0, 200)} ${JSON.stringify(args)}${last ? ` (last error: ${last.message})` : ''}${fatal ? `; the app stopped: ${fatal}` : ''}`);
      }
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  /** Wait for `selector` to match an element, and return how many it matches. */
  waitForSelector(selector) {
    return this.waitFor((s) => document.querySelectorAll(s).length, selector);
  }

  count(selector) { return this.evaluate((s) => document.querySelectorAll(s).length, selector); }

  text(selector) {
    return this.evaluate((s) => { const e = document.querySelector(s); return e ? e.innerText : null; }, selector);
  }

  /**
   * Click the first element matching `selector` (and containing `text`, if given) as a
   * user would: scrolled into view, the mouse pressed at its centre.
   */
  async click(selector, { text } = {}) {
    const target = await this.waitFor((s, t) => {
      const el = [...document.querySelectorAll(s)].find((e) => t == null || e.textContent.includes(t));
      if (!el) return null;
      const id = String(Math.random()).slice(2);
      el.setAttribute('data-engine-click', id);
      el.scrollIntoView({ block: 'center', inline: 'center' });
      return `[data-engine-click="${id}"]`;
    }, selector, text ?? null);
    await this.clickSelector(target);
  }

  /** Focus the element matching `selector` and type `text` over its value. */
  async fill(selector, text) {
    await this.waitFor((s) => { const e = document.querySelector(s); if (!e) return false; e.focus(); e.select?.(); return true; }, selector);
    await this.type(text);
  }

  /** Console errors, uncaught errors and unhandled rejections seen so far. */
  async errors() { return this.problems; }
}

// ---------------------------------------------------------------- Chromium (Playwright)

async function chromium() {
  const { chromium: pw } = await import('playwright-core');
  const browser = await pw.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    name: 'chromium',
    async newPage({ width = 1280, height = 800 } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const p = new Page('chromium');
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') p.problems.push(`${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => p.problems.push(`uncaught: ${e}`));
      attachPage(p, page, context, (w, h) => page.setViewportSize({ width: w, height: h }));
      return p;
    },
    close: () => browser.close(),
  };
}

/** The Page methods of a Playwright or Puppeteer page (the two APIs agree on these). */
function attachPage(p, page, context, setSize) {
  Object.assign(p, {
    eval: (src) => page.evaluate(src),
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    url: async () => page.url(),
    clickSelector: (s) => page.click(s),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    drag: (from, to) => mouseDrag(page.mouse, from, to),
    setSize,
    close: () => context.close(),
  });
}

async function mouseDrag(mouse, [x0, y0], [x1, y1]) {
  await mouse.move(x0, y0);
  await mouse.down();
  for (let i = 1; i <= 8; i++) await mouse.move(x0 + ((x1 - x0) * i) / 8, y0 + ((y1 - y0) * i) / 8);
  await mouse.up();
}

// ---------------------------------------------------------------- Firefox (Puppeteer, BiDi)

async function firefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr',
    protocol: 'webDriverBiDi',
    headless: true,
    // prefers-reduced-motion: reduce, as in the other engines.
    extraPrefsFirefox: { 'ui.prefersReducedMotion': 1 },
  });
  return {
    name: 'firefox',
    async newPage({ width = 1280, height = 800 } = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width, height });
      const p = new Page('firefox');
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') p.problems.push(`${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => p.problems.push(`uncaught: ${e}`));
      attachPage(p, page, context, (w, h) => page.setViewport({ width: w, height: h }));
      return p;
    },
    close: () => browser.close(),
  };
}

// ---------------------------------------------------------------- WebKit (Selenium, WebKitWebDriver)

const MINIBROWSER = process.env.MINIBROWSER
  || ['/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser'].find((f) => fs.existsSync(f));

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function webkit() {
  const { Builder, Key, Origin } = await import('selenium-webdriver');
  // The GTK settings MiniBrowser reads: a toolbar that can shrink below 447 px, no animations.
  const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'pce-webkit-'));
  fs.mkdirSync(path.join(xdg, 'gtk-3.0'));
  fs.writeFileSync(path.join(xdg, 'gtk-3.0', 'gtk.css'),
    '* { min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; font-size: 1px; }\n');
  fs.writeFileSync(path.join(xdg, 'gtk-3.0', 'settings.ini'), '[Settings]\ngtk-enable-animations=false\n');
  const port = await freePort();
  const driver = spawn('xvfb-run', ['-a', '-s', '-screen 0 1920x1200x24', '/usr/bin/WebKitWebDriver', `--port=${port}`], {
    detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: xdg },
  });
  let stderr = '';
  driver.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const server = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20000;
  for (;;) {
    try { if ((await fetch(`${server}/status`)).ok) break; } catch { /* not listening yet */ }
    if (driver.exitCode !== null || Date.now() > until) throw new Error(`WebKitWebDriver did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const KEYS = { Escape: Key.ESCAPE, Enter: Key.ENTER, Tab: Key.TAB, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
    ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, Home: Key.HOME, End: Key.END };
  const RECORD = () => {
    if (window.__engineErrors) return;
    const errors = window.__engineErrors = [];
    const error = console.error;
    console.error = function (...a) { errors.push(`error: ${a.map(String).join(' ')}`); return error.apply(this, a); };
    addEventListener('error', (e) => errors.push(`uncaught: ${e.error || e.message}`));
    addEventListener('unhandledrejection', (e) => errors.push(`uncaught: ${e.reason}`));
  };
  const pages = new Set();
  return {
    name: 'webkit',
    async newPage({ width = 1280, height = 800 } = {}) {
      const d = await new Builder().usingServer(server).withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      }).build();
      pages.add(d);
      const p = new Page('webkit');
      const run = (src) => d.executeScript(`return ${src}`);
      /** Keep what the document being left recorded, and record in the new one. */
      const leaving = async () => { try { p.problems.push(...(await run('window.__engineErrors || []'))); } catch { /* gone */ } };
      const arrived = () => run(`(${RECORD})()`);
      Object.assign(p, {
        eval: run,
        goto: async (url) => { await leaving(); await d.get(url); await arrived(); },
        reload: async () => { await leaving(); await d.navigate().refresh(); await arrived(); },
        url: () => d.getCurrentUrl(),
        clickSelector: async (s) => {
          // WebKitWebDriver refuses a click on an element that is still moving (a layout
          // settling after a render): let two frames pass and try again, at most thrice.
          const { By, error } = await import('selenium-webdriver');
          for (let i = 0; ; i++) {
            try {
              await d.findElement(By.css(s)).click();
              return;
            } catch (e) {
              if (!(e instanceof error.ElementNotInteractableError) || i === 2) throw e;
              await run('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
            }
          }
        },
        press: (key) => d.actions().sendKeys(KEYS[key] ?? key).perform(),
        type: (text) => d.actions().sendKeys(text).perform(),
        drag: async ([x0, y0], [x1, y1]) => {
          let a = d.actions().move({ x: Math.round(x0), y: Math.round(y0), origin: Origin.VIEWPORT }).press();
          for (let i = 1; i <= 8; i++) a = a.move({ x: Math.round(x0 + ((x1 - x0) * i) / 8), y: Math.round(y0 + ((y1 - y0) * i) / 8), origin: Origin.VIEWPORT, duration: 10 });
          await a.release().perform();
        },
        setSize: async (w, h) => {
          // The window's size includes the (shrunk) toolbar: set it, then correct by what
          // the page measures.
          // A resize lands some frames after setRect returns (later on a busy machine):
          // read the page's size until two reads agree before correcting by it.
          const settled = async () => {
            let prev = '';
            let cur = JSON.stringify(await run('[innerWidth, innerHeight]'));
            for (let k = 0; k < 40 && cur !== prev; k++) {
              prev = cur;
              await run('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
              cur = JSON.stringify(await run('[innerWidth, innerHeight]'));
            }
            return JSON.parse(cur);
          };
          let rect = { width: w, height: h };
          for (let i = 0; i < 4; i++) {
            await d.manage().window().setRect(rect);
            const [iw, ih] = await settled();
            if (iw === w && ih === h) break;
            rect = { width: rect.width + (w - iw), height: rect.height + (h - ih) };
          }
          await p.waitFor((W, H) => innerWidth === W && innerHeight === H, w, h);
        },
        errors: async () => [...p.problems, ...(await run('window.__engineErrors || []'))],
        close: async () => { pages.delete(d); await d.quit(); },
      });
      await p.setSize(width, height);
      return p;
    },
    async close() {
      for (const d of pages) await d.quit().catch(() => {});
      try { process.kill(-driver.pid, 'SIGTERM'); } catch { /* already gone */ }
      fs.rmSync(xdg, { recursive: true, force: true });
    },
  };
}
