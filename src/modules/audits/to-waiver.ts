import type { AuditWaiver } from '../../protocol/audits-api.ts';
import type { ScaWaiverRow } from '../../store/schema.ts';
import { parseWaiverScope } from './waiver-scope.ts';

/** Expired waivers stay listed, inactive, as the record of what was excepted and until when. */
export function toWaiver(row: ScaWaiverRow, now: Date, checkName: string | null): AuditWaiver {
  return {
    id: row.id,
    policyId: row.policy_id,
    checkId: row.check_id,
    checkName,
    scope: parseWaiverScope(row.scope),
    justification: row.justification,
    owner: row.owner,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    active: isActive(row, now),
  };
}

export function isActive(row: Pick<ScaWaiverRow, 'expires_at'>, now: Date): boolean {
  return row.expires_at === null || Date.parse(row.expires_at) > now.getTime();
}
