import { useEffect, useState } from 'react';
import type { StoredEvent } from '../../../../../src/protocol/agents.ts';
import { listAgentEvents } from '../../../api/agents.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { summarizeEvent } from './eventSummary.ts';

type EventKind = StoredEvent['kind'];

// A Record rather than the protocol's agentEventKinds: it is checked for completeness at compile time,
// and importing agents.ts at runtime would pull zod into the bundle.
const kindLabels: Record<EventKind, string> = {
  log: 'Log lines',
  inventory: 'Inventory snapshots',
  'inventory.change': 'Inventory changes',
  fim: 'File integrity',
  agent: 'Agent',
};

const pageSize = 100;
/** The API's largest `limit`. */
const columns = ['Time', 'Kind', 'Source', 'Summary'];
const count = new Intl.NumberFormat();

interface Loaded {
  events: StoredEvent[];
  /** False once a page came back short: there is nothing older. */
  more: boolean;
}

export function EventsTab({ agentId }: { agentId: string }) {
  const [kind, setKind] = useState<EventKind | ''>('');
  const [loaded, setLoaded] = useState<Loaded>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    listAgentEvents(agentId, { kind: kind || undefined, limit: pageSize })
      .then(({ events }) => current && setLoaded({ events, more: events.length === pageSize }))
      .catch((caught: unknown) => current && setError(caught))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [agentId, kind]);

  async function loadMore(previous: Loaded) {
    setLoading(true);
    setError(undefined);
    try {
      // One batch shares a receive time, so the cursor is that time plus the last id.
      const last = previous.events.at(-1);
      const { events } = await listAgentEvents(agentId, {
        kind: kind || undefined,
        limit: pageSize,
        ...(last ? { before: last.receivedAt, beforeId: last.id } : {}),
      });
      setLoaded({ events: [...previous.events, ...events], more: events.length === pageSize });
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  }

  return (
    <>
      <div className="panel-toolbar toolbar">
        <div className="inline-field">
          <label htmlFor="event-kind">Kind</label>
          <select
            id="event-kind"
            className="select select-sm"
            value={kind}
            onChange={(event) => setKind(event.target.value as EventKind | '')}
          >
            <option value="">All kinds</option>
            {Object.entries(kindLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {loaded !== undefined && (
          <span className="toolbar-count">
            {count.format(loaded.events.length)} {loaded.more ? 'newest events' : 'events'}
          </span>
        )}
      </div>
      <ErrorAlert error={error} />
      {loaded === undefined ? (
        loading && <Loading />
      ) : loaded.events.length === 0 ? (
        <EmptyState icon="log" title="No events">
          {kind === ''
            ? 'This agent has sent no events yet.'
            : `This agent has sent no events of the kind “${kindLabels[kind]}”.`}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table table-dense table-fixed-last">
            <TableHead columns={columns} />
            <tbody>
              {loaded.events.map((event) => {
                const summary = summarizeEvent(event);
                return (
                  <tr key={event.id} data-testid="host-event-row">
                    <td className="nowrap">
                      <Timestamp value={event.time} />
                    </td>
                    <td>
                      <code>{event.kind}</code>
                    </td>
                    <td className="mono cell-clip" title={event.source}>
                      {event.source}
                    </td>
                    <td className="cell-truncate" title={summary.text}>
                      {summary.tag !== undefined && <code className="summary-tag">{summary.tag}</code>}
                      <span className={event.kind === 'log' ? 'mono' : undefined}>{summary.text}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {loaded?.more === true && (
        <div className="panel-footer">
          <button type="button" className="btn" disabled={loading} onClick={() => void loadMore(loaded)}>
            Load more
          </button>
        </div>
      )}
    </>
  );
}
