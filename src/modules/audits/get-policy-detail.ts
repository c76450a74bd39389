import type { Kysely } from 'kysely';
import type { AuditPolicyDetail } from '../../protocol/audits-api.ts';
import type { DB } from '../../store/schema.ts';
import { requirePolicy } from './find-policy.ts';
import { policyGroups, toPolicySummary } from './policy-summary.ts';
import { policyVersion } from './policy-version.ts';
import { parseAuditPolicy } from './parse-audit-policy.ts';

/** A policy with its YAML and its checks; 404 when there is none. */
export async function getPolicyDetail(db: Kysely<DB>, id: string): Promise<AuditPolicyDetail> {
  const row = await requirePolicy(db, id);
  const groups = await policyGroups(db, [id]);
  const policy = (await policyVersion(db, row.sha256)) ?? parseAuditPolicy(row.source);
  return {
    ...toPolicySummary(row, groups.get(id) ?? []),
    source: row.source,
    checkList: policy.checks.map((check) => ({
      id: check.id,
      name: check.name,
      severity: check.severity,
      compliance: check.compliance,
    })),
  };
}
