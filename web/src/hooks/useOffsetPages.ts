import { useCallback, useEffect, useRef, useState } from 'react';

export interface OffsetPage<T> {
  items: T[];
  total: number;
}

export interface OffsetPages<T> {
  items: T[] | undefined;
  total: number;
  /** True while fewer than `total` items are loaded. */
  more: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => void;
  /** Starts over at the first page, e.g. after a change the list should show. */
  reload: () => void;
}

/**
 * A list the server pages by offset and counts (`{ items, total }`), one "Load more" at a time.
 * `load` must be stable for one list (a useCallback of its filters): a new one starts over.
 */
export function useOffsetPages<T>(load: (offset: number) => Promise<OffsetPage<T>>): OffsetPages<T> {
  const [items, setItems] = useState<T[]>();
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  // A page that arrives after the list started over belongs to the old list and is dropped.
  const current = useRef({ load, generation });

  const fetchPage = useCallback(
    (offset: number, merge: (previous: T[] | undefined, next: T[]) => T[]) => {
      const request = current.current;
      setLoading(true);
      setError(undefined);
      load(offset)
        .then((page) => {
          if (current.current !== request) return;
          setItems((previous) => merge(previous, page.items));
          setTotal(page.total);
        })
        .catch((caught: unknown) => current.current === request && setError(caught))
        .finally(() => current.current === request && setLoading(false));
    },
    [load],
  );

  useEffect(() => {
    current.current = { load, generation };
    fetchPage(0, (_previous, next) => next);
  }, [load, generation, fetchPage]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const loaded = items?.length ?? 0;
  return {
    items,
    total,
    more: items !== undefined && loaded < total,
    loading,
    error,
    loadMore: () => fetchPage(loaded, (previous, next) => [...(previous ?? []), ...next]),
    reload,
  };
}
