/* Weave live canvas — Connection and protocol (docs/live-protocol.md): the WebSocket, the send budget, waiting changes and
 * their acknowledgements, snapshots and events folded into `app.state`, and the status line.
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { LIMITS, STATE_KEYS, app, h, nextMessageId, normalizeFacilitation, normalizeState, plural, serverNow, uiOf } = W;
  const receiveVersions = W.late('receiveVersions');
  const renderField = W.late('renderField');
  const scrollToCurrent = W.late('scrollToCurrent');
  const showFieldAlert = W.late('showFieldAlert');
  const showGlobalAlert = W.late('showGlobalAlert');
  const updateBar = W.late('updateBar');
  const updateSections = W.late('updateSections');
  const renderRoster = W.late('renderRoster');

  // ---------------------------------------------------------------------------------------------
  // Sending

  let socket = null;

  let sendQueue = [];
  // Starts empty a long time ago, so the first flush finds the whole burst there.
  let sendTokens = 0;
  let sendRefilled = 0;
  let sendTimer = null;

  /**
   * A send budget a little under the server's (boot.limits), so this page never trips it, even re-sending
   * many waiting changes after a reconnect.
   */
  function sendBudget() {
    return { perSecond: LIMITS.messagesPerSecond * 0.8, burst: Math.max(1, Math.floor(LIMITS.messageBurst * 0.8)) };
  }

  /** Sends now if the budget allows, else queues it for this socket; false when not connected. */
  function rawSend(msg) {
    if (!socket || socket.readyState !== 1) return false;
    sendQueue.push(msg);
    flushSends();
    return true;
  }

  function flushSends() {
    const now = Date.now();
    const SEND_BUDGET = sendBudget();
    sendTokens = Math.min(SEND_BUDGET.burst, sendTokens + (now - sendRefilled) / 1000 * SEND_BUDGET.perSecond);
    sendRefilled = now;
    while (sendQueue.length && sendTokens >= 1) {
      if (!socket || socket.readyState !== 1) { sendQueue = []; return; }
      const msg = sendQueue.shift();
      try { socket.send(JSON.stringify(msg)); } catch (e) { sendQueue = []; return; }
      sendTokens -= 1;
    }
    if (sendQueue.length && !sendTimer) {
      sendTimer = setTimeout(() => { sendTimer = null; flushSends(); }, Math.ceil((1 - sendTokens) / SEND_BUDGET.perSecond * 1000) + 5);
    }
  }

  function utf8Length(text) {
    return window.TextEncoder ? new TextEncoder().encode(text).length : unescape(encodeURIComponent(text)).length;
  }

  /** Queues a message with a fresh id until the server acknowledges it, and sends it now if connected. */
  function queueMessage(msg, meta) {
    const info = meta || {};
    if (info.dedupe) {
      const body = JSON.stringify(msg);
      if (app.pending.some((p) => p.dedupe === info.dedupe && p.body === body)) return null;
    }
    const body = JSON.stringify(msg);
    if (utf8Length(body) > LIMITS.maxMessageBytes - 200) {
      const message = 'This change is too large to send; shorten it.';
      if (info.field && app.fieldEls.has(info.field)) showFieldAlert(info.field, message); else showGlobalAlert(message);
      return null;
    }
    msg.id = nextMessageId();
    const entry = { id: msg.id, msg, body, field: info.field || null, restore: info.restore || null, ui: info.ui || null, dedupe: info.dedupe || null,
      control: controlOf(info.control || lastControl, info.field || null) };
    app.pending.push(entry);
    rawSend(msg);
    updateStatus();
    return entry;
  }

  // ---------------------------------------------------------------------------------------------
  // Which control sent a change, so its refusal appears beside that control (not off-screen)

  const CONTROLS = 'button, input, select, textarea, summary';
  /** The control last used (tapped, changed or focused): a tap on a phone does not always focus a button. */
  let lastControl = null;
  for (const type of ['pointerdown', 'click', 'change', 'focusin', 'keydown']) {
    document.addEventListener(type, (ev) => {
      const el = ev.target && ev.target.closest ? ev.target.closest(CONTROLS) : null;
      if (el) lastControl = el;
    }, true);
  }

  /** Where a control is, in a form that survives the field being drawn again: its data-key (or its place
   *  among the field's controls), and the element itself while it lasts. */
  function controlOf(el, fieldId) {
    if (!el || !el.isConnected) return null;
    const fieldEntry = fieldId ? app.fieldEls.get(fieldId) : null;
    if (fieldId && !(fieldEntry && fieldEntry.root.contains(el))) return null; // a control elsewhere did not send this
    const keyed = el.closest('[data-key]');
    const within = fieldEntry ? fieldEntry.root : document;
    return {
      el, field: fieldId,
      key: keyed && within.contains(keyed) ? keyed.dataset.key : null,
      index: fieldEntry ? Array.from(fieldEntry.root.querySelectorAll(CONTROLS)).indexOf(el) : -1,
    };
  }

  /** Refusals waiting beside their control, by field ('' for the bar), until dismissed or 20 s pass. */
  const controlAlerts = new Map();

  /** Finds the control again (the field may have been drawn anew since the change was sent). */
  function findControl(control) {
    if (control.el && control.el.isConnected) return control.el;
    const fieldEntry = control.field ? app.fieldEls.get(control.field) : null;
    if (!fieldEntry) return null;
    if (control.key) {
      const keyed = Array.from(fieldEntry.root.querySelectorAll('[data-key]')).find((e) => e.dataset.key === control.key);
      if (keyed) return keyed.matches(CONTROLS) ? keyed : keyed.querySelector(CONTROLS) || keyed;
    }
    const all = fieldEntry.root.querySelectorAll(CONTROLS);
    return control.index >= 0 && control.index < all.length ? all[control.index] : null;
  }

  /** Shows a refusal right after the control that sent the change, in view; false if the control is gone. */
  function showControlAlert(control, message) {
    const el = control ? findControl(control) : null;
    if (!el) return false;
    const slot = control.field || '';
    const old = controlAlerts.get(slot);
    if (old && old.node) old.node.remove();
    const record = { control, message, node: null, until: Date.now() + 20000 };
    controlAlerts.set(slot, record);
    placeAlert(record, el);
    return true;
  }

  function placeAlert(record, el, scroll = true) {
    const node = h('p', { class: 'control-alert', attrs: { role: 'alert' } },
      h('span', { class: 'control-alert-text', text: record.message }), ' ',
      h('button', { type: 'button', class: 'btn-quiet btn-small', text: 'Dismiss', on: { click: () => { node.remove(); record.node = null; record.until = 0; } } }));
    // At the end of the control's own row (its list item, table cell, choice group, partner row, bar row),
    // else right after the control.
    const host = el.closest('li, td, fieldset, .partner-row, .bar-controls, .token-ctrl');
    if (host) host.appendChild(node); else (el.closest('.bar-status') || el).after(node);
    record.node = node;
    if (scroll) inView(node);
  }

  /** Scrolls a message into view, below the sticky bar rather than under it. */
  function inView(node) {
    if (!node.scrollIntoView) return;
    node.scrollIntoView({ block: 'nearest' });
    const bar = app.bar && app.bar.root;
    const under = bar && node.closest('.live-bar') !== bar ? bar.getBoundingClientRect().bottom + 8 - node.getBoundingClientRect().top : 0;
    if (under > 0) window.scrollBy(0, -under);
  }

  /** A refusal found by the page itself (a text too long, a spent budget): beside the control just used,
   *  when that control is in the field; false otherwise. */
  function alertBesideControl(fieldId, message) {
    const control = controlOf(lastControl, fieldId);
    return !!(control && showControlAlert(control, message));
  }

  /** After a field is drawn again: puts its waiting refusal back beside its control (canvas-fields.js calls it). */
  function placeControlAlert(fieldId) {
    const record = controlAlerts.get(fieldId);
    if (!record) return;
    if (Date.now() > record.until) { controlAlerts.delete(fieldId); return; }
    if (record.node && record.node.isConnected) return;
    const el = findControl(record.control);
    if (el) placeAlert(record, el, false);
  }

  function sendEdit(fieldId, name, args, meta) {
    const edit = {};
    edit[name] = Object.assign({ field: fieldId }, args);
    return queueMessage({ type: 'edit', edit }, Object.assign({ field: fieldId }, meta || {}));
  }

  // ---------------------------------------------------------------------------------------------
  // Connection

  let attempt = 0;
  let reconnectTimer = null;
  let openTimer = null;
  let connection = 'connecting'; // connecting | live | reconnecting | offline
  let snapshotOnThisSocket = false;
  let buffered = [];
  let serverNote = '';

  function socketURL(path) {
    if (/^wss?:\/\//i.test(path)) return path;
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    return scheme + location.host + (path.startsWith('/') ? path : '/' + path);
  }

  function connect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    const Socket = window.WeaveFakeSocket || window.WebSocket;
    let sock;
    try {
      sock = new Socket(socketURL(app.boot.socket));
    } catch (e) {
      scheduleReconnect();
      return;
    }
    socket = sock;
    sendQueue = [];
    // A versions request lost with the old socket is asked again when its list is opened.
    for (const ui of app.ui.values()) if (ui.versions && ui.versions.loading) ui.versions = null;
    snapshotOnThisSocket = false;
    buffered = [];
    clearTimeout(openTimer);
    openTimer = setTimeout(() => { if (socket === sock && sock.readyState !== 1) { try { sock.close(); } catch (e) { /* ignore */ } } }, 10000);
    sock.onopen = () => {
      if (socket !== sock) return;
      gotPong();
      startPings();
      clearTimeout(openTimer);
      rawSend({ type: 'hello', after: app.lastSequence });
      for (const p of app.pending) rawSend(p.msg);
    };
    sock.onmessage = (ev) => {
      if (socket !== sock) return;
      let msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      if (msg && typeof msg === 'object') handleMessage(msg, sock);
    };
    sock.onerror = () => { /* a close follows */ };
    sock.onclose = () => {
      if (socket !== sock) return;
      socket = null;
      clearTimeout(openTimer);
      scheduleReconnect();
    };
  }

  function scheduleReconnect(delayMs) {
    if (reconnectTimer) return;
    const base = delayMs !== undefined ? delayMs : Math.min(10000, 500 * Math.pow(2, attempt));
    attempt += 1;
    const wait = Math.min(10000, base * (0.75 + Math.random() * 0.5));
    connection = (attempt > 3 || navigator.onLine === false) ? 'offline' : 'reconnecting';
    updateStatus();
    reconnectTimer = setTimeout(connect, wait);
  }

  /** Drops the socket and reconnects (after a gap, or when the server asks). */
  function restartConnection(delayMs) {
    const sock = socket;
    socket = null;
    if (sock) { try { sock.close(); } catch (e) { /* ignore */ } }
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    scheduleReconnect(delayMs);
  }

  function reconnectNow() {
    if (socket && (socket.readyState === 0 || socket.readyState === 1)) return;
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    attempt = 0;
    connect();
  }

  function handleMessage(msg) {
    switch (msg.type) {
      case 'snapshot':
        snapshotOnThisSocket = true;
        attempt = 0;
        serverNote = '';
        connection = 'live';
        applySnapshot(msg);
        for (const ev of buffered) applyEvent(ev);
        buffered = [];
        updateStatus();
        break;
      case 'event':
        if (!snapshotOnThisSocket) buffered.push(msg);
        else applyEvent(msg);
        break;
      case 'ack':
        dropPending(msg.id);
        break;
      case 'pong':
        gotPong();
        break;
      case 'error':
        handleError(msg);
        break;
      case 'versions':
        receiveVersions(msg);
        break;
      case 'participants':
        setParticipants(msg.participants);
        for (const [id, info] of app.fields) if (info.field.kind === 'text' || info.field.kind === 'table') renderField(id);
        break;
      case 'reconnect':
        serverNote = msg.message || 'The server is restarting.';
        attempt = 0;
        restartConnection(1000 + Math.random() * 2000);
        break;
      default:
        break;
    }
  }

  function dropPending(id) {
    const i = app.pending.findIndex((p) => p.id === id);
    if (i >= 0) app.pending.splice(i, 1);
    updateStatus();
  }

  function handleError(msg) {
    for (const ui of app.ui.values()) {
      if (ui.versions && msg.id && ui.versions.request === msg.id) { ui.versions.loading = false; ui.versions.error = msg.message || 'Earlier versions could not be read.'; }
    }
    const i = msg.id ? app.pending.findIndex((p) => p.id === msg.id) : -1;
    const entry = i >= 0 ? app.pending[i] : null;
    if (entry && msg.retry === true) {
      // The server could not store it just now; keep it for the next connection, or send it again when
      // the server says (a session over its changes a minute).
      showGlobalAlert(msg.message || 'A change could not be saved yet; it will be sent again.');
      const after = Number(msg.retryAfter);
      if (after > 0) setTimeout(() => { if (app.pending.includes(entry)) rawSend(entry.msg); }, after * 1000 * (1 + Math.random() * 0.5));
      return;
    }
    if (i >= 0) app.pending.splice(i, 1);
    updateStatus();
    const fieldId = msg.field || (entry && entry.field);
    const message = msg.message || 'That change was refused.';
    const control = entry ? entry.control : null;
    if (fieldId && app.fieldEls.has(fieldId)) {
      if (entry && entry.ui) Object.assign(uiOf(fieldId), entry.ui);
      if (control && control.field === fieldId) controlAlerts.delete(fieldId);
      renderField(fieldId, { restore: entry ? entry.restore : null });
      // Beside the control that sent it when that control is in this field, else at the top of the field.
      if (!(control && (control.field === fieldId || !control.field) && showControlAlert(control, message))) {
        showFieldAlert(fieldId, message);
        const box = app.fieldEls.get(fieldId).alert;
        if (box) inView(box);
      }
    } else if (!(control && showControlAlert(control, message))) {
      showGlobalAlert(message);
    }
  }

  function setParticipants(list) {
    if (!Array.isArray(list)) return;
    app.participants = list;
    for (const p of list) if (p && p.id) app.names.set(p.id, p.name);
    renderRoster();
  }

  function applySnapshot(msg) {
    app.state = normalizeState(msg.state);
    app.lastSequence = Number(msg.sequence) || 0;
    if (msg.now) {
      const now = Date.parse(msg.now);
      // The server writes milliseconds; a time without fractions is on average half a second behind.
      const whole = !/\.\d+/.test(String(msg.now));
      if (!Number.isNaN(now)) app.clockOffset = now + (whole ? 500 : 0) - Date.now();
    }
    setParticipants(msg.participants);
    const first = !app.haveSnapshot;
    app.haveSnapshot = true;
    app.facilitation = normalizeFacilitation(msg.facilitation);
    updateSections();
    updateBar();
    for (const id of app.fields.keys()) renderField(id);
    // Open on the phase under way: the projector always, a phone or laptop once the day has moved on.
    if (first && (app.view === 'projector' || (app.facilitation && app.facilitation.phase > 0))) scrollToCurrent();
  }

  function applyEvent(ev) {
    const sequence = Number(ev.sequence);
    if (!(sequence > app.lastSequence)) return;
    if (sequence !== app.lastSequence + 1) {
      restartConnection(0); // a gap: the snapshot on the next connection fills it
      return;
    }
    app.lastSequence = sequence;
    if (ev.at) {
      const at = Date.parse(ev.at);
      if (!Number.isNaN(at) && at > serverNow() + 1000) app.clockOffset = at - Date.now();
    }
    if (ev.actor && ev.actor.id) app.names.set(ev.actor.id, ev.actor.name);
    const before = ev.field ? app.state.partnerAnswers[ev.field] : undefined;
    if (ev.field) {
      const value = ev.value || {};
      for (const key of STATE_KEYS) {
        const part = value[key];
        if (part && Object.prototype.hasOwnProperty.call(part, ev.field)) app.state[key][ev.field] = part[ev.field];
        else delete app.state[key][ev.field];
      }
    }
    if (ev.facilitation) setFacilitation(ev.facilitation);
    if (ev.field && app.fieldEls.has(ev.field)) renderField(ev.field);
    if (ev.field && W.renderBudget) W.renderBudget();
    // A field kind may tell the person about a change that replaced theirs (a partner's role chosen by two at once).
    if (ev.field && W.afterFieldEvent) W.afterFieldEvent(ev, before);
  }

  function setFacilitation(raw) {
    const before = app.facilitation;
    const after = normalizeFacilitation(raw);
    app.facilitation = after;
    if (before.closed !== after.closed) {
      for (const id of app.fields.keys()) renderField(id);
    } else {
      app.phases.forEach((phase) => {
        if (before.locked.includes(phase.id) !== after.locked.includes(phase.id)) {
          for (const field of phase.fields || []) renderField(field.id);
        }
      });
    }
    const moved = before.phase !== after.phase || before.step !== after.step || before.startedAt !== after.startedAt;
    updateSections();
    updateBar();
    if (moved && before.phase !== after.phase && app.view === 'projector') scrollToCurrent();
  }

  // ---------------------------------------------------------------------------------------------
  // Status indicator and alerts

  function updateStatus() {
    const bar = app.bar;
    if (!bar) return;
    const waiting = app.pending.length;
    let text;
    switch (connection) {
      case 'live': text = 'Live'; break;
      case 'connecting': text = 'Connecting…'; break;
      case 'reconnecting': text = serverNote ? serverNote + ' Reconnecting…' : 'Reconnecting…'; break;
      default: text = waiting > 0 ? 'Offline — ' + plural(waiting, 'change') + ' waiting' : 'Offline — your changes are kept and will be sent';
    }
    if (connection !== 'live' && connection !== 'offline' && waiting > 0) text += ' (' + plural(waiting, 'change') + ' waiting)';
    bar.status.dataset.state = connection;
    if (bar.statusText.textContent !== text) bar.statusText.textContent = text;
    for (const b of bar.controls) b.disabled = connection !== 'live' || app.facilitation.closed || b._forceDisabled === true;
  }

  /** The browser says it is offline: say so at once, and drop a socket that can no longer be live. */
  function markOffline() {
    const sock = socket;
    socket = null;
    if (sock) { try { sock.close(); } catch (e) { /* ignore */ } }
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    scheduleReconnect();
    connection = 'offline';
    updateStatus();
  }

  // Missed pings: every 25 s the page asks the server for a `pong`; none within 10 s means the connection is
  // gone even if the browser has not noticed (a phone that lost its network quietly), so it reconnects.
  const PING_EVERY_MS = 25000;
  const PONG_WITHIN_MS = 10000;
  let pingTimer = null;
  let pongTimer = null;
  function startPings() {
    clearInterval(pingTimer);
    pingTimer = setInterval(() => {
      if (!socket || socket.readyState !== 1 || pongTimer) return;
      if (!rawSend({ type: 'ping' })) return;
      pongTimer = setTimeout(() => { pongTimer = null; if (connection === 'live') { connection = 'offline'; restartConnection(0); } }, PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }
  function gotPong() { clearTimeout(pongTimer); pongTimer = null; }

  /** connecting | live | reconnecting | offline. */
  function connectionState() { return connection; }

  Object.assign(W, { markOffline, connectionState, sendBudget, rawSend, flushSends, utf8Length, queueMessage, sendEdit, socketURL, connect, scheduleReconnect, restartConnection, reconnectNow, handleMessage, dropPending, handleError, showControlAlert, alertBesideControl, placeControlAlert, setParticipants, applySnapshot, applyEvent, setFacilitation, updateStatus });
}(window.Weave));
