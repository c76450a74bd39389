import { Badge } from '../../../components/Badge.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { LoadMoreFooter } from '../../../components/LoadMoreFooter.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { useEventPages } from '../../../hooks/useEventPages.ts';
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
  const { events, loading, error } = pages;
  return (
    <>
      <ErrorAlert error={error} />
      {events === undefined ? (
        loading && <Loading />
      ) : events.length === 0 ? (
        <EmptyState icon="log" title="No file changes">
          No watched file has changed since this agent took its baseline (or file integrity monitoring is off
          on it).
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="table table-dense">
            <TableHead columns={columns} />
            <tbody>
              {events.map((event) => {
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
              })}
            </tbody>
          </table>
        </div>
      )}
      <LoadMoreFooter pages={pages} />
    </>
  );
}
