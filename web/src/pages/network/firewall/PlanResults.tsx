import type { FirewallPolicyHost } from '../../../../../src/protocol/firewall-policies-api.ts';
import { Badge } from '../../../components/Badge.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { PlanDiff } from './PlanDiff.tsx';
import { taskFinished } from './policyTasks.ts';

type LastPlan = NonNullable<FirewallPolicyHost['lastPlan']>;

/** Why a finished plan has no diff to show; undefined when it has one. */
function planProblem(plan: LastPlan): string | undefined {
  if (plan.status === 'succeeded')
    return plan.plan === null
      ? 'The host’s answer is not a plan: is its agent older than the server?'
      : undefined;
  if (plan.error !== null && plan.error.trim() !== '') return plan.error;
  return plan.status === 'timed_out' ? 'The host did not answer in time.' : 'The plan failed.';
}

function PlanBody({ hostname, plan }: { hostname: string; plan: LastPlan }) {
  if (!taskFinished(plan.status)) return <p className="plan-note">Waiting for the host to plan…</p>;
  const problem = planProblem(plan);
  if (problem !== undefined || plan.plan === null)
    return (
      <div className="alert alert-error" data-testid="plan-error">
        <Icon name="warning" />
        <p className="plan-error-text">{problem}</p>
      </div>
    );
  if (!plan.plan.changed)
    return (
      <p className="plan-note" data-testid="plan-unchanged">
        No changes: the host’s firewall already matches the policy.
      </p>
    );
  return <PlanDiff diff={plan.plan.diff} label={`Planned changes on ${hostname}`} />;
}

function planBadge(plan: LastPlan) {
  if (!taskFinished(plan.status)) return <Badge tone="info">Planning</Badge>;
  if (plan.plan === null || planProblem(plan) !== undefined)
    return <Badge tone="danger">{plan.status === 'timed_out' ? 'Timed out' : 'Failed'}</Badge>;
  return plan.plan.changed ? <Badge tone="warning">Changes</Badge> : <Badge tone="success">No changes</Badge>;
}

/** Each host's last plan: the unified diff from its live rules to the policy's, or why there is none. */
export function PlanResults({ hosts }: { hosts: readonly FirewallPolicyHost[] }) {
  const planned = hosts.filter((host) => host.lastPlan !== null);
  if (planned.length === 0)
    return (
      <p className="section-empty">
        No host has planned this policy yet. Plan asks each host what applying it would change.
      </p>
    );
  return (
    <ul className="plan-list">
      {planned.map((host) => {
        const plan = host.lastPlan as LastPlan;
        return (
          <li key={host.agentId} data-testid="host-plan">
            <div className="plan-head">
              <h3 className="plan-host">{host.hostname}</h3>
              {planBadge(plan)}
              <span className="muted">
                <Timestamp value={plan.finishedAt} relative fallback="" />
              </span>
            </div>
            {plan.status === 'succeeded' && plan.plan !== null && host.drift === 'unknown' && (
              // Drift counts only plans of the policy as it is now, so a readable plan without drift is of an older version.
              <p className="plan-note plan-stale" data-testid="plan-stale">
                Planned before the policy last changed: plan again to compare the host with this version.
              </p>
            )}
            <PlanBody hostname={host.hostname} plan={plan} />
          </li>
        );
      })}
    </ul>
  );
}
