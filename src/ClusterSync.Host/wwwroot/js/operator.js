// The operator view: sources and schedules, runs, held runs, quarantine and the review queue, with an operator key kept
// in this tab's sessionStorage only.
import { h, percent } from './dom.js';
import { get, post, operatorKey, ApiError } from './api.js';
import { waterfall } from './waterfall.js';
import { navigate } from './app.js';

let message = '';

const when = (t) => (t ? new Date(t).toLocaleString('en-GB', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }) + ' UTC' : '—');

function table(caption, headings, rows, empty) {
  if (!rows.length) return h('p', { class: 'notice' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c)))))));
}

function keyForm() {
  const form = h('form', { id: 'key-form', onsubmit: (e) => {
    e.preventDefault();
    const key = new FormData(e.target).get('key').toString().trim();
    if (key) {
      operatorKey.set(key);
      navigate('#/operator');
    }
  } },
  h('div', { class: 'field' }, h('label', { for: 'operator-key' }, 'Operator API key')),
  h('input', { id: 'operator-key', name: 'key', type: 'password', autocomplete: 'off', required: true }), ' ',
  h('button', { type: 'submit' }, 'Use key'));
  return [h('p', {}, 'The operator view needs an API key with the operator scope. It is kept in this browser tab only (sessionStorage) and sent as X-Api-Key.'), form];
}

async function act(path, done, focusId) {
  try {
    await post(path, {}, { key: operatorKey.get() });
    message = done;
  } catch (error) {
    message = `Not done: ${error.message}`;
  }

  navigate('#/operator', focusId);
}

export async function renderOperator(view) {
  view.append(h('h1', {}, 'Operator view'));
  const key = operatorKey.get();
  if (!key) {
    view.append(...keyForm());
    return;
  }

  const options = { key };
  let data;
  try {
    data = await Promise.all([
      get('v1/ops/sources', options),
      get('v1/ops/runs?limit=10', options),
      get('v1/ops/runs?status=held&limit=20', options),
      get('v1/ops/quarantine?limit=20', options),
      get('v1/review?limit=20', options),
    ]);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      operatorKey.clear();
      view.append(h('p', { class: 'error', role: 'alert' }, `The key was refused (${error.status}): ${error.message}`), ...keyForm());
      return;
    }

    throw error;
  }

  const [sources, runs, held, quarantine, review] = data;
  const status = h('p', { role: 'status', id: 'operator-status' }, message);
  message = '';
  const forget = h('button', { type: 'button', class: 'secondary', id: 'forget-key', onclick: () => { operatorKey.clear(); navigate('#/operator'); } }, 'Forget key');

  const reviewRows = review.items.map((item) => {
    const details = h('div', { id: `review-${item.id}-why` });
    const explain = h('button', { type: 'button', class: 'secondary', onclick: async () => {
      const pair = await get(`v1/match?left=${encodeURIComponent(item.left)}&right=${encodeURIComponent(item.right)}`, options);
      details.replaceChildren(waterfall(pair, 'h4'));
      explain.remove();
    } }, 'Explain');
    return [
      `${item.left} and ${item.right}`,
      percent(item.probability),
      when(item.createdAt),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: `accept-${item.id}`, onclick: () => act(`v1/review/${item.id}/accept`, `Accepted review item ${item.id}: the pair is now must-link.`, 'operator-status') }, 'Accept'),
        h('button', { type: 'button', class: 'danger', id: `reject-${item.id}`, onclick: () => act(`v1/review/${item.id}/reject`, `Rejected review item ${item.id}: the pair is now cannot-link.`, 'operator-status') }, 'Reject'),
        explain),
      details,
    ];
  });

  status.setAttribute('tabindex', '-1');
  view.append(
    h('div', { class: 'actions' }, forget),
    status,
    h('section', { 'aria-labelledby': 'sources-heading' }, h('h2', { id: 'sources-heading' }, 'Sources and schedules'),
      table('Sources', ['Source', 'Schedule', 'Next run', 'Last run', 'Circuit'], sources.map((s) => [
        s.source + (s.enabled ? '' : ' (disabled)'),
        s.schedule ? `${s.schedule.cron} (${s.schedule.timeZone}), ${s.schedule.state}` : '—',
        when(s.schedule?.nextFireTime),
        s.lastRun ? `#${s.lastRun.id} ${s.lastRun.status}, ${when(s.lastRun.finishedAt ?? s.lastRun.startedAt)}` : 'never',
        s.circuit?.state ?? '—',
      ]), 'No sources are configured.')),
    h('section', { 'aria-labelledby': 'held-heading' }, h('h2', { id: 'held-heading' }, 'Held runs'),
      table('Held runs', ['Run', 'Source', 'Held deletions', 'Decide'], held.items.map((r) => [
        `#${r.id}`, r.source, String(r.heldDeletionCount),
        h('div', { class: 'actions' },
          h('button', { type: 'button', onclick: () => act(`v1/ops/runs/${r.id}/confirm`, `Run ${r.id}: deletions confirmed and published.`, 'operator-status') }, 'Confirm deletions'),
          h('button', { type: 'button', class: 'danger', onclick: () => act(`v1/ops/runs/${r.id}/reject`, `Run ${r.id}: deletions rejected.`, 'operator-status') }, 'Reject deletions')),
      ]), 'No run is waiting for a decision on deletions.')),
    h('section', { 'aria-labelledby': 'review-heading' }, h('h2', { id: 'review-heading' }, 'Review queue'),
      table('Review queue', ['Pair', 'Probability', 'Queued', 'Decide', 'Explanation'], reviewRows, 'The review queue is empty.')),
    h('section', { 'aria-labelledby': 'runs-heading' }, h('h2', { id: 'runs-heading' }, 'Recent runs'),
      table('Recent runs', ['Run', 'Source', 'Status', 'Started', 'Read', 'New / changed / gone', 'Quarantined'], runs.items.map((r) => [
        `#${r.id}`, r.source, r.status + (r.error ? ` — ${r.error}` : ''), when(r.startedAt), String(r.itemsRead ?? 0),
        `${r.newCount} / ${r.changedCount} / ${r.goneCount}`, String(r.quarantinedCount),
      ]), 'No runs yet.')),
    h('section', { 'aria-labelledby': 'quarantine-heading' }, h('h2', { id: 'quarantine-heading' }, 'Quarantine'),
      table('Quarantined records', ['Record', 'Reason', 'Since'], quarantine.items.map((q) => [
        `${q.source}:${q.sourceId}`, q.reason, when(q.quarantinedAt ?? q.createdAt),
      ]), 'No record is quarantined.')));
}
