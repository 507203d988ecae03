// A match explanation as a readable waterfall: the prior weight, then each comparison's weight as a bar, then the total.
import { h, percent } from './dom.js';

const key = (k) => (typeof k === 'string' ? k : `${k.source}:${k.sourceId}`);
const signed = (w) => (w > 0 ? '+' : '') + (Math.round(w * 100) / 100).toLocaleString('en');

function bar(weight, scale) {
  const width = (Math.abs(weight) / scale) * 50;
  const span = h('span', { class: weight >= 0 ? 'plus' : 'minus' });
  span.style.width = `${width}%`;
  span.style.left = weight >= 0 ? '50%' : `${50 - width}%`;
  return h('div', { class: 'bar', 'aria-hidden': 'true' }, span);
}

/** One explained pair. */
export function waterfall(pair, headingLevel = 'h3') {
  const steps = pair.steps ?? [];
  const scale = Math.max(1, Math.abs(pair.priorWeight ?? 0), ...steps.map((s) => Math.abs(s.weight)));
  return h('section', { class: 'waterfall' },
    h(headingLevel, {}, `${key(pair.left)} and ${key(pair.right)}`),
    h('p', { class: 'muted' },
      `Outcome: ${pair.outcome}, probability ${percent(pair.probability)}`,
      pair.decision ? ` — operator decision: ${pair.decision.kind ?? pair.decision}` : ''),
    h('div', { class: 'step' }, h('span', {}, 'prior'), bar(pair.priorWeight ?? 0, scale), h('span', { class: 'weight' }, signed(pair.priorWeight ?? 0)),
      h('span', { class: 'level' }, 'how likely any two records are the same, before comparing them')),
    steps.map((s) => h('div', { class: 'step' },
      h('span', {}, s.comparison),
      bar(s.weight, scale),
      h('span', { class: 'weight' }, signed(s.weight)),
      h('span', { class: 'level' }, s.level, s.detail ? ` — ${s.detail}` : ''))),
    h('p', { class: 'total' }, `Total weight ${signed(pair.weight)} → probability ${percent(pair.probability)}`));
}
