import type { FirewallPolicyHost } from '../../../../../src/protocol/firewall-policies-api.ts';
import { href } from '../../../app/router.ts';
import { TableHead } from '../../../components/TableHead.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { hostPath } from '../../hosts/hostPaths.ts';
import { ApplyOutcome, DriftBadge } from './badges.tsx';
import { taskFinished } from './policyTasks.ts';

const columns = ['Host', 'Group', 'Drift', 'Last plan', 'Last apply'];

function LastPlanCell({ plan }: { plan: FirewallPolicyHost['lastPlan'] }) {
  if (plan === null) return <span className="muted">Never</span>;
  if (!taskFinished(plan.status)) return <span className="muted">Planning…</span>;
  return <Timestamp value={plan.finishedAt} relative />;
}

/** When the last apply finished and, when it failed, the first line of what the host said. */
function LastApplySub({ apply }: { apply: FirewallPolicyHost['lastApply'] }) {
  if (apply === null || !taskFinished(apply.status)) return null;
  const said = apply.status === 'succeeded' ? '' : (apply.output ?? '').trim().split('\n')[0];
  return (
    <span className="cell-sub">
      <Timestamp value={apply.finishedAt} relative />
      {said !== undefined && said !== '' && (
        <span className="apply-said" title={apply.output ?? undefined}>
          {said}
        </span>
      )}
    </span>
  );
}

/** The hosts in the policy's groups, with how each compares to it and how its last apply went. */
export function PolicyHostsTable({ hosts }: { hosts: readonly FirewallPolicyHost[] }) {
  return (
    <div className="table-scroll">
      <table className="table" data-testid="policy-hosts">
        <TableHead columns={columns} />
        <tbody>
          {hosts.map((host) => (
            <tr key={host.agentId} data-testid="policy-host-row">
              <td>
                <a className="cell-link" href={href(hostPath(host.agentId))}>
                  {host.hostname}
                </a>
              </td>
              <td>
                <span className="chip">{host.group}</span>
              </td>
              <td>
                <DriftBadge state={host.drift} />
              </td>
              <td className="nowrap">
                <LastPlanCell plan={host.lastPlan} />
              </td>
              <td>
                <ApplyOutcome apply={host.lastApply} />
                <LastApplySub apply={host.lastApply} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
