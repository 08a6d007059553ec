/* Weave live canvas — The token-vote field kind: its editor and its read-only view (projector, locked, closed).
 *
 * Plain ES2020, no modules, no build step; loaded in order by canvas.mustache (see canvas-boot.js). */
(function (W) {
  'use strict';

  const { KINDS, app, empty, formatRatio, h, hint, isParticipant, tokenName, tokenShape } = W;

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
      let goodShare = null;
      if (spec.priorities) {
        const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
        if (total > 0) goodShare = (counts[spec.priorities.good] || 0) / total;
      }
      return { target, index, counts, ratio, goodShare };
    });
  }

  /** TokenTally.priorities: by the tool's good colour when it names one (smallest or largest share of
   *  good tokens first, targets without tokens last); else lowest ratio first, without denominator tokens
   *  last, most numerator first. Ties keep the declared order. */
  function priorities(f, tallies) {
    const view = f.priorities;
    if (view) {
      const sign = view.order === 'strongest-first' ? -1 : 1;
      return tallies.slice().sort((a, b) => {
        const x = a.goodShare;
        const y = b.goodShare;
        if (x !== null && y !== null) return x !== y ? sign * (x - y) : a.index - b.index;
        if (x !== null) return -1;
        if (y !== null) return 1;
        return a.index - b.index;
      });
    }
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

    if (f.ratio || f.priorities) {
      const ordered = priorities(f, tallies);
      const anyTokens = placed.length > 0;
      const view = f.priorities;
      const good = view ? (tokens.find((t) => t.colour === view.good) || { colour: view.good, label: view.good }) : null;
      // The order and its words come from the tool when it says which colour is good.
      const hintText = view
        ? (view.order === 'strongest-first' ? 'Largest' : 'Smallest') + ' share of ' + good.label.toLowerCase() + ' (' + good.colour + ') tokens first; targets without tokens last.'
        : 'Lowest ' + f.ratio.numerator + '/' + f.ratio.denominator + ' ratio first; targets without ' + f.ratio.denominator + ' tokens last.';
      parts.push(h('div', { class: 'priorities' },
        h('h4', { text: view ? view.label : 'Priorities' }),
        h('p', { class: 'field-hint', text: hintText }),
        anyTokens ? h('ol', { class: 'priority-list' }, ordered.map((row) => h('li', null,
          h('span', { class: 'priority-label', text: row.target.label }), ' ',
          h('span', { class: 'priority-detail', text: tokens.map((t) => t.colour + ' ' + (row.counts[t.colour] || 0)).join(' · ') +
            (row.ratio !== null ? ' · ratio ' + formatRatio(row.ratio) : '') })))) : empty('No tokens placed yet.')));
    }
    return parts;
  };

  Object.assign(W, { tally, priorities, tokenChip });
}(window.Weave));
