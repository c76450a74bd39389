import type { Kysely } from 'kysely';
import type { AuditEntry, AuditQuery, AuditVerification } from '../../protocol/audit.ts';
import type { AuditRow, DB } from '../../store/schema.ts';
import { genesisHash } from '../../store/genesis-hash.ts';
import { chainHash, checkLink, type AuditRecord, type ChainCursor } from './chain.ts';

/**
 * Appends one record. The head row is updated first so that its lock (a row
 * lock on PostgreSQL, the write lock on SQLite) orders concurrent appends.
 */
export async function appendAudit(db: Kysely<DB>, record: AuditRecord): Promise<AuditEntry> {
  return db.transaction().execute(async (trx) => {
    const head = await trx
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    const seq = head.seq;
    const hash = chainHash(seq, head.hash, record);
    await trx
      .insertInto('audit_log')
      .values({
        seq,
        at: record.at,
        actor_id: record.actorId,
        actor: record.actor,
        action: record.action,
        method: record.method,
        path: record.path,
        target: record.target,
        source_ip: record.sourceIp,
        user_agent: record.userAgent,
        status: record.status,
        outcome: record.outcome,
        detail: record.detail,
        prev_hash: head.hash,
        hash,
      })
      .execute();
    await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
    return { ...record, seq, prevHash: head.hash, hash };
  });
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actor: row.actor,
    action: row.action,
    method: row.method,
    path: row.path,
    target: row.target,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    status: row.status,
    outcome: row.outcome as AuditEntry['outcome'],
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export async function listAudit(
  db: Kysely<DB>,
  query: AuditQuery,
): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(query.limit + 1);
  if (query.before !== undefined) q = q.where('seq', '<', query.before);
  if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
  if (query.outcome !== undefined) q = q.where('outcome', '=', query.outcome);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit).map(toAuditEntry);
  const last = page[page.length - 1];
  return { entries: page, nextBefore: rows.length > query.limit && last ? last.seq : null };
}

/** Every entry, oldest first, a page at a time so memory stays flat on large logs. */
export async function* streamAudit(db: Kysely<DB>, pageSize = 1000): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    for (const row of rows) yield toAuditEntry(row);
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || !last) return;
    after = last.seq;
  }
}

/** Walks the whole chain and compares its end with the head row, which catches truncation too. */
export async function verifyAudit(db: Kysely<DB>): Promise<AuditVerification> {
  let cursor: ChainCursor = { seq: 0, hash: genesisHash };
  let checked = 0;
  for await (const entry of streamAudit(db)) {
    const problem = checkLink(cursor, entry);
    if (problem) return result(false, checked, cursor, problem.seq, problem.reason);
    cursor = { seq: entry.seq, hash: entry.hash };
    checked += 1;
  }
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!head) return result(false, checked, cursor, null, 'the chain head row is missing');
  if (head.seq !== cursor.seq || head.hash !== cursor.hash) {
    return result(
      false,
      checked,
      cursor,
      cursor.seq + 1,
      `the log ends at ${cursor.seq} but the head says ${head.seq}: entries were removed from the end`,
    );
  }
  return result(true, checked, cursor, null, null);
}

function result(
  ok: boolean,
  checked: number,
  cursor: ChainCursor,
  firstBadSeq: number | null,
  reason: string | null,
): AuditVerification {
  return {
    ok,
    checked,
    headSeq: cursor.seq === 0 ? null : cursor.seq,
    headHash: cursor.seq === 0 ? null : cursor.hash,
    firstBadSeq,
    reason,
  };
}
