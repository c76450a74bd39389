import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import { updateAlert } from '../alerts/update-alert.ts';
import { appendSystemAudit } from '../audit/append-system-audit.ts';
import { driftRuleId } from './drift-finding.ts';

/**
 * A clean plan closes the host's open drift alert for the policy: the firewall is as applied
 * again (put back by hand, or re-applied). Resolving releases the alert's dedup key, so drift
 * found later opens a new alert rather than reviving this one. Returns how many were resolved.
 */
export async function resolveDrift(
  db: Kysely<DB>,
  policyName: string,
  agent: { id: string; hostname: string },
  now: Date,
): Promise<number> {
  const open = await db
    .selectFrom('alerts')
    .select('id')
    .where('rule_id', '=', driftRuleId(policyName))
    .where('agent_id', '=', agent.id)
    .where('status', 'in', ['new', 'acknowledged'])
    .execute();
  for (const { id } of open) {
    await updateAlert(db, id, { status: 'resolved' }, now);
    await appendSystemAudit(db, now, {
      action: 'firewall.drift.resolved',
      target: `alert ${id}`,
      detail: `the firewall of ${agent.hostname} is as policy ${policyName} again`,
    });
  }
  return open.length;
}
