// SPDX-License-Identifier: EUPL-1.2
// The app's addresses: the current path and query as signals, navigate() to change them
// with the History API, and same-origin links followed without reloading the page.
import { signal } from '@preact/signals';

export const currentPath = signal(location.pathname);
export const currentQuery = signal(new URLSearchParams(location.search));

function sync() {
  currentPath.value = location.pathname;
  currentQuery.value = new URLSearchParams(location.search);
}

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  sync();
  window.scrollTo(0, 0);
}

// Links to the app's own pages change the page without a reload; links to the API
// (downloads, the ProConnect redirect) and other sites are left to the browser.
export function startRouter() {
  window.addEventListener('popstate', sync);
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    if (url.pathname === location.pathname && url.hash) return;  // skip links
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
}
