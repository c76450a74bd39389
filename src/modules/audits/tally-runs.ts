import type { Kysely } from 'kysely';
import type { DB, ScaRunRow } from '../../store/schema.ts';
import { waiversFor, type ActiveWaiver } from './active-waivers.ts';
import type { FrameworkCounts } from './framework-counts.ts';
import { policyVersion } from './policy-version.ts';
import type { WaivedHost } from './waiver-scope.ts';

export interface RunTally {
  passed: number;
  failed: number;
  notApplicable: number;
  waived: number;
  frameworks: FrameworkCounts;
}

const chunk = 500;

/**
 * What each run counts for scores: its own counts and framework counts, less the checks an
 * active waiver covers on its host. Only those checks' results are read, so a fleet overview
 * costs one row per run plus one per waived check.
 */
export async function tallyRuns(
  db: Kysely<DB>,
  runs: readonly ScaRunRow[],
  hosts: ReadonlyMap<string, WaivedHost>,
  waivers: readonly ActiveWaiver[],
): Promise<Map<string, RunTally>> {
  const tallies = new Map<string, RunTally>();
  const waivedByRun = new Map<string, Set<number>>();
  for (const run of runs) {
    tallies.set(run.id, {
      passed: run.passed,
      failed: run.failed,
      notApplicable: run.not_applicable,
      waived: 0,
      frameworks: JSON.parse(run.frameworks) as FrameworkCounts,
    });
    const host = hosts.get(run.agent_id);
    const waived = host ? waiversFor(waivers, host, run.policy_id) : new Map<number, unknown>();
    if (waived.size > 0) waivedByRun.set(run.id, new Set(waived.keys()));
  }
  const ids = [...waivedByRun.keys()];
  const checkIds = [...new Set([...waivedByRun.values()].flatMap((set) => [...set]))];
  const runsById = new Map(runs.map((run) => [run.id, run]));
  for (let at = 0; at < ids.length; at += chunk) {
    const results = await db
      .selectFrom('sca_results')
      .select(['run_id', 'check_id', 'result'])
      .where('run_id', 'in', ids.slice(at, at + chunk))
      .where('check_id', 'in', checkIds)
      .execute();
    for (const result of results) {
      const tally = tallies.get(result.run_id);
      const run = runsById.get(result.run_id);
      if (!tally || !run || !waivedByRun.get(result.run_id)?.has(result.check_id)) continue;
      tally.waived += 1;
      if (result.result === 'not_applicable') {
        tally.notApplicable -= 1;
        continue;
      }
      const outcome = result.result === 'passed' ? 'passed' : 'failed';
      tally[outcome] -= 1;
      const check = (await policyVersion(db, run.sha256))?.checks.find((c) => c.id === result.check_id);
      for (const framework of Object.keys(check?.compliance ?? {})) {
        const entry = tally.frameworks[framework];
        if (entry) entry[outcome] -= 1;
      }
    }
  }
  return tallies;
}
