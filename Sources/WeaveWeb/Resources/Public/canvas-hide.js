/* Weave live canvas — The facilitator hides an item (a list entry, table row, tree node, grid item) from
 * participants, the projector and exports, and shows it again. The server sends hidden items to the
 * facilitator's page only, listed in facilitation.hidden (docs/live-protocol.md, "hide").
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { app, h } = W;

  /** Whether the facilitator hid this item of the field. */
  function isHidden(fieldId, itemId) {
    const ids = app.facilitation.hidden && app.facilitation.hidden[fieldId];
    return Array.isArray(ids) && ids.includes(itemId);
  }

  /** The class an item's element carries: marked when hidden (only the facilitator's page has such items). */
  function hiddenClass(ctx, itemId, other) {
    return [other, isHidden(ctx.field.id, itemId) ? 'is-hidden' : null].filter(Boolean).join(' ') || null;
  }

  /** The facilitator's Hide / Show button for one item; nothing on other pages. */
  function hideButton(ctx, itemId, label) {
    if (app.view !== 'facilitator' || !ctx.editable) return null;
    const hidden = isHidden(ctx.field.id, itemId);
    return h('button', {
      type: 'button', class: 'btn-secondary btn-small', text: hidden ? 'Show' : 'Hide', data: { key: 'hide:' + itemId },
      attrs: { 'aria-pressed': hidden ? 'true' : 'false',
        'aria-label': hidden ? 'Show “' + label + '” to everyone again' : 'Hide “' + label + '” from participants, the projector and exports' },
      on: { click: () => W.queueMessage({ type: 'hide', field: ctx.field.id, item: itemId, hidden: !hidden }, { field: ctx.field.id }) },
    });
  }

  Object.assign(W, { isHidden, hiddenClass, hideButton });
}(window.Weave));
