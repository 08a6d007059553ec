/* Weave live canvas — The facilitation bar: where the session is, the step's clock, and (for the facilitator) Previous, Next,
 * Lock and Close.
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { app, clock, clockNow, driftText, h, isLocked, queueMessage, serverNow, updateStatus } = W;

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
    const drift = h('span', { class: 'timer-drift', hidden: true });
    const timer = h('div', { class: 'bar-timer', attrs: { role: 'timer' } }, timerValue, timerLabel, drift);
    const statusText = h('span', { class: 'status-text' });
    const identity = h('p', { class: 'bar-identity', hidden: true });
    const groupLine = h('p', { class: 'bar-groups', hidden: true, attrs: { 'aria-live': 'polite' } });
    const status = h('p', { class: 'bar-status', attrs: { 'aria-live': 'polite' } }, h('span', { class: 'status-dot', attrs: { 'aria-hidden': 'true' } }), statusText);
    const alert = h('div', { class: 'bar-alert', hidden: true, attrs: { role: 'alert' } });
    // While a token vote is in the phase under way, a phone keeps its budget in view ("2 of 3 green left").
    const budget = h('p', { class: 'bar-budget', hidden: true, attrs: { 'aria-live': 'polite' } });
    // Anyone who edits can take back their own last change (the protocol's undo).
    const undo = app.view === 'projector' ? null : h('button', {
      type: 'button', class: 'btn-secondary btn-small bar-undo', data: { key: 'undo' },
      attrs: { 'aria-label': 'Undo my last change', title: 'Take back your own last change' },
      on: { click: (ev) => queueMessage({ type: 'undo' }, { control: ev.currentTarget }) },
    }, '↶ Undo', h('span', { class: 'long', text: ' my last change' }));
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
      // The clock: Start before the session has started; then Pause/Resume, +5 min and Reset.
      const start = h('button', { type: 'button', data: { key: 'clock-start' }, on: { click: () => queueMessage({ type: 'clock', action: 'start' }) } }, 'Start', h('span', { class: 'long', text: ' session' }));
      const pause = h('button', { type: 'button', class: 'btn-secondary', data: { key: 'clock-pause' }, on: { click: () => queueMessage({ type: 'clock', action: app.facilitation.pausedAt ? 'resume' : 'pause' }) } });
      const more = h('button', { type: 'button', class: 'btn-secondary', text: '+5 min', data: { key: 'clock-extend' }, attrs: { 'aria-label': 'Give this step 5 more minutes' }, on: { click: () => queueMessage({ type: 'clock', action: 'extend', minutes: 5 }) } });
      const reset = h('button', { type: 'button', class: 'btn-secondary', text: 'Reset', data: { key: 'clock-reset' }, attrs: { 'aria-label': 'Reset this step\'s clock' }, on: { click: () => {
        if (window.confirm('Start this step\'s clock again from its full time?')) queueMessage({ type: 'clock', action: 'reset' });
      } } });
      const projector = W.buildProjectorControl ? W.buildProjectorControl() : null;
      const form = h('button', { type: 'button', class: 'btn-secondary', data: { key: 'form-groups' }, hidden: true,
        on: { click: () => queueMessage({ type: 'formGroups' }) } });
      controls.push(prev, next, lock, close, start, pause, more, reset, form, undo);
      if (projector) controls.push(projector.select);
      controlRow = h('div', { class: 'bar-controls no-print' }, start, pause, more, reset, prev, next, form, lock, undo, close, projector ? projector.root : null);
      app.clockButtons = { start, pause, more, reset, form };
    } else if (undo) {
      // On a phone the button shares the status line, so the sticky bar stays short.
      controls.push(undo);
      status.appendChild(undo);
    }
    const root = h('div', { class: 'live-bar', attrs: { role: 'region', 'aria-label': 'Where the session is' } },
      h('div', { class: 'bar-where' },
        h('p', { class: 'bar-phase' }, phaseName, ' ', phaseCount),
        h('p', { class: 'bar-step' }, stepTitle, ' ', stepMeta),
        identity,
        groupLine,
        budget),
      timer,
      status,
      controlRow,
      alert);
    app.bar = { root, identity, groupLine, budget, undo, drift, phaseName, phaseCount, stepTitle, stepMeta, timer, timerValue, timerLabel, status, statusText, alert, controls, prev, next, lock };
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
    const buttons = app.clockButtons;
    if (buttons) {
      const started = !!f.startedAt;
      buttons.start.hidden = started;
      buttons.pause.hidden = !started;
      buttons.more.hidden = !started;
      buttons.reset.hidden = !started;
      buttons.pause.textContent = f.pausedAt ? 'Resume' : 'Pause';
      const plan = currentGroupPlan();
      buttons.form.hidden = !plan;
      if (plan) buttons.form.textContent = (currentGroups() ? 'Reshuffle ' : 'Form ') + groupWord(plan, true);
      buttons.pause.setAttribute('aria-label', f.pausedAt ? 'Resume the clock' : 'Pause the clock');
    }
    renderGroups();
    renderBudget();
    updateStatus();
    tick();
  }

  /** A participant's tokens left in each token vote of the phase under way, kept in the sticky bar while
   *  voting: "Assessment: 2 of 3 green left · 1 of 3 red left". */
  function renderBudget() {
    const bar = app.bar;
    if (!bar) return;
    const me = app.view === 'participant' && app.boot.viewer ? app.boot.viewer.participant : null;
    const phase = app.phases[app.facilitation.phase];
    const lines = [];
    if (me && phase && !app.facilitation.closed && !isLocked(phase.id)) {
      for (const f of phase.fields || []) {
        if (f.kind !== 'token-vote' || !Array.isArray(f.tokens)) continue;
        const mine = (app.state.tokens[f.id] || []).filter((t) => t.participant === me);
        const parts = f.tokens.map((t) => {
          const left = Math.max(0, t.perParticipant - mine.filter((x) => x.colour === t.colour).length);
          return left + ' of ' + t.perParticipant + ' ' + t.colour + ' left';
        });
        lines.push((phase.fields.filter((x) => x.kind === 'token-vote').length > 1 ? f.label + ': ' : 'Your tokens: ') + parts.join(' · '));
      }
    }
    const text = lines.join(' — ');
    if (bar.budget.textContent !== text) bar.budget.textContent = text;
    bar.budget.hidden = !text;
  }

  /** The current step's group plan ({grouping, size}) when it works in groups of a size. */
  function currentGroupPlan() {
    const f = app.facilitation;
    const phase = app.phases[f.phase];
    const step = phase && (phase.steps || [])[f.step];
    return step && step.groups && step.groups.size ? step.groups : null;
  }

  /** The groups formed for the step the session is at, or null. */
  function currentGroups() {
    const g = app.facilitation.groups;
    return g && g.phase === app.facilitation.phase && g.step === app.facilitation.step && Array.isArray(g.groups) ? g.groups : null;
  }

  function groupWord(plan, many) {
    const word = plan.grouping === 'triads' ? 'triad' : plan.grouping === 'pairs' ? 'pair' : 'group';
    return many ? word + 's' : word;
  }

  /** "Your triad: Ana, Ben, Dev" on a phone; every group on the projector and the facilitator's laptop. */
  function renderGroups() {
    const bar = app.bar;
    if (!bar) return;
    const groups = currentGroups();
    const plan = currentGroupPlan();
    let text = '';
    if (groups && plan) {
      const me = app.boot.viewer && app.boot.viewer.participant;
      const names = (group) => group.map((id) => app.names.get(id) || 'someone').join(', ');
      if (app.view === 'participant') {
        const mine = groups.find((group) => group.includes(me));
        text = mine ? 'Your ' + groupWord(plan, false) + ': ' + names(mine) : '';
      } else {
        text = groups.map((group, i) => (i + 1) + ': ' + names(group)).join(' · ');
        text = groupWord(plan, true).replace(/^./, (c) => c.toUpperCase()) + ' — ' + text;
      }
    }
    if (bar.groupLine.textContent !== text) bar.groupLine.textContent = text;
    bar.groupLine.hidden = !text;
  }

  function tick() {
    const bar = app.bar;
    if (!bar) return;
    const f = app.facilitation;
    const phase = app.phases[f.phase];
    let value = '';
    let label = '';
    let over = false;
    let drift = '';
    if (f.closed) {
      value = 'Closed';
      label = 'session';
    } else if (phase) {
      const c = clockNow(f, serverNow());
      const minutes = Math.round(c.planned / 60);
      if (!c.started) {
        value = clock(c.planned);
        label = 'planned · not started';
      } else if (c.left >= 0) {
        value = clock(Math.ceil(c.left));
        label = (c.paused ? 'paused · ' : '') + 'left of ' + minutes + ' min';
      } else {
        over = true;
        value = '+' + clock(-c.left) + ' over';
        label = (c.paused ? 'paused · ' : '') + 'planned ' + minutes + ' min';
      }
      if (app.view === 'facilitator') drift = driftText(c.drift);
    }
    if (bar.timerValue.textContent !== value) bar.timerValue.textContent = value;
    if (bar.timerLabel.textContent !== label) bar.timerLabel.textContent = label;
    if (bar.drift.textContent !== drift) bar.drift.textContent = drift;
    bar.drift.hidden = !drift;
    bar.drift.classList.toggle('is-late', drift.startsWith('running'));
    bar.timer.classList.toggle('is-over', over);
    bar.timer.classList.toggle('is-paused', !!f.pausedAt);
    if (W.tickProjector) W.tickProjector();
  }


  Object.assign(W, { stops, stopTitle, buildBar, moveBy, toggleLock, updateBar, tick, renderGroups, renderBudget, currentGroups });
}(window.Weave));
