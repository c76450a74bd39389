import { severities, type Finding } from '../../protocol/finding.ts';
import type { ResponsePolicy } from '../../protocol/response-config.ts';

/** Whether the alert a finding made meets every criterion the policy names; `group` is the attacked host's. */
export function policyMatches(policy: ResponsePolicy, finding: Finding, group: string | null): boolean {
  const { rules, tags, minSeverity, groups } = policy.match;
  if (rules && !rules.includes(finding.rule.id)) return false;
  if (tags) {
    const wanted = new Set(tags.map((tag) => tag.toLowerCase()));
    if (!finding.rule.tags.some((tag) => wanted.has(tag.toLowerCase()))) return false;
  }
  if (minSeverity && severities.indexOf(finding.rule.severity) < severities.indexOf(minSeverity))
    return false;
  return !groups || (group !== null && groups.includes(group));
}
