// The path designer (docs/workspace.md, "The path designer"). Edits a path's YAML mapping as JSON — the
// document in the page's boot data — and never drops a key it has no control for. As the facilitator types,
// the document and the day schedule go to the check URL; the answer's agenda and problems are shown beside
// the controls their JSON Pointers name. User text only ever reaches the page as textContent or a value.
(() => {
  'use strict';
  const bootElement = document.getElementById('designer-boot');
  const root = document.getElementById('designer');
  if (!bootElement || !root) return;
  const boot = JSON.parse(bootElement.textContent);
  const doc = boot.document && typeof boot.document === 'object' ? boot.document : { kind: 'path', id: 'our-path', name: '', phases: [] };
  const schedule = boot.schedule && Array.isArray(boot.schedule.days) ? boot.schedule : { days: [{ start: '09:00' }] };
  const tools = Array.isArray(boot.tools) ? boot.tools : [];
  const toolByID = new Map(tools.map((tool) => [tool.id, tool]));
  const activities = Array.isArray(boot.activities) ? boot.activities : [];
  const groupings = Array.isArray(boot.groupings) ? boot.groupings : ['plenary', 'triads', 'pairs', 'small-groups', 'rounds', 'individual'];
  const fieldKinds = Array.isArray(boot.fieldKinds) ? boot.fieldKinds : ['text', 'list'];
  const CHECK_DELAY = 300;

  // ---- small DOM helpers ------------------------------------------------------------------------------
  let serial = 0;
  const uid = (prefix) => `${prefix}-${++serial}`;
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key === 'class') node.className = value;
      else if (key === 'value') node.value = value;
      else if (key === 'checked') node.checked = !!value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  // ---- the document: text values, days, pointers ------------------------------------------------------
  const isMapping = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
  // A text key may hold a mapping of language → text; the page edits the path's default language's entry.
  function language(mapping) {
    if (typeof doc.language === 'string' && Object.prototype.hasOwnProperty.call(mapping, doc.language)) return doc.language;
    return Object.keys(mapping)[0] || (typeof doc.language === 'string' ? doc.language : 'en');
  }
  function getText(object, key) {
    const value = object[key];
    if (isMapping(value)) return typeof value[language(value)] === 'string' ? value[language(value)] : '';
    if (value === undefined || value === null) return '';
    return String(value);
  }
  function setText(object, key, text, { required = false } = {}) {
    const value = object[key];
    if (isMapping(value)) { value[language(value)] = text; return; }
    if (text === '' && !required) delete object[key];
    else object[key] = text;
  }
  function setNumber(object, key, text, { required = false } = {}) {
    const trimmed = String(text).trim();
    if (trimmed === '') { if (required) object[key] = null; else delete object[key]; return; }
    const number = Number(trimmed);
    object[key] = Number.isFinite(number) && /^-?\d+(\.\d+)?$/.test(trimmed) ? number : trimmed;
  }
  // Rewrites an object's keys in order, `oldKey` becoming `newKey` with `value` in its place.
  function renameKey(object, oldKey, newKey, value) {
    const entries = Object.entries(object).map(([key, old]) => (key === oldKey ? [newKey, value] : [key, old]));
    for (const key of Object.keys(object)) delete object[key];
    for (const [key, old] of entries) object[key] = old;
  }
  // Every list of phases with its day and the JSON Pointer of the list.
  function dayLists() {
    if (Array.isArray(doc.days)) {
      return doc.days.map((day, index) => {
        if (!Array.isArray(day.phases)) day.phases = [];
        return { day, index, phases: day.phases, base: `/days/${index}/phases` };
      });
    }
    if (!Array.isArray(doc.phases)) doc.phases = [];
    return [{ day: null, index: 0, phases: doc.phases, base: '/phases' }];
  }
  function dayCount() { return Array.isArray(doc.days) ? doc.days.length : 1; }
  function syncSchedule() {
    const count = dayCount();
    while (schedule.days.length < count) {
      const last = schedule.days[schedule.days.length - 1] || { start: '09:00' };
      schedule.days.push({ start: last.start || '09:00', end: last.end, breaks: [] });
    }
    schedule.days.length = count;
  }
  function allPhases() { return dayLists().flatMap((list) => list.phases); }
  function freshID(base, taken) {
    let index = 1;
    while (taken.has(`${base}-${index}`)) index += 1;
    return `${base}-${index}`;
  }
  const phaseIDs = () => new Set(allPhases().map((phase) => phase && phase.id));
  const newStep = () => ({ title: '', duration: 15 });
  const newPhase = () => ({ id: freshID('phase', phaseIDs()), name: '', duration: 60, steps: [{ title: '', duration: 60 }] });
  const clone = (value) => JSON.parse(JSON.stringify(value));
  const toolLabel = (tool) => (tool.number ? `${tool.name} (${tool.number})` : tool.name);

  // ---- state of the page ------------------------------------------------------------------------------
  const controls = new Map(); // JSON Pointer → control (input, select, textarea)
  const cards = new Map(); // JSON Pointer → card element (a day, phase, step or canvas field)
  let focusKey = null;
  let announcer;
  let agendaBox;
  let problemsBox;
  let saveStatus;
  let checkTimer = null;
  let checkSerial = 0;
  let lastProblems = null; // until the first check answers

  function announce(text) {
    announcer.textContent = '';
    // A new text node each time, so screen readers read a repeated message again.
    window.setTimeout(() => { announcer.textContent = text; }, 30);
  }

  // A labelled control bound to a pointer; `key` keeps focus across re-renders.
  function field(label, control, pointer, { hint, wide } = {}) {
    const id = uid('c');
    control.id = id;
    control.dataset.pointer = pointer;
    control.dataset.key = pointer;
    controls.set(pointer, control);
    const wrap = el('div', { class: `control${wide ? ' wide' : ''}` }, el('label', { for: id, text: label }), control);
    if (hint) {
      const hintID = uid('h');
      wrap.append(el('p', { class: 'hint', id: hintID, text: hint }));
      control.setAttribute('aria-describedby', hintID);
      control.dataset.hint = hintID;
    }
    return wrap;
  }
  function textInput(object, key, pointer, label, { required = false, hint, wide, placeholder, multiline } = {}) {
    const input = multiline ? el('textarea', { rows: 2 }) : el('input', { type: 'text', autocomplete: 'off', placeholder });
    input.value = getText(object, key);
    input.addEventListener('input', () => { setText(object, key, input.value, { required }); changed(); });
    return field(label, input, pointer, { hint, wide });
  }
  function numberInput(object, key, pointer, label, { required = false, min = 0, hint, step = 1 } = {}) {
    const input = el('input', { type: 'number', inputmode: step === 1 ? 'numeric' : 'decimal', min, step, class: 'number' });
    input.value = object[key] === undefined || object[key] === null ? '' : String(object[key]);
    input.addEventListener('input', () => { setNumber(object, key, input.value, { required }); changed(); });
    return field(label, input, pointer, { hint });
  }
  function selectInput(object, key, pointer, label, options, { empty = 'Not set', onChange } = {}) {
    const select = el('select', {});
    const current = object[key] === undefined ? '' : String(object[key]);
    select.append(el('option', { value: '', text: empty }));
    for (const option of options) select.append(el('option', { value: option.value, text: option.label }));
    if (current && !options.some((option) => option.value === current)) select.append(el('option', { value: current, text: current }));
    select.value = current;
    select.addEventListener('change', () => {
      if (select.value === '') delete object[key]; else object[key] = select.value;
      changed();
      if (onChange) onChange();
    });
    return field(label, select, pointer);
  }
  function checkbox(object, key, pointer, label, { onChange } = {}) {
    const input = el('input', { type: 'checkbox', checked: object[key] === true });
    const id = uid('c');
    input.id = id;
    input.dataset.pointer = pointer;
    input.dataset.key = pointer;
    controls.set(pointer, input);
    input.addEventListener('change', () => {
      if (input.checked) object[key] = true; else delete object[key];
      changed();
      if (onChange) onChange();
    });
    return el('div', { class: 'control check' }, input, el('label', { for: id, text: label }));
  }
  function button(text, onClick, { label, key, disabled, cls } = {}) {
    return el('button', { type: 'button', class: cls || 'small', 'aria-label': label, 'data-key': key, disabled, onclick: onClick }, text);
  }

  // ---- moving things ----------------------------------------------------------------------------------
  function moveWithin(list, from, to) {
    const [item] = list.splice(from, 1);
    list.splice(to, 0, item);
  }
  function stepName(step, index) { return getText(step, 'title') || `Step ${index + 1}`; }
  function phaseName(phase, index) { return getText(phase, 'name') || phase.id || `Phase ${index + 1}`; }

  function moveStep(phase, phasePointer, index, delta) {
    const steps = phase.steps;
    const to = index + delta;
    if (to < 0 || to >= steps.length) { announce(delta < 0 ? 'Already the first step of its phase.' : 'Already the last step of its phase.'); return; }
    moveWithin(steps, index, to);
    focusKey = `${phasePointer}/steps/${to}#handle`;
    render();
    announce(`Moved “${stepName(steps[to], to)}” to position ${to + 1} of ${steps.length} in ${getText(phase, 'name') || 'its phase'}.`);
    changed();
  }
  function movePhase(list, index, delta) {
    const to = index + delta;
    if (to < 0 || to >= list.phases.length) { announce(delta < 0 ? 'Already the first phase of the day.' : 'Already the last phase of the day.'); return; }
    moveWithin(list.phases, index, to);
    focusKey = `${list.base}/${to}#handle`;
    render();
    announce(`Moved phase “${phaseName(list.phases[to], to)}” to position ${to + 1} of ${list.phases.length}.`);
    changed();
  }
  function movePhaseToDay(fromList, index, dayIndex) {
    const lists = dayLists();
    const target = lists[dayIndex];
    if (!target || target === fromList) return;
    const [phase] = fromList.phases.splice(index, 1);
    target.phases.push(phase);
    focusKey = `${target.base}/${target.phases.length - 1}#day`;
    render();
    announce(`Moved phase “${phaseName(phase, 0)}” to the end of ${getText(target.day, 'name') || `day ${dayIndex + 1}`}.`);
    changed();
  }

  // Drag and drop: the handle starts a drag; a card of the same sort takes the drop, before or after itself.
  let dragging = null;
  function draggable(handle, card, payload) {
    handle.setAttribute('draggable', 'true');
    handle.addEventListener('dragstart', (event) => {
      dragging = payload;
      card.classList.add('is-dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', payload.sort);
      if (event.dataTransfer.setDragImage) event.dataTransfer.setDragImage(card, 16, 16);
    });
    handle.addEventListener('dragend', () => { dragging = null; card.classList.remove('is-dragging'); clearDropMarks(); });
  }
  function clearDropMarks() {
    for (const marked of root.querySelectorAll('.drop-before, .drop-after')) marked.classList.remove('drop-before', 'drop-after');
  }
  function dropTarget(card, sort, accept) {
    card.addEventListener('dragover', (event) => {
      if (!dragging || dragging.sort !== sort) return;
      event.preventDefault();
      event.stopPropagation();
      const box = card.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      clearDropMarks();
      card.classList.add(after ? 'drop-after' : 'drop-before');
    });
    card.addEventListener('dragleave', () => card.classList.remove('drop-before', 'drop-after'));
    card.addEventListener('drop', (event) => {
      if (!dragging || dragging.sort !== sort) return;
      event.preventDefault();
      event.stopPropagation();
      const after = card.classList.contains('drop-after');
      clearDropMarks();
      const payload = dragging;
      dragging = null;
      accept(payload, after);
    });
  }
  // Moves an item from one list to a place in another (or the same) list; `at` counts before the removal.
  function transfer(fromList, fromIndex, toList, at) {
    const [item] = fromList.splice(fromIndex, 1);
    let index = at;
    if (fromList === toList && fromIndex < at) index -= 1;
    toList.splice(index, 0, item);
    return index;
  }

  // ---- the tool combobox ------------------------------------------------------------------------------
  function toolPicker(step, pointer) {
    const listID = uid('tools');
    const input = el('input', { type: 'text', role: 'combobox', autocomplete: 'off', 'aria-autocomplete': 'list',
      'aria-expanded': 'false', 'aria-controls': listID, placeholder: 'Type to search the library' });
    const list = el('ul', { id: listID, role: 'listbox', class: 'tool-options', hidden: true, 'aria-label': 'Library tools' });
    const current = () => (typeof step.tool === 'string' ? (toolByID.has(step.tool) ? toolLabel(toolByID.get(step.tool)) : step.tool) : '');
    input.value = current();
    let matches = [];
    let active = -1;
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function show() {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      const query = words.join(' ');
      // Its number, then names that start with what was typed, then names that hold it, then the rest, each in library order.
      const rank = (tool) => (String(tool.number || '') === query ? 0 : tool.name.toLowerCase().startsWith(query) ? 1 : tool.name.toLowerCase().includes(query) ? 2 : 3);
      matches = tools.filter((tool) => {
        const haystack = `${tool.name} ${tool.number || ''} ${tool.id} ${tool.summary || ''}`.toLowerCase();
        return words.every((word) => haystack.includes(word));
      }).map((tool, order) => ({ tool, order })).sort((a, b) => rank(a.tool) - rank(b.tool) || a.order - b.order).map((entry) => entry.tool).slice(0, 12);
      list.replaceChildren();
      matches.forEach((tool, index) => {
        const option = el('li', { role: 'option', id: `${listID}-${index}`, 'aria-selected': index === active ? 'true' : 'false' },
          el('span', { class: 'tool-name', text: toolLabel(tool) }),
          tool.minutes ? el('span', { class: 'tool-minutes', text: ` ${tool.minutes.min}–${tool.minutes.max} min` }) : null);
        option.addEventListener('mousedown', (event) => { event.preventDefault(); choose(tool); });
        list.append(option);
      });
      if (!matches.length) list.append(el('li', { class: 'no-match', text: 'No library tool matches.' }));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      if (active >= 0 && matches[active]) input.setAttribute('aria-activedescendant', `${listID}-${active}`);
      else input.removeAttribute('aria-activedescendant');
    }
    function choose(tool) {
      if (tool) step.tool = tool.id; else delete step.tool;
      input.value = current();
      close();
      announce(tool ? `Tool set to ${toolLabel(tool)}.` : 'Tool removed from the step.');
      changed();
    }
    input.addEventListener('input', () => { active = -1; show(); });
    input.addEventListener('keydown', (event) => {
      if (event.altKey) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (list.hidden) show();
        if (!matches.length) return;
        active = event.key === 'ArrowDown' ? (active + 1) % matches.length : (active <= 0 ? matches.length - 1 : active - 1);
        show();
        const option = document.getElementById(`${listID}-${active}`);
        if (option && option.scrollIntoView) option.scrollIntoView({ block: 'nearest' });
      } else if (event.key === 'Enter') {
        if (list.hidden && input.value === current()) return;
        event.preventDefault();
        if (input.value.trim() === '') choose(null);
        else if (matches.length) choose(matches[Math.max(active, 0)]);
      } else if (event.key === 'Escape') {
        if (!list.hidden) { event.preventDefault(); input.value = current(); close(); }
      }
    });
    input.addEventListener('blur', () => {
      if (input.value.trim() === '' && step.tool !== undefined) choose(null);
      else input.value = current();
      close();
    });
    const wrap = field('Tool', input, pointer, { hint: 'Type a name or number; ↓ and Enter choose. Empty: no tool.', wide: true });
    wrap.classList.add('combo');
    wrap.append(list);
    return wrap;
  }

  // ---- activities -------------------------------------------------------------------------------------
  function activityPicker(step, pointer) {
    const chosen = Array.isArray(step.activities) ? step.activities : [];
    const summary = el('summary', { text: `Activities (${chosen.length}${step.tool && !chosen.length ? ', the tool’s' : ''})` });
    summary.dataset.key = pointer;
    const box = el('details', { class: 'activities', 'data-pointer': pointer }, summary);
    const list = el('div', { class: 'activity-list' });
    for (const activity of activities) {
      const id = uid('a');
      const input = el('input', { type: 'checkbox', id, checked: chosen.includes(activity.id), 'data-key': `${pointer}#${activity.id}` });
      input.addEventListener('change', () => {
        const now = new Set(Array.isArray(step.activities) ? step.activities : []);
        if (input.checked) now.add(activity.id); else now.delete(activity.id);
        if (now.size) step.activities = activities.map((a) => a.id).filter((a) => now.has(a)).concat([...now].filter((a) => !activities.some((b) => b.id === a)));
        else delete step.activities;
        summary.textContent = `Activities (${now.size})`;
        changed();
      });
      list.append(el('div', { class: 'control check' }, input, el('label', { for: id, text: activity.name })));
    }
    box.append(el('p', { class: 'hint', text: 'Every step is coded to at least one activity: its own, or its tool’s.' }), list);
    controls.set(pointer, summary);
    return box;
  }

  // ---- canvas fields ----------------------------------------------------------------------------------
  const LIMITS = {
    text: [['min_characters', 'Min characters'], ['max_characters', 'Max characters'], ['max_sentences', 'Max sentences']],
    list: [['min_items', 'Min items'], ['max_items', 'Max items'], ['max_characters', 'Max characters per item']],
    table: [['min_rows', 'Min rows'], ['max_rows', 'Max rows']],
  };
  function canvasCard(phase, phasePointer, index) {
    const entry = phase.canvas[index];
    const pointer = `${phasePointer}/canvas/${index}`;
    const card = el('li', { class: 'canvas-field card', 'data-pointer': pointer });
    cards.set(pointer, card);
    const title = entry.use ? `Uses ${entry.use}` : (getText(entry, 'label') || `Field ${index + 1}`);
    card.append(el('div', { class: 'card-head' }, el('h5', { text: title }),
      button('Remove field', () => { phase.canvas.splice(index, 1); if (!phase.canvas.length) delete phase.canvas; focusKey = `${phasePointer}#add-field`; render(); announce('Canvas field removed.'); changed(); },
        { label: `Remove canvas field ${title}`, key: `${pointer}#remove` })));
    const grid = el('div', { class: 'grid' });
    if (entry.use !== undefined) {
      grid.append(textInput(entry, 'use', `${pointer}/use`, 'Use (tool/field)', { required: true }),
        textInput(entry, 'label', `${pointer}/label`, 'Label (leave empty for the tool’s)'));
    } else {
      grid.append(textInput(entry, 'id', `${pointer}/id`, 'Field id', { required: true }),
        selectInput(entry, 'kind', `${pointer}/kind`, 'Kind', fieldKinds.map((kind) => ({ value: kind, label: kind })), { onChange: () => { focusKey = `${pointer}/kind`; render(); } }),
        textInput(entry, 'label', `${pointer}/label`, 'Label', { required: true, wide: true }));
      for (const [key, label] of LIMITS[entry.kind] || []) grid.append(numberInput(entry, key, `${pointer}/${key}`, label));
    }
    card.append(grid, el('ul', { class: 'card-problems', 'aria-live': 'off' }));
    return card;
  }

  // ---- steps ------------------------------------------------------------------------------------------
  function stepCard(phase, phasePointer, index) {
    const step = phase.steps[index];
    const pointer = `${phasePointer}/steps/${index}`;
    const name = stepName(step, index);
    const card = el('li', { class: 'step card', 'data-pointer': pointer });
    cards.set(pointer, card);
    const handle = el('button', { type: 'button', class: 'handle', 'data-key': `${pointer}#handle`,
      'aria-label': `Step ${index + 1}: ${name}. Alt+Up or Alt+Down moves it.`, title: 'Drag, or Alt+↑/↓, to move' }, '⠿');
    handle.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown') { event.preventDefault(); event.stopPropagation(); moveStep(phase, phasePointer, index, event.key === 'ArrowUp' ? -1 : 1); }
    });
    draggable(handle, card, { sort: 'step', list: phase.steps, index });
    dropTarget(card, 'step', (payload, after) => {
      const to = transfer(payload.list, payload.index, phase.steps, index + (after ? 1 : 0));
      focusKey = `${phasePointer}/steps/${to}#handle`;
      render();
      announce(`Moved “${stepName(phase.steps[to], to)}” to position ${to + 1} of ${phase.steps.length} in ${getText(phase, 'name') || 'the phase'}.`);
      changed();
    });
    card.addEventListener('keydown', (event) => {
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && !event.target.closest('.canvas-field')) {
        event.preventDefault();
        event.stopPropagation();
        moveStep(phase, phasePointer, index, event.key === 'ArrowUp' ? -1 : 1);
      }
    });
    const heading = el('h4', { class: 'step-title', text: `${index + 1}. ${name}` });
    card.append(el('div', { class: 'card-head' }, handle, heading,
      el('div', { class: 'card-actions' },
        button('↑', () => moveStep(phase, phasePointer, index, -1), { label: `Move step ${name} up`, key: `${pointer}#up`, disabled: index === 0 }),
        button('↓', () => moveStep(phase, phasePointer, index, 1), { label: `Move step ${name} down`, key: `${pointer}#down`, disabled: index === phase.steps.length - 1 }),
        button('Duplicate', () => {
          phase.steps.splice(index + 1, 0, clone(step));
          focusKey = `${pointer.replace(/\d+$/, String(index + 1))}/title`;
          render(); announce(`Step “${name}” duplicated.`); changed();
        }, { label: `Duplicate step ${name}`, key: `${pointer}#duplicate` }),
        button('Remove', () => {
          phase.steps.splice(index, 1);
          focusKey = phase.steps.length ? `${phasePointer}/steps/${Math.min(index, phase.steps.length - 1)}#handle` : `${phasePointer}#add-step`;
          render(); announce(`Step “${name}” removed.`); changed();
        }, { label: `Remove step ${name}`, key: `${pointer}#remove` }))));
    const titleWrap = textInput(step, 'title', `${pointer}/title`, 'Title', { required: true, wide: true, placeholder: 'What the group does' });
    titleWrap.querySelector('input').addEventListener('input', (event) => {
      heading.textContent = `${index + 1}. ${event.target.value || `Step ${index + 1}`}`;
    });
    const grid = el('div', { class: 'grid' });
    const groupSizeShown = step.grouping === 'small-groups' || step.group_size !== undefined;
    const mixShown = ['pairs', 'triads', 'small-groups'].includes(step.grouping) || step.mix_organisations !== undefined;
    grid.append(...[
      titleWrap,
      numberInput(step, 'duration', `${pointer}/duration`, 'Minutes', { hint: 'Empty: shares the phase’s time left over.' }),
      phase.step_timing === 'weighted' || step.weight !== undefined ? numberInput(step, 'weight', `${pointer}/weight`, 'Weight', { min: 0, step: 'any', hint: 'Its share of the untimed time.' }) : null,
      toolPicker(step, `${pointer}/tool`),
      selectInput(step, 'lead', `${pointer}/lead`, 'Lead', [{ value: 'host', label: 'Host group' }], { empty: 'Everyone' }),
      selectInput(step, 'grouping', `${pointer}/grouping`, 'Grouping', groupings.map((g) => ({ value: g, label: g.replace('-', ' ') })),
        { onChange: () => { focusKey = `${pointer}/grouping`; render(); } }),
      groupSizeShown ? numberInput(step, 'group_size', `${pointer}/group_size`, 'People per group', { min: 2 }) : null,
      mixShown ? checkbox(step, 'mix_organisations', `${pointer}/mix_organisations`, 'Mix organisations') : null,
      checkbox(step, 'optional', `${pointer}/optional`, 'Optional step'),
      textInput(step, 'notes', `${pointer}/notes`, 'Facilitator notes', { multiline: true, wide: true, hint: 'Shown to facilitators and in the handout, never to participants.' }),
    ].filter(Boolean));
    card.append(grid, activityPicker(step, `${pointer}/activities`), el('ul', { class: 'card-problems' }));
    return card;
  }

  // ---- phases -----------------------------------------------------------------------------------------
  function phaseCard(list, index) {
    const phase = list.phases[index];
    if (!Array.isArray(phase.steps)) phase.steps = [];
    const pointer = `${list.base}/${index}`;
    const name = phaseName(phase, index);
    const card = el('li', { class: 'phase card', 'data-pointer': pointer });
    cards.set(pointer, card);
    const handle = el('button', { type: 'button', class: 'handle', 'data-key': `${pointer}#handle`,
      'aria-label': `Phase ${index + 1}: ${name}. Alt+Up or Alt+Down moves it.`, title: 'Drag, or Alt+↑/↓, to move' }, '⠿');
    handle.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown') { event.preventDefault(); event.stopPropagation(); movePhase(list, index, event.key === 'ArrowUp' ? -1 : 1); }
    });
    draggable(handle, card, { sort: 'phase', list: list.phases, index });
    dropTarget(card, 'phase', (payload, after) => {
      const to = transfer(payload.list, payload.index, list.phases, index + (after ? 1 : 0));
      focusKey = `${list.base}/${to}#handle`;
      render(); announce(`Moved phase “${phaseName(list.phases[to], to)}” to position ${to + 1} of ${list.phases.length}.`); changed();
    });
    const header = el('div', { class: 'phase-head' });
    header.addEventListener('keydown', (event) => {
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        movePhase(list, index, event.key === 'ArrowUp' ? -1 : 1);
      }
    });
    const heading = el('h3', { text: `${index + 1}. ${name}` });
    const actions = el('div', { class: 'card-actions' },
      button('↑', () => movePhase(list, index, -1), { label: `Move phase ${name} up`, key: `${pointer}#up`, disabled: index === 0 }),
      button('↓', () => movePhase(list, index, 1), { label: `Move phase ${name} down`, key: `${pointer}#down`, disabled: index === list.phases.length - 1 }),
      button('Duplicate', () => {
        const copy = clone(phase);
        copy.id = freshID(`${phase.id || 'phase'}-copy`, phaseIDs());
        const taken = new Set(allPhases().flatMap((p) => (Array.isArray(p.canvas) ? p.canvas.map((f) => f.id) : [])));
        if (Array.isArray(copy.canvas)) copy.canvas.forEach((entry) => { if (typeof entry.id === 'string') { entry.id = freshID(entry.id, taken); taken.add(entry.id); } });
        list.phases.splice(index + 1, 0, copy);
        focusKey = `${list.base}/${index + 1}/name`;
        render(); announce(`Phase “${name}” duplicated.`); changed();
      }, { label: `Duplicate phase ${name}`, key: `${pointer}#duplicate` }),
      button('Remove', () => {
        list.phases.splice(index, 1);
        focusKey = list.phases.length ? `${list.base}/${Math.min(index, list.phases.length - 1)}#handle` : `day${list.index}#add-phase`;
        render(); announce(`Phase “${name}” removed.`); changed();
      }, { label: `Remove phase ${name}`, key: `${pointer}#remove` }));
    header.append(el('div', { class: 'card-head' }, handle, heading, actions));
    const grid = el('div', { class: 'grid' });
    const nameWrap = textInput(phase, 'name', `${pointer}/name`, 'Phase name', { required: true, wide: true });
    nameWrap.querySelector('input').addEventListener('input', (event) => { heading.textContent = `${index + 1}. ${event.target.value || phase.id || ''}`; });
    grid.append(nameWrap,
      textInput(phase, 'id', `${pointer}/id`, 'Phase id', { required: true }),
      numberInput(phase, 'duration', `${pointer}/duration`, 'Minutes', { required: true, min: 1 }),
      selectInput(phase, 'step_timing', `${pointer}/step_timing`, 'Untimed steps share', [{ value: 'equal', label: 'equally' }, { value: 'weighted', label: 'by weight' }],
        { empty: 'Not set', onChange: () => { focusKey = `${pointer}/step_timing`; render(); } }));
    if (dayCount() > 1) {
      const days = dayLists();
      const move = el('select', { 'data-key': `${pointer}#day` });
      days.forEach((other) => move.append(el('option', { value: String(other.index), text: getText(other.day, 'name') || `Day ${other.index + 1}` })));
      move.value = String(list.index);
      move.addEventListener('change', () => movePhaseToDay(list, index, Number(move.value)));
      const id = uid('c');
      move.id = id;
      grid.append(el('div', { class: 'control' }, el('label', { for: id, text: 'Day' }), move));
    }
    header.append(grid, el('ul', { class: 'card-problems' }));
    card.append(header);
    const steps = el('ol', { class: 'steps', 'aria-label': `Steps of ${name}` });
    phase.steps.forEach((_, stepIndex) => steps.append(stepCard(phase, pointer, stepIndex)));
    card.append(steps, button('Add a step', () => {
      phase.steps.push(newStep());
      focusKey = `${pointer}/steps/${phase.steps.length - 1}/title`;
      render(); announce(`Step ${phase.steps.length} added to ${getText(phase, 'name') || 'the phase'}.`); changed();
    }, { key: `${pointer}#add-step`, cls: 'add' }));
    const canvas = el('div', { class: 'canvas-fields' }, el('h4', { text: 'Input to path canvas' }));
    const fields = el('ul', { class: 'field-list' });
    (Array.isArray(phase.canvas) ? phase.canvas : []).forEach((_, fieldIndex) => fields.append(canvasCard(phase, pointer, fieldIndex)));
    const kind = el('select', { 'aria-label': 'Kind of the new canvas field', 'data-key': `${pointer}#field-kind` });
    fieldKinds.forEach((k) => kind.append(el('option', { value: k, text: k })));
    kind.value = fieldKinds.includes('list') ? 'list' : fieldKinds[0];
    canvas.append(fields, el('div', { class: 'row' }, kind, button('Add canvas field', () => {
      if (!Array.isArray(phase.canvas)) phase.canvas = [];
      const taken = new Set(allPhases().flatMap((p) => (Array.isArray(p.canvas) ? p.canvas.map((f) => f.id) : [])));
      phase.canvas.push({ id: freshID('field', taken), kind: kind.value, label: '' });
      focusKey = `${pointer}/canvas/${phase.canvas.length - 1}/label`;
      render(); announce('Canvas field added.'); changed();
    }, { key: `${pointer}#add-field`, cls: 'add' })));
    card.append(canvas);
    return card;
  }

  // ---- days -------------------------------------------------------------------------------------------
  function dayBlock(list) {
    const daySchedule = schedule.days[list.index] || (schedule.days[list.index] = { start: '09:00' });
    const pointer = list.day ? `/days/${list.index}` : '/phases';
    const block = el('section', { class: 'day card', 'data-pointer': pointer, 'aria-label': list.day ? `Day ${list.index + 1}` : 'The day' });
    cards.set(pointer, block);
    const head = el('div', { class: 'card-head' }, el('h2', { text: list.day ? `Day ${list.index + 1}` : 'The day' }));
    if (list.day) {
      head.append(button('Remove day', () => {
        const lists = dayLists();
        const target = lists[list.index === 0 ? 1 : list.index - 1];
        if (list.index === 0) target.phases.unshift(...list.phases); else target.phases.push(...list.phases);
        doc.days.splice(list.index, 1);
        schedule.days.splice(list.index, 1);
        if (doc.days.length === 1) renameKey(doc, 'days', 'phases', doc.days[0].phases);
        syncSchedule();
        focusKey = '#add-day';
        render(); announce(`Day ${list.index + 1} removed; its phases moved to the day before.`); changed();
      }, { label: `Remove day ${list.index + 1} (its phases move to another day)`, key: `${pointer}#remove` }));
    }
    block.append(head);
    const grid = el('div', { class: 'grid' });
    if (list.day) grid.append(textInput(list.day, 'name', `/days/${list.index}/name`, 'Day name', { required: true, wide: true }));
    grid.append(scheduleInput(daySchedule, 'start', list.index, 'Starts at', '09:00'),
      scheduleInput(daySchedule, 'end', list.index, 'Ends at', '17:00'),
      breaksInput(daySchedule, list.index));
    block.append(grid, el('ul', { class: 'card-problems' }));
    const phases = el('ol', { class: 'phases', 'aria-label': list.day ? `Phases of day ${list.index + 1}` : 'Phases' });
    list.phases.forEach((_, index) => phases.append(phaseCard(list, index)));
    block.append(phases, button('Add a phase', () => {
      list.phases.push(newPhase());
      focusKey = `${list.base}/${list.phases.length - 1}/name`;
      render(); announce('Phase added.'); changed();
    }, { key: `day${list.index}#add-phase`, cls: 'add' }));
    return block;
  }
  const TIME = /^([01]?\d|2[0-3]):[0-5]\d$/;
  const BREAK = /^([01]?\d|2[0-3]):[0-5]\d\+\d{1,3}$/;
  function scheduleProblem(input, message) {
    const wrap = input.closest('.control');
    let note = wrap.querySelector('.local-problem');
    if (!message) { if (note) note.remove(); input.removeAttribute('aria-invalid'); input.setAttribute('aria-describedby', input.dataset.hint || ''); return; }
    if (!note) { note = el('p', { class: 'problem local-problem', id: uid('p') }); wrap.append(note); }
    note.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${input.dataset.hint || ''} ${note.id}`.trim());
  }
  function scheduleInput(day, key, index, label, placeholder) {
    const input = el('input', { type: 'text', inputmode: 'numeric', class: 'time', placeholder, autocomplete: 'off' });
    input.value = day[key] || '';
    input.addEventListener('input', () => {
      const text = input.value.trim();
      if (text !== '' && !TIME.test(text)) { scheduleProblem(input, 'Write a time as HH:MM, e.g. 09:30.'); return; }
      scheduleProblem(input, null);
      if (text === '') { if (key === 'start') day.start = '09:00'; else delete day.end; } else day[key] = text;
      changed();
    });
    return field(label, input, `#schedule/${index}/${key}`);
  }
  function breaksInput(day, index) {
    const input = el('input', { type: 'text', autocomplete: 'off', placeholder: '10:30+15, 12:30+45' });
    input.value = (day.breaks || []).join(', ');
    input.addEventListener('input', () => {
      const parts = input.value.split(/[,;]+/).map((part) => part.trim().replace(/\s+/g, '')).filter(Boolean);
      const wrong = parts.find((part) => !BREAK.test(part));
      if (wrong) { scheduleProblem(input, `“${wrong}” is not a break as HH:MM+MINUTES, e.g. 12:30+45.`); return; }
      scheduleProblem(input, null);
      day.breaks = parts;
      changed();
    });
    return field('Breaks', input, `#schedule/${index}/breaks`, { hint: 'Start+minutes, separated by commas.', wide: true });
  }

  // ---- the whole page ---------------------------------------------------------------------------------
  let editor;
  function render() {
    const active = document.activeElement;
    const keep = focusKey || (active && root.contains(active) ? active.dataset.key : null);
    focusKey = null;
    controls.clear();
    cards.clear();
    syncSchedule();
    const top = el('section', { class: 'card path-card', 'data-pointer': '' }, el('h2', { text: 'The path' }));
    cards.set('', top);
    top.append(el('div', { class: 'grid' },
      textInput(doc, 'name', '/name', 'Name', { required: true, wide: true, placeholder: 'e.g. Path of Joint Action (City Food)' }),
      textInput(doc, 'id', '/id', 'Id', { required: true, wide: true, hint: 'Lowercase letters, digits and hyphens.' }),
      textInput(doc, 'summary', '/summary', 'Summary (one line)', { wide: true })), el('ul', { class: 'card-problems' }));
    const days = el('div', { class: 'days' });
    for (const list of dayLists()) days.append(dayBlock(list));
    const addDay = button('Add a day', () => {
      if (!Array.isArray(doc.days)) renameKey(doc, 'phases', 'days', [{ name: 'Day 1', phases: Array.isArray(doc.phases) ? doc.phases : [] }]);
      if (!Array.isArray(doc.days)) doc.days = [{ name: 'Day 1', phases: [] }];
      doc.days.push({ name: `Day ${doc.days.length + 1}`, phases: [newPhase()] });
      syncSchedule();
      focusKey = `/days/${doc.days.length - 1}/name`;
      render(); announce(`Day ${doc.days.length} added, with one phase.`); changed();
    }, { key: '#add-day', cls: 'add' });
    editor.replaceChildren(top, days, addDay);
    if (lastProblems) showProblems(lastProblems);
    if (keep) {
      const target = editor.querySelector(`[data-key="${CSS.escape(keep)}"]`);
      if (target) target.focus();
    }
  }

  // ---- checking and the agenda ------------------------------------------------------------------------
  function form(fields) {
    const body = new URLSearchParams();
    body.set('_csrf', boot.csrf || '');
    for (const [key, value] of Object.entries(fields)) if (value !== undefined && value !== null) body.set(key, value);
    return body;
  }
  function scheduleJSON() {
    syncSchedule();
    return JSON.stringify({ days: schedule.days.map((day) => {
      const out = { start: day.start || '09:00' };
      if (day.end) out.end = day.end;
      if (day.breaks && day.breaks.length) out.breaks = day.breaks;
      return out;
    }) });
  }
  function changed() {
    if (saveStatus) { saveStatus.replaceChildren(); saveStatus.className = 'save-status'; }
    window.clearTimeout(checkTimer);
    checkTimer = window.setTimeout(check, CHECK_DELAY);
  }
  // One check at a time: edits made while one is under way are sent, all together, when it answers.
  let checking = false;
  let checkAgain = false;
  async function check() {
    if (checking) { checkAgain = true; return; }
    checking = true;
    checkAgain = false;
    try { await checkNow(); } finally {
      checking = false;
      if (checkAgain) check();
    }
  }
  async function checkNow() {
    const mine = ++checkSerial;
    agendaBox.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(boot.urls.check, { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form({ document: JSON.stringify(doc), schedule: scheduleJSON() }) });
      if (mine !== checkSerial) return;
      let answer = null;
      try { answer = await response.json(); } catch (error) { answer = null; }
      if (mine !== checkSerial) return;
      if (!response.ok && answer && Array.isArray(answer.problems)) {
        // Too large, or not a document the server can read: its problems, and no agenda.
        lastProblems = answer.problems;
        showProblems(lastProblems);
        showAgenda(null);
        return;
      }
      if (!response.ok || !answer) {
        problemsBox.replaceChildren(el('p', { class: 'problem', text: response.status === 404 ? 'The check is not available on this server yet.' : `The check failed (HTTP ${response.status}); your edits are kept on this page.` }));
        agendaBox.replaceChildren(el('h2', { text: 'Agenda' }), el('p', { class: 'muted', text: 'The agenda shows once the server has checked the path.' }));
        return;
      }
      lastProblems = Array.isArray(answer.problems) ? answer.problems : [];
      showProblems(lastProblems);
      showAgenda(answer.agenda);
    } catch (error) {
      if (mine === checkSerial) problemsBox.replaceChildren(el('p', { class: 'problem', text: 'The server cannot be reached; your edits are kept on this page and checked again when you next change something.' }));
    } finally {
      if (mine === checkSerial) agendaBox.removeAttribute('aria-busy');
    }
  }

  // The control for a pointer, or the nearest enclosing card's list of problems.
  function placeFor(pointer) {
    let path = typeof pointer === 'string' ? pointer : '';
    for (;;) {
      if (controls.has(path)) return { control: controls.get(path) };
      if (cards.has(path)) return { card: cards.get(path) };
      if (path === '') return { card: cards.get('') };
      path = path.slice(0, path.lastIndexOf('/'));
    }
  }
  function showProblems(problems) {
    for (const note of editor.querySelectorAll('.problem:not(.local-problem)')) note.remove();
    for (const control of editor.querySelectorAll('[aria-invalid="true"]')) {
      if (control.closest('.control') && control.closest('.control').querySelector('.local-problem')) continue;
      control.removeAttribute('aria-invalid');
      if (control.dataset.hint) control.setAttribute('aria-describedby', control.dataset.hint); else control.removeAttribute('aria-describedby');
    }
    for (const list of editor.querySelectorAll('.card-problems')) list.replaceChildren();
    problemsBox.replaceChildren();
    if (!problems.length) {
      problemsBox.append(el('p', { class: 'ok', text: 'No problems: the path is valid.' }));
      return;
    }
    problemsBox.append(el('p', { class: 'problem-count', text: problems.length === 1 ? '1 problem' : `${problems.length} problems` }));
    const summary = el('ul', { class: 'problem-summary' });
    for (const problem of problems) {
      const message = String(problem.message || 'A problem');
      const place = placeFor(problem.pointer);
      const note = el(place.control ? 'p' : 'li', { class: 'problem', id: uid('p'), text: message });
      let target = null;
      if (place.control) {
        const control = place.control;
        // A fold-out's summary: beside the fold-out, so the problem shows while it is closed.
        if (control.tagName === 'SUMMARY') control.parentElement.after(note);
        else (control.closest('.control') || control.parentElement).append(note);
        if (control.tagName !== 'SUMMARY') {
          control.setAttribute('aria-invalid', 'true');
          control.setAttribute('aria-describedby', `${control.getAttribute('aria-describedby') || ''} ${note.id}`.trim());
        }
        target = control;
      } else if (place.card) {
        const list = place.card.querySelector('.card-problems');
        (list || place.card).append(note);
        target = place.card.querySelector('input, select, textarea, button');
      }
      const link = el('button', { type: 'button', class: 'link', text: message });
      link.addEventListener('click', () => { if (target) { const details = target.closest('details'); if (details) details.open = true; target.focus(); } });
      summary.append(el('li', {}, link));
    }
    problemsBox.append(summary);
  }

  // While the path has problems the server gives no agenda: the last one stays, marked as out of date.
  let lastAgenda = null;
  function showAgenda(fresh) {
    if (fresh) lastAgenda = fresh;
    const agenda = fresh || lastAgenda;
    agendaBox.replaceChildren(el('h2', { text: 'Agenda' }));
    agendaBox.classList.toggle('is-stale', !fresh && !!agenda);
    if (!agenda) { agendaBox.append(el('p', { class: 'muted', text: 'The agenda shows once the path has no problems.' })); return; }
    if (!fresh) agendaBox.append(el('p', { class: 'stale-note', text: 'As last checked without problems; fix the problems to bring it up to date.' }));
    const days = Array.isArray(agenda.days) && agenda.days.length ? agenda.days : [agenda];
    agendaBox.append(el('p', { class: 'when', text: `${agenda.start}–${agenda.end} · ${agenda.planned_minutes} minutes of work${agenda.break_minutes ? ` · ${agenda.break_minutes} minutes of breaks` : ''}` }));
    days.forEach((day, index) => {
      if (days.length > 1) agendaBox.append(el('h3', { text: !day.name || day.name === `Day ${index + 1}` ? `Day ${index + 1}` : `Day ${index + 1}: ${day.name}` }));
      agendaBox.append(el('p', { class: 'when', text: `${day.start}–${day.end}${day.day_end ? `, ends at ${day.day_end}` : ''}` }));
      if (day.overrun_minutes) agendaBox.append(el('p', { class: 'overrun', text: `Runs ${day.overrun_minutes} minutes past ${day.day_end}.` }));
      const table = el('ol', { class: 'agenda-list' });
      const breaks = Array.isArray(day.breaks) ? day.breaks.slice() : [];
      for (const phase of day.phases || []) {
        while (breaks.length && breaks[0].start <= phase.start && !breaks[0].during_phase) {
          const pause = breaks.shift();
          table.append(el('li', { class: 'agenda-break', text: `${pause.start}–${pause.end} Break (${pause.minutes} min)` }));
        }
        const item = el('li', { class: 'agenda-phase' }, el('p', { class: 'agenda-phase-name' },
          el('span', { class: 'time', text: `${phase.start}–${phase.end}` }), ` ${phase.name} (${phase.planned_minutes} min${phase.break_minutes ? ` + ${phase.break_minutes} min break` : ''})`));
        const steps = el('ol', { class: 'agenda-steps' });
        for (const step of phase.steps || []) {
          steps.append(el('li', {}, el('span', { class: 'time', text: `${step.start}–${step.end}` }),
            ` ${step.title} · ${step.minutes} min${step.optional ? ' (optional)' : ''}${step.tool ? ` · ${step.tool.name}` : ''}`));
        }
        item.append(steps);
        for (const pause of breaks.filter((b) => b.during_phase === phase.id)) {
          item.append(el('p', { class: 'agenda-break', text: `Break ${pause.start}–${pause.end} (${pause.minutes} min) during this phase` }));
        }
        table.append(item);
      }
      for (const pause of breaks.filter((b) => !b.during_phase)) table.append(el('li', { class: 'agenda-break', text: `${pause.start}–${pause.end} Break (${pause.minutes} min)` }));
      agendaBox.append(table);
    });
    const warnings = Array.isArray(agenda.warnings) ? agenda.warnings : [];
    if (warnings.length) agendaBox.append(el('ul', { class: 'warnings' }, warnings.map((warning) => el('li', { text: String(warning) }))));
  }

  // ---- saving -----------------------------------------------------------------------------------------
  async function save() {
    window.clearTimeout(checkTimer);
    saveStatus.className = 'save-status';
    saveStatus.replaceChildren(el('span', { text: 'Saving…' }));
    try {
      const response = await fetch(boot.urls.save, { method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form({ document: JSON.stringify(doc), path: boot.basedOn || undefined }) });
      let answer = {};
      try { answer = await response.json(); } catch (error) { answer = {}; }
      if (response.ok && answer.url) {
        boot.basedOn = answer.id || boot.basedOn;
        saveStatus.className = 'save-status saved';
        saveStatus.replaceChildren(el('span', { text: `Saved as version ${answer.version || 1}. ` }), el('a', { href: answer.url, text: 'Open the saved path' }));
        announce(`Saved as version ${answer.version || 1}.`);
        check();
        return;
      }
      if (Array.isArray(answer.problems)) {
        lastProblems = answer.problems;
        showProblems(lastProblems);
        saveStatus.className = 'save-status failed';
        saveStatus.replaceChildren(el('span', { text: `Not saved: ${answer.problems.length === 1 ? '1 problem' : `${answer.problems.length} problems`} to fix first.` }));
        announce('Not saved: fix the problems shown first.');
        return;
      }
      saveStatus.className = 'save-status failed';
      saveStatus.replaceChildren(el('span', { text: `Not saved (HTTP ${response.status}${answer.message ? `: ${answer.message}` : ''}).` }));
    } catch (error) {
      saveStatus.className = 'save-status failed';
      saveStatus.replaceChildren(el('span', { text: 'Not saved: the server cannot be reached. Your edits are kept on this page.' }));
    }
  }

  // ---- start ------------------------------------------------------------------------------------------
  announcer = el('p', { class: 'visually-hidden', 'aria-live': 'polite', id: 'designer-announcer' });
  editor = el('div', { class: 'designer-editor' });
  problemsBox = el('div', { class: 'problems-box', 'aria-live': 'polite' });
  agendaBox = el('section', { class: 'agenda-box', 'aria-label': 'Agenda' }, el('h2', { text: 'Agenda' }), el('p', { class: 'muted', text: 'Checking…' }));
  saveStatus = el('p', { class: 'save-status', role: 'status' });
  const saveButton = el('button', { type: 'button', class: 'primary', 'data-key': '#save' }, 'Save the path');
  saveButton.addEventListener('click', save);
  const side = el('aside', { class: 'designer-side' }, el('div', { class: 'save-bar' }, saveButton, saveStatus), problemsBox, agendaBox);
  root.replaceChildren(announcer, el('p', { class: 'keys hint', text: 'Keys: Tab moves between controls; on a ⠿ handle, ↑/↓ (or Alt+↑/↓ anywhere in a step or phase) moves it; in the tool box, type, then ↓ and Enter.' }),
    el('div', { class: 'designer-layout' }, editor, side));
  render();
  check();
  window.addEventListener('beforeunload', () => window.clearTimeout(checkTimer));
})();
