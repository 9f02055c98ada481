// The timeline as a picture: the drawing as it is on screen (the same window, marks,
// dimming and colours), with a title, what the view selects, the key and the source line,
// saved as SVG (every style written into the file, so it opens the same in a browser, a
// vector editor or a document) or as PNG (that SVG drawn onto a canvas at twice the size).
//
// Loaded the first time a reader asks for a picture (src/components/timeline/picture.rs),
// so it costs the first visit nothing. Made in the page, with no server and nothing from
// elsewhere: under the strict Content-Security-Policy the SVG reaches the canvas as a
// `data:` image, which `img-src 'self' data:` allows, and the file is handed to the
// browser as a Blob behind an `<a download>`, as the other exports are.
//
// The app asks with a `pce:picture` event on `document`, detail:
//   { format: 'svg' | 'png', name, title, subtitle, source: [lines], faded: bool }
// and this answers with `pce:picture-done`, detail: { ok, name, message }.

const NS = 'http://www.w3.org/2000/svg';
// What the stylesheet sets on the drawing, written into each element of the copy.
const PAINT = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity'];
const TEXT = ['font-family', 'font-size', 'font-weight', 'text-anchor'];
const COLOURS = new Set(['fill', 'stroke']);
// Values every SVG reader assumes, left out of the file.
const DEFAULTS = { 'fill-opacity': '1', 'stroke-opacity': '1', opacity: '1', 'stroke-dasharray': 'none', stroke: 'none', 'stroke-width': '1px', 'text-anchor': 'start' };
const PAD = 16;

// Any CSS colour (`color-mix()`, `color(srgb …)`, a name) as `rgb(r, g, b)` plus its
// alpha, read back from one painted pixel: vector editors and older viewers only know
// the plain forms.
const colourCanvas = document.createElement('canvas');
colourCanvas.width = colourCanvas.height = 1;
const colourCtx = colourCanvas.getContext('2d', { willReadFrequently: true });
const colours = new Map();
function plainColour(value) {
  if (!value || value === 'none' || value.startsWith('url(')) return [value, 1];
  if (colours.has(value)) return colours.get(value);
  colourCtx.clearRect(0, 0, 1, 1);
  colourCtx.fillStyle = '#000';
  colourCtx.fillStyle = value;
  colourCtx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = colourCtx.getImageData(0, 0, 1, 1).data;
  const out = [`rgb(${r}, ${g}, ${b})`, Math.round((a / 255) * 1000) / 1000];
  colours.set(value, out);
  return out;
}

// The styles of `live` written into `copy`, element by element (the two trees have the
// same shape); what the page does not show is left out, and so is what only the page
// needs (focus stops, ARIA); each mark keeps its `data-key` (`e12` event 12, `a3` article 3).
function inlineStyles(live, copy) {
  const gone = [];
  const walk = (a, b) => {
    const cs = getComputedStyle(a);
    if (cs.display === 'none' || cs.visibility === 'hidden') {
      gone.push(b);
      return;
    }
    for (const attr of [...b.attributes]) {
      if (attr.name === 'tabindex' || attr.name === 'role' || attr.name.startsWith('aria-') || (attr.name.startsWith('data-') && attr.name !== 'data-key')) {
        b.removeAttribute(attr.name);
      }
    }
    // Presentation attributes, not a `style` attribute: the page's policy forbids inline
    // styles, and every SVG reader knows these.
    const props = a.tagName === 'text' || a.tagName === 'tspan' ? PAINT.concat(TEXT) : PAINT;
    for (const p of props) {
      let v = cs.getPropertyValue(p);
      if (!v || DEFAULTS[p] === v) continue;
      if (COLOURS.has(p)) {
        const [plain, alpha] = plainColour(v);
        v = plain;
        if (alpha < 1) b.setAttribute(`${p}-opacity`, alpha);
      }
      b.setAttribute(p, v);
    }
    const clip = cs.getPropertyValue('clip-path');
    if (clip && clip !== 'none') b.setAttribute('clip-path', clip);
    b.removeAttribute('class');
    for (let i = 0; i < a.children.length; i++) walk(a.children[i], b.children[i]);
  };
  walk(live, copy);
  for (const el of gone) el.remove();
}

const el = (name, attrs = {}, text) => {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text != null) e.textContent = text;
  return e;
};

// Lines of at most `width` pixels in `font` (words are never broken; a word wider than
// the line gets a line of its own).
function wrap(text, font, width) {
  colourCtx.font = font;
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && colourCtx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The picture as an SVG document (text) and its size. */
export function picture(meta) {
  const live = document.getElementById('timeline-graph');
  if (!live || !live.getAttribute('width')) throw new Error('the timeline is not drawn (switch to Graph to save it)');
  const root = getComputedStyle(document.documentElement);
  const css = (name, fallback) => root.getPropertyValue(name).trim() || fallback;
  const family = getComputedStyle(live.querySelector('text') || live).fontFamily || 'sans-serif';
  const [bg] = plainColour(css('--bg', '#fff'));
  const [fg] = plainColour(css('--fg', '#000'));
  const [soft] = plainColour(css('--fg-soft', '#555'));
  const [accent] = plainColour(css('--accent', '#0b57b0'));
  const drawingW = Number(live.getAttribute('width'));
  const drawingH = Number(live.getAttribute('height'));
  const W = Math.max(drawingW + 2 * PAD, 360);
  const textW = W - 2 * PAD;
  const textAttrs = (size, weight, colour) => ({ 'font-family': family, 'font-size': size, 'font-weight': weight, fill: colour });
  const out = el('svg', { width: W });
  const body = el('g');
  let y = PAD;
  const lines = (text, size, weight, colour, gap = 4) => {
    const font = `${weight} ${size}px ${family}`;
    for (const line of wrap(text, font, textW)) {
      y += size;
      body.append(el('text', { x: PAD, y, ...textAttrs(size, weight, colour) }, line));
      y += gap;
    }
  };
  lines(meta.title, 16, 700, fg);
  if (meta.subtitle) lines(meta.subtitle, 12, 400, fg);
  const status = document.querySelector('.timeline-tools .status');
  if (status && status.textContent.trim()) lines(status.textContent.trim(), 12, 400, soft);
  y += 6;

  // The drawing itself, styles written in.
  const copy = live.cloneNode(true);
  inlineStyles(live, copy);
  const drawing = el('g', { transform: `translate(${PAD},${y})` });
  drawing.append(...copy.childNodes);
  body.append(drawing);
  y += drawingH + 8;

  // The key: each mark's shape and what it means (shape and line, never colour alone).
  const keyFont = `400 11px ${family}`;
  const items = [
    [(x, cy) => el('circle', { cx: x + 6, cy, r: 5, fill: accent, stroke: accent, 'stroke-width': 2 }), 'stated date'],
    [(x, cy) => el('circle', { cx: x + 6, cy, r: 5, fill: bg, stroke: accent, 'stroke-width': 2, 'stroke-dasharray': '3 2' }), 'resolved or inferred date'],
    [(x, cy) => el('rect', { x, y: cy - 3, width: 16, height: 6, fill: bg, stroke: accent, 'stroke-width': 1 }), 'month, year or period: somewhere within'],
    [(x, cy) => el('rect', { x: x + 2, y: cy - 4, width: 8, height: 8, fill: fg, stroke: fg }), 'article, when published'],
  ];
  if (meta.faded) {
    items.push([(x, cy) => el('circle', { cx: x + 6, cy, r: 5, fill: accent, stroke: accent, opacity: 0.3 }), 'faded: does not match the selection']);
  }
  colourCtx.font = keyFont;
  let x = PAD;
  y += 10;
  body.append(el('text', { x, y: y + 4, ...textAttrs(11, 700, fg) }, 'Key:'));
  x += colourCtx.measureText('Key: ').width + 8;
  for (const [shape, label] of items) {
    const w = 22 + colourCtx.measureText(label).width + 16;
    if (x + w > W - PAD && x > PAD) {
      x = PAD;
      y += 18;
    }
    body.append(shape(x, y), el('text', { x: x + 20, y: y + 4, ...textAttrs(11, 400, soft) }, label));
    x += w;
  }
  y += 14;
  for (const line of meta.source || []) lines(line, 11, 400, soft, 3);
  y += PAD - 3;

  out.setAttribute('height', Math.ceil(y));
  out.setAttribute('viewBox', `0 0 ${W} ${Math.ceil(y)}`);
  out.append(el('title', {}, meta.title), el('rect', { width: W, height: Math.ceil(y), fill: bg }), body);
  const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out) + '\n';
  return { text, width: W, height: Math.ceil(y) };
}

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The PNG of an SVG picture, at `scale` times its size. */
export async function png({ text, width, height }, scale = 2) {
  const img = new Image();
  img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the PNG');
  return blob;
}

async function save(meta) {
  const pic = picture(meta);
  if (meta.format === 'png') {
    download(meta.name, await png(pic));
  } else {
    download(meta.name, new Blob([pic.text], { type: 'image/svg+xml' }));
  }
}

document.addEventListener('pce:picture', (e) => {
  const meta = e.detail || {};
  save(meta).then(
    () => document.dispatchEvent(new CustomEvent('pce:picture-done', { detail: { ok: true, name: meta.name, message: `Saved ${meta.name}.` } })),
    (err) => document.dispatchEvent(new CustomEvent('pce:picture-done', { detail: { ok: false, name: meta.name, message: `Could not save the picture: ${err && err.message ? err.message : err}.` } })),
  );
});
document.dispatchEvent(new CustomEvent('pce:picture-loaded'));
