/* Weave live canvas — The tree field kind: its editor and its read-only view (projector, locked, closed).
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, LIMITS, addForm, app, confirmRemove, empty, h, hiddenClass, hideButton, hint, inlineEditor, newId, plural, textProblem } = W;

  KINDS.tree = function (ctx) {
    const f = ctx.field;
    const nodes = app.state.trees[f.id] || [];
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const maxDepth = f.maxDepth != null ? f.maxDepth : 3;
    const ui = ctx.ui;
    const children = new Map();
    for (const n of nodes) {
      const parentKnown = n.parent && byId.has(n.parent);
      const key = n.branch + '\u001f' + (parentKnown ? n.parent : '');
      if (!children.has(key)) children.set(key, []);
      children.get(key).push(n);
    }
    const depthOf = (node) => {
      let d = 1;
      let p = node.parent;
      const seen = new Set();
      while (p && byId.has(p) && !seen.has(p)) { seen.add(p); d += 1; p = byId.get(p).parent; }
      return d;
    };
    const room = nodes.length < LIMITS.entries;
    const checkNode = (text) => textProblem(text, LIMITS.entryCharacters, 'text', f.label);

    const renderNodes = (branch, parentId) => {
      const list = children.get(branch.id + '\u001f' + (parentId || '')) || [];
      if (!list.length) return null;
      return h('ul', { class: 'tree-nodes' }, list.map((node) => {
        const depth = depthOf(node);
        let line;
        if (ctx.editable && ui.editing === node.id) {
          line = inlineEditor(ctx, {
            key: 'node:' + node.id, saved: node.text, label: 'Edit “' + node.text + '”', focusAfter: 'editnode:' + node.id,
            save: (value) => {
              const text = value.trim();
              if (!text) { ctx.alert('An entry cannot be empty; remove it instead.'); return false; }
              if (text === node.text.trim()) return true;
              const problem = checkNode(text);
              if (problem) { ctx.alert(problem); return false; }
              ctx.send('editNode', { node: node.id, text }, { restore: [{ key: 'node:' + node.id, value }], ui: { editing: node.id } });
              return true;
            },
          });
        } else {
          line = h('div', { class: 'node-line' },
            h('span', { class: 'node-text prewrap', text: node.text }),
            ctx.editable ? h('span', { class: 'row-actions no-print' },
              depth < maxDepth && room ? h('button', {
                type: 'button', class: 'btn-secondary btn-small', text: 'Add under', data: { key: 'addunder:' + node.id },
                attrs: { 'aria-label': 'Add an entry under “' + node.text + '”', 'aria-expanded': ui.adding === node.id ? 'true' : 'false' },
                on: { click: () => {
                  ui.adding = ui.adding === node.id ? null : node.id;
                  ctx.rerender();
                  const el = ctx.live('add:' + node.id);
                  if (el) el.focus();
                } },
              }) : null,
              h('button', { type: 'button', class: 'btn-secondary btn-small', text: 'Edit', data: { key: 'editnode:' + node.id }, attrs: { 'aria-label': 'Edit “' + node.text + '”' },
                on: { click: () => { ui.editing = node.id; ctx.rerender(); const el = ctx.live('node:' + node.id); if (el) { el.focus(); el.select(); } } } }),
              h('button', { type: 'button', class: 'btn-remove btn-small', text: 'Remove', data: { key: 'removenode:' + node.id }, attrs: { 'aria-label': 'Remove “' + node.text + '”' },
                on: { click: () => {
                  const under = nodes.filter((n) => { let p = n.parent; while (p) { if (p === node.id) return true; p = byId.has(p) ? byId.get(p).parent : null; } return false; }).length;
                  if (confirmRemove(node.text, under ? 'and ' + plural(under, 'entry', 'entries') + ' under it' : '')) ctx.send('removeNode', { node: node.id });
                } } }),
              hideButton(ctx, node.id, node.text)) : null);
        }
        const adding = ctx.editable && ui.adding === node.id && depth < maxDepth
          ? addForm(ctx, 'add:' + node.id, 'Add under “' + node.text + '”', 'Add', (text) => {
            const problem = checkNode(text);
            if (problem) { ctx.alert(problem); return false; }
            // The form stays open so several entries can go under the same node.
            ctx.send('addNode', { node: newId(), branch: branch.id, parent: node.id, text }, { restore: [{ key: 'add:' + node.id, value: text }], ui: { adding: node.id } });
            return true;
          })
          : null;
        return h('li', { class: hiddenClass(ctx, node.id, 'tree-node'), data: { depth } }, line, W.groupBadge(f.id, node.id), adding, renderNodes(branch, node.id));
      }));
    };

    const branches = (f.branches || []).map((branch) => h('section', { class: 'tree-branch' },
      h('h4', { class: 'branch-label', text: branch.label }),
      branch.description && !ctx.projector ? h('p', { class: 'field-hint', text: branch.description }) : null,
      renderNodes(branch, null) || empty('Nothing here yet.'),
      ctx.editable && room ? addForm(ctx, 'add:@' + branch.id, 'Add to ' + branch.label, 'Add', (text) => {
        const problem = checkNode(text);
        if (problem) { ctx.alert(problem); return false; }
        ctx.send('addNode', { node: newId(), branch: branch.id, text }, { restore: [{ key: 'add:@' + branch.id, value: text }] });
        return true;
      }) : null));
    return [
      h('div', { class: 'tree' },
        h('p', { class: 'tree-root' }, h('span', { class: 'tree-root-label', text: f.rootLabel || '' })),
        h('div', { class: 'tree-branches' }, branches)),
      !ctx.projector ? hint('Entries nest up to ' + plural(maxDepth, 'level') + ' deep.') : null,
    ];
  };
}(window.Weave));
