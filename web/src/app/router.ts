import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentPath(): string {
  const path = window.location.hash.replace(/^#/, '').replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

/** The path after `#`, e.g. `/settings/users`; re-renders when it changes. */
export function useHashPath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** Like navigate, but replaces the history entry so Back skips the redirect. */
export function redirect(path: string): void {
  window.location.replace(`#${path}`);
}

export function href(path: string): string {
  return `#${path}`;
}

/** The `<id>` of a detail page at `<listPath>/<id>`, e.g. `/alerts/42`; undefined on the list itself. */
export function detailId(path: string, listPath: string): string | undefined {
  const prefix = `${listPath}/`;
  if (!path.startsWith(prefix)) return undefined;
  try {
    return decodeURIComponent(path.slice(prefix.length));
  } catch {
    // A hand-typed address with a stray "%": show it as an unknown item rather than crash.
    return path.slice(prefix.length);
  }
}

export const detailPath = (listPath: string, id: string) => `${listPath}/${encodeURIComponent(id)}`;
