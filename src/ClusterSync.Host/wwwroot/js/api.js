// Calls to the host's own API (same origin). Errors carry the problem's detail for the page to show.

const KEY_STORAGE = 'clustersync.operatorKey';

export const operatorKey = {
  get: () => sessionStorage.getItem(KEY_STORAGE),
  set: (key) => sessionStorage.setItem(KEY_STORAGE, key),
  clear: () => sessionStorage.removeItem(KEY_STORAGE),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

async function request(method, path, { key, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (key) headers['X-Api-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const json = type.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body, options) => request('POST', path, { ...options, body });

/** A query string from an object, leaving out empty values. */
export function queryString(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined && value !== null && value !== '') search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

let sectorNames;
/** U.S. cluster code → name, from /v1/sectors (loaded once). */
export function usClusterNames() {
  sectorNames ??= get('v1/sectors').then((catalogue) => new Map((catalogue.usClusters ?? []).map((c) => [c.code, c.name])));
  return sectorNames;
}
