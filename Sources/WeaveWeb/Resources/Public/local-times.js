/* Weave: shows every <time datetime="…" data-local-time> in the reader's own time zone (the server writes UTC, the
 * only zone it knows). Plain script, no build step; the UTC text stays when scripts are off. */
(function () {
  'use strict';
  function localise() {
    for (const el of document.querySelectorAll('time[data-local-time][datetime]')) {
      const at = Date.parse(el.getAttribute('datetime'));
      if (Number.isNaN(at)) continue;
      el.textContent = new Date(at).toLocaleString([], { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
      el.title = el.getAttribute('datetime') + ' (UTC)';
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', localise);
  else localise();
}());
