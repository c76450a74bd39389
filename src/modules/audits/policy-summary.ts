import type { Kysely } from 'kysely';
import type { AuditPolicySummary } from '../../protocol/audits-api.ts';
import type { DB, ScaPolicyRow } from '../../store/schema.ts';

/** The groups each policy is assigned to, by policy id, sorted. */
export async function policyGroups(db: Kysely<DB>, ids?: readonly string[]): Promise<Map<string, string[]>> {
  if (ids?.length === 0) return new Map();
  let query = db.selectFrom('sca_policy_groups').select(['policy_id', 'group_name']).orderBy('group_name');
  if (ids) query = query.where('policy_id', 'in', [...ids]);
  const groups = new Map<string, string[]>();
  for (const row of await query.execute())
    groups.set(row.policy_id, [...(groups.get(row.policy_id) ?? []), row.group_name]);
  return groups;
}

export function toPolicySummary(row: ScaPolicyRow, groups: readonly string[]): AuditPolicySummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    format: row.format === '4.x' ? '4.x' : '5.x',
    checks: row.check_count,
    origin: row.origin === 'builtin' ? 'builtin' : 'uploaded',
    approved: row.approved_at !== null,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    hasCommands: row.has_commands === 1,
    groups: [...groups],
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
