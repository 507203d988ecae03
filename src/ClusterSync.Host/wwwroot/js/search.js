// Search: words, facet filters, the result list and the map of the results.
import { h } from './dom.js';
import { get, queryString, usClusterNames } from './api.js';
import { organisationMap } from './map.js';
import { navigate } from './app.js';

const FILTERS = ['q', 'country', 'source', 'label', 'sector'];
const PAGE = 25;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const countryName = (code) => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

const SOURCES = { eccp: 'EU Cluster Collaboration Platform', 'us-cluster-mapping': 'U.S. Cluster Registry' };

function filtersFrom(params) {
  return Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? '']));
}

function hashFor(filters) {
  return '#/' + queryString(filters);
}

function facetSelect(id, label, name, values, selected, text, onChange) {
  const options = values.map((v) => h('option', { value: v.value, selected: v.value === selected }, `${text(v.value)} (${v.count})`));
  if (selected && !values.some((v) => v.value === selected)) options.unshift(h('option', { value: selected, selected: true }, text(selected)));
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name, onchange: onChange }, h('option', { value: '' }, 'Any'), options));
}

function sectorSelect(facets, selected, clusterNames, onChange) {
  const group = (scheme, label, text) => h('optgroup', { label },
    (facets[scheme] ?? []).map((v) => {
      const value = `${scheme}:${v.value}`;
      return h('option', { value, selected: value === selected }, `${text(v.value)} (${v.count})`);
    }));
  return h('div', { class: 'field' },
    h('label', { for: 'filter-sector' }, 'Sector'),
    h('select', { id: 'filter-sector', name: 'sector', onchange: onChange },
      h('option', { value: '' }, 'Any'),
      group('us-cluster', 'U.S. benchmark clusters', (c) => clusterNames.get(c) ?? `Cluster ${c}`),
      group('eu-ecosystem', 'EU industrial ecosystems', (e) => e)));
}

function resultItem(item) {
  const o = item.organisation;
  const place = [o.address?.locality, o.address?.country ? countryName(o.address.country) : null].filter(Boolean).join(', ');
  const sources = [...new Set((o.sourceRecords ?? []).map((s) => s.source))];
  return h('li', {},
    h('a', { href: `#/organisations/${encodeURIComponent(item.id)}` }, o.name),
    place ? h('div', { class: 'muted' }, place) : null,
    h('div', { class: 'tags' }, sources.map((s) => h('span', { class: 'tag' }, SOURCES[s] ?? s))));
}

export async function renderSearch(view, params) {
  const filters = filtersFrom(params);
  const query = { ...filters, limit: PAGE };
  const facetQuery = { ...filters };
  const [page, facetResult, clusterNames] = await Promise.all([
    get('v1/organisations' + queryString(query)),
    get('v1/organisations/facets' + queryString(facetQuery)),
    usClusterNames(),
  ]);
  const facets = facetResult.facets;

  const apply = (focusId) => {
    const form = view.querySelector('form.search');
    const data = new FormData(form);
    navigate(hashFor(Object.fromEntries(FILTERS.map((f) => [f, (data.get(f) ?? '').toString().trim()]))), focusId);
  };

  const form = h('form', { class: 'search', role: 'search', onsubmit: (e) => { e.preventDefault(); apply('q'); } },
    h('div', { class: 'field grow' },
      h('label', { for: 'q' }, 'Name, acronym or place (any language)'),
      h('input', { id: 'q', name: 'q', type: 'search', value: filters.q, autocomplete: 'off', placeholder: 'e.g. Śląski, Θεσσαλίας, photonics' })),
    facetSelect('filter-country', 'Country', 'country', facets.country ?? [], filters.country, (c) => `${countryName(c)}`, () => apply('filter-country')),
    facetSelect('filter-source', 'Source', 'source', facets.source ?? [], filters.source, (s) => SOURCES[s] ?? s, () => apply('filter-source')),
    facetSelect('filter-label', 'Label', 'label', facets.label ?? [], filters.label, (l) => l, () => apply('filter-label')),
    sectorSelect(facets, filters.sector, clusterNames, () => apply('filter-sector')),
    h('button', { type: 'submit' }, 'Search'),
    FILTERS.some((f) => filters[f]) ? h('a', { href: '#/', class: 'clear' }, 'Clear all') : null);

  const items = [...page.items];
  const list = h('ol', { class: 'results', id: 'results' }, items.map(resultItem));
  const status = h('p', { id: 'result-count', role: 'status' }, `${page.total} organisation${page.total === 1 ? '' : 's'} found.`);
  let mapFigure = organisationMap(items);
  let next = page.nextCursor;
  const more = h('button', { type: 'button', class: 'secondary', id: 'more' }, 'Show more');
  more.addEventListener('click', async () => {
    more.disabled = true;
    const further = await get('v1/organisations' + queryString({ ...query, cursor: next }));
    items.push(...further.items);
    further.items.forEach((item) => list.append(resultItem(item)));
    next = further.nextCursor;
    const replacement = organisationMap(items);
    mapFigure.replaceWith(replacement);
    mapFigure = replacement;
    more.disabled = false;
    if (!next) more.remove();
    list.children[items.length - further.items.length]?.querySelector('a')?.focus();
  });

  view.append(
    h('h1', {}, 'Cluster organisations in Europe and the United States'),
    form,
    status,
    h('div', { class: 'layout' },
      h('section', { 'aria-labelledby': 'results-heading' },
        h('h2', { id: 'results-heading' }, 'Results'),
        items.length ? list : h('p', { class: 'notice' }, 'No organisation matches. Try fewer words or filters.'),
        next ? more : null),
      h('section', { 'aria-labelledby': 'map-heading' },
        h('h2', { id: 'map-heading' }, 'Map'),
        mapFigure)));
}
