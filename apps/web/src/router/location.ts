import { useSyncExternalStore } from 'react';

/** The address bar as a store: history API paths, so a page can be opened directly and reloaded. */
const NAVIGATED = 'sfha:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

const pathname = (): string => window.location.pathname;

/** Goes to `path` (pushes a history entry unless `replace`). */
export function navigate(path: string, { replace = false } = {}): void {
  if (window.location.pathname === path) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** Re-renders when the path changes (link, back/forward, navigate()). */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, pathname);
}
