// Peru Crisis Explorer, one-line embed. On the host page:
//
//   <script src="https://example.org/explorer/embed.js" data-view="?e=lisa-kenna"></script>
//
// or, with the script loaded once anywhere on the page, any number of
//
//   <peru-crisis-explorer view="?q=Kenna"></peru-crisis-explorer>
//
// Each becomes an iframe of the explorer (in its compact embed mode) that is resized to
// its content. Attributes (on the element, or `data-` ones on the script tag):
//   view      the explorer's state to open, as its query string (`?e=lisa-kenna&q=troops`);
//   sync-url  opt-in: the name of a parameter of the host page's own URL that carries the
//             explorer's state (`sync-url="pce"`): the page's address follows what the
//             reader does, and a link to the page with `?pce=…` opens that same view;
//   label     the iframe's accessible name (default "Peru Crisis Explorer");
//   height    the height before the explorer reports its own, in CSS pixels (600);
//   src       where the explorer is hosted (default: the folder embed.js came from).
// The element sends commands with `el.send({type: 'pce:search', text: 'troops'})` and
// `el.navigate('q=troops')`, and fires `pce-ready`, `pce-state` (detail: {query}) and
// `pce-error` (detail: {message}) events. Messages: see the README, "Embedding".
(function () {
  'use strict';
  var script = document.currentScript;
  var home = script && script.src ? new URL('./', script.src).href : null;
  var TAG = 'peru-crisis-explorer';

  // The query string of a view, without its `?`, in embed mode.
  function embedQuery(view) {
    var params = new URLSearchParams(String(view || '').replace(/^[?#]/, ''));
    params.set('embed', '1');
    return params.toString();
  }

  // The view the host page's own address carries under `name`, if any.
  function viewFromAddress(name) {
    if (!name) return null;
    return new URLSearchParams(window.location.search).get(name);
  }

  // Write `query` (without embed=1) into the host page's address under `name`.
  function writeAddress(name, query) {
    var params = new URLSearchParams(query);
    params.delete('embed');
    var value = params.toString();
    var url = new URL(window.location.href);
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
    if (url.href !== window.location.href) history.replaceState(history.state, '', url.href);
  }

  class Explorer extends HTMLElement {}

  Explorer.prototype.connectedCallback = function () {
    if (this.frame) return;
    if (!this.style.display) this.style.display = 'block';
    var base = new URL(this.getAttribute('src') || home || './', document.baseURI).href;
    var sync = this.getAttribute('sync-url');
    var view = viewFromAddress(sync);
    if (view === null) view = this.getAttribute('view') || '';
    var frame = document.createElement('iframe');
    frame.title = this.getAttribute('label') || 'Peru Crisis Explorer';
    frame.src = base + '?' + embedQuery(view);
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.display = 'block';
    frame.style.height = (parseInt(this.getAttribute('height'), 10) || 600) + 'px';
    frame.setAttribute('loading', 'lazy');
    this.origin = new URL(base).origin;
    this.frame = frame;
    var self = this;
    this.listener = function (e) {
      if (e.source !== frame.contentWindow || e.origin !== self.origin) return;
      var m = e.data;
      if (!m || typeof m.type !== 'string') return;
      if (m.type === 'pce:height' && typeof m.height === 'number' && isFinite(m.height)) {
        frame.style.height = Math.max(150, Math.ceil(m.height)) + 'px';
      } else if (m.type === 'pce:state' && typeof m.query === 'string') {
        if (sync) writeAddress(sync, m.query);
        self.dispatchEvent(new CustomEvent('pce-state', { detail: { query: m.query } }));
      } else if (m.type === 'pce:ready') {
        self.dispatchEvent(new CustomEvent('pce-ready'));
      } else if (m.type === 'pce:error') {
        self.dispatchEvent(new CustomEvent('pce-error', { detail: { message: String(m.message) } }));
      }
    };
    window.addEventListener('message', this.listener);
    this.appendChild(frame);
  };

  Explorer.prototype.disconnectedCallback = function () {
    if (this.listener) window.removeEventListener('message', this.listener);
    if (this.frame) this.frame.remove();
    this.frame = null;
    this.listener = null;
  };

  // Send a host command (see the README's table) to the explorer.
  Explorer.prototype.send = function (message) {
    if (this.frame && this.frame.contentWindow) this.frame.contentWindow.postMessage(message, this.origin);
  };

  // Replace the explorer's whole state by the one a query string describes.
  Explorer.prototype.navigate = function (query) {
    this.send({ type: 'pce:navigate', query: embedQuery(query) });
  };

  if (!window.customElements.get(TAG)) window.customElements.define(TAG, Explorer);

  // The one-line form: a script tag with data-view (or data-sync-url) becomes an explorer
  // right after itself.
  if (script && (script.hasAttribute('data-view') || script.hasAttribute('data-sync-url'))) {
    var el = document.createElement(TAG);
    ['view', 'sync-url', 'label', 'height', 'src'].forEach(function (name) {
      var v = script.getAttribute('data-' + name);
      if (v !== null) el.setAttribute(name, v);
    });
    script.parentNode.insertBefore(el, script.nextSibling);
  }
})();
