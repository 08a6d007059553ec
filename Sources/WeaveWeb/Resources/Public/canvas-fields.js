/* Weave live canvas — Field shells and re-rendering: one <article> per field, its body rebuilt from `app.state` by the field's
 * kind (canvas-kind-*.js) without ever replacing a box someone is typing in; shared editor pieces; alerts.
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, app, domId, findByKey, graft, h, isGraftable, isTextEntry, readOnlyReason, sendEdit, uiOf } = W;

  // ---------------------------------------------------------------------------------------------
  // Fields: shell and re-rendering

  function buildFieldShell(field, phase, phaseIndex) {
    app.fields.set(field.id, { field, phase, phaseIndex });
    const headingId = domId('field');
    const body = h('div', { class: 'field-body' });
    const alert = h('div', { class: 'field-alert', hidden: true, attrs: { role: 'alert' } });
    const orphans = h('div', { class: 'field-orphans', hidden: true });
    const root = h('article', { class: 'field', attrs: { 'aria-labelledby': headingId, tabindex: '-1' }, data: { kind: field.kind } },
      h('h3', { id: headingId, class: 'field-label' }, field.label,
        field.required === false ? h('span', { class: 'optional', text: ' (optional)' }) : null),
      field.prompt ? h('p', { class: 'field-prompt', text: field.prompt }) : null,
      alert,
      body,
      orphans);
    root.addEventListener('focusout', () => {
      // A field left stale while someone typed catches up once they leave it.
      setTimeout(() => {
        const entry = app.fieldEls.get(field.id);
        if (entry && entry.stale) renderField(field.id);
      }, 0);
    });
    app.fieldEls.set(field.id, { root, body, alert, orphans, stale: false });
    return root;
  }

  function makeCtx(info) {
    const field = info.field;
    const reason = readOnlyReason(info);
    return {
      field,
      id: field.id,
      info,
      editable: reason === null,
      projector: app.view === 'projector',
      ui: uiOf(field.id),
      live: (key) => { const entry = app.fieldEls.get(field.id); return entry ? findByKey(entry.body, key) : null; },
      send: (name, args, meta) => { clearFieldAlert(field.id); return sendEdit(field.id, name, args, meta); },
      // Beside the control just used when it is in this field (canvas-connection.js), else atop the field.
      alert: (message) => { if (!(W.alertBesideControl && W.alertBesideControl(field.id, message))) showFieldAlert(field.id, message); },
      rerender: () => renderField(field.id),
    };
  }

  function buildBody(ctx) {
    const builder = KINDS[ctx.field.kind];
    if (!builder) return h('p', { class: 'muted', text: 'This kind of field (' + ctx.field.kind + ') cannot be shown here yet.' });
    return builder(ctx);
  }

  /**
   * Re-renders one field from app.state. Unsaved text in its boxes is carried over; a focused text box is
   * grafted into the new DOM rather than replaced. opts.restore: [{key, value}] to put back after a refusal.
   */
  function renderField(fieldId, opts) {
    const info = app.fields.get(fieldId);
    const entry = app.fieldEls.get(fieldId);
    if (!info || !entry) return;
    const options = opts || {};
    const oldBody = entry.body;
    const active = document.activeElement;
    const focusInside = active && oldBody.contains(active) && active !== oldBody;
    const focusKey = focusInside && active.dataset ? active.dataset.key || null : null;
    const focusTyping = focusInside && isGraftable(active) && !!focusKey;

    // Unsaved text and open <details> in the old DOM.
    const drafts = new Map(); // key → {value, rescue}: rescue when it is worth offering back if its box is gone
    const openDetails = new Set();
    const rescuable = (el) => !el.dataset.noOrphan && (el.tagName === 'TEXTAREA' || el.type === 'text');
    for (const el of oldBody.querySelectorAll('[data-key]')) {
      const key = el.dataset.key;
      if (el.tagName === 'DETAILS') { if (el.open) openDetails.add(key); continue; }
      // A drop-down with a saved value (a new table row's partner, say) keeps its unsaved choice too.
      const draftSelect = el.tagName === 'SELECT' && el.dataset.saved !== undefined;
      if (el === active || !(isTextEntry(el) || draftSelect)) continue;
      if (el.value !== (el.dataset.saved || '')) drafts.set(key, { value: el.value, rescue: !draftSelect && rescuable(el) });
    }
    if (options.restore) for (const r of [].concat(options.restore)) if (r && r.key) drafts.set(r.key, { value: r.value, rescue: true });

    const ctx = makeCtx(info);
    const newBody = h('div', { class: 'field-body' }, buildBody(ctx));
    entry.root.classList.toggle('is-readonly', !ctx.editable);

    const orphaned = [];
    for (const [key, draft] of drafts) {
      const twin = findByKey(newBody, key);
      if (twin && twin.tagName === 'SELECT') {
        if (Array.from(twin.options).some((o) => o.value === draft.value)) twin.value = draft.value;
      } else if (twin && isTextEntry(twin)) {
        twin.value = draft.value;
        if (twin._on && twin._on.input) twin._on.input.call(twin, { type: 'input', currentTarget: twin, target: twin, synthetic: true });
      } else if (draft.rescue && draft.value.trim()) {
        orphaned.push(draft.value);
      }
    }
    for (const key of openDetails) { const d = findByKey(newBody, key); if (d) d.open = true; }

    app.rendering = true;
    try {
      let grafted = false;
      if (focusTyping) {
        const twin = findByKey(newBody, focusKey);
        if (twin && isGraftable(twin) && twin.tagName === active.tagName) {
          grafted = graft(oldBody, newBody, active, twin);
          if (grafted && active._on && active._on.input) active._on.input.call(active, { type: 'input', currentTarget: active, target: active, synthetic: true });
        }
        if (!grafted && isTextEntry(active)) {
          const dirty = active.value !== (active.dataset.saved || '');
          if (dirty && !twin && rescuable(active) && active.value.trim()) {
            orphaned.push(active.value);
          } else if (dirty && twin) {
            // Shaped differently around the box: leave the field as it is until the person leaves it.
            entry.stale = true;
            return;
          }
        }
      }
      entry.stale = false;
      if (!grafted) {
        oldBody.replaceWith(newBody);
        entry.body = newBody;
        if (focusInside) {
          const twin = focusKey ? findByKey(newBody, focusKey) : null;
          if (twin && !twin.disabled) twin.focus({ preventScroll: true });
          else entry.root.focus({ preventScroll: true });
        }
      }
    } finally {
      app.rendering = false;
    }
    if (orphaned.length) showOrphans(entry, orphaned);
    if (W.placeControlAlert) W.placeControlAlert(fieldId);
  }

  /** Text someone typed that has nowhere to go any more (the section was locked, the item removed…). */
  function showOrphans(entry, texts) {
    const box = entry.orphans;
    for (const text of texts) {
      const area = h('textarea', { readOnly: true, value: text, rows: 3, attrs: { 'aria-label': 'Your unsaved text' } });
      const wrap = h('div', { class: 'orphan' },
        h('p', null, 'Your unsaved text could not stay in its box. Copy it if you still need it:'),
        area,
        h('button', { type: 'button', class: 'btn-quiet', text: 'Dismiss', on: { click: () => { wrap.remove(); if (!box.children.length) box.hidden = true; } } }));
      box.appendChild(wrap);
    }
    box.hidden = false;
  }

  // ---------------------------------------------------------------------------------------------
  // Shared bits for field editors

  function hint(text) { return text ? h('p', { class: 'field-hint', text }) : null; }
  function empty(text) { return h('p', { class: 'empty', text }); }

  /**
   * An inline editor: text input + Save + Cancel; Enter saves, Escape cancels. opts: key, saved, label,
   * save(text) → true once done (sent, or nothing to send), focusAfter: the key to focus after leaving.
   */
  function inlineEditor(ctx, opts) {
    const leave = () => {
      const el = ctx.live(opts.key);
      if (el) el.dataset.saved = el.value; // deliberately left: not an unsaved draft
      ctx.ui.editing = null;
      ctx.rerender();
      const back = ctx.live(opts.focusAfter);
      if (back) back.focus({ preventScroll: true });
    };
    const trySave = () => {
      const el = ctx.live(opts.key);
      if (el && opts.save(el.value)) leave();
    };
    const input = h('input', {
      type: 'text', value: opts.saved, data: { key: opts.key, saved: opts.saved }, attrs: { 'aria-label': opts.label, autocomplete: 'off' },
      on: { keydown: (ev) => {
        if (ev.key === 'Enter') { ev.preventDefault(); trySave(); } else if (ev.key === 'Escape') { ev.preventDefault(); leave(); }
      } },
    });
    return h('div', { class: 'inline-edit' }, input,
      h('div', { class: 'row-actions' },
        h('button', { type: 'button', text: 'Save', data: { key: opts.key + ':save' }, on: { click: trySave } }),
        h('button', { type: 'button', class: 'btn-secondary', text: 'Cancel', data: { key: opts.key + ':cancel' }, on: { click: leave } })));
  }

  /** A one-line "add" form: text input + button; Enter adds. */
  function addForm(ctx, key, label, buttonText, onAdd, extra) {
    const inputId = domId('add');
    return h('form', { class: 'add-form no-print', on: { submit: (ev) => {
      ev.preventDefault();
      const el = ctx.live(key);
      if (!el) return;
      const text = el.value.trim();
      if (!text) { el.focus(); return; }
      if (onAdd(text, el) !== false) { el.value = ''; el.dataset.saved = ''; }
    } } },
    h('label', { class: 'vh', htmlFor: inputId, text: label }),
    h('input', { id: inputId, type: 'text', data: { key, saved: '' }, placeholder: label, attrs: { autocomplete: 'off' } }),
    extra || null,
    h('button', { type: 'submit', text: buttonText, data: { key: key + ':button' } }));
  }

  function confirmRemove(text, extra) {
    return window.confirm('Remove “' + text + '”' + (extra ? ' ' + extra : '') + '?');
  }


  // ---------------------------------------------------------------------------------------------
  // Alerts

  function showFieldAlert(fieldId, message) {
    const entry = app.fieldEls.get(fieldId);
    if (!entry) return;
    entry.alert.replaceChildren(
      h('span', { class: 'field-alert-text', text: message }),
      h('button', { type: 'button', class: 'btn-quiet', text: 'Dismiss', on: { click: () => { entry.alert.hidden = true; entry.alert.replaceChildren(); } } }),
    );
    entry.alert.hidden = false;
  }

  function clearFieldAlert(fieldId) {
    const entry = app.fieldEls.get(fieldId);
    if (entry && !entry.alert.hidden) { entry.alert.hidden = true; entry.alert.replaceChildren(); }
  }

  function showGlobalAlert(message) {
    const bar = app.bar;
    if (!bar) return;
    bar.alert.replaceChildren(
      h('span', { text: message }),
      h('button', { type: 'button', class: 'btn-quiet', text: 'Dismiss', on: { click: () => { bar.alert.hidden = true; bar.alert.replaceChildren(); } } }),
    );
    bar.alert.hidden = false;
  }

  Object.assign(W, { buildFieldShell, makeCtx, buildBody, renderField, showOrphans, hint, empty, inlineEditor, addForm, confirmRemove, showFieldAlert, clearFieldAlert, showGlobalAlert });
}(window.Weave));
