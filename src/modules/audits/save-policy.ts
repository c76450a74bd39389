import { AppError } from '../../platform/errors.ts';
import type { ScaPolicyRow } from '../../store/schema.ts';
import type { Deps } from '../deps.ts';
import { parseAuditPolicy } from './parse-audit-policy.ts';
import { policyHasCommands } from './policy-has-commands.ts';
import { storePolicy } from './store-policy.ts';

export interface PolicyUploader {
  username: string;
  /** Holds audits:approve: what they upload needs no second look. */
  canApprove: boolean;
}

export interface SavedPolicy {
  created: boolean;
  row: ScaPolicyRow;
}

/**
 * Stores an uploaded policy under its own `policy.id`. A policy whose rules run commands (`c:`)
 * runs them as root on every host of its groups, so unless the uploader may approve policies it
 * is stored unapproved and agents are not sent it until someone who may approves it. The same
 * text uploaded again keeps the approval it had. Built-in policies cannot be replaced.
 */
export async function savePolicy(
  deps: Deps,
  id: string,
  source: string,
  uploader: PolicyUploader,
  now: Date,
): Promise<SavedPolicy> {
  const policy = parseAuditPolicy(source);
  if (policy.id !== id)
    throw new AppError('policy_invalid', `the policy's id is "${policy.id}", not "${id}"`, {
      issues: [{ path: 'policy.id', message: `the policy's id is "${policy.id}", not "${id}"` }],
    });
  return deps.database.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('sca_policies')
      .select(['origin', 'sha256', 'approved_by', 'approved_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (existing?.origin === 'builtin')
      throw new AppError(
        'conflict',
        `${id} is built into Vigil and updated with it; upload your changes under another policy.id`,
      );
    const unchanged = existing?.sha256 === policy.sha256 && existing.approved_by !== null;
    const approvedBy = unchanged
      ? existing.approved_by
      : !policyHasCommands(policy) || uploader.canApprove
        ? uploader.username
        : null;
    const row = await storePolicy(
      trx,
      {
        policy,
        source,
        origin: 'uploaded',
        uploadedBy: uploader.username,
        approvedBy,
        approvedAt: unchanged ? existing.approved_at : undefined,
      },
      now,
    );
    return { created: !existing, row };
  });
}
