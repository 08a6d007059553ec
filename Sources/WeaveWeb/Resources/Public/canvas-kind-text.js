/* Weave live canvas — The text field kind: its editor and its read-only view (projector, locked, closed).
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, LIMITS, app, charCount, domId, empty, h, hint, nameOf, nextMessageId, plural, rawSend, renderField, sentenceCount, textProblem, uiOf } = W;

  KINDS.text = function (ctx) {
    const f = ctx.field;
    const current = app.state.texts[f.id];
    const saved = current && typeof current.text === 'string' ? current.text : '';
    const earlier = Number(app.state.earlierTexts[f.id]) || 0;
    const max = f.maxCharacters != null ? f.maxCharacters : null;
    const limit = max != null ? max : LIMITS.textCharacters;
    const parts = [];

    if (ctx.editable) {
      const areaId = domId('text');
      const countId = domId('count');
      const count = h('span', { class: 'count', id: countId });
      const sentences = h('span', { class: 'sentences' });
      const status = h('span', { class: 'save-status', attrs: { 'aria-live': 'polite' } });
      const saveButton = h('button', { type: 'button', text: 'Save', data: { key: 'text:save' }, on: { click: () => saveText(ctx) } });
      const refresh = (el) => {
        const value = el.value;
        const n = charCount(value.trim());
        count.textContent = max != null ? n + ' / ' + max + ' characters' : plural(n, 'character');
        count.classList.toggle('is-over', n > limit);
        if (f.maxSentences != null) {
          const s = sentenceCount(value.trim());
          sentences.textContent = 'at most ' + plural(f.maxSentences, 'sentence') + (value.trim() ? ' · ' + plural(s, 'sentence') + ' now' : '');
          sentences.classList.toggle('is-over', s > f.maxSentences);
        }
        const dirty = value.trim() !== (el.dataset.saved || '').trim();
        if (!dirty) el._base = undefined;
        else if (el._base === undefined) el._base = el.dataset.saved || '';
        const conflict = dirty && el._base !== undefined && el._base !== (el.dataset.saved || '');
        status.textContent = conflict
          ? 'Someone saved a new version while you were typing; saving yours keeps theirs under earlier versions.'
          : dirty ? 'Not saved yet — leave the box or press Ctrl+Enter to save.' : '';
        status.classList.toggle('is-conflict', conflict);
        saveButton.disabled = !dirty;
        el.classList.toggle('is-dirty', dirty);
      };
      const area = h('textarea', {
        id: areaId, value: saved, rows: Math.min(8, Math.max(3, Math.ceil(limit / 120))),
        data: { key: 'text', saved },
        attrs: { 'aria-describedby': countId, 'aria-labelledby': null },
        on: {
          input: (ev) => refresh(ev.currentTarget),
          blur: () => { if (!app.rendering) saveText(ctx); },
          keydown: (ev) => { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); saveText(ctx); } },
        },
      });
      area.setAttribute('aria-label', f.label);
      refresh(area);
      parts.push(area, h('div', { class: 'text-meta' }, count, sentences, status, h('span', { class: 'spacer' }), saveButton));
    } else {
      parts.push(saved ? h('p', { class: 'text-value prewrap', text: saved }) : empty('Nothing written yet.'));
      if (f.maxSentences != null && !ctx.projector) parts.push(hint('At most ' + plural(f.maxSentences, 'sentence') + '.'));
    }

    if (current && !ctx.projector) {
      // Earlier versions are not in the canvas state (only their number): they are asked for when the
      // list is opened, a page at a time, newest first.
      const summary = 'Written by ' + nameOf(current.author) + (earlier ? ' · ' + plural(earlier, 'earlier version') : '');
      const ui = uiOf(f.id);
      const cache = ui.versions && ui.versions.count === earlier ? ui.versions : null;
      let body;
      if (!earlier) body = empty('No earlier versions.');
      else if (!cache || !cache.list.length) body = empty(cache && cache.error ? cache.error : 'Loading earlier versions…');
      else {
        body = [h('ol', { class: 'versions' }, cache.list.map((v) => h('li', null,
          h('span', { class: 'prewrap', text: v.text || '' }), ' ', h('span', { class: 'muted', text: '— ' + (v.name || nameOf(v.author)) })))),
        cache.more ? h('button', { type: 'button', class: 'btn-secondary', text: cache.loading ? 'Loading…' : 'Show earlier versions',
          data: { key: 'history:more' }, on: { click: () => requestVersions(f.id, true) } }) : null];
      }
      parts.push(h('details', { class: 'history', data: { key: 'history' },
        on: { toggle: (ev) => { if (ev.currentTarget.open) requestVersions(f.id, false); } } },
      h('summary', { text: summary }), body));
    }
    return parts;
  };

  /** Asks for a text field's earlier versions: the first page, or (more) the page before the last one shown. */
  function requestVersions(fieldId, more) {
    const earlier = Number(app.state.earlierTexts[fieldId]) || 0;
    if (!earlier) return;
    const ui = uiOf(fieldId);
    if (!ui.versions || ui.versions.count !== earlier) ui.versions = { count: earlier, list: [], more: false, loading: false, loaded: false, error: null, request: null };
    const cache = ui.versions;
    if (cache.loading || (!more && cache.loaded) || (more && !cache.more)) return;
    const msg = { type: 'versions', id: nextMessageId(), field: fieldId };
    if (more && cache.list.length) msg.before = cache.list[cache.list.length - 1].sequence;
    cache.request = msg.id;
    cache.error = null;
    cache.loading = rawSend(msg);
    if (!cache.loading) cache.error = 'Earlier versions show once the page is connected.';
    if (more || !cache.loading) renderField(fieldId);
  }

  function receiveVersions(msg) {
    const ui = msg.field ? app.ui.get(msg.field) : null;
    const cache = ui && ui.versions;
    if (!cache || cache.request !== msg.id) return;
    cache.loading = false;
    cache.loaded = true;
    cache.list = cache.list.concat(Array.isArray(msg.versions) ? msg.versions : []);
    cache.more = !!msg.more;
    renderField(msg.field);
  }

  function saveText(ctx) {
    const el = ctx.live('text');
    if (!el || !ctx.editable) return;
    const text = el.value;
    if (text.trim() === (el.dataset.saved || '').trim()) return;
    const f = ctx.field;
    const problem = textProblem(text, f.maxCharacters != null ? f.maxCharacters : LIMITS.textCharacters, 'text', f.label);
    if (problem) { ctx.alert(problem); return; }
    if (f.maxSentences != null) {
      const n = sentenceCount(text.trim());
      if (n > f.maxSentences) {
        ctx.alert(f.label + ' takes at most ' + plural(f.maxSentences, 'sentence') + '; this has ' + n + '.');
        return;
      }
    }
    const sent = ctx.send('setText', { text }, { restore: [{ key: 'text', value: text }], dedupe: 'text' });
    if (sent) {
      const status = el.parentNode && el.parentNode.querySelector('.save-status');
      if (status) status.textContent = 'Saving…';
    }
  }

  Object.assign(W, { requestVersions, receiveVersions, saveText });
}(window.Weave));
