import type { Kysely } from 'kysely';
import type { AuditWaiver, WaiverQuery } from '../../protocol/audits-api.ts';
import type { DB } from '../../store/schema.ts';
import { policyVersion } from './policy-version.ts';
import { isActive, toWaiver } from './to-waiver.ts';

/** Waivers, newest first, with the names of the checks they cover. */
export async function listWaivers(
  db: Kysely<DB>,
  query: Partial<WaiverQuery>,
  now: Date,
): Promise<AuditWaiver[]> {
  const rows = await db
    .selectFrom('sca_waivers')
    .selectAll()
    .$if(query.policyId !== undefined, (q) => q.where('policy_id', '=', query.policyId ?? ''))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const current = new Map(
    (await db.selectFrom('sca_policies').select(['id', 'sha256']).execute()).map((p) => [p.id, p.sha256]),
  );
  const waivers: AuditWaiver[] = [];
  for (const row of rows) {
    if (query.status === 'active' && !isActive(row, now)) continue;
    const sha256 = current.get(row.policy_id);
    const policy = sha256 === undefined ? undefined : await policyVersion(db, sha256);
    const name = policy?.checks.find((check) => check.id === row.check_id)?.name ?? null;
    waivers.push(toWaiver(row, now, name));
  }
  return waivers;
}
