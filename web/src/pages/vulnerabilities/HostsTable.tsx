import type { VulnSummary } from '../../../../src/protocol/vuln-api.ts';
import { href } from '../../app/router.ts';
import { TableHead } from '../../components/TableHead.tsx';
import { hostPath } from '../hosts/hostPaths.ts';
import { RiskCell } from './VulnBadges.tsx';
import { formatCount } from './vulnLabels.ts';

const columns = ['Host', 'Highest risk', 'Open', 'Critical', 'High', 'KEV', 'Inventory'];

const countCell = (n: number, danger = false) => (
  <td className={danger && n > 0 ? 'num danger-text' : 'num'}>{formatCount(n)}</td>
);

/** Open findings per host, the riskiest host first; a host opens the list filtered to it. */
export function HostsTable({
  hosts,
  hostHref,
}: {
  hosts: VulnSummary['hosts'];
  hostHref: (agentId: string) => string;
}) {
  const sorted = [...hosts].sort((a, b) => b.maxRisk - a.maxRisk || b.open - a.open);
  return (
    <div className="table-scroll">
      <table className="table table-dense" data-testid="vuln-hosts">
        <TableHead columns={columns} />
        <tbody>
          {sorted.map((host) => (
            <tr key={host.agentId} data-testid="vuln-host-row">
              <td>
                <a className="cell-link" href={href(hostHref(host.agentId))}>
                  {host.hostname ?? host.agentId}
                </a>
              </td>
              <td>
                <RiskCell risk={host.maxRisk} />
              </td>
              {countCell(host.open)}
              {countCell(host.critical, true)}
              {countCell(host.high, true)}
              {countCell(host.kev, true)}
              <td>
                <a href={href(hostPath(host.agentId))}>Packages</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
