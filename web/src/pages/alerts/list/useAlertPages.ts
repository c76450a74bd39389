import { useEffect, useRef, useState } from 'react';
import type { AlertFilters, AlertPage } from '../../../../../src/protocol/alerts.ts';
import { listAlerts } from '../../../api/alerts.ts';

const pageSize = 50;

export interface AlertPages {
  page: AlertPage | undefined;
  more: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => void;
}

/** Alerts matching `filters`, one page at a time; starts over whenever `filters` is a new object. */
export function useAlertPages(filters: AlertFilters): AlertPages {
  const [page, setPage] = useState<AlertPage>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  // A page that arrives after the filters changed belongs to the old list and is dropped.
  const current = useRef(filters);
  current.current = filters;

  function fetchPage(cursor: string | undefined, merge: (next: AlertPage) => AlertPage) {
    setLoading(true);
    setError(undefined);
    listAlerts(filters, { limit: pageSize, cursor })
      .then((next) => current.current === filters && setPage(merge(next)))
      .catch((caught: unknown) => current.current === filters && setError(caught))
      .finally(() => current.current === filters && setLoading(false));
  }

  useEffect(() => {
    setPage(undefined);
    fetchPage(undefined, (first) => first);
  }, [filters]);

  return {
    page,
    more: page?.nextCursor != null,
    loading,
    error,
    loadMore: () => {
      if (page?.nextCursor) {
        const loaded = page;
        fetchPage(page.nextCursor, (next) => ({ ...next, alerts: [...loaded.alerts, ...next.alerts] }));
      }
    },
  };
}
