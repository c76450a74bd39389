import type { PatchPlan, PatchPlanHost } from '../../../../src/protocol/patch-api.ts';
import { href } from '../../app/router.ts';
import { Badge } from '../../components/Badge.tsx';
import { TableHead } from '../../components/TableHead.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { hostPath } from '../hosts/hostPaths.ts';
import { HostStatusBadge } from './PatchBadges.tsx';

const columns = ['Host', 'Status', 'Packages', 'Findings', 'Afterwards', 'Updated'];

function Packages({ host }: { host: PatchPlanHost }) {
  return (
    <ul className="plan-packages" data-testid="plan-host-packages">
      {host.packages.map((pkg) => (
        <li key={pkg.name} className="mono">
          <span className="package-name">{pkg.name}</span> {pkg.from}
          <span className="version-arrow"> → </span>
          {pkg.version === null ? (
            <span title="At least this version; the simulation picks the exact one">≥ {pkg.atLeast}</span>
          ) : (
            <span className="version-fixed" title={`At least ${pkg.atLeast}, as the simulation chose`}>
              {pkg.version}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Reboots and restarts the upgrade left for someone to do, once it ran. */
function Afterwards({ host }: { host: PatchPlanHost }) {
  const notes = [];
  if (host.rebootRequired === true)
    notes.push(
      <Badge key="reboot" tone="warning">
        Reboot needed
      </Badge>,
    );
  if (host.servicesToRestart.length > 0)
    notes.push(
      <span key="services" className="cell-note">
        Restart {host.servicesToRestart.join(', ')}
      </span>,
    );
  if (notes.length === 0)
    return <span className="muted">{host.rebootRequired === false ? 'Nothing to restart' : '—'}</span>;
  return <span className="plan-afterwards">{notes}</span>;
}

function Findings({ host }: { host: PatchPlanHost }) {
  const total = host.findingIds.length;
  if (host.remainingFindings === null) return <span className="num">{total}</span>;
  return (
    <span
      className={host.remainingFindings > 0 ? 'num danger-text' : 'num'}
      data-testid="plan-host-remaining"
    >
      {host.remainingFindings} of {total} still open
    </span>
  );
}

const hasDetails = (host: PatchPlanHost) =>
  host.simulation !== null || (host.output !== null && host.output !== '') || host.error !== null;

/** The simulation's package changes and the package manager's output, folded away until wanted. */
function HostDetails({ host }: { host: PatchPlanHost }) {
  const failed = host.status === 'failed';
  return (
    <div className="plan-host-details">
      {host.error !== null && (
        <p className="danger-text" data-testid="plan-host-error">
          {host.error}
        </p>
      )}
      {host.simulation !== null && (
        <details className="plan-fold" data-testid="plan-simulation">
          <summary>
            Simulation:{' '}
            {host.simulation.changes.length === 1
              ? '1 package changes'
              : `${host.simulation.changes.length} packages change`}
          </summary>
          {host.simulation.changes.length > 0 && (
            <table className="table table-dense plan-changes">
              <TableHead columns={['Package', 'Change', 'From', 'To']} />
              <tbody>
                {host.simulation.changes.map((change) => (
                  <tr key={`${change.name}\u0000${change.action}`}>
                    <td className="mono">{change.name}</td>
                    <td>{change.action}</td>
                    <td className="mono">{change.from ?? '—'}</td>
                    <td className="mono">{change.to ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {host.simulation.output !== '' && (
            <pre className="code-block plan-output">{host.simulation.output}</pre>
          )}
        </details>
      )}
      {host.output !== null && host.output !== '' && (
        <details className="plan-fold" open={failed} data-testid="plan-output">
          <summary>{failed ? 'Output of the failed run' : 'Output of the run'}</summary>
          <pre className="code-block plan-output">{host.output}</pre>
        </details>
      )}
    </div>
  );
}

/** Each host of the plan: what it upgrades, how far it got, and what the upgrade said. */
export function PlanHostsTable({ hosts }: { hosts: PatchPlan['hosts'] }) {
  return (
    <div className="table-scroll">
      <table className="table plan-hosts" data-testid="plan-hosts">
        <TableHead columns={columns} />
        {hosts.map((host) => (
          // One body per host: its row and, under it, the folded details.
          <tbody key={host.agentId} data-testid="plan-host" className={`plan-host-${host.status}`}>
            <tr>
              <td>
                <a className="cell-link" href={href(hostPath(host.agentId))}>
                  {host.hostname ?? host.agentId}
                </a>
                {host.canary && (
                  <span className="plan-canary">
                    <Badge tone="info">Canary</Badge>
                  </span>
                )}
              </td>
              <td>
                <HostStatusBadge status={host.status} />
              </td>
              <td>
                <Packages host={host} />
              </td>
              <td>
                <Findings host={host} />
              </td>
              <td>
                <Afterwards host={host} />
              </td>
              <td className="nowrap">
                <Timestamp value={host.updatedAt} relative />
              </td>
            </tr>
            {hasDetails(host) && (
              <tr className="plan-host-extra">
                <td colSpan={columns.length}>
                  <HostDetails host={host} />
                </td>
              </tr>
            )}
          </tbody>
        ))}
      </table>
    </div>
  );
}
