import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { DB } from '../../store/schema.ts';
import { requirePolicy } from './find-policy.ts';

/**
 * Approves a policy's current version for agents to run; 404 when there is none, 409 when
 * `sha256` (the version the approver read) is no longer the current one. False when it already was.
 */
export async function approvePolicy(
  db: Kysely<DB>,
  id: string,
  approver: string,
  sha256: string | undefined,
  now: Date,
): Promise<boolean> {
  const row = await requirePolicy(db, id);
  if (sha256 !== undefined && sha256 !== row.sha256)
    throw new AppError(
      'conflict',
      `${id} was replaced since that version; read the new one before approving it`,
    );
  if (row.approved_at !== null) return false;
  // Conditional on the version read above: a replacement uploaded meanwhile stays unapproved.
  const updated = await db
    .updateTable('sca_policies')
    .set({ approved_by: approver, approved_at: now.toISOString() })
    .where('id', '=', id)
    .where('sha256', '=', row.sha256)
    .where('approved_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0)
    throw new AppError('conflict', `${id} was replaced meanwhile; read the new version before approving it`);
  return true;
}
