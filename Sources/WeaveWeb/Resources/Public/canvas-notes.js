/* Weave live canvas — Facilitator notes: the path's notes for the step the session is at, shown to the
 * facilitator under the bar. They come only in the facilitator's boot data (`boot.notes`, section id → each
 * step's note or null; docs/live-protocol.md); participants' and the projector's pages never receive them.
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { app, h } = W;

  /** Shows (or hides) the current step's note below the facilitation bar. */
  function showStepNotes() {
    const notes = app.boot && app.boot.notes;
    if (!notes || !app.bar) return;
    const f = app.facilitation;
    const phase = app.phases[f.phase];
    const text = (phase && (notes[phase.id] || [])[f.step]) || '';
    let box = document.querySelector('.step-notes');
    if (!box) {
      box = h('aside', { class: 'step-notes no-print', attrs: { 'aria-label': 'Facilitator notes for this step' } },
        h('strong', { text: 'Notes for you: ' }), h('span', { class: 'step-notes-text' }));
      app.bar.root.after(box);
    }
    const span = box.querySelector('.step-notes-text');
    if (span.textContent !== text) span.textContent = text;
    box.hidden = !text || f.closed;
  }

  Object.assign(W, { showStepNotes });
}(window.Weave));
