import { useState } from 'react';
import type { StoredEvent } from '../../../../../src/protocol/agents.ts';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useEventPages } from '../../../hooks/useEventPages.ts';
import { EventTable } from './EventTable.tsx';
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

const columns = ['Time', 'Kind', 'Source', 'Summary'];
const count = new Intl.NumberFormat();

export function EventsTab({ agentId }: { agentId: string }) {
  const [kind, setKind] = useState<EventKind | ''>('');
  const pages = useEventPages(agentId, kind || undefined);
  const { events, more } = pages;

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
        {events !== undefined && (
          <span className="toolbar-count">
            {count.format(events.length)} {more ? 'newest events' : 'events'}
          </span>
        )}
      </div>
      <EventTable
        pages={pages}
        columns={columns}
        className="table-fixed-last"
        empty={{
          title: 'No events',
          text:
            kind === ''
              ? 'This agent has sent no events yet.'
              : `This agent has sent no events of the kind “${kindLabels[kind]}”.`,
        }}
        row={(event) => {
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
        }}
      />
    </>
  );
}
