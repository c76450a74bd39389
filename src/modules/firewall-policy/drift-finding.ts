import type { FirewallPlan } from '../../protocol/firewall-policy.ts';
import type { Finding } from '../../protocol/finding.ts';
import { hostFinding } from '../alerts/host-finding.ts';

/**
 * One rule id per policy, so a host's drift alert is kept per host and policy: repeats of the
 * periodic check merge into it, and a suppression or response policy can name one policy's.
 */
export function driftRuleId(policyName: string): string {
  return `vigil-firewall-drift:${policyName}`;
}

export interface DriftSeen {
  policyName: string;
  hostname: string;
  taskId: string;
  plan: FirewallPlan;
  /** When the host's plan finished, epoch ms. */
  at: number;
}

/**
 * A plan that found the host's firewall no longer as the policy it applied: a medium finding,
 * ATT&CK T1562.004 (someone, or something, changed the firewall), with the diff as its evidence.
 */
export function driftFinding(seen: DriftSeen): Finding {
  return hostFinding({
    ruleId: driftRuleId(seen.policyName),
    title: `Firewall drift on ${seen.hostname}`,
    severity: 'medium',
    attack: ['T1562.004', 'defense-evasion'],
    tags: ['attack.defense-evasion', 'attack.t1562.004', 'vigil.firewall_drift'],
    hostname: seen.hostname,
    at: seen.at,
    message: `the firewall of ${seen.hostname} differs from policy ${seen.policyName} as applied`,
    evidence: seen.plan.diff,
    source: 'firewall.policy.plan',
    code: 'firewall.drift',
    service: 'firewall-policy',
    unmapped: { policy: seen.policyName, task_id: seen.taskId },
  });
}
