import type { Kysely, Updateable } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { UpdateAlertRequest } from '../../protocol/alerts.ts';
import type { AlertRow, AlertsTable, DB } from '../../store/schema.ts';
import { findUserByUsername } from '../users/store.ts';
import { findAlertRow } from './get-alert-detail.ts';

const closed = new Set(['resolved', 'false_positive']);

export interface AlertChange {
  before: AlertRow;
  after: AlertRow;
}

/**
 * Sets status and assignee. Closing an alert also releases its dedup key, so
 * the next repeat opens a new alert; reopening does not take it back (the
 * key may be another alert's by then).
 */
export async function updateAlert(
  db: Kysely<DB>,
  id: string,
  changes: UpdateAlertRequest,
  now: Date,
): Promise<AlertChange> {
  const { status, assignee } = changes;
  if (assignee) {
    const user = await findUserByUsername(db, assignee);
    if (user === undefined || user.disabled === 1) {
      throw new AppError('validation_failed', `assignee: no active user named "${assignee}"`, {
        issues: [{ path: 'assignee', message: `no active user named "${assignee}"` }],
      });
    }
  }
  return db.transaction().execute(async (trx) => {
    const before = await findAlertRow(trx, id);
    const set: Updateable<AlertsTable> = { updated_at: now.toISOString() };
    if (status !== undefined) set.status = status;
    if (status !== undefined && closed.has(status)) set.dedup_key = null;
    if (assignee !== undefined) set.assignee = assignee;
    const after = await trx
      .updateTable('alerts')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { before, after };
  });
}

/** For the audit log: what changed, e.g. `status: new → acknowledged; assignee: none → alice`. */
export function describeChange({ before, after }: AlertChange): string {
  const parts: string[] = [];
  if (before.status !== after.status) parts.push(`status: ${before.status} → ${after.status}`);
  if (before.assignee !== after.assignee) {
    parts.push(`assignee: ${before.assignee ?? 'none'} → ${after.assignee ?? 'none'}`);
  }
  return parts.join('; ') || 'no change';
}
