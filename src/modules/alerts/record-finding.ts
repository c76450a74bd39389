import { sql, type Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { systemRandom, type Random } from '../../platform/ids.ts';
import type { Alert } from '../../protocol/alerts.ts';
import { severityId, type Finding } from '../../protocol/finding.ts';
import type { AlertRow, DB } from '../../store/schema.ts';
import { dedupKey, entityKey, normalizeEntities, type AlertEntities } from './alert-entities.ts';
import { appendEvidence } from './append-evidence.ts';
import { consumeSuppression } from './consume-suppression.ts';
import { toAlert } from './to-alert.ts';

export const defaultDedupWindowMs = 3_600_000;

export interface RecordOptions {
  /**
   * A repeat merges into the open alert for its rule and entities when it
   * began no later than this long after that alert's last event (log time).
   */
  dedupWindowMs?: number;
  /** The agent whose events fired the rule; otherwise looked up by the host entity. */
  agentId?: string;
  random?: Random;
}

export type RecordOutcome =
  { outcome: 'created' | 'updated'; alert: Alert } | { outcome: 'suppressed'; suppressionId: string };

/**
 * Turns one finding into an alert: merged into the open alert for the same
 * rule and entities while it is within the dedup window, dropped (and
 * counted) when a suppression matches, a new alert otherwise.
 *
 * Safe when findings for one key race, in one process or several: the unique
 * `dedup_key` lets exactly one insert win, and the loser merges into the winner.
 */
export async function recordFinding(
  db: Kysely<DB>,
  finding: Finding,
  now: Date,
  options: RecordOptions = {},
): Promise<RecordOutcome> {
  const span = spanOf(finding);
  const entities = normalizeEntities(finding.entities);
  const suppressionId = await consumeSuppression(db, finding.rule.id, entities, now);
  if (suppressionId !== undefined) return { outcome: 'suppressed', suppressionId };

  const key = dedupKey(finding.rule.id, entities);
  const cutoff = new Date(
    Date.parse(span.first) - (options.dedupWindowMs ?? defaultDedupWindowMs),
  ).toISOString();
  return db.transaction().execute(async (trx) => {
    // Two rounds at most: an insert loses only to a concurrent one, which the second merge then finds.
    for (let round = 0; round < 2; round += 1) {
      const merged = await mergeIntoOpenAlert(trx, key, cutoff, span, finding.evidence.length, now);
      if (merged !== undefined) {
        await appendEvidence(trx, merged.id, finding.evidence, merged.evidence_seen);
        return { outcome: 'updated', alert: toAlert(merged) };
      }
      // An open alert that went quiet past the window stays open for people, but stops taking repeats.
      await trx
        .updateTable('alerts')
        .set({ dedup_key: null })
        .where('dedup_key', '=', key)
        .where('last_seen', '<', cutoff)
        .execute();
      const agentId = options.agentId ?? (await agentOnHost(trx, entities.host));
      const row = newAlertRow(finding, span, entities, key, agentId, now, options.random ?? systemRandom);
      const inserted = await trx
        .insertInto('alerts')
        .values(row)
        .onConflict((oc) => oc.column('dedup_key').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted !== undefined) {
        await appendEvidence(trx, inserted.id, finding.evidence, inserted.evidence_seen);
        return { outcome: 'created', alert: toAlert(inserted) };
      }
    }
    throw new AppError(
      'conflict',
      `the alert for rule ${finding.rule.id} changed while recording; try again`,
    );
  });
}

/** What a finding adds to an alert, as stored. */
interface Span {
  first: string;
  last: string;
  count: number;
}

function spanOf(finding: Finding): Span {
  const times = [finding.firstSeen, finding.lastSeen, ...finding.evidence.map((event) => event.time)];
  // Date's own range; outside it toISOString throws halfway through recording.
  if (!times.every((time) => Number.isFinite(time) && Math.abs(time) <= 8.64e15)) {
    throw new AppError('bad_request', `finding for rule ${finding.rule.id} has an invalid time`);
  }
  return {
    first: new Date(Math.min(finding.firstSeen, finding.lastSeen)).toISOString(),
    last: new Date(Math.max(finding.firstSeen, finding.lastSeen)).toISOString(),
    count: Math.max(1, Math.trunc(finding.count)),
  };
}

function mergeIntoOpenAlert(
  trx: Kysely<DB>,
  key: string,
  cutoff: string,
  { first, last, count }: Span,
  evidence: number,
  now: Date,
): Promise<AlertRow | undefined> {
  // One statement, so concurrent merges add up (PostgreSQL locks the row; SQLite has one writer).
  return trx
    .updateTable('alerts')
    .set((eb) => ({
      count: eb('count', '+', count),
      evidence_seen: eb('evidence_seen', '+', evidence),
      first_seen: sql<string>`case when first_seen > ${first} then ${first} else first_seen end`,
      last_seen: sql<string>`case when last_seen < ${last} then ${last} else last_seen end`,
      updated_at: now.toISOString(),
    }))
    .where('dedup_key', '=', key)
    .where('last_seen', '>=', cutoff)
    .returningAll()
    .executeTakeFirst();
}

/** The enrolled agent with this hostname, when exactly one has it. */
async function agentOnHost(trx: Kysely<DB>, host: string | null): Promise<string | null> {
  if (host === null) return null;
  const rows = await trx
    .selectFrom('agents')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['hostname']), '=', host))
    .where('revoked_at', 'is', null)
    .limit(2)
    .execute();
  return rows.length === 1 && rows[0] ? rows[0].id : null;
}

function newAlertRow(
  finding: Finding,
  span: Span,
  entities: AlertEntities,
  key: string,
  agentId: string | null,
  now: Date,
  random: Random,
): AlertRow {
  const { rule } = finding;
  const at = now.toISOString();
  return {
    id: random.uuid(),
    rule_id: rule.id,
    rule_title: rule.title,
    rule_type: rule.type,
    severity: rule.severity,
    severity_id: severityId(rule.severity),
    attack: JSON.stringify(rule.attack),
    tags: JSON.stringify(rule.tags),
    src_ip: entities.srcIp,
    user_name: entities.user,
    host: entities.host,
    entity_key: entityKey(entities),
    dedup_key: key,
    agent_id: agentId,
    first_seen: span.first,
    last_seen: span.last,
    count: span.count,
    evidence_seen: finding.evidence.length,
    status: 'new',
    assignee: null,
    created_at: at,
    updated_at: at,
  };
}
