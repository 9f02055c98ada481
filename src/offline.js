// Offline use: register the service worker (sw.js, src/sw.js) and announce a new deploy.
//
// Release builds only: scripts/offline.mjs adds this file to the page (with its integrity)
// together with `<meta name="pce-sw" content="VERSION">`, the version of the build the page
// belongs to; a debug build (`trunk serve`) has neither, so nothing registers there.
// Nothing registers either when the explorer is embedded (`embed=1`: the host's page, not
// the reader's visit) or the browser has no service workers.
//
// It waits until the app has drawn its first screen (see `settled` below), so the
// worker's install (which reads the files the page has just loaded from the HTTP cache)
// does not compete with the first load.
//
// Updates: the browser checks sw.js on each visit, and this asks it again when the page
// comes back into view (at most every 10 minutes), so a tab left open learns of a deploy.
// A new worker waits while the old one serves the open pages. If it is the version this
// page already runs (the page came from the network, which the worker tries first), it is
// activated silently. Otherwise the reader is told, in a polite status message with a
// Reload button: pressing it activates the waiting worker and reloads once, when it has
// taken the page (`controllerchange`). A first install never shows the message (no worker
// controlled the page before), and a page reloads only after its reader asked.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="pce-sw"]');
  if (!meta || !('serviceWorker' in navigator)) return;
  var embed = new URLSearchParams(location.search).getAll('embed');
  if (embed.indexOf('1') >= 0 || embed.indexOf('true') >= 0) return;
  var version = meta.getAttribute('content');
  var sw = navigator.serviceWorker;
  var reloading = false;
  var region = null;

  function versionOf(worker) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (e) { resolve(e.data); };
      worker.postMessage({ type: 'version' }, [channel.port2]);
    });
  }

  function hide() {
    if (region) region.textContent = '';
  }

  function announce(reg) {
    if (!region) return;
    region.textContent = '';
    var text = document.createElement('p');
    text.textContent = 'A new version of the explorer is available. Reload to use it.';
    var reload = document.createElement('button');
    reload.type = 'button';
    reload.className = 'primary';
    reload.textContent = 'Reload';
    reload.addEventListener('click', function () {
      reloading = true;
      reload.disabled = true;
      if (reg.waiting) reg.waiting.postMessage({ type: 'skip-waiting' });
      else location.reload(); // already activated (by another tab): the page is what is old
    });
    var later = document.createElement('button');
    later.type = 'button';
    later.textContent = 'Not now';
    later.addEventListener('click', hide);
    var buttons = document.createElement('p');
    buttons.className = 'update-actions';
    buttons.append(reload, ' ', later);
    region.append(text, buttons);
  }

  // A worker is waiting: the page's own version goes in at once, another is announced.
  function waiting(reg) {
    var w = reg.waiting;
    if (!w || !sw.controller) return;
    versionOf(w).then(function (v) {
      if (reg.waiting !== w) return;
      if (v === version) w.postMessage({ type: 'skip-waiting' });
      else announce(reg);
    });
  }

  function start() {
    region = document.createElement('div');
    region.className = 'update-notice';
    // In the page (empty, so it takes no room) from the start: a live region that appears
    // together with its text is not announced by every screen reader.
    region.setAttribute('role', 'status');
    document.body.prepend(region);
    sw.addEventListener('controllerchange', function () {
      if (!reloading) return;
      reloading = false;
      location.reload();
    });
    // Relative to the page's base URL: the worker and its scope are the app's folder.
    sw.register('sw.js', { scope: './' }).then(function (reg) {
      function track(w) {
        if (w) w.addEventListener('statechange', function () { if (w.state === 'installed') waiting(reg); });
      }
      waiting(reg);
      track(reg.installing); // found before this page listened (the visit's own check)
      reg.addEventListener('updatefound', function () { track(reg.installing); });
      var checked = Date.now();
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState !== 'visible' || Date.now() - checked < 600000) return;
        checked = Date.now();
        reg.update().catch(function () { /* offline: the next visit checks */ });
      });
    }).catch(function (e) {
      // Offline use is a bonus: the explorer works without it. Say why in the console.
      console.info('The explorer cannot work offline here: ' + e);
    });
  }

  // After the first screen: once the timeline is drawn (the app's `pce:timeline` mark) or
  // 4 s after the app started (a view without the graph), when the page is idle. Measured
  // with bench/bench.mjs (20 cold loads each): registering as soon as the app started
  // made the load to the drawn timeline about 90 ms slower on two cores (the install
  // hashes every file it caches for its integrity while the first screen is drawn).
  function settled() {
    var done = false;
    function go() {
      if (done) return;
      done = true;
      if (window.requestIdleCallback) requestIdleCallback(start, { timeout: 2000 });
      else setTimeout(start, 100);
    }
    if (performance.getEntriesByName('pce:timeline', 'mark').length) return go();
    try {
      new PerformanceObserver(function (list, observer) {
        if (list.getEntriesByName('pce:timeline').length) {
          observer.disconnect();
          go();
        }
      }).observe({ type: 'mark' });
    } catch (e) { /* no PerformanceObserver: the timer below */ }
    setTimeout(go, 4000);
  }

  if (window.wasmBindings) settled();
  else addEventListener('TrunkApplicationStarted', settled, { once: true });
})();
