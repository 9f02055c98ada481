// Host-side helper for an embedded Peru Crisis Explorer: resizes the iframe to the height
// the explorer reports, and wires any element with a data-msg attribute (JSON) to send
// that message. Messages: see README ("Embedding").
(function () {
  var frame = document.getElementById('peru-explorer');
  if (!frame) return;
  var log = document.getElementById('log');
  window.addEventListener('message', function (e) {
    if (e.source !== frame.contentWindow || !e.data || typeof e.data.type !== 'string') return;
    if (e.data.type === 'pce:height' && typeof e.data.height === 'number') {
      frame.style.height = Math.max(200, Math.ceil(e.data.height)) + 'px';
    } else if (log && e.data.type === 'pce:state') {
      log.textContent = 'Explorer state: ?' + e.data.query;
    } else if (log && e.data.type === 'pce:error') {
      log.textContent = 'Explorer ignored: ' + e.data.message;
    }
    frame.setAttribute('data-last-' + e.data.type.replace('pce:', ''), JSON.stringify(e.data));
  });
  document.querySelectorAll('[data-msg]').forEach(function (el) {
    el.addEventListener('click', function () {
      frame.contentWindow.postMessage(JSON.parse(el.getAttribute('data-msg')), '*');
    });
  });
})();
