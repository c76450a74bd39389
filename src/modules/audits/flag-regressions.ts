import type { Finding } from '../../protocol/finding.ts';
import type { ScaRuleOutcome } from '../../protocol/sca.ts';
import type { Deps } from '../deps.ts';
import { updateAlert } from '../alerts/update-alert.ts';
import { activeWaivers, waiversFor } from './active-waivers.ts';
import { appendSystemAudit } from '../audit/append-system-audit.ts';
import { policyVersion } from './policy-version.ts';
import { regressionFinding, regressionRuleId } from './regression-finding.ts';

/** Where a regression goes: the alert sink, so notifications and response policies see it too. */
export type RecordRegression = (
  finding: Finding,
  source: { agentId: string; dedupWindowMs: number },
) => Promise<unknown>;

/**
 * After a run is stored: each check that passed on the host's previous run of the policy and
 * fails now raises an alert (one per host, policy and check while it stays open), unless a
 * waiver covers it; each check that passes again resolves its open alert. A run older than the
 * host's latest (posted late) changes nothing. Returns how many alerts were raised.
 */
export async function flagRegressions(deps: Deps, record: RecordRegression, runId: string): Promise<number> {
  const { db } = deps.database;
  const run = await db
    .selectFrom('sca_runs as r')
    .innerJoin('agents as a', 'a.id', 'r.agent_id')
    .innerJoin('sca_policies as p', 'p.id', 'r.policy_id')
    .select([
      'r.id',
      'r.agent_id',
      'r.policy_id',
      'r.sha256',
      'r.started_at',
      'a.hostname',
      'a.group_name',
      'p.name',
    ])
    .where('r.id', '=', runId)
    .executeTakeFirst();
  if (!run) return 0;
  const others = await db
    .selectFrom('sca_runs')
    .select(['id', 'started_at'])
    .where('agent_id', '=', run.agent_id)
    .where('policy_id', '=', run.policy_id)
    .where('id', '!=', run.id)
    .orderBy('started_at', 'desc')
    .execute();
  if (others.some((other) => other.started_at > run.started_at)) return 0;
  const previous = others[0];
  const results = await db
    .selectFrom('sca_results')
    .select(['check_id', 'result', 'rules'])
    .where('run_id', '=', run.id)
    .execute();
  const now = deps.clock.now();
  await resolveRecovered(
    deps,
    run,
    new Set(results.filter((r) => r.result === 'passed').map((r) => r.check_id)),
  );
  if (!previous) return 0;
  const passedBefore = new Set(
    (
      await db
        .selectFrom('sca_results')
        .select('check_id')
        .where('run_id', '=', previous.id)
        .where('result', '=', 'passed')
        .execute()
    ).map((row) => row.check_id),
  );
  const waived = waiversFor(
    await activeWaivers(db, now, run.policy_id),
    { id: run.agent_id, group: run.group_name },
    run.policy_id,
  );
  const policy = await policyVersion(db, run.sha256);
  // Regressions recur only as often as audits run; an open one takes repeats for a few intervals.
  const dedupWindowMs =
    Math.max(deps.config.detection.dedupWindowMinutes, (3 * deps.config.audit.intervalHours + 1) * 60) *
    60_000;
  let raised = 0;
  for (const result of results) {
    if (result.result !== 'failed' || !passedBefore.has(result.check_id) || waived.has(result.check_id))
      continue;
    const check = policy?.checks.find((candidate) => candidate.id === result.check_id);
    if (!check) continue;
    await record(
      regressionFinding({
        policyId: run.policy_id,
        policyName: run.name,
        hostname: run.hostname,
        runId: run.id,
        check,
        rules: JSON.parse(result.rules) as ScaRuleOutcome[],
        at: Date.parse(run.started_at),
      }),
      { agentId: run.agent_id, dedupWindowMs },
    );
    raised += 1;
  }
  if (raised > 0)
    deps.logger.warn(
      { agentId: run.agent_id, policy: run.policy_id, checks: raised },
      `audit checks now fail on ${run.hostname}`,
    );
  return raised;
}

/** A check that passes again closes the host's open alert for it, so a later failure opens a new one. */
async function resolveRecovered(
  deps: Deps,
  run: { agent_id: string; policy_id: string; hostname: string },
  passed: ReadonlySet<number>,
): Promise<void> {
  const { db } = deps.database;
  const prefix = regressionRuleId(run.policy_id, 0).replace(/0$/, '');
  const open = await db
    .selectFrom('alerts')
    .select(['id', 'rule_id'])
    .where('agent_id', '=', run.agent_id)
    // `_` in an id is a LIKE wildcard too; the exact comparison below settles it.
    .where('rule_id', 'like', `${prefix}%`)
    .where('status', 'in', ['new', 'acknowledged'])
    .execute();
  const now = deps.clock.now();
  for (const alert of open) {
    const checkId = Number(alert.rule_id.slice(prefix.length));
    if (alert.rule_id !== regressionRuleId(run.policy_id, checkId) || !passed.has(checkId)) continue;
    await updateAlert(db, alert.id, { status: 'resolved' }, now);
    await appendSystemAudit(db, now, {
      action: 'audits.regression.resolved',
      target: `alert ${alert.id}`,
      detail: `check ${checkId} of policy ${run.policy_id} passes on ${run.hostname} again`,
    });
  }
}
