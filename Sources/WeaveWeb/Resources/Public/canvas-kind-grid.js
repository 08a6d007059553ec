/* Weave live canvas — The grid field kind: its editor and its read-only view (projector, locked, closed).
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, LIMITS, app, confirmRemove, domId, empty, h, hiddenClass, hideButton, newId, roundUnit, textProblem } = W;

  KINDS.grid = function (ctx) {
    const f = ctx.field;
    const x = f.xAxis || { label: 'x', low: 'low', high: 'high' };
    const y = f.yAxis || { label: 'y', low: 'low', high: 'high' };
    const placed = app.state.grids[f.id] || [];
    const byId = new Map(placed.map((p) => [p.id, p]));
    const partnersMode = f.items === 'partners';
    const ui = ctx.ui;
    // What the placing form works on: '' is a new item (entered grids); otherwise an item or partner id.
    if (partnersMode) {
      // Until someone picks, the form offers the first partner not yet placed.
      if (!ui.selected || ui.autoPicked || !app.partnerNames.has(ui.selected)) {
        const unplaced = app.partners.find((p) => !byId.has(p.id));
        ui.selected = unplaced ? unplaced.id : (app.partners[0] ? app.partners[0].id : '');
        ui.autoPicked = true;
      }
    } else if (ui.selected && !byId.has(ui.selected)) {
      ui.selected = '';
    }
    const selected = ui.selected || '';
    const describe = (item) => item.label + ': ' + x.label + ' ' + item.x.toFixed(2) + ', ' + y.label + ' ' + item.y.toFixed(2);

    const quadrants = Array.isArray(f.quadrants) && f.quadrants.length === 4
      ? h('div', { class: 'grid-quadrants', attrs: { 'aria-hidden': 'true' } }, f.quadrants.map((q, i) => h('span', { class: 'quadrant q' + i, text: q })))
      : null;
    const dots = placed.map((item) => {
      const side = item.x > 0.75 ? ' is-right' : item.x < 0.25 ? ' is-left' : '';
      const props = {
        class: 'grid-dot' + side + (item.id === selected ? ' is-selected' : ''),
        style: { left: (roundUnit(item.x) * 100) + '%', top: ((1 - roundUnit(item.y)) * 100) + '%' },
      };
      const content = [h('span', { class: 'dot', attrs: { 'aria-hidden': 'true' } }), h('span', { class: 'dot-label', text: item.label })];
      if (!ctx.editable) return h('span', Object.assign(props, { attrs: { role: 'img', 'aria-label': describe(item) } }), content);
      return h('button', Object.assign(props, {
        type: 'button', data: { key: 'dot:' + item.id },
        attrs: { 'aria-label': describe(item) + '. Select to move.', 'aria-pressed': item.id === selected ? 'true' : 'false' },
        on: { click: (ev) => { ev.stopPropagation(); ui.selected = item.id; ui.autoPicked = false; ctx.rerender(); } },
      }), content);
    });
    const board = h('div', {
      class: 'grid-board' + (ctx.editable ? ' is-editable' : ''),
      attrs: { role: 'group', 'aria-label': f.label + ': ' + x.label + ' across, ' + y.label + ' up' },
      on: ctx.editable ? { click: (ev) => {
        if (ev.target.closest && ev.target.closest('.grid-dot')) return;
        const rect = ev.currentTarget.getBoundingClientRect();
        if (!rect.width || !rect.height) return;
        placeFromForm(ctx, roundUnit((ev.clientX - rect.left) / rect.width), roundUnit(1 - (ev.clientY - rect.top) / rect.height));
      } } : null,
    }, quadrants, h('span', { class: 'grid-midline-x', attrs: { 'aria-hidden': 'true' } }), h('span', { class: 'grid-midline-y', attrs: { 'aria-hidden': 'true' } }), dots);

    const figure = h('div', { class: 'grid-figure' },
      h('div', { class: 'axis axis-y', attrs: { 'aria-hidden': 'true' } },
        h('span', { class: 'axis-end', text: y.high }), h('span', { class: 'axis-label', text: y.label + ' →' }), h('span', { class: 'axis-end', text: y.low })),
      board,
      h('span', { class: 'axis-corner' }),
      h('div', { class: 'axis axis-x', attrs: { 'aria-hidden': 'true' } },
        h('span', { class: 'axis-end', text: x.low }), h('span', { class: 'axis-label', text: x.label + ' →' }), h('span', { class: 'axis-end', text: x.high })));

    const parts = [figure];
    if (ctx.editable) {
      const current = selected ? byId.get(selected) : null;
      const pickId = domId('pick');
      const labelId = domId('label');
      const xId = domId('x');
      const yId = domId('y');
      const pickOptions = partnersMode
        ? app.partners.map((p) => h('option', { value: p.id, selected: p.id === selected, text: p.name + (byId.has(p.id) ? '' : ' (not placed)') }))
        : [h('option', { value: '', selected: !selected, text: 'A new item' })].concat(placed.map((p) => h('option', { value: p.id, selected: p.id === selected, text: p.label })));
      const sx = current ? current.x.toFixed(2) : '0.50';
      const sy = current ? current.y.toFixed(2) : '0.50';
      const labelSaved = current ? current.label : '';
      parts.push(h('form', { class: 'grid-form no-print', on: { submit: (ev) => {
        ev.preventDefault();
        const xe = ctx.live('grid-x:' + selected);
        const ye = ctx.live('grid-y:' + selected);
        const xv = Number(xe && xe.value);
        const yv = Number(ye && ye.value);
        if (!xe || !ye || xe.value === '' || ye.value === '' || !(xv >= 0 && xv <= 1) || !(yv >= 0 && yv <= 1)) {
          ctx.alert('A place on the grid runs from 0 to 1 on each axis.');
          return;
        }
        placeFromForm(ctx, roundUnit(xv), roundUnit(yv));
      } } },
      h('p', { class: 'field-hint', text: (partnersMode ? 'Choose a partner' : 'Type a label (or choose an item)') + ', then tap the grid where it belongs — or enter both numbers and press Place.' }),
      h('div', { class: 'grid-inputs' },
        h('label', { htmlFor: pickId }, h('span', { text: partnersMode ? 'Partner' : 'Item' }),
          h('select', { id: pickId, data: { key: 'grid-pick' }, on: { change: (ev) => { ui.selected = ev.currentTarget.value; ui.autoPicked = false; ctx.rerender(); } } }, pickOptions)),
        partnersMode ? null : h('label', { htmlFor: labelId }, h('span', { text: 'Label' }),
          h('input', { id: labelId, type: 'text', value: labelSaved, data: { key: 'grid-label:' + selected, saved: labelSaved, noOrphan: '1' }, attrs: { autocomplete: 'off' } })),
        h('label', { htmlFor: xId }, h('span', { text: x.label + ' (0–1)' }),
          h('input', { id: xId, type: 'number', min: '0', max: '1', step: '0.05', value: sx, data: { key: 'grid-x:' + selected, saved: sx, noOrphan: '1' }, attrs: { inputmode: 'decimal' } })),
        h('label', { htmlFor: yId }, h('span', { text: y.label + ' (0–1)' }),
          h('input', { id: yId, type: 'number', min: '0', max: '1', step: '0.05', value: sy, data: { key: 'grid-y:' + selected, saved: sy, noOrphan: '1' }, attrs: { inputmode: 'decimal' } })),
        h('button', { type: 'submit', data: { key: 'grid-place' }, text: current ? 'Move' : 'Place' }))));
    }
    // The items in words: the accessible alternative to the picture, and where items are removed.
    const rows = partnersMode
      ? app.partners.map((p) => ({ id: p.id, label: p.name, item: byId.get(p.id) || null }))
      : placed.map((p) => ({ id: p.id, label: p.label, item: p }));
    if (rows.length) {
      parts.push(h('ul', { class: 'grid-items' }, rows.map((row) => h('li', { class: hiddenClass(ctx, row.id, row.id === selected && ctx.editable ? 'is-selected' : null) },
        h('span', { class: 'grid-item-label', text: row.label }), ' ',
        h('span', { class: 'muted', text: row.item ? x.label + ' ' + row.item.x.toFixed(2) + ' · ' + y.label + ' ' + row.item.y.toFixed(2) : 'not placed' }),
        ctx.editable ? h('span', { class: 'row-actions no-print' },
          h('button', { type: 'button', class: 'btn-secondary btn-small', text: row.id === selected ? 'Selected' : 'Select',
            data: { key: 'select:' + row.id }, attrs: { 'aria-pressed': row.id === selected ? 'true' : 'false', 'aria-label': 'Select ' + row.label + ' to place or move' },
            on: { click: () => { ui.selected = row.id; ui.autoPicked = false; ctx.rerender(); } } }),
          row.item ? h('button', { type: 'button', class: 'btn-remove btn-small', text: 'Remove', data: { key: 'removegrid:' + row.id },
            attrs: { 'aria-label': 'Remove ' + row.label + ' from the grid' },
            on: { click: () => { if (confirmRemove(row.label, 'from the grid')) ctx.send('removeFromGrid', { item: row.id }); } } }) : null,
          row.item ? hideButton(ctx, row.id, row.label) : null) : null))));
    } else if (!ctx.editable) {
      parts.push(empty('Nothing placed yet.'));
    }
    return parts;
  };

  function placeFromForm(ctx, xv, yv) {
    const f = ctx.field;
    const ui = ctx.ui;
    const selected = ui.selected || '';
    const partnersMode = f.items === 'partners';
    let label;
    let restore = [];
    if (partnersMode) {
      if (!selected) { ctx.alert('Choose a partner to place first.'); return; }
      label = app.partnerNames.get(selected) || selected;
    } else {
      const el = ctx.live('grid-label:' + selected);
      const typed = el ? el.value : '';
      label = typed.trim();
      if (!label) {
        ctx.alert(selected ? 'An item on the grid needs a label.' : 'Type a label for the new item first, then tap the grid.');
        if (el) el.focus();
        return;
      }
      const problem = textProblem(label, LIMITS.entryCharacters, 'label', f.label);
      if (problem) { ctx.alert(problem); return; }
      restore = [{ key: 'grid-label:' + selected, value: typed }];
      if (!selected) {
        const count = (app.state.grids[f.id] || []).length;
        if (count >= LIMITS.entries) { ctx.alert(f.label + ' holds at most ' + LIMITS.entries + ' items.'); return; }
        if (el) { el.value = ''; el.dataset.saved = ''; }
      }
    }
    const item = selected || newId();
    ctx.send('placeOnGrid', { item, label, x: xv, y: yv }, { restore });
    if (!partnersMode && !selected) {
      // Keep the form on "a new item" so the next one can be typed straight away.
      const xe = ctx.live('grid-x:');
      const ye = ctx.live('grid-y:');
      if (xe) xe.value = xe.dataset.saved || '0.50';
      if (ye) ye.value = ye.dataset.saved || '0.50';
    }
  }

  Object.assign(W, { placeFromForm });
}(window.Weave));
