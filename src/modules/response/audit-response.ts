import type { Kysely } from 'kysely';
import type { AuditOutcome } from '../../protocol/audit.ts';
import type { DB } from '../../store/schema.ts';
import { appendAudit } from '../audit/store.ts';

export interface ResponseAuditEntry {
  /** `policy:<name>`, or `system` for expiry. */
  actor: string;
  /** `response.block`, `response.spared`, `response.dry_run`, … */
  action: string;
  target: string;
  detail: string;
  outcome?: AuditOutcome;
}

/** What Vigil does on its own goes into the same audit chain as what people do. */
export async function auditResponse(db: Kysely<DB>, at: Date, entry: ResponseAuditEntry): Promise<void> {
  await appendAudit(db, {
    at: at.toISOString(),
    actorId: null,
    actor: entry.actor,
    action: entry.action,
    method: 'RESPONSE',
    path: entry.action.replace('.', ' '),
    target: entry.target.slice(0, 256),
    sourceIp: null,
    userAgent: null,
    status: 0,
    outcome: entry.outcome ?? 'success',
    detail: entry.detail.slice(0, 1024),
  });
}
