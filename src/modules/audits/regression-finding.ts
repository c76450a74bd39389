import type { Finding } from '../../protocol/finding.ts';
import type { ScaCheck, ScaRuleOutcome } from '../../protocol/sca.ts';
import { ocsfClasses } from '../../protocol/security-event.ts';
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
  const { base } = ocsfClasses;
  const { check } = seen;
  const attack = [...check.mitre.techniques, ...check.mitre.subtechniques];
  return {
    rule: {
      id: regressionRuleId(seen.policyId, check.id),
      title: `Audit check now fails on ${seen.hostname}: ${check.name}`,
      severity: check.severity,
      attack,
      tags: ['vigil.audit_regression', `vigil.policy.${seen.policyId}`],
      type: 'detection',
    },
    entities: { host: seen.hostname },
    firstSeen: seen.at,
    lastSeen: seen.at,
    count: 1,
    evidence: [
      {
        class_uid: base.uid,
        class_name: base.name,
        category_uid: base.category,
        activity_id: 0,
        type_uid: base.uid * 100,
        time: seen.at,
        message:
          `Check ${check.id} "${check.name}" of policy ${seen.policyName} passed on the host's previous audit and fails now.` +
          (check.description ? ` ${check.description}` : '') +
          (check.remediation ? ` How to fix: ${check.remediation}` : ''),
        raw_data: decidingRules(check.condition, seen.rules)
          .map((rule) => `${rule.rule}\n  ${rule.evidence}`)
          .join('\n'),
        metadata: { product: { name: 'vigil' }, log_name: 'sca.run', event_code: 'audit.regression' },
        logsource: { product: 'vigil', service: 'audit' },
        device: { hostname: seen.hostname },
        unmapped: {
          policy: seen.policyId,
          check_id: check.id,
          run_id: seen.runId,
          ...(check.remediation ? { remediation: check.remediation } : {}),
        },
      },
    ],
  };
}
