/* Weave live canvas — The facilitation bar: where the session is, the step's clock, and (for the facilitator) Previous, Next,
 * Lock and Close.
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { app, clock, h, isLocked, queueMessage, serverNow, updateStatus } = W;

  // ---------------------------------------------------------------------------------------------
  // Facilitation bar

  function stops() {
    const list = [];
    app.phases.forEach((phase, p) => {
      const n = Math.max((phase.steps || []).length, 1);
      for (let s = 0; s < n; s++) list.push({ phase: p, step: s });
    });
    return list;
  }

  function stopTitle(stop) {
    const phase = app.phases[stop.phase];
    if (!phase) return '';
    const step = (phase.steps || [])[stop.step];
    return step ? phase.name + ': ' + step.title : phase.name;
  }

  function buildBar() {
    const facilitator = app.view === 'facilitator';
    const phaseName = h('span', { class: 'bar-phase-name' });
    const phaseCount = h('span', { class: 'bar-count' });
    const stepTitle = h('span', { class: 'bar-step-title' });
    const stepMeta = h('span', { class: 'bar-count' });
    const timerValue = h('span', { class: 'timer-value' });
    const timerLabel = h('span', { class: 'timer-label' });
    const timer = h('div', { class: 'bar-timer', attrs: { role: 'timer' } }, timerValue, timerLabel);
    const statusText = h('span', { class: 'status-text' });
    const identity = h('p', { class: 'bar-identity', hidden: true });
    const status = h('p', { class: 'bar-status', attrs: { 'aria-live': 'polite' } }, h('span', { class: 'status-dot', attrs: { 'aria-hidden': 'true' } }), statusText);
    const alert = h('div', { class: 'bar-alert', hidden: true, attrs: { role: 'alert' } });
    const controls = [];
    let controlRow = null;
    let prev = null;
    let next = null;
    let lock = null;
    if (facilitator) {
      // Short forms on phones: the words in .long are hidden there, and each button has a full aria-label.
      prev = h('button', { type: 'button', class: 'btn-secondary', on: { click: () => moveBy(-1) } }, '◀', h('span', { class: 'long', text: ' Previous' }));
      next = h('button', { type: 'button', on: { click: () => moveBy(1) } }, h('span', { class: 'long', text: 'Next ' }), '▶');
      lock = h('button', { type: 'button', class: 'btn-secondary', on: { click: () => {
        const phase = app.phases[app.facilitation.phase];
        if (phase) toggleLock(phase);
      } } });
      const close = h('button', { type: 'button', class: 'btn-danger', attrs: { 'aria-label': 'Close session' }, on: { click: () => {
        if (window.confirm('Close this session? Nobody can change the canvas or join afterwards.')) queueMessage({ type: 'close' });
      } } }, 'Close', h('span', { class: 'long', text: ' session' }));
      controls.push(prev, next, lock, close);
      controlRow = h('div', { class: 'bar-controls no-print' }, prev, next, lock, close);
    }
    const root = h('div', { class: 'live-bar', attrs: { role: 'region', 'aria-label': 'Where the session is' } },
      h('div', { class: 'bar-where' },
        h('p', { class: 'bar-phase' }, phaseName, ' ', phaseCount),
        h('p', { class: 'bar-step' }, stepTitle, ' ', stepMeta),
        identity),
      timer,
      status,
      controlRow,
      alert);
    app.bar = { root, identity, phaseName, phaseCount, stepTitle, stepMeta, timer, timerValue, timerLabel, status, statusText, alert, controls, prev, next, lock };
    return root;
  }

  function moveBy(delta) {
    const list = stops();
    const f = app.facilitation;
    let index = list.findIndex((s) => s.phase === f.phase && s.step === f.step);
    if (index < 0) index = 0;
    const target = list[index + delta];
    if (target) queueMessage({ type: 'move', phase: target.phase, step: target.step });
  }

  function toggleLock(phase) {
    queueMessage({ type: 'lock', section: phase.id, locked: !isLocked(phase.id) });
  }

  function updateBar() {
    const bar = app.bar;
    if (!bar) return;
    const f = app.facilitation;
    const phase = app.phases[f.phase];
    if (!phase) {
      bar.phaseName.textContent = app.boot.session ? app.boot.session.title : '';
      bar.phaseCount.textContent = '';
      bar.stepTitle.textContent = '';
      bar.stepMeta.textContent = '';
    } else {
      bar.phaseName.textContent = phase.name;
      bar.phaseCount.textContent = app.phases.length > 1 ? '· phase ' + (f.phase + 1) + ' of ' + app.phases.length : '';
      const steps = phase.steps || [];
      const step = steps[f.step];
      bar.stepTitle.parentNode.hidden = !step;
      if (step) {
        bar.stepTitle.textContent = step.title;
        const meta = ['step ' + (f.step + 1) + ' of ' + steps.length];
        for (const part of [step.lead, step.grouping, step.tool]) if (part) meta.push(part);
        bar.stepMeta.textContent = '· ' + meta.join(' · ');
      } else {
        bar.stepTitle.textContent = '';
        bar.stepMeta.textContent = '';
      }
    }
    bar.root.classList.toggle('is-closed', f.closed);
    if (bar.prev) {
      const list = stops();
      const index = list.findIndex((s) => s.phase === f.phase && s.step === f.step);
      const before = list[index - 1];
      const after = list[index + 1];
      bar.prev._forceDisabled = !before;
      bar.next._forceDisabled = !after;
      bar.prev.title = before ? 'Back to ' + stopTitle(before) : 'This is the first step';
      bar.next.title = after ? 'On to ' + stopTitle(after) : 'This is the last step';
      bar.prev.setAttribute('aria-label', before ? 'Previous: ' + stopTitle(before) : 'Previous (this is the first step)');
      bar.next.setAttribute('aria-label', after ? 'Next: ' + stopTitle(after) : 'Next (this is the last step)');
      const locked = phase ? isLocked(phase.id) : false;
      const lockWord = locked ? 'Unlock' : 'Lock';
      bar.lock.replaceChildren(lockWord, h('span', { class: 'long', text: phase ? ' ' + phase.name : '' }));
      bar.lock.setAttribute('aria-label', lockWord + (phase ? ' ' + phase.name : ''));
      bar.lock.setAttribute('aria-pressed', locked ? 'true' : 'false');
      bar.lock._forceDisabled = !phase;
    }
    updateStatus();
    tick();
  }

  function tick() {
    const bar = app.bar;
    if (!bar) return;
    const f = app.facilitation;
    const phase = app.phases[f.phase];
    let value = '';
    let label = '';
    let over = false;
    if (f.closed) {
      value = 'Closed';
      label = 'session';
    } else if (phase) {
      const step = (phase.steps || [])[f.step];
      const minutes = step ? step.minutes : phase.minutes;
      const planned = Math.max(0, Number(minutes) || 0) * 60;
      const started = f.startedAt ? Date.parse(f.startedAt) : NaN;
      if (Number.isNaN(started)) {
        value = clock(planned);
        label = 'planned · not started';
      } else {
        const left = Math.min(planned, planned - (serverNow() - started) / 1000);
        if (left >= 0) {
          value = clock(Math.ceil(left));
          label = 'left of ' + minutes + ' min';
        } else {
          over = true;
          value = '+' + clock(-left) + ' over';
          label = 'planned ' + minutes + ' min';
        }
      }
    }
    if (bar.timerValue.textContent !== value) bar.timerValue.textContent = value;
    if (bar.timerLabel.textContent !== label) bar.timerLabel.textContent = label;
    bar.timer.classList.toggle('is-over', over);
  }

  Object.assign(W, { stops, stopTitle, buildBar, moveBy, toggleLock, updateBar, tick });
}(window.Weave));
