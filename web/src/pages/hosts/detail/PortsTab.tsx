import { useMemo } from 'react';
import type { ListeningSocket } from '../../../../../src/protocol/inventory.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { TableHead } from '../../../components/TableHead.tsx';

const columns = ['Protocol', 'Address', 'Port', 'Process', 'PID', 'User'];

function compare(a: ListeningSocket, b: ListeningSocket): number {
  return (
    a.port - b.port ||
    a.protocol.localeCompare(b.protocol) ||
    a.family - b.family ||
    a.address.localeCompare(b.address)
  );
}

/** Who can reach the socket, which matters more than the address itself. */
function reach(address: string): string | undefined {
  if (address === '0.0.0.0' || address === '::') return 'all interfaces';
  if (address.startsWith('127.') || address === '::1') return 'loopback only';
  return undefined;
}

export function PortsTab({ listeners }: { listeners: readonly ListeningSocket[] }) {
  const sorted = useMemo(() => [...listeners].sort(compare), [listeners]);
  if (sorted.length === 0) {
    return (
      <EmptyState icon="network" title="No listening ports">
        Nothing on this host accepts TCP connections or UDP datagrams.
      </EmptyState>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table table-dense">
        <TableHead columns={columns} />
        <tbody>
          {sorted.map((socket) => {
            const where = reach(socket.address);
            return (
              <tr
                key={`${socket.protocol}${socket.family}:${socket.address}:${socket.port}:${socket.pid ?? ''}`}
                data-testid="port-row"
              >
                <td>
                  <span className="chip uppercase">
                    {socket.protocol}
                    {socket.family === 6 ? '6' : ''}
                  </span>
                </td>
                <td>
                  <span className="mono">{socket.address}</span>
                  {where !== undefined && <span className="cell-sub">{where}</span>}
                </td>
                <td className="mono strong" data-testid="port-number">
                  {socket.port}
                </td>
                <td>
                  {socket.process ?? <span className="muted">unknown</span>}
                  {socket.exe !== undefined && <span className="cell-sub">{socket.exe}</span>}
                </td>
                <td className="mono">{socket.pid ?? <span className="muted">—</span>}</td>
                <td>{socket.user ?? <span className="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
