import type { Finding } from '../../protocol/finding.ts';
import type { ScaCheck, ScaRuleOutcome } from '../../protocol/sca.ts';
import { hostFinding } from '../alerts/host-finding.ts';
import { decidingRules } from './deciding-rules.ts';

/** One rule id per policy and check, so the alert is kept per host, policy and check (the dedup key adds the host). */
export function regressionRuleId(policyId: string, checkId: number): string {
  return `vigil-sca:${policyId}:${checkId}`;
}

export interface RegressionSeen {
  policyId: string;
  policyName: string;
  hostname: string;
  runId: string;
  /** The check as the policy version that ran has it. */
  check: Pick<ScaCheck, 'id' | 'name' | 'description' | 'remediation' | 'mitre' | 'severity' | 'condition'>;
  rules: readonly ScaRuleOutcome[];
  /** When the run started, epoch ms. */
  at: number;
}

/**
 * A check that passed on the host's previous run of the policy and fails now: something on the
 * host changed for the worse (a setting undone, a package removed). Severity is the check's;
 * the evidence is what the failing rules found, and the message says how to fix it.
 */
export function regressionFinding(seen: RegressionSeen): Finding {
  const { check } = seen;
  return hostFinding({
    ruleId: regressionRuleId(seen.policyId, check.id),
    title: `Audit check now fails on ${seen.hostname}: ${check.name}`,
    severity: check.severity,
    attack: [...check.mitre.techniques, ...check.mitre.subtechniques],
    tags: ['vigil.audit_regression', `vigil.policy.${seen.policyId}`],
    hostname: seen.hostname,
    at: seen.at,
    message:
      `Check ${check.id} "${check.name}" of policy ${seen.policyName} passed on the host's previous audit and fails now.` +
      (check.description ? ` ${check.description}` : '') +
      (check.remediation ? ` How to fix: ${check.remediation}` : ''),
    evidence: decidingRules(check.condition, seen.rules)
      .map((rule) => `${rule.rule}\n  ${rule.evidence}`)
      .join('\n'),
    source: 'sca.run',
    code: 'audit.regression',
    service: 'audit',
    unmapped: {
      policy: seen.policyId,
      check_id: check.id,
      run_id: seen.runId,
      ...(check.remediation ? { remediation: check.remediation } : {}),
    },
  });
}
