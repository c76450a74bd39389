import type { Kysely } from 'kysely';
import type { PatchPlanSummary } from '../../protocol/patch-api.ts';
import type { DB } from '../../store/schema.ts';
import type { PatchPlanHostsTable } from '../../store/schema-patches.ts';
import { toPlanSummary } from './to-patch-plan.ts';

/** Every plan, newest first, with counts of its hosts, packages and findings. */
export async function listPlans(db: Kysely<DB>): Promise<PatchPlanSummary[]> {
  const plans = await db
    .selectFrom('patch_plans')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const byPlan = new Map<string, PatchPlanHostsTable[]>();
  for (const host of await db.selectFrom('patch_plan_hosts').selectAll().orderBy('position').execute()) {
    byPlan.set(host.plan_id, [...(byPlan.get(host.plan_id) ?? []), host]);
  }
  return plans.map((plan) => toPlanSummary(plan, byPlan.get(plan.id) ?? []));
}
