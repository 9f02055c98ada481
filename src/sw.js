// The service worker: the explorer offline after a first visit (release builds only).
//
// scripts/offline.mjs writes it into the build as `sw.js`, beside index.html (its scope is
// the app's folder, so a sub-path build works), with BUILD filled in: the build's version
// (a hash of every file it caches, so a new deploy changes this file byte for byte and the
// browser installs the new worker; its own code counts too) and the files, each with its
// integrity.
//
// - install: every file of the build into a cache of its own (`pce:SCOPE:VERSION`), each
//   request with the file's integrity, so the cache holds exactly this build or the
//   install fails (and is tried again on the next visit). Hashed files (`name-HASH.ext`)
//   are asked with `cache: 'force-cache'`: the page has just downloaded them and they never
//   change, so the HTTP cache answers and the WebAssembly is not downloaded twice. The
//   others (index.html, the manifest, the icons) are asked with `cache: 'no-cache'`: the
//   HTTP cache may hold an older deploy's index.html, which would not match.
// - activate: the caches of older versions of this scope go; the worker takes the open
//   pages (the first visit's page is controlled without a reload).
// - fetch: the page itself (a navigation to the folder or to index.html, with any query:
//   every view is `?q=…`) from the network first, so a reader online always gets the
//   newest deploy, and from the cache when the network fails; the build's files from the
//   cache first (the search index's chunks too, when the build is small enough for
//   offline.mjs to list them). Anything else is left to the browser. Nothing is cached at run time: the
//   cache is the build, installed whole, and never an error or an opaque response.
// - message: `skip-waiting` (the reader pressed Reload in the update message, or the page
//   is already this version: src/offline.js) activates a waiting worker; `version` answers
//   with BUILD.version on the message's port.
'use strict';

const BUILD = /* BUILD */ { version: 'dev', files: [] };

const SCOPE = new URL('./', self.location).href;
const PREFIX = `pce:${SCOPE}:`;
const CACHE = PREFIX + BUILD.version;
const HASHED = /(-[0-9a-f]{8,16}(_bg)?|^index\/[0-9a-f]{16})\.[a-z]+$/; // trunk writes its 64-bit hash without leading zeros; index/HASH.bin
const FILES = new Map(BUILD.files.map((f) => [new URL(f.name, SCOPE).href, f]));
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(BUILD.files.map(async (f) => {
      const url = new URL(f.name, SCOPE).href;
      const res = await fetch(new Request(url, {
        integrity: f.integrity,
        cache: HASHED.test(f.name) ? 'force-cache' : 'no-cache',
      }));
      if (!res.ok || res.type !== 'basic' || res.redirected) {
        throw new Error(`sw: ${f.name} answered ${res.status} (${res.type})`);
      }
      await cache.put(url, res);
    }));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** The page itself: the folder or index.html, whatever the query. */
function isPage(request, url) {
  return request.method === 'GET' && url.origin === self.location.origin
    && (url.href.split(/[?#]/)[0] === SCOPE || url.href.split(/[?#]/)[0] === INDEX)
    && (request.mode === 'navigate' || request.destination === 'document');
}

async function fromCache(href) {
  const cache = await caches.open(CACHE);
  return cache.match(href);
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (isPage(request, url)) {
    event.respondWith((async () => {
      try {
        return await fetch(request);
      } catch (err) {
        const cached = await fromCache(INDEX);
        if (cached) return cached;
        throw err;
      }
    })());
    return;
  }
  const href = url.href.split('#')[0];
  if (request.method !== 'GET' || !FILES.has(href)) return;
  event.respondWith((async () => (await fromCache(href)) || fetch(request))());
});

self.addEventListener('message', (event) => {
  const m = event.data;
  if (m && m.type === 'skip-waiting') self.skipWaiting();
  else if (m && m.type === 'version' && event.ports[0]) event.ports[0].postMessage(BUILD.version);
});
