import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { appendAudit } from '../audit/store.ts';

export interface SystemAudit {
  /** `audits.policies.builtin`, … */
  action: string;
  target: string;
  detail: string;
}

/** What Vigil changes in the audit standards on its own goes into the same audit chain as what people do. */
export async function auditSystem(db: Kysely<DB>, at: Date, entry: SystemAudit): Promise<void> {
  await appendAudit(db, {
    at: at.toISOString(),
    actorId: null,
    actor: 'system',
    action: entry.action,
    method: 'SYSTEM',
    path: entry.action.replaceAll('.', ' '),
    target: entry.target.slice(0, 256),
    sourceIp: null,
    userAgent: null,
    status: 0,
    outcome: 'success',
    detail: entry.detail.slice(0, 1024),
  });
}
