import type { HostDrift } from '../../protocol/firewall-policies-api.ts';
import type { PolicyTaskState } from './latest-policy-tasks.ts';
import { readPlan } from './read-plan.ts';

/** What the host's latest finished plan says of the policy's current revision; else `unknown`. */
export function hostDrift(finishedPlan: PolicyTaskState | undefined, revision: string): HostDrift {
  if (finishedPlan?.status !== 'succeeded' || finishedPlan.revision !== revision) return 'unknown';
  const plan = readPlan(finishedPlan.output);
  if (!plan) return 'unknown';
  return plan.changed ? 'drifted' : 'in_sync';
}
