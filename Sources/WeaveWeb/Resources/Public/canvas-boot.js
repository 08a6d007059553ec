/* Weave live canvas — Boot: reads the page's boot data (limits included) and starts the canvas.
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { LIMITS, app, buildBar, buildRoster, renderRoster, buildPreparation, buildSection, connect, connectionState, empty, h, isTextEntry, markOffline, reconnectNow, renderField, tick, updateBar, updateSections } = W;

  const LIMIT_NAMES = ['textCharacters', 'entryCharacters', 'entries', 'maxMessageBytes', 'messagesPerSecond', 'messageBurst'];

  function start() {
    const bootEl = document.getElementById('weave-boot');
    const root = document.getElementById('canvas');
    if (!bootEl || !root) return;
    let boot;
    try {
      boot = JSON.parse(bootEl.textContent || '{}');
    } catch (e) {
      root.replaceChildren(h('p', { class: 'problems', text: 'The canvas could not start: its data is not valid JSON.' }));
      return;
    }
    const limits = boot.limits || {};
    const missing = LIMIT_NAMES.filter((name) => !(Number(limits[name]) > 0));
    if (missing.length) {
      root.replaceChildren(h('p', { class: 'problems', text: 'The canvas could not start: its data lacks the limits ' + missing.join(', ') + '.' }));
      return;
    }
    for (const name of LIMIT_NAMES) LIMITS[name] = Number(limits[name]);
    app.boot = boot;
    app.root = root;
    const role = root.getAttribute('data-view') || (boot.viewer && boot.viewer.role) || 'participant';
    app.view = ['participant', 'facilitator', 'projector'].includes(role) ? role : 'participant';
    root.setAttribute('data-view', app.view);
    app.phases = Array.isArray(boot.phases) ? boot.phases : [];
    app.partners = Array.isArray(boot.partners) ? boot.partners : [];
    for (const p of app.partners) app.partnerNames.set(p.id, p.name);
    if (boot.viewer && boot.viewer.participant) app.names.set(boot.viewer.participant, boot.viewer.name);
    app.facilitation.closed = !!(boot.session && boot.session.status === 'closed');
    app.lastSequence = 0;

    const bar = buildBar();
    const roster = buildRoster();
    const sessionBar = document.querySelector('.session-bar');
    if (roster && sessionBar) sessionBar.appendChild(roster);
    const sections = h('div', { class: 'phases' });
    root.replaceChildren(bar, sections);
    if (boot.preparation && !app.phases.some((p) => p.id === boot.preparation.phase)) sections.appendChild(buildPreparation(boot.preparation));
    app.phases.forEach((phase, i) => sections.appendChild(buildSection(phase, i)));
    if (!app.phases.length) sections.appendChild(empty('This session has no canvas.'));
    updateSections();
    updateBar();
    renderRoster();
    for (const id of app.fields.keys()) renderField(id);

    setInterval(tick, 1000);
    window.addEventListener('online', reconnectNow);
    window.addEventListener('offline', markOffline);
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') reconnectNow(); });
    window.addEventListener('beforeunload', (ev) => {
      const typing = Array.from(document.querySelectorAll('#canvas [data-key]')).some((el) => isTextEntry(el) && el.value.trim() !== (el.dataset.saved || '').trim() && !el.dataset.key.startsWith('grid-'));
      if (app.pending.length || typing) { ev.preventDefault(); ev.returnValue = ''; }
    });
    connect();
  }

  // For the browser harness (Tests/Browser) only, which defines WeaveFakeSocket: a read-only look at the
  // client's bookkeeping.
  if (window.WeaveFakeSocket) {
    window.WeaveCanvasDebug = {
      get pending() { return app.pending.map((p) => p.msg); },
      get lastSequence() { return app.lastSequence; },
      get connection() { return connectionState(); },
      get state() { return app.state; },
    };
  }

  Object.assign(W, { start });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}(window.Weave));
