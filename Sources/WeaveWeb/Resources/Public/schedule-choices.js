/* Weave: on the partnership page's schedule form, shows only the step choices (alternative tools, optional
 * steps) of the path chosen under "Run". Plain script, no build step; with scripts off every path's choices
 * show, and the server reads only those of the path scheduled. */
(function () {
  'use strict';
  function wire() {
    const select = document.querySelector('form select[name="item"]');
    if (!select) return;
    const sets = Array.from(document.querySelectorAll('fieldset.step-choices[data-item]'));
    function show() {
      for (const set of sets) {
        const chosen = set.getAttribute('data-item') === select.value;
        set.hidden = !chosen;
        set.disabled = !chosen;
      }
    }
    select.addEventListener('change', show);
    show();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
}());
