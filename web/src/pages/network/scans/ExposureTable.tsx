import type { NetExposure } from '../../../../../src/protocol/netscan-api.ts';
import { href, withQuery } from '../../../app/router.ts';
import { Badge } from '../../../components/Badge.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { SeverityBadge } from '../../alerts/SeverityBadge.tsx';
import { formatCount } from '../../vulnerabilities/vulnLabels.ts';
import { AuthBadge } from './AuthBadge.tsx';
import { findingQuery, noFindingFilters } from './netFindingFilters.ts';
import { netFindingsPath, netHostPath } from './netscanPaths.ts';

const columns = [
  'Address',
  'Port',
  'Service',
  'Product',
  'TLS',
  'Auth',
  'Findings',
  'First seen',
  'Last seen',
];
const dash = <span className="muted">—</span>;

interface ExposureTableProps {
  endpoints: readonly NetExposure[];
  /** Leave out the address column on one host's page. */
  showAddress?: boolean;
}

/** Every endpoint a scan found open: what listens, whether it wants a password, and since when. */
export function ExposureTable({ endpoints, showAddress = true }: ExposureTableProps) {
  const shown = showAddress ? columns : columns.slice(1);
  return (
    <div className="table-scroll">
      <table className="table table-dense" data-testid="net-exposure">
        <TableHead columns={shown} />
        <tbody>
          {endpoints.map((endpoint) => (
            <tr
              key={`${endpoint.address}|${endpoint.port}|${endpoint.transport}`}
              data-testid="net-exposure-row"
              className={endpoint.open ? undefined : 'row-closed'}
            >
              {showAddress && (
                <td>
                  <a className="cell-link mono" href={href(netHostPath(endpoint.address))}>
                    {endpoint.address}
                  </a>
                  {endpoint.names.length > 0 && (
                    <span className="cell-note">{endpoint.names.join(', ')}</span>
                  )}
                </td>
              )}
              <td className="mono strong" data-testid="net-exposure-port">
                {endpoint.port}
                {endpoint.transport === 'udp' && '/udp'}
                {!endpoint.open && <span className="cell-note">closed</span>}
              </td>
              <td data-testid="net-exposure-service">{endpoint.service ?? dash}</td>
              <td className="break">
                {endpoint.product === null ? (
                  dash
                ) : (
                  <>
                    {endpoint.product} {endpoint.version}
                  </>
                )}
              </td>
              <td>
                {endpoint.tls ? <Badge tone="success">TLS</Badge> : dash}
                {endpoint.certificateSha256 !== null && (
                  <span className="cell-note mono" title={endpoint.certificateSha256}>
                    {endpoint.certificateSha256.slice(0, 12)}…
                  </span>
                )}
              </td>
              <td>
                <AuthBadge auth={endpoint.auth} />
              </td>
              <td className="nowrap">
                {endpoint.findings === 0 || endpoint.maxSeverity === null ? (
                  dash
                ) : (
                  <a
                    className="net-findings-link"
                    href={href(
                      withQuery(
                        netFindingsPath,
                        findingQuery({ ...noFindingFilters, address: endpoint.address }),
                      ),
                    )}
                    title="Open findings on this address"
                  >
                    <SeverityBadge severity={endpoint.maxSeverity} />
                    <span>{formatCount(endpoint.findings)}</span>
                  </a>
                )}
              </td>
              <td className="nowrap">
                <Timestamp value={endpoint.firstSeenAt} relative />
              </td>
              <td className="nowrap">
                <Timestamp value={endpoint.lastSeenAt} relative />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
