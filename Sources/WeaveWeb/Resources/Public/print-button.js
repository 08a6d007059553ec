/* Weave: a <button data-print> prints the page (the handout). A script file rather than an onclick attribute,
 * which the pages' Content-Security-Policy (script-src 'self') does not run. */
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    const button = event.target.closest && event.target.closest('button[data-print]');
    if (button) window.print();
  });
}());
