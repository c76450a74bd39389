import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { DB } from '../../store/schema.ts';
import type { PatchPlanHostsTable, PatchPlansTable } from '../../store/schema-patches.ts';

export interface StoredPlan {
  plan: PatchPlansTable;
  hosts: PatchPlanHostsTable[];
}

/** A plan with its hosts in rollout order; 404 when there is none. */
export async function requirePlan(db: Kysely<DB>, id: string): Promise<StoredPlan> {
  const plan = await db.selectFrom('patch_plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!plan) throw new AppError('not_found', `no patch plan ${id}`);
  const hosts = await db
    .selectFrom('patch_plan_hosts')
    .selectAll()
    .where('plan_id', '=', id)
    .orderBy('position')
    .execute();
  return { plan, hosts };
}
