/* Weave live canvas — The projector: what the wall shows.
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { app } = W;

  /** Projector: only the current section is shown, so its start is the top of the page (the join line included). */
  function scrollToCurrent() {
    const s = app.sections[app.facilitation.phase];
    if (!s) return;
    const reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (app.view === 'projector') {
      window.scrollTo({ top: 0, behavior: reduce ? 'auto' : 'smooth' });
    } else {
      // Below the sticky bar: the section's heading shows first.
      s.root.scrollIntoView({ block: 'start', behavior: 'auto' });
    }
  }

  Object.assign(W, { scrollToCurrent });
}(window.Weave));
