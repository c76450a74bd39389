import { createHash } from 'node:crypto';
import type { FirewallPolicy } from '../../protocol/firewall-policy.ts';
import { canonicalJson } from '../../protocol/tasks.ts';

/** The revision of a task that removes the policy from a host. */
export const noPolicy = 'none';

/**
 * Names what a policy puts on a host: its rules, not its description or groups, so editing those
 * does not make hosts look unapplied. Drift is only raised against the revision a host applied.
 */
export function policyRevision(policy: FirewallPolicy | null): string {
  if (policy === null) return noPolicy;
  const rules = canonicalJson({ name: policy.name, inbound: policy.inbound, outbound: policy.outbound });
  return createHash('sha256').update(rules).digest('hex').slice(0, 16);
}
