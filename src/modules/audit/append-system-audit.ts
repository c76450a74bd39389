import type { Kysely } from 'kysely';
import type { AuditOutcome } from '../../protocol/audit.ts';
import type { DB } from '../../store/schema.ts';
import { appendAudit } from './store.ts';

export interface SystemAuditEntry {
  /** `system`, or `policy:<name>` for what a response policy did. */
  actor?: string;
  /** `SYSTEM`, or `RESPONSE` for active response. */
  method?: string;
  /** `response.block`, `firewall.drift.resolved`, `audits.policies.builtin`, … */
  action: string;
  target: string;
  detail: string;
  outcome?: AuditOutcome;
}

/** What Vigil does on its own goes into the same audit chain as what people do. */
export async function appendSystemAudit(db: Kysely<DB>, at: Date, entry: SystemAuditEntry): Promise<void> {
  await appendAudit(db, {
    at: at.toISOString(),
    actorId: null,
    actor: entry.actor ?? 'system',
    action: entry.action,
    method: entry.method ?? 'SYSTEM',
    path: entry.action.replaceAll('.', ' '),
    target: entry.target.slice(0, 256),
    sourceIp: null,
    userAgent: null,
    status: 0,
    outcome: entry.outcome ?? 'success',
    detail: entry.detail.slice(0, 1024),
  });
}
