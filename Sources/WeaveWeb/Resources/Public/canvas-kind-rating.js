/* Weave live canvas — The rating field kind: its editor and its read-only view (projector, locked, closed).
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, LIMITS, addForm, app, empty, h, newId, textProblem } = W;

  function ratingSubjects(f) {
    if (f.subjects === 'partners') return app.partners.map((p) => ({ id: p.id, label: p.name }));
    if (f.subjects === 'entered') return (app.state.subjects[f.id] || []).map((s) => ({ id: s.id, label: s.text }));
    if (f.subjects && Array.isArray(f.subjects.options)) return f.subjects.options.map((o) => ({ id: o.id, label: o.label, description: o.description }));
    return [];
  }

  /** Everyone's scores for a subject on a criterion, in a rating scored per person: the mean and spread. */
  function meanAndSpread(scores) {
    if (!scores.length) return null;
    const low = Math.min(...scores);
    const high = Math.max(...scores);
    const mean = (scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(1);
    return low === high ? mean + ' (n=' + scores.length + ')' : mean + ' (' + low + '–' + high + ', n=' + scores.length + ')';
  }

  KINDS.rating = function (ctx) {
    const f = ctx.field;
    if (f.scoring === 'per-person') return perPerson(ctx);
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
    addSubjectForm(f, ctx, parts);
    return parts;
  };

  /**
   * A rating where each participant scores: a participant picks their own score in each cell; everyone sees
   * the mean and spread of the scores given ("3.7 (2–5, n=3)").
   */
  function perPerson(ctx) {
    const f = ctx.field;
    const criteria = (f.criteria && f.criteria.options) || [];
    const scale = f.scale || { min: 1, max: 5 };
    const subjects = ratingSubjects(f);
    const own = app.state.ownRatings[f.id] || {};
    const me = W.isParticipant() ? app.boot.viewer.participant : null;
    const parts = [h('p', { class: 'scale-legend' },
      'Each person scores from ', h('strong', { text: String(scale.min) }), scale.lowLabel ? ' (' + scale.lowLabel + ')' : '',
      ' to ', h('strong', { text: String(scale.max) }), scale.highLabel ? ' (' + scale.highLabel + ')' : '',
      '; each cell shows the mean (lowest–highest, how many scored).')];
    if (!subjects.length) {
      parts.push(empty(f.subjects === 'entered' ? 'Nothing to rate yet — add a name below.' : 'Nothing to rate yet.'));
    } else {
      const table = h('table', { class: 'canvas-table rating-table per-person' },
        h('thead', null, h('tr', null, h('th', { scope: 'col', text: f.subjects === 'partners' ? 'Partner' : 'Rated' }),
          criteria.map((c) => h('th', { scope: 'col', text: c.label, title: c.description || null })))),
        h('tbody', null, subjects.map((s) => h('tr', null,
          h('th', { scope: 'row', text: s.label }),
          criteria.map((c) => {
            const given = (own[s.id] || {})[c.id] || {};
            const summary = meanAndSpread(Object.values(given).filter((v) => typeof v === 'number'));
            const shown = h('span', { class: summary ? 'spread' : 'spread muted', text: summary || '—', data: { key: 'spread:' + s.id + ':' + c.id } });
            if (!ctx.editable || !me) return h('td', { class: 'score' }, shown);
            const mine = given[me];
            const options = [h('option', { value: '', text: 'Your score', selected: typeof mine !== 'number' })];
            for (let n = scale.min; n <= scale.max; n++) options.push(h('option', { value: String(n), text: String(n), selected: mine === n }));
            return h('td', { class: 'score' }, h('select', {
              data: { key: 'rateOwn:' + s.id + ':' + c.id }, attrs: { 'aria-label': 'Your score: ' + s.label + ', ' + c.label },
              on: { change: (ev) => {
                const v = ev.currentTarget.value;
                ctx.send('rateOwn', v === '' ? { subject: s.id, criterion: c.id } : { subject: s.id, criterion: c.id, score: Number(v) });
              } },
            }, options), ' ', shown);
          })))));
      parts.push(h('div', { class: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': f.label } }, table));
    }
    addSubjectForm(f, ctx, parts);
    return parts;
  }

  // With entered subjects, the form that adds one (both scoring modes), while there is room for more.
  function addSubjectForm(f, ctx, parts) {
    if (!ctx.editable || f.subjects !== 'entered') return;
    if ((app.state.subjects[f.id] || []).length >= LIMITS.entries) return;
    parts.push(addForm(ctx, 'subject-add', 'Add a name to rate', 'Add', (text) => {
      const problem = textProblem(text, LIMITS.entryCharacters, 'name', f.label);
      if (problem) { ctx.alert(problem); return false; }
      ctx.send('addSubject', { subject: newId(), name: text }, { restore: [{ key: 'subject-add', value: text }] });
      return true;
    }));
  }

  Object.assign(W, { ratingSubjects, meanAndSpread });
}(window.Weave));
