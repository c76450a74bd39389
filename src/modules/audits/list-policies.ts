import type { Kysely } from 'kysely';
import type { AuditPolicySummary } from '../../protocol/audits-api.ts';
import type { DB } from '../../store/schema.ts';
import { policyGroups, toPolicySummary } from './policy-summary.ts';

/** Every stored policy by id, with its groups. */
export async function listPolicies(db: Kysely<DB>): Promise<AuditPolicySummary[]> {
  const rows = await db.selectFrom('sca_policies').selectAll().orderBy('id').execute();
  const groups = await policyGroups(db);
  return rows.map((row) => toPolicySummary(row, groups.get(row.id) ?? []));
}
