/* Weave live canvas — The per-partner field kind: its editor and its read-only view (projector, locked, closed).
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, LIMITS, app, domId, empty, h, showFieldAlert, textProblem } = W;

  /** The choices this person made lately, by field and partner, to tell them when someone else's replaced them. */
  const recentChoices = new Map();
  const OVERWRITE_WINDOW_MS = 30000;

  /**
   * After someone else's change to a per-partner choice field: when it replaced a choice this person made
   * for that partner in the last 30 s, say so beside the field — as a text field does when two people save.
   */
  function afterFieldEvent(ev, before) {
    const info = app.fields.get(ev.field);
    if (!info || info.field.kind !== 'per-partner' || info.field.answer !== 'choice') return;
    const me = app.boot.viewer && (app.boot.viewer.participant || app.boot.viewer.id);
    if (!ev.actor || ev.actor.id === me) return;
    const after = app.state.partnerAnswers[ev.field] || {};
    const options = new Map(((info.field.options && info.field.options.options) || []).map((o) => [o.id, o.label]));
    const label = (ids) => (ids && ids.length ? ids.map((id) => options.get(id) || id).join(', ') : 'no choice');
    for (const partner of app.partners) {
      const mine = recentChoices.get(ev.field + '\u001f' + partner.id);
      if (!mine || Date.now() - mine.at > OVERWRITE_WINDOW_MS) continue;
      const was = (before && before[partner.id] && before[partner.id].choices) || [];
      const now = (after[partner.id] && after[partner.id].choices) || [];
      if (JSON.stringify(was) === JSON.stringify(now) || JSON.stringify(now) === JSON.stringify(mine.choices)) continue;
      recentChoices.delete(ev.field + '\u001f' + partner.id);
      showFieldAlert(ev.field, (ev.actor.name || 'Someone') + ' chose ' + label(now) + ' for ' + partner.name + ' just after you chose ' + label(mine.choices) + '; theirs replaced yours. Choose again if yours should stand.');
    }
  }

  KINDS['per-partner'] = function (ctx) {
    const f = ctx.field;
    const answers = app.state.partnerAnswers[f.id] || {};
    const options = (f.options && f.options.options) || [];
    const byId = new Map(options.map((o) => [o.id, o]));
    const own = app.boot.viewer && app.boot.viewer.partner;
    const parts = [];
    if (!app.partners.length) return empty('This partnership has no partners yet.');
    if (f.answer === 'choice' && options.some((o) => o.description) && !ctx.projector) {
      parts.push(h('details', { class: 'option-help', data: { key: 'option-help' } },
        h('summary', { text: 'What the choices mean' }),
        h('dl', null, options.map((o) => [h('dt', { text: o.label }), h('dd', { text: o.description || '' })]))));
    }
    const answerText = (p) => {
      const a = answers[p.id];
      if (f.answer === 'choice') {
        const labels = a && Array.isArray(a.choices) ? a.choices.map((c) => (byId.get(c) || { label: c }).label) : [];
        return labels.length ? labels.join(', ') : null;
      }
      return a && a.text ? a.text : null;
    };
    if (!ctx.editable) {
      parts.push(h('dl', { class: 'partner-answers' }, app.partners.map((p) => {
        const value = answerText(p);
        return [h('dt', { class: p.id === own ? 'is-own' : null, text: p.name }),
          h('dd', null, value ? h('span', { class: 'prewrap', text: value }) : h('span', { class: 'muted', text: 'No answer yet' }))];
      })));
      return parts;
    }
    // The path's per_partner: own-participants — a participant answers only for their own organisation.
    const ownOnly = app.boot.perPartner === 'own-participants' && app.view === 'participant';
    const rows = app.partners.map((p) => {
      if (ownOnly && p.id !== own) {
        const value = answerText(p);
        return h('div', { class: 'partner-row is-readonly', data: { partner: p.id } },
          h('span', { class: 'partner-name', text: p.name }),
          h('p', { class: 'partner-answer' }, value ? h('span', { class: 'prewrap', text: value }) : h('span', { class: 'muted', text: 'No answer yet' })),
          h('p', { class: 'muted small', text: 'Only ' + p.name + '\u2019s participants answer here.' }));
      }
      const a = answers[p.id] || {};
      const ownMark = p.id === own ? h('span', { class: 'badge badge-own', text: 'Your organisation' }) : null;
      if (f.answer === 'choice') {
        const chosen = Array.isArray(a.choices) ? a.choices : [];
        const name = domId('choice');
        const group = h('fieldset', { class: 'partner-row choice-group' + (p.id === own ? ' is-own' : '') },
          h('legend', null, p.name, ' ', ownMark),
          options.map((o) => h('label', { class: 'choice' },
            h('input', {
              type: f.multiple ? 'checkbox' : 'radio', name, value: o.id, checked: chosen.includes(o.id),
              data: { key: 'choice:' + p.id + ':' + o.id },
              on: { change: (ev) => {
                const box = ev.currentTarget.closest('fieldset');
                const picked = Array.from(box.querySelectorAll('input:checked')).map((i) => i.value);
                const ordered = options.map((x) => x.id).filter((id) => picked.includes(id));
                const choices = f.multiple ? ordered : ordered.slice(0, 1);
                recentChoices.set(f.id + '\u001f' + p.id, { choices, at: Date.now() });
                ctx.send('setPartnerAnswer', { partner: p.id, choices });
              } },
            }),
            h('span', { text: o.label }))),
          !f.multiple && chosen.length ? h('button', {
            type: 'button', class: 'btn-quiet btn-small', text: 'Clear choice', data: { key: 'clear:' + p.id },
            attrs: { 'aria-label': 'Clear the choice for ' + p.name },
            on: { click: () => ctx.send('setPartnerAnswer', { partner: p.id, choices: [] }) },
          }) : null);
        return group;
      }
      const key = 'answer:' + p.id;
      const saved = a.text || '';
      const areaId = domId('answer');
      const commit = (el) => {
        if (app.rendering) return;
        const text = el.value;
        if (text.trim() === (el.dataset.saved || '').trim()) return;
        const problem = textProblem(text, LIMITS.textCharacters, 'answer', f.label);
        if (problem) { ctx.alert(problem); return; }
        ctx.send('setPartnerAnswer', { partner: p.id, text, choices: [] }, { restore: [{ key, value: text }], dedupe: key });
      };
      return h('div', { class: 'partner-row' + (p.id === own ? ' is-own' : '') },
        h('label', { htmlFor: areaId, class: 'partner-name' }, p.name, ' ', ownMark),
        h('textarea', {
          id: areaId, rows: 2, value: saved, data: { key, saved },
          on: {
            input: (ev) => ev.currentTarget.classList.toggle('is-dirty', ev.currentTarget.value.trim() !== (ev.currentTarget.dataset.saved || '').trim()),
            change: (ev) => commit(ev.currentTarget),
            blur: (ev) => commit(ev.currentTarget),
            keydown: (ev) => { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); commit(ev.currentTarget); } },
          },
        }));
    });
    parts.push(h('div', { class: 'partner-rows' }, rows));
    return parts;
  };
  Object.assign(W, { afterFieldEvent });
}(window.Weave));
