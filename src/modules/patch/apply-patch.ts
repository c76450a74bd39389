import type { PatchApplyParams, PatchApplyResult } from '../../protocol/patch-api.ts';
import { diffInstalled, newestInstalled, versionsByName } from './installed-versions.ts';
import { managerCommands } from './package-managers.ts';
import { PatchTaskError } from './patch-task-error.ts';
import { restartNeeds } from './restart-needs.ts';
import { runPackageTool, toolOutput } from './run-package-tool.ts';

const applyTimeoutMs = 55 * 60_000;

/**
 * Upgrades the packages to the exact versions the simulation chose, then reads the package
 * database again: the changes are what really changed, whatever the manager printed. It fails
 * (with the changes, the reboot and restart needs, and the output) when the manager fails or a
 * package did not reach its version, so the server sees the host's state either way.
 */
export async function applyPatch(params: PatchApplyParams, signal?: AbortSignal): Promise<PatchApplyResult> {
  const manager = managerCommands[params.manager];
  const before = versionsByName(await manager.installed(), manager.compare);
  const [program, args] = manager.apply(params.packages);
  const run = await runPackageTool(program, args, { signal, timeoutMs: applyTimeoutMs }).then(
    (result) => ({ code: result.code, output: toolOutput(result) }),
    (error: unknown) => ({ code: -1, output: error instanceof Error ? error.message : String(error) }),
  );
  const after = versionsByName(await manager.installed(), manager.compare);
  const needs = await restartNeeds(params.manager, signal);
  const behind = params.packages
    .map((entry) => ({ ...entry, now: newestInstalled(after, entry.name) }))
    .filter((entry) => entry.now === null || manager.compare(entry.now, entry.version) < 0);
  const result: PatchApplyResult = {
    changes: diffInstalled(before, after, manager.compare),
    rebootRequired: needs.rebootRequired,
    servicesToRestart: needs.servicesToRestart,
    output: [`$ ${program} ${args.join(' ')}`, run.output, ...needs.notes].join('\n'),
  };
  if (run.code !== 0) throw new PatchTaskError(`${program} exited ${run.code}`, result);
  if (behind.length > 0) {
    const list = behind.map((entry) => `${entry.name} is at ${entry.now ?? 'none'}, not ${entry.version}`);
    throw new PatchTaskError(`not upgraded: ${list.join('; ')}`, result);
  }
  return result;
}
