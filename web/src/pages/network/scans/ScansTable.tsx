import type { NetScanSummary } from '../../../../../src/protocol/netscan-api.ts';
import { href } from '../../../app/router.ts';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { formatCount } from '../../vulnerabilities/vulnLabels.ts';
import { formatDuration } from './netscanLabels.ts';
import { scanPath } from './netscanPaths.ts';
import { ScanProgressBar } from './ScanProgressBar.tsx';
import { ScanStatusBadge } from './ScanStatusBadge.tsx';
import { SeverityCounts } from './SeverityCounts.tsx';

const columns = ['Scan', 'Status', 'Group', 'Hosts up', 'Open ports', 'Findings', 'Changes'];

const dash = <span className="muted">—</span>;

/** Newest first, as the server lists them; each opens the scan with its hosts, findings and changes. */
export function ScansTable({ scans }: { scans: readonly NetScanSummary[] }) {
  return (
    <div className="table-scroll">
      <table className="table table-dense" data-testid="net-scans">
        <TableHead columns={columns} />
        <tbody>
          {scans.map((scan) => {
            const { stats } = scan;
            const duration = formatDuration(scan.startedAt, scan.finishedAt);
            const changes = stats === null ? 0 : Object.values(stats.changes).reduce((sum, n) => sum + n, 0);
            return (
              <tr key={scan.id} data-testid="net-scan-row">
                <td className="nowrap">
                  <a className="cell-link" href={href(scanPath(scan.id))}>
                    <Timestamp value={scan.startedAt ?? scan.queuedAt} />
                  </a>
                  <span className="cell-note">
                    {scan.trigger === 'schedule' ? 'on schedule' : `by ${scan.requestedBy}`}
                    {duration !== undefined && `, took ${duration}`}
                  </span>
                </td>
                <td>
                  <ScanStatusBadge scan={scan} />
                  {scan.progress !== undefined && <ScanProgressBar progress={scan.progress} />}
                  {scan.error !== null && <span className="cell-note danger-text">{scan.error}</span>}
                </td>
                <td>
                  {scan.group ?? <span className="muted">ad hoc</span>}
                  <span className="cell-note mono" title={scan.targets.join(', ')}>
                    {scan.targets.slice(0, 2).join(', ')}
                    {scan.targets.length > 2 && ` +${scan.targets.length - 2}`}
                  </span>
                </td>
                <td className="num">
                  {stats === null ? dash : `${formatCount(stats.hostsUp)} / ${formatCount(stats.addresses)}`}
                </td>
                <td className="num" data-testid="scan-open-ports">
                  {stats === null ? dash : formatCount(stats.openPorts)}
                </td>
                <td>{stats === null ? dash : <SeverityCounts counts={stats.bySeverity} />}</td>
                <td className="num">{stats === null ? dash : formatCount(changes)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
