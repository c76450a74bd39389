import type { NetScanGroup } from '../../../../../src/protocol/netscan-api.ts';
import { href } from '../../../app/router.ts';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { scanPath } from './netscanPaths.ts';
import { ScanStatusBadge } from './ScanStatusBadge.tsx';

const columns = ['Group', 'Targets', 'Ports', 'Checks', 'Schedule', 'Last scan'];

/** The configured target groups (netscan.groups): what each covers and when it runs next. */
export function GroupsTable({ groups }: { groups: readonly NetScanGroup[] }) {
  return (
    <div className="table-scroll">
      <table className="table table-dense" data-testid="net-groups">
        <TableHead columns={columns} />
        <tbody>
          {groups.map((group) => (
            <tr key={group.name} data-testid="net-group-row">
              <td className="strong">
                {group.name}
                {group.internetFacing && <span className="cell-note">internet-facing</span>}
              </td>
              <td className="mono break">{group.targets.join(', ')}</td>
              <td className="mono">{group.ports}</td>
              <td>{group.checks.join(', ')}</td>
              <td>
                {group.schedule === null ? (
                  <span className="muted">on demand</span>
                ) : (
                  <>
                    <span className="mono">{group.schedule}</span>
                    <span className="cell-note">
                      next <Timestamp value={group.nextRunAt} relative />
                    </span>
                  </>
                )}
              </td>
              <td className="nowrap">
                {group.lastScan === null ? (
                  <span className="muted">never</span>
                ) : (
                  <>
                    <a href={href(scanPath(group.lastScan.id))}>
                      <Timestamp value={group.lastScan.startedAt ?? group.lastScan.queuedAt} relative />
                    </a>{' '}
                    <ScanStatusBadge scan={group.lastScan} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
