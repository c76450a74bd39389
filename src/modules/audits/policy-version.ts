import type { Kysely } from 'kysely';
import type { ScaPolicy } from '../../protocol/sca.ts';
import type { DB } from '../../store/schema.ts';

/** Versions are immutable (keyed by their SHA-256), so parsed ones are kept; a CIS policy parses in tens of ms. */
const cache = new Map<string, ScaPolicy>();
const cached = 32;

/** A stored version of a policy, parsed; undefined when no policy with that SHA-256 was ever stored. */
export async function policyVersion(db: Kysely<DB>, sha256: string): Promise<ScaPolicy | undefined> {
  const hit = cache.get(sha256);
  if (hit) return hit;
  const row = await db
    .selectFrom('sca_policy_versions')
    .select('policy')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (!row) return undefined;
  const policy = JSON.parse(row.policy) as ScaPolicy;
  if (cache.size >= cached) cache.delete(cache.keys().next().value as string);
  cache.set(sha256, policy);
  return policy;
}
