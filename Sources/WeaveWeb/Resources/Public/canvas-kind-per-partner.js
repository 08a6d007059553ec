/* Weave live canvas — The per-partner field kind: its editor and its read-only view (projector, locked, closed).
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, LIMITS, app, domId, empty, h, textProblem } = W;

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
    if (!ctx.editable) {
      parts.push(h('dl', { class: 'partner-answers' }, app.partners.map((p) => {
        const a = answers[p.id];
        let value;
        if (f.answer === 'choice') {
          const labels = a && Array.isArray(a.choices) ? a.choices.map((c) => (byId.get(c) || { label: c }).label) : [];
          value = labels.length ? labels.join(', ') : null;
        } else {
          value = a && a.text ? a.text : null;
        }
        return [h('dt', { class: p.id === own ? 'is-own' : null, text: p.name }),
          h('dd', null, value ? h('span', { class: 'prewrap', text: value }) : h('span', { class: 'muted', text: 'No answer yet' }))];
      })));
      return parts;
    }
    const rows = app.partners.map((p) => {
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
                ctx.send('setPartnerAnswer', { partner: p.id, choices: f.multiple ? ordered : ordered.slice(0, 1) });
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
}(window.Weave));
