import type { Kysely } from 'kysely';
import type { AuditOutcome } from '../../protocol/audit.ts';
import type { DB } from '../../store/schema.ts';
import type { PatchPlanHostsTable, PatchPlansTable } from '../../store/schema-patches.ts';
import { appendSystemAudit } from '../audit/append-system-audit.ts';

/** What the rollout does on its own, per plan and host, in the audit chain: `patches.host.applied`, … */
export function auditPlanStep(
  db: Kysely<DB>,
  now: Date,
  plan: Pick<PatchPlansTable, 'id' | 'name'>,
  host: Pick<PatchPlanHostsTable, 'agent_id' | 'hostname'> | null,
  action: string,
  detail: string,
  outcome: AuditOutcome = 'success',
): Promise<void> {
  const target = host
    ? `plan ${plan.name} (${plan.id}) host ${host.hostname ?? '?'} (${host.agent_id})`
    : `plan ${plan.name} (${plan.id})`;
  return appendSystemAudit(db, now, { action, target, detail, outcome });
}
