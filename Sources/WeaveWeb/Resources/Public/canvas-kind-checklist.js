/* Weave live canvas — The checklist field kind: its editor and its read-only view (projector, locked, closed).
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, app, h, hint } = W;

  KINDS.checklist = function (ctx) {
    const f = ctx.field;
    const items = (f.items && f.items.options) || [];
    const checked = new Set(app.state.checked[f.id] || []);
    const done = items.filter((i) => checked.has(i.id)).length;
    return [
      hint(done + ' of ' + items.length + ' ticked.'),
      h('ul', { class: 'checklist' }, items.map((item) => {
        const on = checked.has(item.id);
        if (!ctx.editable) {
          return h('li', { class: on ? 'is-checked' : null },
            h('span', { class: 'check-mark', attrs: { 'aria-hidden': 'true' }, text: on ? '☑' : '☐' }), ' ',
            h('span', { text: item.label }), h('span', { class: 'vh', text: on ? ' (ticked)' : ' (not ticked)' }),
            item.description && !ctx.projector ? h('span', { class: 'choice-description', text: item.description }) : null);
        }
        return h('li', null, h('label', { class: 'choice' },
          h('input', {
            type: 'checkbox', checked: on, data: { key: 'check:' + item.id },
            on: { change: (ev) => ctx.send('check', { item: item.id, checked: ev.currentTarget.checked }) },
          }),
          h('span', null, h('span', { text: item.label }),
            item.description ? h('span', { class: 'choice-description', text: item.description }) : null)));
      })),
    ];
  };
}(window.Weave));
