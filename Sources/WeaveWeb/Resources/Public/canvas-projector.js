/* Weave live canvas — The projector: what the wall shows, chosen from the facilitator's laptop (the current
 * phase, one field large, the join screen with its QR code, or a pause screen), and the facilitator's control
 * for it. The join screen's markup (address, code, QR code as SVG) comes from the server in the page.
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { app, clock, clockNow, h, queueMessage, serverNow } = W;

  const VIEWS = [['phase', 'Current phase'], ['join', 'Join screen'], ['pause', 'Pause screen']];

  /** The facilitator's "Projector shows" drop-down; each choice is sent as a `show` message. */
  function buildProjectorControl() {
    if (app.view !== 'facilitator') return null;
    const select = h('select', { data: { key: 'projector-view' }, attrs: { 'aria-label': 'What the projector shows' },
      on: { change: (ev) => {
        const value = ev.currentTarget.value;
        if (value.startsWith('field:')) queueMessage({ type: 'show', view: 'field', field: value.slice(6) });
        else queueMessage({ type: 'show', view: value });
      } } },
    VIEWS.map(([value, label]) => h('option', { value, text: label })),
    app.phases.map((phase) => h('optgroup', { attrs: { label: phase.name } },
      (phase.fields || []).map((field) => h('option', { value: 'field:' + field.id, text: field.label })))));
    const root = h('label', { class: 'projector-control' }, h('span', { class: 'long', text: 'Projector: ' }), select);
    app.projectorControl = select;
    return { root, select };
  }

  /** Shows on the wall what the facilitator chose; keeps the facilitator's drop-down in step. */
  function updateProjector() {
    const f = app.facilitation;
    const shown = f.projector || { view: 'phase' };
    const choice = shown.view === 'field' ? 'field:' + shown.field : shown.view;
    if (app.projectorControl && app.projectorControl.value !== choice) app.projectorControl.value = choice;
    if (app.view !== 'projector') return;
    const join = document.getElementById('join-screen');
    const pause = document.getElementById('pause-screen');
    const line = document.querySelector('.projector-join');
    // After close the join code leaves the wall.
    if (line) line.hidden = f.closed || shown.view === 'join' || shown.view === 'pause';
    const view = f.closed && shown.view === 'join' ? 'phase' : shown.view;
    if (join) join.hidden = view !== 'join';
    if (pause) pause.hidden = view !== 'pause';
    app.root.hidden = view === 'join' || view === 'pause';
    document.body.classList.toggle('projector-focus', view === 'field');
    let focusPhase = -1;
    if (view === 'field') focusPhase = app.phases.findIndex((p) => (p.fields || []).some((x) => x.id === shown.field));
    app.sections.forEach((s, i) => {
      if (!s) return;
      s.root.hidden = focusPhase >= 0 ? i !== focusPhase : i !== f.phase;
      s.root.classList.toggle('is-focused', i === focusPhase);
    });
    for (const [id, entry] of app.fieldEls) entry.root.hidden = focusPhase >= 0 && id !== shown.field;
    tickProjector();
  }

  /** The pause screen's clock. */
  function tickProjector() {
    if (app.view !== 'projector') return;
    const el = document.getElementById('pause-clock');
    if (!el) return;
    const c = clockNow(app.facilitation, serverNow());
    const text = !c.started ? '' : c.left >= 0 ? clock(Math.ceil(c.left)) + ' left' : '+' + clock(-c.left) + ' over';
    if (el.textContent !== text) el.textContent = text;
  }

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

  Object.assign(W, { scrollToCurrent, buildProjectorControl, updateProjector, tickProjector });
}(window.Weave));
