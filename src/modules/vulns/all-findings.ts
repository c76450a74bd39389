import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { VulnFinding, VulnFindingQuery } from '../../protocol/vuln-api.ts';
import type { DB } from '../../store/schema.ts';
import { listFindings } from './list-findings.ts';

/** An export is built in memory; past this many findings the filters must narrow it. */
export const exportLimit = 50_000;

/** Every finding the filters match, in the query's order, for exports. */
export async function allFindings(
  db: Kysely<DB>,
  query: Omit<VulnFindingQuery, 'limit' | 'offset'>,
  now: Date,
): Promise<VulnFinding[]> {
  const page = 1000;
  const first = await listFindings(db, { ...query, limit: page, offset: 0 }, now);
  if (first.total > exportLimit)
    throw new AppError(
      'bad_request',
      `${first.total} findings match; an export holds at most ${exportLimit}: narrow it (host, severity, status)`,
    );
  const findings = first.findings;
  while (findings.length < first.total) {
    const next = await listFindings(db, { ...query, limit: page, offset: findings.length }, now);
    if (next.findings.length === 0) break;
    findings.push(...next.findings);
  }
  return findings;
}
