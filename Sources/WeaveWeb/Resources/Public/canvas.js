/* Weave live canvas — the browser side of docs/live-protocol.md.
 *
 * Plain ES2020, no modules, no libraries, no build step. The page carries its starting point in
 * <script type="application/json" id="weave-boot">; this script renders the canvas into #canvas and keeps
 * it in step with the server over one WebSocket.
 *
 * Rules this file keeps:
 * - User text only ever reaches the DOM through textContent, value or attributes; never innerHTML.
 * - Nothing here knows a field id or a path: every label comes from the boot data.
 * - An event re-renders only its field. A text box someone is typing in is never replaced: the new DOM is
 *   grafted around the live element (see graft), and unsaved text in other boxes is carried over.
 * - Edits are not applied optimistically: the server echoes every change to its sender as an event.
 */
(function () {
  'use strict';

  // ---------------------------------------------------------------------------------------------
  // Constants mirrored from the server (Sources/WeaveCore/Canvas/CanvasState+Apply.swift)

  const STATE_KEYS = ['texts', 'earlierTexts', 'lists', 'tables', 'partnerAnswers', 'tokens', 'subjects',
    'ratings', 'checked', 'trees', 'grids'];
  const LIMITS = { textCharacters: 5000, entryCharacters: 500, entries: 500 };
  // Mirrored from Sources/WeaveWeb/Live/LiveLimits.swift (docs/live-protocol.md, "Limits"): the largest
  // message, and a send budget a little under the server's (10 a second, 50 at once), so this page never
  // trips it, even re-sending many waiting changes after a reconnect.
  const MAX_MESSAGE_BYTES = 256 * 1024;
  const SEND_BUDGET = { perSecond: 8, burst: 40 };

  // ---------------------------------------------------------------------------------------------
  // DOM helpers

  /** Runs an element's handler for an event; handlers live on el._on so a graft can hand them over. */
  function dispatch(ev) {
    const handler = this._on && this._on[ev.type];
    if (handler) return handler.call(this, ev);
    return undefined;
  }

  /**
   * Creates an element. props: class, text, attrs {}, data {}, on {type: fn}, style {prop: value}; any other
   * key is set as a property (value, type, checked, disabled, id, htmlFor, name, …). Children are nodes,
   * strings (as text), arrays, or null/false (skipped).
   */
  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    if (props) {
      for (const key of Object.keys(props)) {
        const v = props[key];
        if (v === undefined || v === null) continue;
        switch (key) {
          case 'class': el.className = v; break;
          case 'text': el.textContent = String(v); break;
          case 'attrs':
            for (const a of Object.keys(v)) {
              const val = v[a];
              if (val === null || val === undefined || val === false) continue;
              el.setAttribute(a, val === true ? '' : String(val));
            }
            break;
          case 'data':
            for (const d of Object.keys(v)) if (v[d] !== null && v[d] !== undefined) el.dataset[d] = String(v[d]);
            break;
          case 'on':
            el._on = Object.assign(el._on || {}, v);
            for (const type of Object.keys(v)) el.addEventListener(type, dispatch);
            break;
          case 'style':
            for (const s of Object.keys(v)) el.style.setProperty(s, v[s]);
            break;
          default:
            el[key] = v;
        }
      }
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(el, child);
      else if (typeof child === 'string' || typeof child === 'number') el.appendChild(document.createTextNode(String(child)));
      else el.appendChild(child);
    }
  }

  let domSequence = 0;
  /** A DOM id unique on the page, for label/aria wiring (never derived from user text). */
  function domId(prefix) { domSequence += 1; return 'wv-' + prefix + '-' + domSequence; }

  function findByKey(root, key) {
    if (!root) return null;
    for (const el of root.querySelectorAll('[data-key]')) if (el.dataset.key === key) return el;
    return null;
  }

  const TEXT_INPUT_TYPES = ['text', 'search', 'number', 'date', 'url', 'email', 'tel'];
  function isTextEntry(el) {
    if (!el || !el.tagName) return false;
    if (el.tagName === 'TEXTAREA') return !el.readOnly;
    return el.tagName === 'INPUT' && TEXT_INPUT_TYPES.includes(el.type) && !el.readOnly;
  }

  function syncAttributes(target, source) {
    for (const attr of Array.from(target.attributes)) if (!source.hasAttribute(attr.name)) target.removeAttribute(attr.name);
    for (const attr of Array.from(source.attributes)) if (target.getAttribute(attr.name) !== attr.value) target.setAttribute(attr.name, attr.value);
  }

  function takeHandlers(target, source) {
    target._on = source._on;
    if (source._on) for (const type of Object.keys(source._on)) target.addEventListener(type, dispatch);
  }

  /**
   * Makes oldRoot (in the document) look like newRoot (detached), except that `keep` (inside oldRoot)
   * stays where `twin` is in newRoot, without `keep` or any of its ancestors ever leaving the document —
   * so focus, caret, selection and an input method's composition survive. Returns false when the two
   * trees are shaped differently around the element (the caller then waits for the person to finish).
   */
  function graft(oldRoot, newRoot, keep, twin) {
    const oldChain = [];
    for (let n = keep; n && n !== oldRoot; n = n.parentNode) oldChain.push(n);
    oldChain.push(oldRoot);
    const newChain = [];
    for (let n = twin; n && n !== newRoot; n = n.parentNode) newChain.push(n);
    newChain.push(newRoot);
    if (oldChain.length !== newChain.length) return false;
    for (let i = 0; i < oldChain.length; i++) if (oldChain[i].tagName !== newChain[i].tagName) return false;
    for (let i = oldChain.length - 1; i >= 1; i--) {
      const o = oldChain[i];
      const n = newChain[i];
      const oKeep = oldChain[i - 1];
      const nSlot = newChain[i - 1];
      syncAttributes(o, n);
      takeHandlers(o, n);
      for (const c of Array.from(o.childNodes)) if (c !== oKeep) o.removeChild(c);
      const kids = Array.from(n.childNodes);
      const at = kids.indexOf(nSlot);
      for (let j = 0; j < at; j++) o.insertBefore(kids[j], oKeep);
      for (let j = at + 1; j < kids.length; j++) o.appendChild(kids[j]);
    }
    // The kept element: fresh attributes and handlers; its value stays when the person changed it.
    if (keep.tagName === 'SELECT') {
      // An open drop-down stays open unless its choices changed.
      const sig = (sel) => Array.from(sel.options).map((o) => o.value + '\u001f' + o.text).join('\u001e');
      if (sig(keep) !== sig(twin)) keep.replaceChildren(...Array.from(twin.childNodes));
      if (keep.value !== twin.value) keep.value = twin.value;
    } else {
      const dirty = keep.value !== (keep.dataset.saved || '');
      if (!dirty && keep.value !== twin.value) keep.value = twin.value;
    }
    syncAttributes(keep, twin);
    takeHandlers(keep, twin);
    return true;
  }

  /** Elements a re-render keeps in place when focused: text boxes, and drop-downs (which may be open). */
  function isGraftable(el) {
    return isTextEntry(el) || (!!el && el.tagName === 'SELECT');
  }

  // ---------------------------------------------------------------------------------------------
  // Text rules mirrored from CanvasText.swift, for feedback before sending (the server decides)

  const segmenter = (typeof Intl !== 'undefined' && Intl.Segmenter) ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  function charCount(text) {
    if (!segmenter) return Array.from(text).length;
    let n = 0;
    for (const _ of segmenter.segment(text)) n += 1; // eslint-disable-line no-unused-vars
    return n;
  }

  function sentenceCount(text) {
    const chars = Array.from(text);
    let count = 0;
    for (let i = 0; i < chars.length; i++) {
      if ('.!?'.includes(chars[i])) {
        const next = chars[i + 1];
        if (next === undefined || /\s/u.test(next)) count += 1;
      }
    }
    const last = chars[chars.length - 1];
    const lastIsEnd = last === undefined ? true : '.!?'.includes(last);
    return count + (lastIsEnd || text.length === 0 ? 0 : 1);
  }

  function containsMarkup(text) {
    const chars = Array.from(text);
    for (let i = 0; i < chars.length; i++) {
      if (chars[i] !== '<') continue;
      const next = chars[i + 1];
      if (next === undefined) return false;
      if (/\p{Alphabetic}/u.test(next) || next === '/' || next === '!' || next === '?') return true;
      i += 1;
    }
    return false;
  }

  /** Why the server would refuse this text, in its words, or null. */
  function textProblem(text, maxCharacters, what, fieldLabel) {
    const clean = text.trim();
    const count = charCount(clean);
    if (count > maxCharacters) return 'The ' + what + ' for ' + fieldLabel + ' is ' + count + ' characters; at most ' + maxCharacters + ' fit.';
    if (/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u.test(clean)) return 'The ' + what + ' for ' + fieldLabel + ' holds control characters; type or paste plain text.';
    if (containsMarkup(clean)) return 'The ' + what + ' for ' + fieldLabel + ' looks like HTML ("<…>"); write plain text.';
    return null;
  }

  function isDate(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return false;
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < 1 || month > 12 || year < 1900) return false;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return day >= 1 && day <= days[month - 1];
  }

  // ---------------------------------------------------------------------------------------------
  // Ids

  const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
  function randomId(length) {
    const n = length || 10;
    const bytes = new Uint8Array(n);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
    else for (let i = 0; i < n; i++) bytes[i] = Math.floor(Math.random() * 256);
    let out = '';
    for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length];
    return out;
  }
  /** A new item, row, node or subject id: 10 characters of [a-z0-9]. */
  function newId() { return randomId(10); }

  // Message ids must be unique per page load; the server remembers them per person for the whole session,
  // so a random page prefix keeps a reloaded page from reusing "c1".
  const PAGE_PREFIX = randomId(8);
  let messageSequence = 0;
  function nextMessageId() { messageSequence += 1; return PAGE_PREFIX + '-' + messageSequence; }

  // ---------------------------------------------------------------------------------------------
  // Formatting

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : (many || one + 's')); }

  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const hours = Math.floor(s / 3600);
    const minutes = Math.floor((s % 3600) / 60);
    const secs = s % 60;
    const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes);
    return (hours > 0 ? hours + ':' : '') + mm + ':' + String(secs).padStart(2, '0');
  }

  function formatRatio(r) {
    if (r === null || r === undefined) return '—';
    return Number.isInteger(r) ? String(r) : r.toFixed(2);
  }

  function rangeText(min, max, noun) {
    if (min != null && max != null) return min === max ? plural(min, noun) : min + '–' + max + ' ' + noun + 's';
    if (min != null) return 'at least ' + plural(min, noun);
    if (max != null) return 'at most ' + plural(max, noun);
    return '';
  }

  function roundUnit(v) { return Math.round(Math.min(1, Math.max(0, v)) * 100) / 100; }

  const TOKEN_SHAPES = { green: '●', red: '■' };
  const SPARE_SHAPES = ['▲', '◆', '★', '⬟'];
  function tokenShape(spec, colour) {
    if (TOKEN_SHAPES[colour]) return TOKEN_SHAPES[colour];
    const others = spec.tokens.filter((t) => !TOKEN_SHAPES[t.colour]).map((t) => t.colour);
    return SPARE_SHAPES[Math.max(0, others.indexOf(colour)) % SPARE_SHAPES.length];
  }
  function tokenName(token) {
    const label = token.label || token.colour;
    return label.toLowerCase().includes(String(token.colour).toLowerCase()) ? label : label + ' (' + token.colour + ')';
  }

  // ---------------------------------------------------------------------------------------------
  // The app

  const app = {
    boot: null,
    view: 'participant',
    root: null,
    phases: [],
    partners: [],
    partnerNames: new Map(),
    state: emptyState(),
    facilitation: { phase: 0, step: 0, startedAt: null, locked: [], closed: false },
    participants: [],
    names: new Map(),
    lastSequence: 0,
    haveSnapshot: false,
    clockOffset: 0,
    fields: new Map(), // field id → {field, phaseIndex, phase}
    fieldEls: new Map(), // field id → {root, body, alert, orphans, stale}
    sections: [], // per phase: {root, badge, now, note, lockButton, steps}
    ui: new Map(), // field id → per-field UI state (editing, adding, selected…)
    pending: [], // unacknowledged messages: {id, msg, field, restore, dedupe}
    rendering: false,
    bar: null,
  };

  function emptyState() {
    const s = {};
    for (const key of STATE_KEYS) s[key] = {};
    return s;
  }

  function normalizeState(raw) {
    const s = emptyState();
    if (raw && typeof raw === 'object') for (const key of STATE_KEYS) if (raw[key] && typeof raw[key] === 'object') s[key] = raw[key];
    return s;
  }

  function normalizeFacilitation(f) {
    return {
      phase: f && Number.isInteger(f.phase) ? f.phase : 0,
      step: f && Number.isInteger(f.step) ? f.step : 0,
      startedAt: f && f.startedAt ? f.startedAt : null,
      locked: f && Array.isArray(f.locked) ? f.locked.slice() : [],
      closed: !!(f && f.closed),
    };
  }

  function uiOf(fieldId) {
    let ui = app.ui.get(fieldId);
    if (!ui) { ui = {}; app.ui.set(fieldId, ui); }
    return ui;
  }

  function nameOf(id) {
    if (!id) return 'someone';
    if (app.names.has(id)) return app.names.get(id);
    if (app.boot.viewer && id === app.boot.viewer.participant) return app.boot.viewer.name || 'you';
    return 'the facilitator';
  }

  function isLocked(phaseId) { return app.facilitation.locked.includes(phaseId); }
  function isParticipant() { return app.view === 'participant' && !!(app.boot.viewer && app.boot.viewer.participant); }

  function readOnlyReason(info) {
    if (app.view === 'projector') return 'projector';
    if (app.facilitation.closed) return 'This session is closed; the canvas can no longer be changed.';
    if (isLocked(info.phase.id)) return 'The facilitator has locked this section; ask them to unlock it to make changes.';
    if (!app.haveSnapshot) return 'Loading the canvas…';
    return null;
  }

  function serverNow() { return Date.now() + app.clockOffset; }

  // ---------------------------------------------------------------------------------------------
  // Sending

  let socket = null;

  let sendQueue = [];
  let sendTokens = SEND_BUDGET.burst;
  let sendRefilled = Date.now();
  let sendTimer = null;

  /** Sends now if the budget allows, else queues it for this socket; false when not connected. */
  function rawSend(msg) {
    if (!socket || socket.readyState !== 1) return false;
    sendQueue.push(msg);
    flushSends();
    return true;
  }

  function flushSends() {
    const now = Date.now();
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
    if (utf8Length(body) > MAX_MESSAGE_BYTES - 200) {
      const message = 'This change is too large to send; shorten it.';
      if (info.field && app.fieldEls.has(info.field)) showFieldAlert(info.field, message); else showGlobalAlert(message);
      return null;
    }
    msg.id = nextMessageId();
    const entry = { id: msg.id, msg, body, field: info.field || null, restore: info.restore || null, ui: info.ui || null, dedupe: info.dedupe || null };
    app.pending.push(entry);
    rawSend(msg);
    updateStatus();
    return entry;
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
    if (fieldId && app.fieldEls.has(fieldId)) {
      if (entry && entry.ui) Object.assign(uiOf(fieldId), entry.ui);
      renderField(fieldId, { restore: entry ? entry.restore : null });
      showFieldAlert(fieldId, message);
    } else {
      showGlobalAlert(message);
    }
  }

  function setParticipants(list) {
    if (!Array.isArray(list)) return;
    app.participants = list;
    for (const p of list) if (p && p.id) app.names.set(p.id, p.name);
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
      default: text = 'Offline — your changes are kept and will be sent';
    }
    if (connection !== 'live' && waiting > 0) text += ' (' + plural(waiting, 'change') + ' waiting)';
    bar.status.dataset.state = connection;
    if (bar.statusText.textContent !== text) bar.statusText.textContent = text;
    for (const b of bar.controls) b.disabled = connection !== 'live' || app.facilitation.closed || b._forceDisabled === true;
  }

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
        h('p', { class: 'bar-step' }, stepTitle, ' ', stepMeta)),
      timer,
      status,
      controlRow,
      alert);
    app.bar = { root, phaseName, phaseCount, stepTitle, stepMeta, timer, timerValue, timerLabel, status, statusText, alert, controls, prev, next, lock };
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

  // ---------------------------------------------------------------------------------------------
  // Sections

  function buildPreparation(prep) {
    const fields = prep.fields || [];
    const answers = prep.answers || {};
    const table = h('table', { class: 'canvas-table prep-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col', text: 'Partner' }), fields.map((f) => h('th', { scope: 'col', text: f.label })))),
      h('tbody', null, app.partners.map((p) => {
        const row = answers[p.id] || {};
        return h('tr', { class: p.id === (app.boot.viewer && app.boot.viewer.partner) ? 'is-own' : null },
          h('th', { scope: 'row', text: p.name }),
          fields.map((f) => {
            const text = row[f.id];
            return h('td', null, text ? h('span', { class: 'prewrap', text }) : h('span', { class: 'muted', text: '—' }));
          }));
      })));
    return h('details', { class: 'preparation', open: true },
      h('summary', null, h('span', { class: 'prep-kicker', text: 'Prepared beforehand' }), ' ', h('span', { class: 'prep-title', text: prep.title })),
      h('div', { class: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': prep.title } }, table));
  }

  function buildSection(phase, index) {
    const facilitator = app.view === 'facilitator';
    const headingId = domId('phase');
    const badge = h('span', { class: 'badge badge-locked', hidden: true, text: 'Locked' });
    const now = h('span', { class: 'badge badge-now', hidden: true, text: 'Now' });
    let lockButton = null;
    if (facilitator) {
      lockButton = h('button', { type: 'button', class: 'btn-secondary btn-small no-print', on: { click: () => toggleLock(phase) } });
      app.bar.controls.push(lockButton);
    }
    const note = h('p', { class: 'section-note', hidden: true });
    const steps = (phase.steps || []);
    const stepItems = steps.map((step) => h('li', null,
      h('span', { class: 'step-title', text: step.title }),
      h('span', { class: 'step-meta', text: ' · ' + [step.minutes + ' min', step.lead, step.grouping, step.tool].filter(Boolean).join(' · ') })));
    const stepsBlock = steps.length ? h('details', { class: 'steps no-print-marker' },
      h('summary', { text: 'Steps (' + steps.length + ')' }), h('ol', { class: 'step-list' }, stepItems)) : null;
    const root = h('section', { class: 'phase', attrs: { 'aria-labelledby': headingId }, data: { phase: index } },
      h('header', { class: 'phase-head' },
        h('h2', { id: headingId }, h('span', { class: 'phase-name', text: phase.name }), ' ',
          h('span', { class: 'phase-minutes', text: phase.minutes + ' min' })),
        h('div', { class: 'phase-badges' }, now, badge, lockButton)),
      phase.description ? h('p', { class: 'phase-description', text: phase.description }) : null,
      stepsBlock,
      note);
    const prep = app.boot.preparation;
    if (prep && prep.phase === phase.id) root.appendChild(buildPreparation(prep));
    for (const field of phase.fields || []) root.appendChild(buildFieldShell(field, phase, index));
    app.sections[index] = { root, badge, now, note, lockButton, stepItems };
    return root;
  }

  function updateSections() {
    const f = app.facilitation;
    app.phases.forEach((phase, i) => {
      const s = app.sections[i];
      if (!s) return;
      const current = i === f.phase;
      const locked = isLocked(phase.id);
      s.root.classList.toggle('is-current', current);
      s.root.classList.toggle('is-locked', locked);
      s.now.hidden = !current;
      s.badge.hidden = !locked;
      if (app.view === 'projector') s.root.hidden = !current;
      let note = '';
      if (app.view !== 'projector') {
        if (f.closed) note = 'This session is closed; the canvas is read-only.';
        else if (locked) note = 'Locked by the facilitator: this section is read-only for now.';
      }
      s.note.textContent = note;
      s.note.hidden = !note;
      if (s.lockButton) {
        s.lockButton.textContent = locked ? 'Unlock section' : 'Lock section';
        s.lockButton.setAttribute('aria-pressed', locked ? 'true' : 'false');
        s.lockButton.setAttribute('aria-label', (locked ? 'Unlock ' : 'Lock ') + phase.name);
      }
      s.stepItems.forEach((li, j) => {
        const here = current && j === f.step;
        li.classList.toggle('is-current', here);
        if (here) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
      });
    });
    updateStatus();
  }

  /** Projector: only the current section is shown, so its start is the top of the page (the join line included). */
  function scrollToCurrent() {
    const s = app.sections[app.facilitation.phase];
    if (!s) return;
    const reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (app.view === 'projector') {
      window.scrollTo({ top: 0, behavior: reduce ? 'auto' : 'smooth' });
    } else {
      // Below the sticky bar: the section's heading shows first.
      s.root.scrollIntoView({ block: 'start', behavior: 'auto' });
    }
  }

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
      alert: (message) => showFieldAlert(field.id, message),
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
      if (el === active || !isTextEntry(el)) continue;
      if (el.value !== (el.dataset.saved || '')) drafts.set(key, { value: el.value, rescue: rescuable(el) });
    }
    if (options.restore) for (const r of [].concat(options.restore)) if (r && r.key) drafts.set(r.key, { value: r.value, rescue: true });

    const ctx = makeCtx(info);
    const newBody = h('div', { class: 'field-body' }, buildBody(ctx));
    entry.root.classList.toggle('is-readonly', !ctx.editable);

    const orphaned = [];
    for (const [key, draft] of drafts) {
      const twin = findByKey(newBody, key);
      if (twin && isTextEntry(twin)) {
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
  // Field kinds

  const KINDS = {};

  // text ----------------------------------------------------------------------------------------
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

  // list ----------------------------------------------------------------------------------------
  KINDS.list = function (ctx) {
    const f = ctx.field;
    const items = app.state.lists[f.id] || [];
    const max = Math.min(f.maxItems != null ? f.maxItems : LIMITS.entries, LIMITS.entries);
    const entryLimit = f.maxCharacters != null ? f.maxCharacters : LIMITS.entryCharacters;
    const parts = [];
    const range = rangeText(f.minItems, f.maxItems, 'item');
    if (!ctx.projector) parts.push(hint([range ? 'Wanted: ' + range + '.' : '', items.length ? plural(items.length, 'item') + ' so far.' : ''].filter(Boolean).join(' ')));
    if (!items.length) parts.push(empty('No items yet.'));
    const ui = ctx.ui;
    const list = h('ul', { class: 'entry-list' }, items.map((item) => {
      if (ctx.editable && ui.editing === item.id) {
        return h('li', { class: 'is-editing' }, inlineEditor(ctx, {
          key: 'item:' + item.id, saved: item.text, label: 'Edit “' + item.text + '”', focusAfter: 'edit:' + item.id,
          save: (value) => {
            const text = value.trim();
            if (!text) { ctx.alert('An item cannot be empty; remove it instead.'); return false; }
            if (text === item.text.trim()) return true;
            const problem = textProblem(text, entryLimit, 'item', f.label);
            if (problem) { ctx.alert(problem); return false; }
            ctx.send('editItem', { item: item.id, text }, { restore: [{ key: 'item:' + item.id, value }], ui: { editing: item.id } });
            return true;
          },
        }));
      }
      return h('li', null,
        h('span', { class: 'entry-text prewrap', text: item.text }),
        ctx.editable ? h('span', { class: 'row-actions no-print' },
          h('button', { type: 'button', class: 'btn-secondary btn-small', text: 'Edit', data: { key: 'edit:' + item.id }, attrs: { 'aria-label': 'Edit “' + item.text + '”' },
            on: { click: () => { ui.editing = item.id; ctx.rerender(); const el = ctx.live('item:' + item.id); if (el) { el.focus(); el.select(); } } } }),
          h('button', { type: 'button', class: 'btn-remove btn-small', text: 'Remove', data: { key: 'remove:' + item.id }, attrs: { 'aria-label': 'Remove “' + item.text + '”' },
            on: { click: () => { if (confirmRemove(item.text)) ctx.send('removeItem', { item: item.id }); } } })) : null);
    }));
    if (items.length) parts.push(list);
    if (ctx.editable) {
      if (items.length >= max) {
        parts.push(hint('The list is full (' + items.length + ' of ' + max + '). Remove an item to add another.'));
      } else {
        parts.push(addForm(ctx, 'add', 'Add an item', 'Add', (text) => {
          const problem = textProblem(text, entryLimit, 'item', f.label);
          if (problem) { ctx.alert(problem); return false; }
          ctx.send('addItem', { item: newId(), text }, { restore: [{ key: 'add', value: text }] });
          return true;
        }));
      }
    }
    return parts;
  };

  // table ---------------------------------------------------------------------------------------
  function cellProblem(column, value) {
    if (!value) return null;
    if (column.type === 'number' && !Number.isFinite(Number(value))) return column.label + ' takes a number.';
    if (column.type === 'date' && !isDate(value)) return column.label + ' takes a date as YYYY-MM-DD.';
    if (column.type === 'partner' && !app.partnerNames.has(value)) return column.label + ' takes one of the partnership\'s partners.';
    return null;
  }

  function cellEditor(ctx, column, key, saved, label, onCommit, listId) {
    if (column.type === 'partner') {
      return h('select', {
        data: { key, saved }, attrs: { 'aria-label': label },
        on: { change: (ev) => { if (!app.rendering) onCommit(ev.currentTarget.value, ev.currentTarget); } },
      }, h('option', { value: '', text: '—', selected: !saved }),
      app.partners.map((p) => h('option', { value: p.id, text: p.name, selected: p.id === saved })),
      saved && !app.partnerNames.has(saved) ? h('option', { value: saved, text: saved, selected: true }) : null);
    }
    const type = column.type === 'number' ? 'number' : column.type === 'date' ? 'date' : 'text';
    // Saved on change and on leaving the box (a draft carried over by a re-render fires no change event).
    const commit = (ev) => { if (!app.rendering) onCommit(ev.currentTarget.value, ev.currentTarget); };
    return h('input', {
      type, value: saved, data: { key, saved },
      step: type === 'number' ? 'any' : undefined,
      attrs: { 'aria-label': label, list: column.type === 'person' && listId ? listId : null, autocomplete: 'off', inputmode: type === 'number' ? 'decimal' : null },
      on: {
        change: commit,
        blur: commit,
        input: (ev) => ev.currentTarget.classList.toggle('is-dirty', ev.currentTarget.value.trim() !== (ev.currentTarget.dataset.saved || '').trim()),
        keydown: (ev) => { if (ev.key === 'Enter' && onCommit.onEnter) { ev.preventDefault(); onCommit.onEnter(); } },
      },
    });
  }

  KINDS.table = function (ctx) {
    const f = ctx.field;
    const columns = f.columns || [];
    const rows = app.state.tables[f.id] || [];
    const max = Math.min(f.maxRows != null ? f.maxRows : LIMITS.entries, LIMITS.entries);
    const parts = [];
    const range = rangeText(f.minRows, f.maxRows, 'row');
    if (!ctx.projector) parts.push(hint([range ? 'Wanted: ' + range + '.' : '', rows.length ? plural(rows.length, 'row') + ' so far.' : ''].filter(Boolean).join(' ')));
    let listId = null;
    let datalist = null;
    if (ctx.editable && columns.some((c) => c.type === 'person')) {
      listId = domId('people');
      datalist = h('datalist', { id: listId }, app.participants.map((p) => h('option', { value: p.name })));
    }
    const display = (column, value) => {
      if (!value) return h('span', { class: 'muted', text: '—' });
      if (column.type === 'partner') return document.createTextNode(app.partnerNames.get(value) || value);
      return h('span', { class: 'prewrap', text: value });
    };
    const body = rows.map((row, r) => h('tr', null,
      columns.map((c) => {
        const value = (row.cells || {})[c.id] || '';
        if (!ctx.editable) return h('td', { data: { label: c.label } }, display(c, value));
        const key = 'cell:' + row.id + ':' + c.id;
        return h('td', { data: { label: c.label, type: c.type || 'text' } }, cellEditor(ctx, c, key, value, c.label + ', row ' + (r + 1), (next, el) => {
          const clean = next.trim();
          if (el.validity && el.validity.badInput) { ctx.alert(c.label + ' takes a number.'); return; }
          if (clean === (el.dataset.saved || '').trim()) return;
          const problem = cellProblem(c, clean) || textProblem(clean, LIMITS.entryCharacters, c.label, f.label);
          if (problem) { ctx.alert(problem); return; }
          ctx.send('setCell', { row: row.id, column: c.id, value: clean }, { restore: [{ key, value: next }], dedupe: key });
        }, listId));
      }),
      ctx.editable ? h('td', { class: 'cell-action no-print' }, h('button', {
        type: 'button', class: 'btn-remove btn-small', text: 'Remove', data: { key: 'remove:' + row.id },
        attrs: { 'aria-label': 'Remove row ' + (r + 1) },
        on: { click: () => {
          const first = columns.map((c) => (row.cells || {})[c.id]).find(Boolean);
          if (confirmRemove(first ? first : 'row ' + (r + 1), 'from ' + f.label)) ctx.send('removeRow', { row: row.id });
        } },
      })) : null));

    let foot = null;
    const canAdd = ctx.editable && rows.length < max;
    if (canAdd) {
      const addRow = () => {
        const cells = {};
        const restore = [];
        for (const c of columns) {
          const el = ctx.live('new:' + c.id);
          if (!el) continue;
          if (el.validity && el.validity.badInput) { ctx.alert(c.label + ' takes a number.'); return; }
          const v = el.value.trim();
          const problem = cellProblem(c, v) || textProblem(v, LIMITS.entryCharacters, c.label, f.label);
          if (problem) { ctx.alert(problem); return; }
          if (v) { cells[c.id] = v; restore.push({ key: 'new:' + c.id, value: el.value }); }
        }
        if (!Object.keys(cells).length) { const el = ctx.live('new:' + (columns[0] && columns[0].id)); if (el) el.focus(); return; }
        ctx.send('addRow', { row: newId(), cells }, { restore });
        for (const c of columns) { const el = ctx.live('new:' + c.id); if (el) { el.value = ''; el.dataset.saved = ''; } }
        const first = ctx.live('new:' + (columns[0] && columns[0].id));
        if (first) first.focus({ preventScroll: true });
      };
      const commit = () => {};
      commit.onEnter = addRow;
      foot = h('tfoot', { class: 'no-print' }, h('tr', { class: 'new-row' },
        columns.map((c) => h('td', { data: { label: c.label, type: c.type || 'text' } }, cellEditor(ctx, c, 'new:' + c.id, '', 'New row: ' + c.label, commit, listId))),
        h('td', { class: 'cell-action' }, h('button', { type: 'button', text: 'Add row', data: { key: 'add-row' }, on: { click: addRow } }))));
    }
    const table = h('table', { class: 'canvas-table' + (ctx.editable ? ' is-editable' : '') },
      h('thead', null, h('tr', null,
        columns.map((c) => h('th', { scope: 'col', text: c.label })),
        ctx.editable ? h('th', { scope: 'col', class: 'no-print' }, h('span', { class: 'vh', text: 'Actions' })) : null)),
      h('tbody', null, body),
      foot);
    if (!rows.length && !canAdd) parts.push(empty('No rows yet.'));
    parts.push(h('div', { class: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': f.label } }, table), datalist);
    if (ctx.editable && rows.length >= max) parts.push(hint('The table is full (' + rows.length + ' of ' + max + ' rows).'));
    return parts;
  };

  // per-partner ---------------------------------------------------------------------------------
  KINDS['per-partner'] = function (ctx) {
    const f = ctx.field;
    const answers = app.state.partnerAnswers[f.id] || {};
    const options = (f.options && f.options.options) || [];
    const byId = new Map(options.map((o) => [o.id, o]));
    const own = app.boot.viewer && app.boot.viewer.partner;
    const parts = [];
    if (!app.partners.length) return empty('This partnership has no partners yet.');
    if (f.answer === 'choice' && options.some((o) => o.description) && !ctx.projector) {
      parts.push(h('details', { class: 'option-help', data: { key: 'option-help' } },
        h('summary', { text: 'What the choices mean' }),
        h('dl', null, options.map((o) => [h('dt', { text: o.label }), h('dd', { text: o.description || '' })]))));
    }
    if (!ctx.editable) {
      parts.push(h('dl', { class: 'partner-answers' }, app.partners.map((p) => {
        const a = answers[p.id];
        let value;
        if (f.answer === 'choice') {
          const labels = a && Array.isArray(a.choices) ? a.choices.map((c) => (byId.get(c) || { label: c }).label) : [];
          value = labels.length ? labels.join(', ') : null;
        } else {
          value = a && a.text ? a.text : null;
        }
        return [h('dt', { class: p.id === own ? 'is-own' : null, text: p.name }),
          h('dd', null, value ? h('span', { class: 'prewrap', text: value }) : h('span', { class: 'muted', text: 'No answer yet' }))];
      })));
      return parts;
    }
    const rows = app.partners.map((p) => {
      const a = answers[p.id] || {};
      const ownMark = p.id === own ? h('span', { class: 'badge badge-own', text: 'Your organisation' }) : null;
      if (f.answer === 'choice') {
        const chosen = Array.isArray(a.choices) ? a.choices : [];
        const name = domId('choice');
        const group = h('fieldset', { class: 'partner-row choice-group' + (p.id === own ? ' is-own' : '') },
          h('legend', null, p.name, ' ', ownMark),
          options.map((o) => h('label', { class: 'choice' },
            h('input', {
              type: f.multiple ? 'checkbox' : 'radio', name, value: o.id, checked: chosen.includes(o.id),
              data: { key: 'choice:' + p.id + ':' + o.id },
              on: { change: (ev) => {
                const box = ev.currentTarget.closest('fieldset');
                const picked = Array.from(box.querySelectorAll('input:checked')).map((i) => i.value);
                const ordered = options.map((x) => x.id).filter((id) => picked.includes(id));
                ctx.send('setPartnerAnswer', { partner: p.id, choices: f.multiple ? ordered : ordered.slice(0, 1) });
              } },
            }),
            h('span', { text: o.label }))),
          !f.multiple && chosen.length ? h('button', {
            type: 'button', class: 'btn-quiet btn-small', text: 'Clear choice', data: { key: 'clear:' + p.id },
            attrs: { 'aria-label': 'Clear the choice for ' + p.name },
            on: { click: () => ctx.send('setPartnerAnswer', { partner: p.id, choices: [] }) },
          }) : null);
        return group;
      }
      const key = 'answer:' + p.id;
      const saved = a.text || '';
      const areaId = domId('answer');
      const commit = (el) => {
        if (app.rendering) return;
        const text = el.value;
        if (text.trim() === (el.dataset.saved || '').trim()) return;
        const problem = textProblem(text, LIMITS.textCharacters, 'answer', f.label);
        if (problem) { ctx.alert(problem); return; }
        ctx.send('setPartnerAnswer', { partner: p.id, text, choices: [] }, { restore: [{ key, value: text }], dedupe: key });
      };
      return h('div', { class: 'partner-row' + (p.id === own ? ' is-own' : '') },
        h('label', { htmlFor: areaId, class: 'partner-name' }, p.name, ' ', ownMark),
        h('textarea', {
          id: areaId, rows: 2, value: saved, data: { key, saved },
          on: {
            input: (ev) => ev.currentTarget.classList.toggle('is-dirty', ev.currentTarget.value.trim() !== (ev.currentTarget.dataset.saved || '').trim()),
            change: (ev) => commit(ev.currentTarget),
            blur: (ev) => commit(ev.currentTarget),
            keydown: (ev) => { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); commit(ev.currentTarget); } },
          },
        }));
    });
    parts.push(h('div', { class: 'partner-rows' }, rows));
    return parts;
  };

  // token-vote ----------------------------------------------------------------------------------
  function tally(f, placed) {
    const spec = f;
    const targets = (spec.targets && spec.targets.options) || [];
    return targets.map((target, index) => {
      const counts = {};
      for (const t of spec.tokens || []) counts[t.colour] = 0;
      for (const t of placed) if (t.target === target.id) counts[t.colour] = (counts[t.colour] || 0) + 1;
      let ratio = null;
      if (spec.ratio) {
        const below = counts[spec.ratio.denominator] || 0;
        if (below > 0) ratio = (counts[spec.ratio.numerator] || 0) / below;
      }
      return { target, index, counts, ratio };
    });
  }

  /** TokenTally.priorities: lowest ratio first; without denominator tokens last, most numerator first. */
  function priorities(f, tallies) {
    const r = f.ratio;
    if (!r) return tallies.slice();
    return tallies.slice().sort((a, b) => {
      const x = a.ratio;
      const y = b.ratio;
      if (x !== null && y !== null) return x !== y ? x - y : a.index - b.index;
      if (x !== null) return -1;
      if (y !== null) return 1;
      const nx = a.counts[r.numerator] || 0;
      const ny = b.counts[r.numerator] || 0;
      return nx !== ny ? ny - nx : a.index - b.index;
    });
  }

  function tokenChip(f, token, n) {
    const shape = tokenShape(f, token.colour);
    return h('span', { class: 'token-count' + (n === 0 ? ' is-zero' : ''), data: { colour: token.colour } },
      h('span', { class: 'token-shapes', attrs: { 'aria-hidden': 'true' }, text: n > 0 ? shape.repeat(Math.min(n, 12)) + (n > 12 ? '…' : '') : shape }),
      h('span', { class: 'token-number', text: String(n) }),
      h('span', { class: 'token-name', text: token.colour }));
  }

  KINDS['token-vote'] = function (ctx) {
    const f = ctx.field;
    const placed = app.state.tokens[f.id] || [];
    const tokens = f.tokens || [];
    const me = isParticipant() ? app.boot.viewer.participant : null;
    const canVote = ctx.editable && !!me;
    const mine = placed.filter((t) => t.participant === me);
    const tallies = tally(f, placed);
    const parts = [];

    if (canVote) {
      parts.push(h('ul', { class: 'budget', attrs: { 'aria-label': 'Your tokens' } }, tokens.map((t) => {
        const used = mine.filter((x) => x.colour === t.colour).length;
        const left = Math.max(0, t.perParticipant - used);
        return h('li', { class: 'budget-item' + (left === 0 ? ' is-spent' : ''), data: { colour: t.colour } },
          h('span', { class: 'token-shape', attrs: { 'aria-hidden': 'true' }, text: tokenShape(f, t.colour) }), ' ',
          h('span', { text: tokenName(t) + ': ' }),
          h('strong', { text: left + ' of ' + t.perParticipant + ' left' }));
      })));
    } else if (ctx.editable && app.view === 'facilitator') {
      parts.push(hint('Participants place their tokens from their own devices; the counts update here as they do.'));
    }

    const list = h('ul', { class: 'targets' }, tallies.map((row) => {
      const target = row.target;
      const ratioText = f.ratio
        ? (row.ratio !== null ? f.ratio.numerator + '/' + f.ratio.denominator + ' ' + formatRatio(row.ratio)
          : 'no ' + f.ratio.denominator + ' tokens')
        : null;
      const controls = canVote ? h('div', { class: 'token-controls no-print' }, tokens.map((t) => {
        const used = mine.filter((x) => x.colour === t.colour).length;
        const here = mine.filter((x) => x.colour === t.colour && x.target === target.id).length;
        const left = t.perParticipant - used;
        const shape = tokenShape(f, t.colour);
        return h('div', { class: 'token-ctrl', data: { colour: t.colour }, attrs: { role: 'group', 'aria-label': tokenName(t) + ' tokens on ' + target.label } },
          h('button', {
            type: 'button', class: 'token-btn token-minus', text: '−', disabled: here === 0,
            data: { key: 'remove:' + target.id + ':' + t.colour },
            attrs: { 'aria-label': 'Take back a ' + t.colour + ' token from ' + target.label },
            on: { click: () => ctx.send('removeToken', { colour: t.colour, target: target.id }) },
          }),
          h('span', { class: 'token-mine' }, h('span', { attrs: { 'aria-hidden': 'true' }, text: shape + ' ' }), String(here),
            h('span', { class: 'vh', text: ' of your ' + t.colour + ' tokens here' })),
          h('button', {
            type: 'button', class: 'token-btn token-plus', disabled: left <= 0,
            data: { key: 'place:' + target.id + ':' + t.colour },
            attrs: { 'aria-label': 'Place a ' + t.colour + ' token (' + t.label + ') on ' + target.label },
            on: { click: () => {
              // Taps not yet answered by the server count against the budget too.
              const waiting = app.pending.filter((p) => p.field === f.id && p.msg.edit && p.msg.edit.placeToken && p.msg.edit.placeToken.colour === t.colour).length;
              const usedNow = (app.state.tokens[f.id] || []).filter((x) => x.participant === me && x.colour === t.colour).length;
              if (usedNow + waiting >= t.perParticipant) {
                ctx.alert('You have placed all ' + t.perParticipant + ' of your ' + t.label.toLowerCase() + ' (' + t.colour + ') tokens; take one back to place it elsewhere.');
                return;
              }
              ctx.send('placeToken', { colour: t.colour, target: target.id });
            } },
          }, '+ ', t.colour));
      })) : null;
      return h('li', { class: 'target' },
        h('div', { class: 'target-head' },
          h('h4', { class: 'target-label', text: target.label }),
          h('div', { class: 'target-counts' }, tokens.map((t) => tokenChip(f, t, row.counts[t.colour] || 0)),
            ratioText ? h('span', { class: 'ratio' + (row.ratio === null ? ' is-none' : ''), text: ratioText }) : null)),
        target.description && !ctx.projector ? h('p', { class: 'target-description', text: target.description }) : null,
        controls);
    }));
    parts.push(list);

    if (f.ratio) {
      const ordered = priorities(f, tallies);
      const anyTokens = placed.length > 0;
      parts.push(h('div', { class: 'priorities' },
        h('h4', { text: 'Priorities' }),
        h('p', { class: 'field-hint', text: 'Lowest ' + f.ratio.numerator + '/' + f.ratio.denominator + ' ratio first; targets without ' + f.ratio.denominator + ' tokens last.' }),
        anyTokens ? h('ol', { class: 'priority-list' }, ordered.map((row) => h('li', null,
          h('span', { class: 'priority-label', text: row.target.label }), ' ',
          h('span', { class: 'priority-detail', text: tokens.map((t) => t.colour + ' ' + (row.counts[t.colour] || 0)).join(' · ') +
            (row.ratio !== null ? ' · ratio ' + formatRatio(row.ratio) : '') })))) : empty('No tokens placed yet.')));
    }
    return parts;
  };

  // rating --------------------------------------------------------------------------------------
  function ratingSubjects(f) {
    if (f.subjects === 'partners') return app.partners.map((p) => ({ id: p.id, label: p.name }));
    if (f.subjects === 'entered') return (app.state.subjects[f.id] || []).map((s) => ({ id: s.id, label: s.text }));
    if (f.subjects && Array.isArray(f.subjects.options)) return f.subjects.options.map((o) => ({ id: o.id, label: o.label, description: o.description }));
    return [];
  }

  KINDS.rating = function (ctx) {
    const f = ctx.field;
    const criteria = (f.criteria && f.criteria.options) || [];
    const scale = f.scale || { min: 1, max: 5 };
    const subjects = ratingSubjects(f);
    const ratings = app.state.ratings[f.id] || {};
    const parts = [];
    const ends = (n) => (n === scale.min && scale.lowLabel ? ' · ' + scale.lowLabel : n === scale.max && scale.highLabel ? ' · ' + scale.highLabel : '');
    parts.push(h('p', { class: 'scale-legend' },
      'Scale ', h('strong', { text: String(scale.min) }), scale.lowLabel ? ' (' + scale.lowLabel + ')' : '',
      ' to ', h('strong', { text: String(scale.max) }), scale.highLabel ? ' (' + scale.highLabel + ')' : ''));
    if (!subjects.length) {
      parts.push(empty(f.subjects === 'entered' ? 'Nothing to rate yet — add a name below.' : 'Nothing to rate yet.'));
    } else {
      const heading = f.subjects === 'partners' ? 'Partner' : 'Rated';
      const table = h('table', { class: 'canvas-table rating-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col', text: heading }),
          criteria.map((c) => h('th', { scope: 'col', text: c.label, title: c.description || null })),
          criteria.length > 1 ? h('th', { scope: 'col', class: 'avg', text: 'Average' }) : null)),
        h('tbody', null, subjects.map((s) => {
          const row = ratings[s.id] || {};
          const scores = criteria.map((c) => row[c.id]).filter((v) => typeof v === 'number');
          const avg = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
          return h('tr', null,
            h('th', { scope: 'row', text: s.label }),
            criteria.map((c) => {
              const score = row[c.id];
              if (!ctx.editable) return h('td', { class: 'score' }, typeof score === 'number' ? String(score) : h('span', { class: 'muted', text: '—' }));
              const options = [h('option', { value: '', text: '—', selected: typeof score !== 'number' })];
              for (let n = scale.min; n <= scale.max; n++) options.push(h('option', { value: String(n), text: n + ends(n), selected: score === n }));
              return h('td', { class: 'score' }, h('select', {
                data: { key: 'rate:' + s.id + ':' + c.id }, attrs: { 'aria-label': s.label + ': ' + c.label },
                on: { change: (ev) => {
                  const v = ev.currentTarget.value;
                  ctx.send('rate', v === '' ? { subject: s.id, criterion: c.id } : { subject: s.id, criterion: c.id, score: Number(v) });
                } },
              }, options));
            }),
            criteria.length > 1 ? h('td', { class: 'avg', text: avg === null ? '—' : avg.toFixed(1) }) : null);
        })));
      parts.push(h('div', { class: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': f.label } }, table));
    }
    if (ctx.editable && f.subjects === 'entered') {
      const existing = app.state.subjects[f.id] || [];
      if (existing.length < LIMITS.entries) {
        parts.push(addForm(ctx, 'subject-add', 'Add a name to rate', 'Add', (text) => {
          const problem = textProblem(text, LIMITS.entryCharacters, 'name', f.label);
          if (problem) { ctx.alert(problem); return false; }
          ctx.send('addSubject', { subject: newId(), name: text }, { restore: [{ key: 'subject-add', value: text }] });
          return true;
        }));
      }
    }
    return parts;
  };

  // checklist -----------------------------------------------------------------------------------
  KINDS.checklist = function (ctx) {
    const f = ctx.field;
    const items = (f.items && f.items.options) || [];
    const checked = new Set(app.state.checked[f.id] || []);
    const done = items.filter((i) => checked.has(i.id)).length;
    return [
      hint(done + ' of ' + items.length + ' ticked.'),
      h('ul', { class: 'checklist' }, items.map((item) => {
        const on = checked.has(item.id);
        if (!ctx.editable) {
          return h('li', { class: on ? 'is-checked' : null },
            h('span', { class: 'check-mark', attrs: { 'aria-hidden': 'true' }, text: on ? '☑' : '☐' }), ' ',
            h('span', { text: item.label }), h('span', { class: 'vh', text: on ? ' (ticked)' : ' (not ticked)' }),
            item.description && !ctx.projector ? h('span', { class: 'choice-description', text: item.description }) : null);
        }
        return h('li', null, h('label', { class: 'choice' },
          h('input', {
            type: 'checkbox', checked: on, data: { key: 'check:' + item.id },
            on: { change: (ev) => ctx.send('check', { item: item.id, checked: ev.currentTarget.checked }) },
          }),
          h('span', null, h('span', { text: item.label }),
            item.description ? h('span', { class: 'choice-description', text: item.description }) : null)));
      })),
    ];
  };

  // tree ----------------------------------------------------------------------------------------
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
                } } })) : null);
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
        return h('li', { class: 'tree-node', data: { depth } }, line, adding, renderNodes(branch, node.id));
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

  // grid ----------------------------------------------------------------------------------------
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
      parts.push(h('ul', { class: 'grid-items' }, rows.map((row) => h('li', { class: row.id === selected && ctx.editable ? 'is-selected' : null },
        h('span', { class: 'grid-item-label', text: row.label }), ' ',
        h('span', { class: 'muted', text: row.item ? x.label + ' ' + row.item.x.toFixed(2) + ' · ' + y.label + ' ' + row.item.y.toFixed(2) : 'not placed' }),
        ctx.editable ? h('span', { class: 'row-actions no-print' },
          h('button', { type: 'button', class: 'btn-secondary btn-small', text: row.id === selected ? 'Selected' : 'Select',
            data: { key: 'select:' + row.id }, attrs: { 'aria-pressed': row.id === selected ? 'true' : 'false', 'aria-label': 'Select ' + row.label + ' to place or move' },
            on: { click: () => { ui.selected = row.id; ui.autoPicked = false; ctx.rerender(); } } }),
          row.item ? h('button', { type: 'button', class: 'btn-remove btn-small', text: 'Remove', data: { key: 'removegrid:' + row.id },
            attrs: { 'aria-label': 'Remove ' + row.label + ' from the grid' },
            on: { click: () => { if (confirmRemove(row.label, 'from the grid')) ctx.send('removeFromGrid', { item: row.id }); } } }) : null) : null))));
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

  // ---------------------------------------------------------------------------------------------
  // Boot

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
    const sections = h('div', { class: 'phases' });
    root.replaceChildren(bar, sections);
    if (boot.preparation && !app.phases.some((p) => p.id === boot.preparation.phase)) sections.appendChild(buildPreparation(boot.preparation));
    app.phases.forEach((phase, i) => sections.appendChild(buildSection(phase, i)));
    if (!app.phases.length) sections.appendChild(empty('This session has no canvas.'));
    updateSections();
    updateBar();
    for (const id of app.fields.keys()) renderField(id);

    setInterval(tick, 1000);
    window.addEventListener('online', reconnectNow);
    window.addEventListener('offline', () => { if (connection !== 'live') { connection = 'offline'; updateStatus(); } });
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
      get connection() { return connection; },
      get state() { return app.state; },
    };
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
