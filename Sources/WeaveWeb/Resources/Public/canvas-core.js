/* Weave live canvas — The small core: DOM helpers, the text rules mirrored from CanvasText.swift (for feedback before sending;
 * the server decides), ids, formatting, and the page's one shared state object `app`. It creates the namespace
 * `window.Weave` the other canvas scripts share.
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function () {
  'use strict';

  /** The namespace the canvas scripts share: each adds what the others use. */
  const W = {};
  window.Weave = W;

  /** Where a call into a script loaded later goes: looked up when called. */
  W.late = (name) => (...args) => W[name](...args);

  // ---------------------------------------------------------------------------------------------
  // The canvas state's parts, and its limits

  /** The parts of the canvas state (Sources/WeaveCore/Canvas/CanvasState.swift), each keyed by field id. */
  const STATE_KEYS = ['texts', 'earlierTexts', 'lists', 'tables', 'partnerAnswers', 'tokens', 'subjects',
    'ratings', 'checked', 'trees', 'grids', 'itemGroups'];

  /**
   * The limits the server enforces, as it sent them in the page's boot data (`boot.limits`,
   * docs/live-protocol.md "Limits"): textCharacters, entryCharacters, entries, maxMessageBytes,
   * messagesPerSecond, messageBurst. Filled by canvas-boot.js before anything renders.
   */
  const LIMITS = {};

  /** The field kinds, by name: each canvas-kind-*.js adds one function from a field's context to its body. */
  const KINDS = {};

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
      sessionStartedAt: f && f.sessionStartedAt ? f.sessionStartedAt : null,
      pausedAt: f && f.pausedAt ? f.pausedAt : null,
      pausedSeconds: f && Number(f.pausedSeconds) > 0 ? Number(f.pausedSeconds) : 0,
      extraMinutes: f && Number.isInteger(f.extraMinutes) ? f.extraMinutes : 0,
      reached: f && Array.isArray(f.reached) ? f.reached.slice() : [],
      groups: f && f.groups && Array.isArray(f.groups.groups) ? f.groups : null,
      hidden: f && f.hidden && typeof f.hidden === 'object' && !Array.isArray(f.hidden) ? f.hidden : {},
      projector: f && f.projector && typeof f.projector.view === 'string' ? { view: f.projector.view, field: f.projector.field || null } : { view: 'phase', field: null },
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
  // The session clock, as Sources/WeaveCore/Session/Facilitation+Clock.swift reckons it

  /** The current step's agenda minutes (a section without steps: the section's). */
  function stepMinutes(f) {
    const phase = app.phases[f.phase];
    if (!phase) return 0;
    const step = (phase.steps || [])[f.step];
    return Math.max(0, Number(step ? step.minutes : phase.minutes) || 0);
  }

  /** Minutes the agenda plans before a step. */
  function plannedOffsetMinutes(phaseIndex, stepIndex) {
    let total = 0;
    app.phases.forEach((phase, i) => {
      const steps = phase.steps || [];
      if (i < phaseIndex) total += steps.length ? steps.reduce((a, s) => a + (Number(s.minutes) || 0), 0) : (Number(phase.minutes) || 0);
      else if (i === phaseIndex) total += steps.slice(0, stepIndex).reduce((a, s) => a + (Number(s.minutes) || 0), 0);
    });
    return total;
  }

  /** The clock now: {started, paused, planned, left (s, negative when over), drift (s late; null before start)}. */
  function clockNow(f, now) {
    const planned = (stepMinutes(f) + f.extraMinutes) * 60;
    const started = f.startedAt ? Date.parse(f.startedAt) : NaN;
    if (Number.isNaN(started)) return { started: false, paused: false, planned, left: planned, drift: null };
    const end = f.pausedAt ? Date.parse(f.pausedAt) : now;
    const elapsed = Math.max(0, (end - started) / 1000 - f.pausedSeconds);
    let drift = null;
    const dayStart = f.sessionStartedAt ? Date.parse(f.sessionStartedAt) : NaN;
    if (!Number.isNaN(dayStart)) {
      const lateStart = (started - dayStart) / 1000 - plannedOffsetMinutes(f.phase, f.step) * 60;
      drift = lateStart + Math.max(0, (now - started) / 1000 - stepMinutes(f) * 60);
    }
    return { started: true, paused: !!f.pausedAt, planned, left: planned - elapsed, drift };
  }

  /** "running 12 min late", "on time", "3 min ahead". */
  function driftText(seconds) {
    if (seconds === null || seconds === undefined) return '';
    const minutes = Math.round(seconds / 60);
    if (minutes >= 1) return 'running ' + minutes + ' min late';
    if (minutes <= -1) return (-minutes) + ' min ahead';
    return 'on time';
  }

  /** A clock time in this browser's time zone: "09:40". */
  function timeOfDay(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  Object.assign(W, { STATE_KEYS, LIMITS, KINDS, dispatch, h, append, domId, findByKey, isTextEntry, syncAttributes, takeHandlers, graft, isGraftable, charCount, sentenceCount, containsMarkup, textProblem, isDate, randomId, newId, nextMessageId, plural, clock, formatRatio, rangeText, roundUnit, tokenShape, tokenName, app, emptyState, normalizeState, normalizeFacilitation, uiOf, nameOf, isLocked, isParticipant, readOnlyReason, serverNow, stepMinutes, plannedOffsetMinutes, clockNow, driftText, timeOfDay });
}());
