import type { HostReport, NetFinding, ServiceInfo } from '../../../../../src/protocol/netscan.ts';
import { href } from '../../../app/router.ts';
import { Badge } from '../../../components/Badge.tsx';
import { ShowAllFooter } from '../../../components/ShowAllFooter.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { useCappedList } from '../../../hooks/useCappedList.ts';
import { formatCount } from '../../vulnerabilities/vulnLabels.ts';
import { AuthBadge } from './AuthBadge.tsx';
import { netHostPath } from './netscanPaths.ts';

const columns = ['Host', 'Port', 'Service', 'Product', 'TLS', 'Auth', 'Findings'];
const dash = <span className="muted">—</span>;

interface ScanHostsTableProps {
  hosts: readonly HostReport[];
  findings: readonly NetFinding[];
}

/** Each host that answered, with one row per open port and what listens there. */
export function ScanHostsTable({ hosts, findings }: ScanHostsTableProps) {
  const up = useCappedList(
    hosts.filter((host) => host.up),
    100,
  );
  const findingsAt = (address: string, port: number) =>
    findings.filter((finding) => finding.address === address && finding.port === port).length;
  return (
    <>
      <div className="table-scroll">
        <table className="table table-dense" data-testid="net-scan-hosts">
          <TableHead columns={columns} />
          <tbody>
            {up.visible.flatMap((host) => {
              const link = (
                <a className="cell-link mono" href={href(netHostPath(host.address))}>
                  {host.address}
                </a>
              );
              const names = host.names.length > 0 && (
                <span className="cell-note">{host.names.join(', ')}</span>
              );
              if (host.ports.length === 0)
                return [
                  <tr key={host.address} data-testid="net-host-row">
                    <td>
                      {link}
                      {names}
                    </td>
                    <td colSpan={columns.length - 1} className="muted">
                      up ({host.upReason ?? 'answered'}), no open port found
                    </td>
                  </tr>,
                ];
              return host.ports.map((port, index) => {
                const service: ServiceInfo | undefined = host.services.find(
                  (entry) => entry.port === port.port && entry.transport === port.transport,
                );
                const count = findingsAt(host.address, port.port);
                return (
                  <tr key={`${host.address}|${port.port}|${port.transport}`} data-testid="net-port-row">
                    <td>
                      {index === 0 && (
                        <>
                          {link}
                          {names}
                        </>
                      )}
                    </td>
                    <td className="mono strong">
                      {port.port}
                      {port.transport === 'udp' && '/udp'}
                    </td>
                    <td>{service?.service ?? dash}</td>
                    <td className="break">
                      {service?.product === undefined ? (
                        dash
                      ) : (
                        <>
                          {service.product} {service.version}
                        </>
                      )}
                      {service?.banner !== undefined && (
                        <span className="cell-note mono net-banner" title={service.banner}>
                          {service.banner}
                        </span>
                      )}
                    </td>
                    <td>{service?.tls === true ? <Badge tone="success">TLS</Badge> : dash}</td>
                    <td>
                      <AuthBadge auth={service?.auth ?? null} />
                    </td>
                    <td className={count > 0 ? 'num danger-text' : 'num'}>{formatCount(count)}</td>
                  </tr>
                );
              });
            })}
          </tbody>
        </table>
      </div>
      <ShowAllFooter shown={up.visible.length} hidden={up.hidden} noun="hosts" onShowAll={up.showAll} />
    </>
  );
}
