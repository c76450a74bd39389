import { Badge } from '../../../components/Badge.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useEventPages } from '../../../hooks/useEventPages.ts';
import { EventTable } from './EventTable.tsx';
import { fimDetails } from './fimDetails.ts';

const columns = ['Time', 'Change', 'Path', 'What changed', 'SHA-256 before', 'After'];
const tones = { added: 'info', removed: 'danger', modified: 'warning', unknown: 'neutral' } as const;

function Hash({ value }: { value: string | undefined }) {
  if (value === undefined) return <span className="muted">—</span>;
  return (
    <code title={value} data-testid="fim-hash">
      {value.slice(0, 8)}…
    </code>
  );
}

/** File integrity changes the agent reported, newest first. */
export function FimTab({ agentId }: { agentId: string }) {
  const pages = useEventPages(agentId, 'fim');
  return (
    <EventTable
      pages={pages}
      columns={columns}
      empty={{
        title: 'No file changes',
        text: 'No watched file has changed since this agent took its baseline (or file integrity monitoring is off on it).',
      }}
      row={(event) => {
        const details = fimDetails(event);
        return (
          <tr key={event.id} data-testid="fim-row">
            <td className="nowrap">
              <Timestamp value={event.time} />
            </td>
            <td>
              <Badge tone={tones[details.change]}>{details.change}</Badge>
            </td>
            <td className="mono cell-clip" title={details.path}>
              {details.path}
            </td>
            <td>{details.notes.join(', ') || '—'}</td>
            <td>
              <Hash value={details.before} />
            </td>
            <td>
              <Hash value={details.after} />
            </td>
          </tr>
        );
      }}
    />
  );
}
