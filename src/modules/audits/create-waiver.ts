import { AppError } from '../../platform/errors.ts';
import type { AuditWaiver, CreateWaiverRequest } from '../../protocol/audits-api.ts';
import type { ScaWaiverRow } from '../../store/schema.ts';
import type { Deps } from '../deps.ts';
import { requirePolicy } from './find-policy.ts';
import { policyVersion } from './policy-version.ts';
import { toWaiver } from './to-waiver.ts';

/**
 * Grants a waiver: the check stops counting for the hosts in its scope (scores, reports, alerts)
 * until it expires. The policy must exist and have the check; an expiry must be in the future.
 */
export async function createWaiver(
  deps: Deps,
  request: CreateWaiverRequest,
  createdBy: string,
  now: Date,
): Promise<AuditWaiver> {
  const { db } = deps.database;
  const row = await requirePolicy(db, request.policyId);
  const policy = await policyVersion(db, row.sha256);
  const check = policy?.checks.find((candidate) => candidate.id === request.checkId);
  if (!check)
    throw new AppError('validation_failed', `policy ${request.policyId} has no check ${request.checkId}`, {
      issues: [{ path: 'checkId', message: `policy ${request.policyId} has no check ${request.checkId}` }],
    });
  const expiresAt = request.expiresAt === null ? null : new Date(request.expiresAt);
  if (expiresAt && expiresAt.getTime() <= now.getTime())
    throw new AppError('validation_failed', 'expiresAt is in the past', {
      issues: [{ path: 'expiresAt', message: 'must be in the future' }],
    });
  const waiver: ScaWaiverRow = {
    id: deps.random.uuid(),
    policy_id: request.policyId,
    check_id: request.checkId,
    scope: JSON.stringify(request.scope),
    justification: request.justification,
    owner: request.owner,
    created_by: createdBy,
    created_at: now.toISOString(),
    expires_at: expiresAt?.toISOString() ?? null,
  };
  await db.insertInto('sca_waivers').values(waiver).execute();
  return toWaiver(waiver, now, check.name);
}
