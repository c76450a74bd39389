import type { Kysely } from 'kysely';
import type { ScaPolicy } from '../../protocol/sca.ts';
import type { DB, ScaPolicyRow } from '../../store/schema.ts';
import { policyHasCommands } from './policy-has-commands.ts';

export interface PolicyToStore {
  policy: ScaPolicy;
  source: string;
  origin: 'builtin' | 'uploaded';
  uploadedBy: string | null;
  /** Who approved it; null leaves it unapproved, so agents are not sent it. */
  approvedBy: string | null;
  /** When, if not now (an approval kept from before). */
  approvedAt?: string | null | undefined;
}

/**
 * Creates or replaces a policy's current version and keeps the version itself, so runs of any
 * version can be shown against their own text. Call inside a transaction. Returns the row.
 */
export async function storePolicy(db: Kysely<DB>, input: PolicyToStore, now: Date): Promise<ScaPolicyRow> {
  const at = now.toISOString();
  const { policy } = input;
  const existing = await db
    .selectFrom('sca_policies')
    .select('created_at')
    .where('id', '=', policy.id)
    .executeTakeFirst();
  const row: ScaPolicyRow = {
    id: policy.id,
    name: policy.name,
    description: policy.description,
    format: policy.format,
    check_count: policy.checks.length,
    has_commands: policyHasCommands(policy) ? 1 : 0,
    sha256: policy.sha256,
    source: input.source,
    origin: input.origin,
    uploaded_by: input.uploadedBy,
    approved_by: input.approvedBy,
    approved_at: input.approvedBy === null ? null : (input.approvedAt ?? at),
    created_at: existing?.created_at ?? at,
    updated_at: at,
  };
  if (existing) {
    const { id: _id, created_at: _created, ...changes } = row;
    await db.updateTable('sca_policies').set(changes).where('id', '=', policy.id).execute();
  } else await db.insertInto('sca_policies').values(row).execute();
  await db
    .insertInto('sca_policy_versions')
    .values({ sha256: policy.sha256, policy_id: policy.id, policy: JSON.stringify(policy), created_at: at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  return row;
}
