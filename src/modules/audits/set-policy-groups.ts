import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { requirePolicy } from './find-policy.ts';

/** Replaces the host groups a policy is assigned to; 404 when there is no such policy. */
export async function setPolicyGroups(db: Kysely<DB>, id: string, groups: readonly string[]): Promise<void> {
  await requirePolicy(db, id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sca_policy_groups').where('policy_id', '=', id).execute();
    const unique = [...new Set(groups)].sort();
    if (unique.length > 0)
      await trx
        .insertInto('sca_policy_groups')
        .values(unique.map((group) => ({ policy_id: id, group_name: group })))
        .execute();
  });
}
