import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Agent, Heartbeat } from '../../protocol/agents.ts';
import type { AgentRow, DB } from '../../store/schema.ts';

export function agentStatus(row: AgentRow, now: Date, offlineAfterMs: number): Agent['status'] {
  if (row.revoked_at !== null) return 'revoked';
  if (row.last_seen_at === null) return 'offline';
  return now.getTime() - Date.parse(row.last_seen_at) <= offlineAfterMs ? 'online' : 'offline';
}

export function toAgent(row: AgentRow, now: Date, offlineAfterMs: number): Agent {
  return {
    id: row.id,
    hostname: row.hostname,
    os: row.os,
    version: row.version,
    group: row.group_name,
    status: agentStatus(row, now, offlineAfterMs),
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
    address: row.address,
    spoolPending: row.spool_pending,
    spoolDropped: row.spool_dropped,
    revokedAt: row.revoked_at,
  };
}

export async function insertAgent(db: Kysely<DB>, row: Omit<AgentRow, 'offline_since'>): Promise<void> {
  const inserted = await db
    .insertInto('agents')
    .values({ ...row, offline_since: null })
    .onConflict((oc) => oc.column('public_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new AppError(
      'conflict',
      'this public key is already enrolled; make a new key pair to enroll again',
    );
  }
}

export function findAgent(db: Kysely<DB>, id: string): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listAgentRows(db: Kysely<DB>, group?: string): Promise<AgentRow[]> {
  let q = db.selectFrom('agents').selectAll().orderBy('hostname');
  if (group !== undefined) q = q.where('group_name', '=', group);
  return q.execute();
}

export async function revokeAgent(db: Kysely<DB>, id: string, now: Date): Promise<AgentRow> {
  const row = await findAgent(db, id);
  if (!row) throw new AppError('not_found', `no agent with id ${id}`);
  const revokedAt = row.revoked_at ?? now.toISOString();
  await db.updateTable('agents').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
  return { ...row, revoked_at: revokedAt };
}

export async function recordHeartbeat(
  db: Kysely<DB>,
  id: string,
  heartbeat: Heartbeat,
  address: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('agents')
    .set({
      last_seen_at: now.toISOString(),
      version: heartbeat.version,
      hostname: heartbeat.hostname,
      address,
      spool_pending: heartbeat.spool.pendingEvents,
      spool_dropped: heartbeat.spool.dropped,
    })
    .where('id', '=', id)
    .execute();
}

/** Any signed request proves the agent is alive. */
export async function touchAgent(
  db: Kysely<DB>,
  id: string,
  address: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('agents')
    .set({ last_seen_at: now.toISOString(), address })
    .where('id', '=', id)
    .execute();
}

/** False when the nonce was used before: the request is a replay. */
export async function claimNonce(
  db: Kysely<DB>,
  agentId: string,
  nonce: string,
  expiresAt: Date,
): Promise<boolean> {
  const result = await db
    .insertInto('agent_nonces')
    .values({ agent_id: agentId, nonce, expires_at: expiresAt.toISOString() })
    .onConflict((oc) => oc.columns(['agent_id', 'nonce']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function purgeNonces(db: Kysely<DB>, now: Date): Promise<void> {
  await db.deleteFrom('agent_nonces').where('expires_at', '<', now.toISOString()).execute();
}
