import { PatchSimulateResult } from '../../protocol/patch-api.ts';
import type { AgentTaskRow } from '../../store/schema.ts';
import type { PatchPlanHostsTable, PatchPlansTable } from '../../store/schema-patches.ts';
import type { Deps } from '../deps.ts';
import { baseName } from '../patch/base-name.ts';
import { auditPlanStep } from './audit-host-step.ts';
import { moveHost } from './move-host.ts';
import { readPackages } from './planned-package.ts';
import { readPatchOutput } from './read-patch-output.ts';

/**
 * A host's simulation answer: each package gets the exact version the simulation moves it to
 * (or stays at, when it already has the fix), or is unavailable. A host with nothing available,
 * or whose simulation failed, is unavailable, with the reason and the output.
 */
export async function recordSimulation(
  deps: Deps,
  plan: PatchPlansTable,
  host: PatchPlanHostsTable,
  task: AgentTaskRow,
  now: Date,
): Promise<void> {
  const { db } = deps.database;
  const answer = readPatchOutput(PatchSimulateResult, task);
  const result = answer.result;
  if (!result || answer.error !== null) {
    const error = `the simulation failed: ${answer.error ?? 'no result'}`;
    if (await moveHost(db, host, { status: 'unavailable', error, output: answer.output }, now))
      await auditPlanStep(db, now, plan, host, 'patches.host.simulated', error, 'failure');
    return;
  }
  const unavailable = new Map(result.unavailable.map((entry) => [entry.name, entry.candidate]));
  const packages = readPackages(host.packages).map((entry) => {
    if (unavailable.has(entry.name))
      return { ...entry, version: null, unavailable: true, candidate: unavailable.get(entry.name) ?? null };
    const change = result.changes.find((item) => baseName(item.name) === entry.name && item.to !== null);
    return {
      ...entry,
      version: change?.to ?? entry.from,
      unavailable: false,
      candidate: change?.to ?? entry.from,
    };
  });
  const missing = packages.filter((entry) => entry.unavailable);
  const error =
    missing.length === 0
      ? null
      : `no fix in the host's repositories for ${missing
          .map((entry) => `${entry.name} (needs ${entry.atLeast}, candidate ${entry.candidate ?? 'none'})`)
          .join(', ')}`;
  const status = missing.length === packages.length ? 'unavailable' : 'simulated';
  const moved = await moveHost(
    db,
    host,
    {
      status,
      packages: JSON.stringify(packages),
      simulation: JSON.stringify({ changes: result.changes, output: result.output }),
      error,
    },
    now,
  );
  if (moved) {
    const summary = `${result.changes.length} package change(s)${error ? `; ${error}` : ''}`;
    await auditPlanStep(db, now, plan, host, 'patches.host.simulated', `${status}: ${summary}`);
  }
}
