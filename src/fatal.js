// The fatal message: what the reader sees when the explorer stops, whatever the cause.
// A Rust panic calls window.pceFatal(message) from its panic hook (src/dom.rs); a
// WebAssembly trap (RuntimeError), an uncaught JavaScript error and a failed start (a
// rejected promise, e.g. the WebAssembly could not load) are caught here. It lives in
// JavaScript, loaded before the app, because after a trap the WebAssembly may not run.
//
// The message is built from text nodes (the error may quote corpus or URL text and is
// never parsed as HTML) and shown in the top layer (a manual popover), so no card or
// sticky panel of the dead app covers it; the rest of the page is made inert, and focus
// moves to it (role=alert). Two links: "Reload the explorer" opens the start page (./,
// under the page's base URL), because the address itself may be the cause; "reload this
// view" keeps the address.
(function () {
  'use strict';
  function node(tag, text) {
    var el = document.createElement(tag);
    if (text) el.textContent = text;
    return el;
  }
  function link(text, href) {
    var a = node('a', text);
    a.setAttribute('href', href);
    return a;
  }
  function show(message) {
    var body = document.body;
    if (!body || document.getElementById('fatal-error')) return; // one message is enough
    for (var el = body.firstElementChild; el; el = el.nextElementSibling) el.setAttribute('inert', '');
    var div = node('div');
    div.id = 'fatal-error';
    div.className = 'fatal';
    div.setAttribute('role', 'alert');
    div.tabIndex = -1;
    var links = node('p');
    links.append(link('Reload the explorer', './'), ' (from the start page) or ',
      link('reload this view', location.href), ' (the same address, which may stop again).');
    div.append(node('p', 'Something went wrong and the explorer stopped.'), links,
      node('p', 'Details for a bug report:'), node('pre', String(message)));
    body.prepend(div);
    var onTop = false;
    try {
      div.setAttribute('popover', 'manual');
      div.showPopover();
      onTop = true;
    } catch (e) { /* no popovers: at the top of the page instead */ }
    if (!onTop) scrollTo(0, 0);
    div.focus();
  }
  window.pceFatal = show;
  addEventListener('error', function (e) {
    // Not errors of the app: a resize observer that could not deliver every change in one
    // frame, and resources that failed to load (the app reports those in place).
    if (!e.error && /ResizeObserver loop/.test(e.message || '')) return;
    if (e.target && e.target !== window) return;
    var err = e.error;
    show(err ? (err.name ? err.name + ': ' + err.message : String(err)) : e.message);
  });
  addEventListener('unhandledrejection', function (e) {
    var r = e.reason;
    show(r && r.name ? r.name + ': ' + r.message : String(r));
  });
})();
