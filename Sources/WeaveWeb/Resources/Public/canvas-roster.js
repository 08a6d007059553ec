/* Weave live canvas — Who is here: the facilitator's live roster (each participant's name, organisation and
 * whether a browser of theirs is connected now; partners with nobody here; rename and remove), and the line
 * that tells a participant who they are ("Ana · City Food Bank").
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { app, h, plural, queueMessage } = W;

  /** The roster panel, made once by canvas-boot.js for the facilitator (null elsewhere). */
  let panel = null;

  /** Builds the facilitator's roster panel; the count in the session bar (#roster-count) updates with it. */
  function buildRoster() {
    if (app.view !== 'facilitator') return null;
    panel = {
      summary: h('span', { class: 'roster-summary' }),
      list: h('div', { class: 'roster-partners' }),
    };
    panel.root = h('details', { class: 'roster no-print', data: { key: 'roster' } },
      h('summary', null, h('span', { class: 'roster-kicker', text: 'Who is here' }), ' ', panel.summary),
      panel.list);
    return panel.root;
  }

  /** Everyone on the roster who has not been removed. */
  function currentPeople() { return app.participants.filter((p) => p && !p.removed); }

  /** Re-renders the roster and the count from app.participants. */
  function renderRoster() {
    const people = currentPeople();
    const here = people.filter((p) => p.present).length;
    const countText = plural(here, 'person', 'people') + ' here now · ' + people.length + ' joined';
    const count = document.getElementById('roster-count');
    if (count && count.textContent !== countText) count.textContent = countText;
    renderIdentity();
    if (W.renderGroups) W.renderGroups();
    if (!panel) return;
    panel.summary.textContent = countText;
    const byPartner = new Map(app.partners.map((p) => [p.id, []]));
    for (const person of people) {
      if (!byPartner.has(person.partner)) byPartner.set(person.partner, []);
      byPartner.get(person.partner).push(person);
    }
    panel.list.replaceChildren(...Array.from(byPartner.entries()).map(([partnerId, list]) => {
      const present = list.filter((p) => p.present).length;
      return h('section', { class: 'roster-partner' + (present === 0 ? ' is-absent' : '') },
        h('h4', null, h('span', { text: app.partnerNames.get(partnerId) || 'Another organisation' }), ' ',
          h('span', { class: 'muted', text: present === 0 ? (list.length ? 'nobody connected now' : 'nobody here yet') : present + ' here' })),
        list.length ? h('ul', { class: 'roster-people' }, list.map((person) => h('li', { class: person.present ? 'is-present' : 'is-away' },
          h('span', { class: 'presence-dot', attrs: { 'aria-hidden': 'true' } }),
          h('span', { class: 'roster-name', text: person.name }),
          h('span', { class: 'vh', text: person.present ? ' (connected)' : ' (not connected)' }),
          h('span', { class: 'row-actions' },
            h('button', { type: 'button', class: 'btn-secondary btn-small', text: 'Rename', data: { key: 'rename:' + person.id },
              attrs: { 'aria-label': 'Rename ' + person.name },
              on: { click: () => {
                const name = window.prompt('New name for ' + person.name + ' (their items stay theirs):', person.name);
                if (name && name.trim() && name.trim() !== person.name) queueMessage({ type: 'renameParticipant', participant: person.id, name: name.trim() });
              } } }),
            h('button', { type: 'button', class: 'btn-remove btn-small', text: 'Remove', data: { key: 'removeperson:' + person.id },
              attrs: { 'aria-label': 'Remove ' + person.name + ' from the session' },
              on: { click: () => {
                if (window.confirm('Remove ' + person.name + ' from this session? Their items stay on the canvas, under their name.')) {
                  queueMessage({ type: 'removeParticipant', participant: person.id });
                }
              } } }))))) : null);
    }));
  }

  /** A participant's own line in the bar: who they are, and for which organisation. */
  function renderIdentity() {
    const el = app.bar && app.bar.identity;
    if (!el) return;
    const viewer = app.boot.viewer || {};
    if (app.view !== 'participant' || !viewer.participant) { el.hidden = true; return; }
    const me = app.participants.find((p) => p.id === viewer.participant);
    const name = me ? me.name : viewer.name;
    const text = name + ' · ' + (app.partnerNames.get(viewer.partner) || '');
    if (el.textContent !== text) el.textContent = text;
    el.hidden = false;
  }

  /** "Triad 2" beside an item a group added while groups were formed (state.itemGroups), or null. */
  function groupBadge(fieldId, itemId) {
    const label = ((app.state.itemGroups || {})[fieldId] || {})[itemId];
    return label ? h('span', { class: 'badge badge-group', text: label }) : null;
  }

  Object.assign(W, { buildRoster, renderRoster, renderIdentity, groupBadge });
}(window.Weave));
