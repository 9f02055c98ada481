// A TimelineJS 3 page over the same events as the explorer's timeline, for the benchmark.
// Usage: node bench/timelinejs/make.mjs CORPUS_JSON OUT_DIR
//   CORPUS_JSON: `cargo run -p corpus-index -- export` output; OUT_DIR gets index.html,
//   events.json and TimelineJS's own files (js/timeline.js, css/timeline.css, css/icons/)
//   copied from node_modules/@knight-lab/timelinejs/dist, in the layout its CSS expects.
// Every event of the corpus is a TimelineJS event (headline: the event's title; text: its
// quotes with the article each comes from; spans get an end date; year and month
// precision are kept), except the six "era" events, which become TimelineJS eras (the
// explorer draws them as bands too). Fonts: `font: null`, so the page uses the system fonts,
// like the explorer (TimelineJS's default font CSS would fetch Google Fonts); the script
// path is the local copy, so nothing comes from a CDN.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [input, out] = process.argv.slice(2);
if (!input || !out) {
  console.error('usage: node bench/timelinejs/make.mjs CORPUS_JSON OUT_DIR');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'bench/node_modules/@knight-lab/timelinejs/dist');
const corpus = JSON.parse(fs.readFileSync(input, 'utf8'));
const titles = new Map(corpus.articles.map((a) => [a.id, a.title]));
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tlDate(iso, precision) {
  const [y, m, d] = iso.split('-').map(Number);
  if (precision === 'year') return { year: y };
  if (precision === 'month') return { year: y, month: m };
  return { year: y, month: m, day: d };
}

const events = [];
const eras = [];
for (const e of corpus.events) {
  const { start, end, precision } = e.date;
  const text = e.evidence.map((q) => `<p>“${esc(q.quote)}” <cite>${esc(titles.get(q.article) || q.article)}</cite></p>`).join('');
  const item = {
    start_date: tlDate(start, precision),
    text: { headline: esc(e.title), text },
    group: e.category,
    unique_id: e.id,
  };
  // A day, a month or a year is one date; a span (or an era) has an end.
  if (precision === 'span' || e.category === 'era') item.end_date = tlDate(end, precision === 'span' ? 'day' : precision);
  if (e.category === 'era') eras.push({ start_date: item.start_date, end_date: item.end_date, text: { headline: item.text.headline } });
  else events.push(item);
}
const data = { title: { text: { headline: 'Peru Crisis Explorer', text: `${events.length} events from five articles` } }, events, eras };

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'js'), { recursive: true });
fs.mkdirSync(path.join(out, 'css', 'icons'), { recursive: true });
fs.copyFileSync(path.join(dist, 'js/timeline.js'), path.join(out, 'js/timeline.js'));
fs.copyFileSync(path.join(dist, 'css/timeline.css'), path.join(out, 'css/timeline.css'));
for (const f of fs.readdirSync(path.join(dist, 'css/icons'))) fs.copyFileSync(path.join(dist, 'css/icons', f), path.join(out, 'css/icons', f));
fs.writeFileSync(path.join(out, 'events.json'), JSON.stringify(data));
fs.writeFileSync(path.join(out, 'index.html'), `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>TimelineJS 3: the same events</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="css/timeline.css">
  <style>body { margin: 0; } #timeline { width: 100%; height: 600px; }</style>
</head>
<body>
  <div id="timeline"></div>
  <script src="js/timeline.js"></script>
  <script>
    window.__tl = {};
    const tl = new TL.Timeline('timeline', 'events.json', {
      script_path: new URL('js/', location.href).href,
      font: null,
      language: 'en',
      hash_bookmark: false,
    });
    for (const ev of ['dataloaded', 'ready', 'loaded']) tl.on(ev, () => { window.__tl[ev] = performance.now(); });
  </script>
</body>
</html>
`);
console.log(`TimelineJS page: ${events.length} events and ${eras.length} eras in ${out}`);
