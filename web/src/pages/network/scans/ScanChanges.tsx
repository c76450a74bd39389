import type { NetScanChange } from '../../../../../src/protocol/netscan-api.ts';
import { href } from '../../../app/router.ts';
import { TableHead } from '../../../components/TableHead.tsx';
import { SeverityBadge } from '../../alerts/SeverityBadge.tsx';
import { changeLabels, formatEndpoint } from './netscanLabels.ts';
import { netHostPath } from './netscanPaths.ts';

const columns = ['Change', 'Endpoint', 'Before', 'Now', 'Severity'];
const dash = <span className="muted">—</span>;

/** A certificate is named by its SHA-256 fingerprint: the start tells two apart, the tooltip holds all of it. */
function State({ kind, value }: { kind: NetScanChange['kind']; value: string | null }) {
  if (value === null) return dash;
  if (kind !== 'certificate-changed' || value.length <= 24) return <>{value}</>;
  return (
    <span title={value} data-testid="fingerprint">
      {value.slice(0, 23)}…
    </span>
  );
}

/** What differs from the group's previous scan: ports opened and closed, services new or changed, certificates replaced. */
export function ScanChanges({ changes }: { changes: readonly NetScanChange[] }) {
  return (
    <div className="table-scroll">
      <table className="table table-dense" data-testid="net-scan-changes">
        <TableHead columns={columns} />
        <tbody>
          {changes.map((change) => (
            <tr
              key={`${change.kind}|${change.address}|${change.port}|${change.transport}`}
              data-testid="net-change-row"
              className={`change-${change.kind}`}
            >
              <td className="nowrap strong">{changeLabels[change.kind]}</td>
              <td className="nowrap">
                <a className="mono" href={href(netHostPath(change.address))}>
                  {formatEndpoint(change.address, change.port, change.transport)}
                </a>
              </td>
              <td className="mono break">
                <State kind={change.kind} value={change.before} />
              </td>
              <td className="mono break">
                <State kind={change.kind} value={change.after} />
              </td>
              <td>
                <SeverityBadge severity={change.severity} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
