import { readFile } from 'node:fs/promises';
import type { Deps } from '../deps.ts';
import { builtinPolicyFiles } from '../sca/builtin-policies.ts';
import { parsePolicy } from '../sca/load-policy.ts';
import { appendSystemAudit } from '../audit/append-system-audit.ts';
import { storePolicy } from './store-policy.ts';

/** The group a new host enrolls in unless its token names another. */
const defaultGroup = 'default';

/**
 * At server start: Vigil's own policies (policies/sca) are stored as built-in and approved, and
 * replaced when a new release changed them. The first time a policy is registered it is assigned
 * to group `default`, so every host is audited out of the box; after that the assignments are
 * the admins' and are left alone. An uploaded policy with the same id keeps its place (logged).
 * Returns the ids registered or updated.
 */
export async function registerBuiltinPolicies(deps: Deps, files?: readonly string[]): Promise<string[]> {
  const { db } = deps.database;
  const changed: string[] = [];
  for (const file of files ?? (await builtinPolicyFiles())) {
    const source = await readFile(file, 'utf8');
    const policy = parsePolicy(source, file);
    const now = deps.clock.now();
    const outcome = await db
      .transaction()
      .execute(async (trx) => {
        const existing = await trx
          .selectFrom('sca_policies')
          .select(['origin', 'sha256'])
          .where('id', '=', policy.id)
          .executeTakeFirst();
        if (existing?.origin === 'uploaded') return 'shadowed';
        if (existing?.sha256 === policy.sha256) return 'unchanged';
        await storePolicy(
          trx,
          { policy, source, origin: 'builtin', uploadedBy: null, approvedBy: 'system' },
          now,
        );
        if (existing) return 'updated';
        const assigned = await trx
          .selectFrom('sca_policy_groups')
          .select('group_name')
          .where('policy_id', '=', policy.id)
          .executeTakeFirst();
        if (!assigned)
          await trx
            .insertInto('sca_policy_groups')
            .values({ policy_id: policy.id, group_name: defaultGroup })
            .execute();
        return 'created';
      })
      .catch(async (error: unknown) => {
        // Another server process starting at the same moment registered it first.
        const now = await db
          .selectFrom('sca_policies')
          .select('sha256')
          .where('id', '=', policy.id)
          .executeTakeFirst();
        if (now?.sha256 === policy.sha256) return 'unchanged';
        throw error;
      });
    if (outcome === 'shadowed') {
      deps.logger.warn(
        { policy: policy.id },
        'an uploaded audit policy has the id of a built-in one; the built-in policy is not registered',
      );
      continue;
    }
    if (outcome === 'unchanged') continue;
    changed.push(policy.id);
    await appendSystemAudit(db, now, {
      action: 'audits.policies.builtin',
      target: policy.id,
      detail:
        outcome === 'created'
          ? `registered the built-in policy (${policy.checks.length} checks, sha256 ${policy.sha256}) and assigned it to group ${defaultGroup}`
          : `updated the built-in policy to this release's version (${policy.checks.length} checks, sha256 ${policy.sha256})`,
    });
  }
  return changed;
}
