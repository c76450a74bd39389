import { useMemo, useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** `#/vulnerabilities?severity=high` splits into the path and the query a page keeps its filters in. */
function splitHash(): [path: string, query: string] {
  const hash = window.location.hash.replace(/^#/, '');
  const mark = hash.indexOf('?');
  return mark === -1 ? [hash, ''] : [hash.slice(0, mark), hash.slice(mark + 1)];
}

function currentPath(): string {
  const path = splitHash()[0].replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

const currentQuery = () => splitHash()[1];

/** The path after `#`, e.g. `/settings/users`; re-renders when it changes. */
export function useHashPath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** The query after the hash path (`?severity=high`), for filters a link or a reload should keep. */
export function useHashQuery(): URLSearchParams {
  const query = useSyncExternalStore(subscribe, currentQuery);
  return useMemo(() => new URLSearchParams(query), [query]);
}

/** `path?query`, or the bare path when the query is empty. */
export function withQuery(path: string, query: URLSearchParams): string {
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
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
