import type { Deps } from '../deps.ts';
import { auditResponse } from './audit-response.ts';

/**
 * Marks blocks past their end lifted, as of their end, and audits each. The hosts have dropped
 * them already through their own element timeouts, so nothing is sent; a block that ended while
 * the server was down is marked at the next sweep. Conditional, so with several server
 * processes each block is marked and audited once.
 */
export async function sweepExpiredBlocks(deps: Deps, now: Date): Promise<number> {
  const { db } = deps.database;
  const due = await db
    .selectFrom('blocks')
    .select(['id', 'expires_at'])
    .where('lifted_at', 'is', null)
    .where('expires_at', '<=', now.toISOString())
    .execute();
  let swept = 0;
  for (const { id, expires_at: expiresAt } of due) {
    const row = await db
      .updateTable('blocks')
      .set({ lifted_at: expiresAt, lifted_by: 'expiry', lift_reason: 'expired' })
      .where('id', '=', id)
      .where('lifted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) continue;
    swept += 1;
    await auditResponse(db, now, {
      actor: 'system',
      action: 'response.expire',
      target: `${row.address} (block ${row.id})`,
      detail: `ended ${row.expires_at ?? ''}; created by ${row.created_by}: ${row.reason}`,
    });
  }
  return swept;
}
