import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema.ts';
import type { ReportWaiver } from '../sca/report-html.ts';
import type { ActiveWaiver } from './active-waivers.ts';
import { describeWaiverScope } from './waiver-scope.ts';

/** Waivers as the reports list them, with the hosts a scope names by their hostnames. */
export async function reportWaivers(
  db: Kysely<DB>,
  waivers: readonly ActiveWaiver[],
): Promise<ReportWaiver[]> {
  const named = [
    ...new Set(
      waivers.flatMap(({ scope }) => (typeof scope === 'object' && 'agents' in scope ? scope.agents : [])),
    ),
  ];
  const hostnames = new Map(
    named.length === 0
      ? []
      : (await db.selectFrom('agents').select(['id', 'hostname']).where('id', 'in', named).execute()).map(
          (row) => [row.id, row.hostname] as const,
        ),
  );
  return waivers.map(({ row, scope }) => ({
    policyId: row.policy_id,
    checkId: row.check_id,
    scope: describeWaiverScope(scope, hostnames),
    justification: `${row.justification} (granted by ${row.created_by} on ${row.created_at.slice(0, 10)})`,
    owner: row.owner,
    expiresAt: row.expires_at === null ? null : row.expires_at.replace('T', ' ').slice(0, 16) + ' UTC',
  }));
}
