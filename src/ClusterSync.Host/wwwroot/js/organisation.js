// An organisation: its golden record with each field's provenance, its source records, why they were grouped, and partners.
import { h } from './dom.js';
import { get, usClusterNames } from './api.js';
import { waterfall } from './waterfall.js';

const LABELS = {
  name: 'Name', acronym: 'Acronym', alternateNames: 'Other names', legalForm: 'Legal form', organisationType: 'Type',
  address: 'Address', coordinates: 'Coordinates', phone: 'Phone', website: 'Website', registrableDomain: 'Web domain',
  emailDomain: 'E-mail domain', sectors: 'Sectors', members: 'Members', yearFounded: 'Founded', labels: 'Labels',
  partnerships: 'Partnerships', updatedAt: 'Updated at source',
};

function valueOf(field, value, clusterNames) {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  switch (field) {
    case 'address':
      return [value.street, [value.postalCode, value.locality].filter(Boolean).join(' '), value.regionCode, value.country].filter(Boolean).join(', ');
    case 'coordinates':
      return `${value.latitude.toFixed(4)}, ${value.longitude.toFixed(4)}`;
    case 'website':
      return h('a', { href: value, rel: 'noopener noreferrer' }, value);
    case 'sectors':
      return h('ul', {}, value.map((s) => h('li', {},
        `${s.scheme} ${s.code}`,
        s.label || (s.scheme === 'us-cluster' && clusterNames.get(s.code)) ? ` — ${s.label ?? clusterNames.get(s.code)}` : '',
        s.weight < 1 ? ` (derived, weight ${s.weight})` : '')));
    case 'members':
      return Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => `${k}: ${v}`).join(', ');
    case 'legalForm':
      return typeof value === 'object' ? Object.values(value).filter(Boolean).join(' ') : value;
    default:
      return Array.isArray(value) ? value.join('; ') : String(value);
  }
}

function provenanceOf(p) {
  if (!p) return '';
  const who = p.contributors?.length ? p.contributors.join(', ') : `${p.source}:${p.sourceId}`;
  return `${p.rule} · ${who}`;
}

export async function renderOrganisation(view, id) {
  const path = `v1/organisations/${encodeURIComponent(id)}`;
  // The organisation first: when it is missing or deleted, its own answer is the one the reader sees.
  const resource = await get(path);
  const [explanation, partners, clusterNames] = await Promise.all([
    get(`${path}/explanation`), get(`${path}/partners`), usClusterNames(),
  ]);
  const o = resource.organisation;

  const rows = Object.keys(LABELS).map((field) => [field, valueOf(field, o[field], clusterNames)]).filter(([, v]) => v !== null && v !== '');
  const golden = h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, 'Golden record fields with their provenance'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Value'), h('th', { scope: 'col' }, 'From (rule · record)'))),
    h('tbody', {}, rows.map(([field, value]) => h('tr', { 'data-field': field },
      h('th', { scope: 'row' }, LABELS[field]), h('td', {}, value), h('td', { class: 'provenance' }, provenanceOf(o.provenance?.[field])))))));

  const records = h('ul', { id: 'source-records' }, (o.sourceRecords ?? []).map((r) => h('li', {},
    r.sourceUrl ? h('a', { href: r.sourceUrl, rel: 'noopener noreferrer' }, `${r.source}:${r.sourceId}`) : `${r.source}:${r.sourceId}`)));

  const links = explanation.links ?? [];
  const why = links.length
    ? links.map((pair) => waterfall(pair))
    : h('p', { class: 'notice' }, 'This organisation is one source record: nothing was matched.');

  const suggestions = partners.partners ?? [];
  const partnerList = suggestions.length
    ? h('ul', { class: 'partners', id: 'partners' }, suggestions.map((p) => h('li', {},
      h('a', { href: `#/organisations/${encodeURIComponent(p.id)}` }, p.name), ` (${p.country}), score ${p.score}`,
      h('ul', {}, (p.reasons ?? []).map((r) => h('li', { class: 'muted' }, r))))))
    : h('p', { class: 'notice' }, 'No partner suggestions across the Atlantic for this organisation.');

  view.append(
    h('p', {}, h('a', { href: '#/' }, '← Search')),
    h('h1', {}, o.name),
    h('p', { class: 'muted' }, `Directory id ${resource.id}, version ${resource.version}`),
    h('section', { 'aria-labelledby': 'golden-heading' }, h('h2', { id: 'golden-heading' }, 'Golden record'), golden),
    h('section', { 'aria-labelledby': 'records-heading' }, h('h2', { id: 'records-heading' }, 'Source records'), records),
    h('section', { 'aria-labelledby': 'why-heading', id: 'explanation' }, h('h2', { id: 'why-heading' }, 'Why these records are one organisation'), why),
    h('section', { 'aria-labelledby': 'partners-heading' }, h('h2', { id: 'partners-heading' }, 'Partner suggestions across the Atlantic'), partnerList));
}
