// The research upload form: while the corpus uploads and the analysis runs, say so and keep the button
// from sending it twice. The form itself is an ordinary post and works without this script.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    const form = document.querySelector('form[data-analyse]');
    if (!form) return;
    const status = form.querySelector('[data-status]');
    form.addEventListener('submit', function () {
      const button = form.querySelector('button[type=submit]');
      const started = Date.now();
      if (button) button.disabled = true;
      const tick = function () {
        const seconds = Math.round((Date.now() - started) / 1000);
        if (status) status.textContent = 'Uploading and analysing… ' + seconds + ' s. The report opens when it is ready.';
      };
      tick();
      setInterval(tick, 1000);
    });
  });
})();
