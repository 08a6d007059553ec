/* Weave live canvas — The table field kind: its editor and its read-only view (projector, locked, closed).
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, LIMITS, app, confirmRemove, domId, empty, h, hiddenClass, hideButton, hint, isDate, newId, plural, rangeText, textProblem } = W;

  function cellProblem(column, value) {
    if (!value) return null;
    if (column.type === 'number' && !Number.isFinite(Number(value))) return column.label + ' takes a number.';
    if (column.type === 'date' && !isDate(value)) return column.label + ' takes a date as YYYY-MM-DD.';
    if (column.type === 'partner' && !app.partnerNames.has(value)) return column.label + ' takes one of the partnership\'s partners.';
    return null;
  }

  function cellEditor(ctx, column, key, saved, label, onCommit, listId) {
    if (column.type === 'partner') {
      return h('select', {
        data: { key, saved }, attrs: { 'aria-label': label },
        on: { change: (ev) => { if (!app.rendering) onCommit(ev.currentTarget.value, ev.currentTarget); } },
      }, h('option', { value: '', text: '—', selected: !saved }),
      app.partners.map((p) => h('option', { value: p.id, text: p.name, selected: p.id === saved })),
      saved && !app.partnerNames.has(saved) ? h('option', { value: saved, text: saved, selected: true }) : null);
    }
    const type = column.type === 'number' ? 'number' : column.type === 'date' ? 'date' : 'text';
    // Saved on change and on leaving the box (a draft carried over by a re-render fires no change event).
    const commit = (ev) => { if (!app.rendering) onCommit(ev.currentTarget.value, ev.currentTarget); };
    return h('input', {
      type, value: saved, data: { key, saved },
      step: type === 'number' ? 'any' : undefined,
      attrs: { 'aria-label': label, list: column.type === 'person' && listId ? listId : null, autocomplete: 'off', inputmode: type === 'number' ? 'decimal' : null },
      on: {
        change: commit,
        blur: commit,
        input: (ev) => ev.currentTarget.classList.toggle('is-dirty', ev.currentTarget.value.trim() !== (ev.currentTarget.dataset.saved || '').trim()),
        keydown: (ev) => { if (ev.key === 'Enter' && onCommit.onEnter) { ev.preventDefault(); onCommit.onEnter(); } },
      },
    });
  }

  KINDS.table = function (ctx) {
    const f = ctx.field;
    const columns = f.columns || [];
    const rows = app.state.tables[f.id] || [];
    const max = Math.min(f.maxRows != null ? f.maxRows : LIMITS.entries, LIMITS.entries);
    const parts = [];
    const range = rangeText(f.minRows, f.maxRows, 'row');
    if (!ctx.projector) parts.push(hint([range ? 'Wanted: ' + range + '.' : '', rows.length ? plural(rows.length, 'row') + ' so far.' : ''].filter(Boolean).join(' ')));
    let listId = null;
    let datalist = null;
    if (ctx.editable && columns.some((c) => c.type === 'person')) {
      listId = domId('people');
      datalist = h('datalist', { id: listId }, app.participants.map((p) => h('option', { value: p.name })));
    }
    const display = (column, value) => {
      if (!value) return h('span', { class: 'muted', text: '—' });
      if (column.type === 'partner') return document.createTextNode(app.partnerNames.get(value) || value);
      return h('span', { class: 'prewrap', text: value });
    };
    const body = rows.map((row, r) => h('tr', { class: hiddenClass(ctx, row.id) },
      columns.map((c, ci) => {
        const value = (row.cells || {})[c.id] || '';
        if (!ctx.editable) return h('td', { data: { label: c.label } }, display(c, value), ci === 0 ? W.groupBadge(f.id, row.id) : null);
        const key = 'cell:' + row.id + ':' + c.id;
        return h('td', { data: { label: c.label, type: c.type || 'text' } }, cellEditor(ctx, c, key, value, c.label + ', row ' + (r + 1), (next, el) => {
          const clean = next.trim();
          if (el.validity && el.validity.badInput) { ctx.alert(c.label + ' takes a number.'); return; }
          if (clean === (el.dataset.saved || '').trim()) return;
          const problem = cellProblem(c, clean) || textProblem(clean, LIMITS.entryCharacters, c.label, f.label);
          if (problem) { ctx.alert(problem); return; }
          ctx.send('setCell', { row: row.id, column: c.id, value: clean }, { restore: [{ key, value: next }], dedupe: key });
        }, listId), ci === 0 ? W.groupBadge(f.id, row.id) : null);
      }),
      ctx.editable ? h('td', { class: 'cell-action no-print' }, h('button', {
        type: 'button', class: 'btn-remove btn-small', text: 'Remove', data: { key: 'remove:' + row.id },
        attrs: { 'aria-label': 'Remove row ' + (r + 1) },
        on: { click: () => {
          const first = columns.map((c) => (row.cells || {})[c.id]).find(Boolean);
          if (confirmRemove(first ? first : 'row ' + (r + 1), 'from ' + f.label)) ctx.send('removeRow', { row: row.id });
        } },
      }), hideButton(ctx, row.id, 'row ' + (r + 1))) : null));

    let foot = null;
    const canAdd = ctx.editable && rows.length < max;
    if (canAdd) {
      const addRow = () => {
        const cells = {};
        const restore = [];
        for (const c of columns) {
          const el = ctx.live('new:' + c.id);
          if (!el) continue;
          if (el.validity && el.validity.badInput) { ctx.alert(c.label + ' takes a number.'); return; }
          const v = el.value.trim();
          const problem = cellProblem(c, v) || textProblem(v, LIMITS.entryCharacters, c.label, f.label);
          if (problem) { ctx.alert(problem); return; }
          if (v) { cells[c.id] = v; restore.push({ key: 'new:' + c.id, value: el.value }); }
        }
        if (!Object.keys(cells).length) { const el = ctx.live('new:' + (columns[0] && columns[0].id)); if (el) el.focus(); return; }
        ctx.send('addRow', { row: newId(), cells }, { restore });
        for (const c of columns) { const el = ctx.live('new:' + c.id); if (el) { el.value = ''; el.dataset.saved = ''; } }
        const first = ctx.live('new:' + (columns[0] && columns[0].id));
        if (first) first.focus({ preventScroll: true });
      };
      const commit = () => {};
      commit.onEnter = addRow;
      foot = h('tfoot', { class: 'no-print' }, h('tr', { class: 'new-row' },
        columns.map((c) => h('td', { data: { label: c.label, type: c.type || 'text' } }, cellEditor(ctx, c, 'new:' + c.id, '', 'New row: ' + c.label, commit, listId))),
        h('td', { class: 'cell-action' }, h('button', { type: 'button', text: 'Add row', data: { key: 'add-row' }, on: { click: addRow } }))));
    }
    const table = h('table', { class: 'canvas-table' + (ctx.editable ? ' is-editable' : '') },
      h('thead', null, h('tr', null,
        columns.map((c) => h('th', { scope: 'col', text: c.label })),
        ctx.editable ? h('th', { scope: 'col', class: 'no-print' }, h('span', { class: 'vh', text: 'Actions' })) : null)),
      h('tbody', null, body),
      foot);
    if (!rows.length && !canAdd) parts.push(empty('No rows yet.'));
    parts.push(h('div', { class: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': f.label } }, table), datalist);
    if (ctx.editable && rows.length >= max) parts.push(hint('The table is full (' + rows.length + ' of ' + max + ' rows).'));
    return parts;
  };

  Object.assign(W, { cellProblem, cellEditor });
}(window.Weave));
