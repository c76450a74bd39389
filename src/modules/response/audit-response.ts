import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { appendSystemAudit, type SystemAuditEntry } from '../audit/append-system-audit.ts';

export type ResponseAuditEntry = Omit<SystemAuditEntry, 'method'> & {
  /** `policy:<name>`, or `system` for expiry. */
  actor: string;
};

/** Active response's own entries: method `RESPONSE`, the acting policy as the actor. */
export function auditResponse(db: Kysely<DB>, at: Date, entry: ResponseAuditEntry): Promise<void> {
  return appendSystemAudit(db, at, { ...entry, method: 'RESPONSE' });
}
