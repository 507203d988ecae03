// The page's router: hash routes, so every search, filter, organisation and the operator view has a URL to share.
//   #/?q=…&country=…&source=…&label=…&sector=…   search
//   #/organisations/{id}                           an organisation
//   #/operator                                     the operator view
import { h } from './dom.js';
import { renderSearch } from './search.js';
import { renderOrganisation } from './organisation.js';
import { renderOperator } from './operator.js';

const main = document.getElementById('main');
let firstRender = true;

/** The current route: its path and its query parameters. */
export function currentRoute() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  return { path, params: new URLSearchParams(query) };
}

/** Goes to a route; the view that owns the focus may name an element to focus again after rendering. */
export function navigate(hash, focusId) {
  pendingFocus = focusId;
  if (location.hash === hash) render();
  else location.hash = hash;
}

let pendingFocus;

async function render() {
  const { path, params } = currentRoute();
  const view = h('div');
  let match;
  try {
    if (path === '/' || path === '') await renderSearch(view, params);
    else if ((match = path.match(/^\/organisations\/([^/]+)$/))) await renderOrganisation(view, decodeURIComponent(match[1]));
    else if (path === '/operator') await renderOperator(view);
    else view.append(h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Search the directory')));
  } catch (error) {
    view.append(h('p', { class: 'error', role: 'alert' }, error.message));
  }

  main.replaceChildren(view);
  const title = view.querySelector('h1');
  document.title = title ? `${title.textContent} — ClusterSync` : 'ClusterSync';
  const focus = pendingFocus && document.getElementById(pendingFocus);
  pendingFocus = undefined;
  if (focus) focus.focus();
  else if (!firstRender && title) {
    title.setAttribute('tabindex', '-1');
    title.focus();
  }

  firstRender = false;
}

window.addEventListener('hashchange', () => render());
render();
