/* Weave live canvas — The list field kind: its editor and its read-only view (projector, locked, closed).
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, LIMITS, addForm, app, confirmRemove, empty, h, hiddenClass, hideButton, hint, inlineEditor, newId, plural, rangeText, textProblem } = W;

  KINDS.list = function (ctx) {
    const f = ctx.field;
    const items = app.state.lists[f.id] || [];
    const max = Math.min(f.maxItems != null ? f.maxItems : LIMITS.entries, LIMITS.entries);
    const entryLimit = f.maxCharacters != null ? f.maxCharacters : LIMITS.entryCharacters;
    const parts = [];
    const range = rangeText(f.minItems, f.maxItems, 'item');
    if (!ctx.projector) parts.push(hint([range ? 'Wanted: ' + range + '.' : '', items.length ? plural(items.length, 'item') + ' so far.' : ''].filter(Boolean).join(' ')));
    if (!items.length) parts.push(empty('No items yet.'));
    const ui = ctx.ui;
    const list = h('ul', { class: 'entry-list' }, items.map((item) => {
      if (ctx.editable && ui.editing === item.id) {
        return h('li', { class: 'is-editing' }, inlineEditor(ctx, {
          key: 'item:' + item.id, saved: item.text, label: 'Edit “' + item.text + '”', focusAfter: 'edit:' + item.id,
          save: (value) => {
            const text = value.trim();
            if (!text) { ctx.alert('An item cannot be empty; remove it instead.'); return false; }
            if (text === item.text.trim()) return true;
            const problem = textProblem(text, entryLimit, 'item', f.label);
            if (problem) { ctx.alert(problem); return false; }
            ctx.send('editItem', { item: item.id, text }, { restore: [{ key: 'item:' + item.id, value }], ui: { editing: item.id } });
            return true;
          },
        }));
      }
      return h('li', { class: hiddenClass(ctx, item.id) },
        h('span', { class: 'entry-text prewrap', text: item.text }), W.groupBadge(f.id, item.id),
        ctx.editable ? h('span', { class: 'row-actions no-print' },
          h('button', { type: 'button', class: 'btn-secondary btn-small', text: 'Edit', data: { key: 'edit:' + item.id }, attrs: { 'aria-label': 'Edit “' + item.text + '”' },
            on: { click: () => { ui.editing = item.id; ctx.rerender(); const el = ctx.live('item:' + item.id); if (el) { el.focus(); el.select(); } } } }),
          h('button', { type: 'button', class: 'btn-remove btn-small', text: 'Remove', data: { key: 'remove:' + item.id }, attrs: { 'aria-label': 'Remove “' + item.text + '”' },
            on: { click: () => { if (confirmRemove(item.text)) ctx.send('removeItem', { item: item.id }); } } }),
          hideButton(ctx, item.id, item.text)) : null);
    }));
    if (items.length) parts.push(list);
    if (ctx.editable) {
      if (items.length >= max) {
        parts.push(hint('The list is full (' + items.length + ' of ' + max + '). Remove an item to add another.'));
      } else {
        parts.push(addForm(ctx, 'add', 'Add an item', 'Add', (text) => {
          const problem = textProblem(text, entryLimit, 'item', f.label);
          if (problem) { ctx.alert(problem); return false; }
          ctx.send('addItem', { item: newId(), text }, { restore: [{ key: 'add', value: text }] });
          return true;
        }));
      }
    }
    return parts;
  };
}(window.Weave));
