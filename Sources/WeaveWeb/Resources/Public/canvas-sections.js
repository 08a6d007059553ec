/* Weave live canvas — Sections: one per phase of the path, with its steps, its fields and its lock; the preparation block.
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { app, buildFieldShell, domId, h, isLocked, toggleLock, updateStatus } = W;

  // ---------------------------------------------------------------------------------------------
  // Sections

  function buildPreparation(prep) {
    const fields = prep.fields || [];
    const answers = prep.answers || {};
    const table = h('table', { class: 'canvas-table prep-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col', text: 'Partner' }), fields.map((f) => h('th', { scope: 'col', text: f.label })))),
      h('tbody', null, app.partners.map((p) => {
        const row = answers[p.id] || {};
        return h('tr', { class: p.id === (app.boot.viewer && app.boot.viewer.partner) ? 'is-own' : null },
          h('th', { scope: 'row', text: p.name }),
          fields.map((f) => {
            const text = row[f.id];
            return h('td', null, text ? h('span', { class: 'prewrap', text }) : h('span', { class: 'muted', text: '—' }));
          }));
      })));
    return h('details', { class: 'preparation', open: true },
      h('summary', null, h('span', { class: 'prep-kicker', text: 'Prepared beforehand' }), ' ', h('span', { class: 'prep-title', text: prep.title })),
      h('div', { class: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': prep.title } }, table));
  }

  function buildSection(phase, index) {
    const facilitator = app.view === 'facilitator';
    const headingId = domId('phase');
    const badge = h('span', { class: 'badge badge-locked', hidden: true, text: 'Locked' });
    const now = h('span', { class: 'badge badge-now', hidden: true, text: 'Now' });
    let lockButton = null;
    if (facilitator) {
      lockButton = h('button', { type: 'button', class: 'btn-secondary btn-small no-print', on: { click: () => toggleLock(phase) } });
      app.bar.controls.push(lockButton);
    }
    const note = h('p', { class: 'section-note', hidden: true });
    const steps = (phase.steps || []);
    const stepItems = steps.map((step) => h('li', null,
      h('span', { class: 'step-title', text: step.title }),
      h('span', { class: 'step-meta', text: ' · ' + [step.minutes + ' min', step.lead, step.grouping, step.tool].filter(Boolean).join(' · ') })));
    const stepsBlock = steps.length ? h('details', { class: 'steps no-print-marker' },
      h('summary', { text: 'Steps (' + steps.length + ')' }), h('ol', { class: 'step-list' }, stepItems)) : null;
    const root = h('section', { class: 'phase', attrs: { 'aria-labelledby': headingId }, data: { phase: index } },
      h('header', { class: 'phase-head' },
        h('h2', { id: headingId }, h('span', { class: 'phase-name', text: phase.name }), ' ',
          h('span', { class: 'phase-minutes', text: phase.minutes + ' min' })),
        h('div', { class: 'phase-badges' }, now, badge, lockButton)),
      phase.description ? h('p', { class: 'phase-description', text: phase.description }) : null,
      stepsBlock,
      note);
    const prep = app.boot.preparation;
    if (prep && prep.phase === phase.id) root.appendChild(buildPreparation(prep));
    for (const field of phase.fields || []) root.appendChild(buildFieldShell(field, phase, index));
    app.sections[index] = { root, badge, now, note, lockButton, stepItems };
    return root;
  }

  function updateSections() {
    const f = app.facilitation;
    app.phases.forEach((phase, i) => {
      const s = app.sections[i];
      if (!s) return;
      const current = i === f.phase;
      const locked = isLocked(phase.id);
      s.root.classList.toggle('is-current', current);
      s.root.classList.toggle('is-locked', locked);
      s.now.hidden = !current;
      s.badge.hidden = !locked;
      if (app.view === 'projector') s.root.hidden = !current;
      let note = '';
      if (app.view !== 'projector') {
        if (f.closed) note = 'This session is closed; the canvas is read-only.';
        else if (locked) note = 'Locked by the facilitator: this section is read-only for now.';
      }
      s.note.textContent = note;
      s.note.hidden = !note;
      if (s.lockButton) {
        s.lockButton.textContent = locked ? 'Unlock section' : 'Lock section';
        s.lockButton.setAttribute('aria-pressed', locked ? 'true' : 'false');
        s.lockButton.setAttribute('aria-label', (locked ? 'Unlock ' : 'Lock ') + phase.name);
      }
      s.stepItems.forEach((li, j) => {
        const here = current && j === f.step;
        li.classList.toggle('is-current', here);
        if (here) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
      });
    });
    updateStatus();
  }

  Object.assign(W, { buildPreparation, buildSection, updateSections });
}(window.Weave));
