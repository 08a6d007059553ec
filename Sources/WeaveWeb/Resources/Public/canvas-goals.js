/* Weave live canvas — Goals: a field's minimum (`min_items`, `min_characters`, `min_rows`) shown beside its
 * heading with progress ("3 of 5 items"), and, when the facilitator moves on from a phase or locks it, a
 * warning listing the goals not reached ("Continue anyway" or "Stay") — never a block.
 *
 * The progress is counted from the canvas state as the server counts it (FieldGoal in
 * Sources/WeaveCore/Canvas/Kinds/FieldKindSpec.swift): items in the list, rows in the table, characters
 * (as people see them) in the text. Plain ES2020, no modules, no build step; loaded in order by
 * canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { app, h } = W;

  const segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  /** Characters as people see them (Swift's String.count): an emoji with a skin tone is one. */
  function characters(text) {
    if (!text) return 0;
    return segmenter ? Array.from(segmenter.segment(text)).length : Array.from(text).length;
  }

  /** A field's goal with its progress — {field, label, have, want, unit} — or null when it sets no minimum. */
  function fieldGoal(field) {
    const s = app.state;
    const goal = (have, want, unit) => ({ field: field.id, label: field.label, have, want, unit });
    switch (field.kind) {
      case 'list': return field.minItems ? goal(((s.lists || {})[field.id] || []).length, field.minItems, 'items') : null;
      case 'table': return field.minRows ? goal(((s.tables || {})[field.id] || []).length, field.minRows, 'rows') : null;
      case 'text': {
        const text = (s.texts || {})[field.id];
        return field.minCharacters ? goal(characters(text && text.text), field.minCharacters, 'characters') : null;
      }
      default: return null;
    }
  }

  /** The goals not reached among a phase's fields, in canvas order. */
  function unmetGoals(phaseIndex) {
    const phase = app.phases[phaseIndex];
    if (!phase) return [];
    return (phase.fields || []).map(fieldGoal).filter((g) => g && g.have < g.want);
  }

  /** "3 of 5 items", in a line under the field's heading; marked once reached. */
  function showGoal(field, root) {
    const goal = fieldGoal(field);
    let line = root.querySelector(':scope > .field-goal');
    if (!goal) { if (line) line.remove(); return; }
    if (!line) {
      line = h('p', { class: 'field-goal' });
      const heading = root.querySelector(':scope > .field-label');
      if (heading) heading.after(line); else root.prepend(line);
    }
    const met = goal.have >= goal.want;
    const text = 'Goal: ' + Math.min(goal.have, goal.want) + ' of ' + goal.want + ' ' + goal.unit + (met ? ' ✓' : '');
    if (line.textContent !== text) line.textContent = text;
    line.classList.toggle('is-met', met);
  }

  /**
   * Before the facilitator leaves or locks a phase: when some of its goals are not reached, asks — listing
   * them — whether to go on anyway; `proceed` runs on "Continue anyway" (or at once when all are reached).
   */
  function checkGoals(phaseIndex, proceed, action) {
    const unmet = unmetGoals(phaseIndex);
    if (!unmet.length) { proceed(); return; }
    const phase = app.phases[phaseIndex];
    const old = document.querySelector('.goal-warning');
    if (old) old.remove();
    const stay = h('button', { type: 'button', class: 'btn-secondary', text: 'Stay', data: { key: 'goals-stay' } });
    const go = h('button', { type: 'button', text: 'Continue anyway', data: { key: 'goals-continue' } });
    const dialog = h('dialog', { class: 'goal-warning', attrs: { 'aria-labelledby': 'goal-warning-title' } },
      h('h2', { id: 'goal-warning-title', text: 'Not every goal of ' + phase.name + ' is reached' }),
      h('ul', null, unmet.map((g) => h('li', { text: g.label + ': ' + g.have + ' of at least ' + g.want + ' ' + g.unit }))),
      h('p', { text: 'You can ' + (action || 'move on') + ' anyway; the canvas keeps what is there.' }),
      h('p', { class: 'goal-warning-buttons' }, stay, go));
    const close = () => { if (dialog.open) dialog.close(); dialog.remove(); };
    stay.addEventListener('click', close);
    go.addEventListener('click', () => { close(); proceed(); });
    document.body.appendChild(dialog);
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute('open', '');
    stay.focus();
  }

  Object.assign(W, { fieldGoal, unmetGoals, showGoal, checkGoals });
}(window.Weave));
