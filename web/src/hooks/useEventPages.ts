import { useEffect, useState } from 'react';
import type { StoredEvent } from '../../../src/protocol/agents.ts';
import { listAgentEvents } from '../api/agents.ts';

const pageSize = 100;

export interface EventPages {
  events: StoredEvent[] | undefined;
  /** False once a page came back short: there is nothing older. */
  more: boolean;
  loading: boolean;
  error: unknown;
  loadMore: () => void;
}

/** An agent's events, newest first, one page at a time; starts over when the kind changes. */
export function useEventPages(agentId: string, kind: StoredEvent['kind'] | undefined): EventPages {
  const [events, setEvents] = useState<StoredEvent[]>();
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [cursor, setCursor] = useState<StoredEvent>();

  useEffect(() => {
    setEvents(undefined);
    setCursor(undefined);
  }, [agentId, kind]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    // One batch shares a receive time, so the cursor is that time plus the last id.
    listAgentEvents(agentId, {
      kind,
      limit: pageSize,
      ...(cursor ? { before: cursor.receivedAt, beforeId: cursor.id } : {}),
    })
      .then((page) => {
        if (!current) return;
        setEvents((previous) => (cursor && previous ? [...previous, ...page.events] : page.events));
        setMore(page.events.length === pageSize);
      })
      .catch((caught: unknown) => current && setError(caught))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [agentId, kind, cursor]);

  return { events, more, loading, error, loadMore: () => setCursor(events?.at(-1)) };
}
