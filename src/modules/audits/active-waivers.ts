import type { Kysely } from 'kysely';
import type { WaiverScope } from '../../protocol/audits-api.ts';
import type { DB, ScaWaiverRow } from '../../store/schema.ts';
import { parseWaiverScope, waiverCovers, type WaivedHost } from './waiver-scope.ts';

export interface ActiveWaiver {
  row: ScaWaiverRow;
  scope: WaiverScope;
}

/** Unexpired waivers, optionally of one policy; expired ones stop applying the moment they expire. */
export async function activeWaivers(db: Kysely<DB>, now: Date, policyId?: string): Promise<ActiveWaiver[]> {
  const rows = await db
    .selectFrom('sca_waivers')
    .selectAll()
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]))
    .$if(policyId !== undefined, (q) => q.where('policy_id', '=', policyId ?? ''))
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({ row, scope: parseWaiverScope(row.scope) }));
}

/** The waivers covering a host's checks of a policy, by check id. */
export function waiversFor(
  waivers: readonly ActiveWaiver[],
  host: WaivedHost,
  policyId: string,
): Map<number, ActiveWaiver[]> {
  const byCheck = new Map<number, ActiveWaiver[]>();
  for (const waiver of waivers) {
    if (waiver.row.policy_id !== policyId || !waiverCovers(waiver.scope, host)) continue;
    byCheck.set(waiver.row.check_id, [...(byCheck.get(waiver.row.check_id) ?? []), waiver]);
  }
  return byCheck;
}
