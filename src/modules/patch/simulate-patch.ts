import type { PatchSimulateParams, PatchSimulateResult } from '../../protocol/patch-api.ts';
import { baseName } from './base-name.ts';
import { newestInstalled, versionsByName } from './installed-versions.ts';
import { managerCommands } from './package-managers.ts';
import { PatchTaskError } from './patch-task-error.ts';
import { runPackageTool, toolOutput } from './run-package-tool.ts';

const simulateTimeoutMs = 10 * 60_000;

/**
 * What upgrading the packages would change, changing nothing: the package manager's own
 * simulation (`apt-get -s`, `dnf --assumeno`, `apk --simulate`) with every package it would
 * touch, dependencies included. A package whose newest candidate (the version the simulation
 * moves it to, else the installed one) is older than `atLeast` is unavailable: the host's
 * repositories lack the fix. When some are, the rest are simulated again on their own, so the
 * changes are exactly those an apply of the available packages makes.
 */
export async function simulatePatch(
  params: PatchSimulateParams,
  signal?: AbortSignal,
): Promise<PatchSimulateResult> {
  const manager = managerCommands[params.manager];
  const installed = versionsByName(await manager.installed(), manager.compare);
  const notInstalled = params.packages.filter((entry) => !installed.has(entry.name));
  let wanted = params.packages.filter((entry) => installed.has(entry.name));
  const unavailable: PatchSimulateResult['unavailable'] = notInstalled.map((entry) => ({
    name: entry.name,
    candidate: null,
  }));
  const outputs: string[] = [];
  for (;;) {
    if (wanted.length === 0) {
      return { changes: [], unavailable, output: outputs.join('\n\n') || 'nothing to simulate' };
    }
    const [program, args] = manager.simulate(wanted.map((entry) => entry.name));
    const result = await runPackageTool(program, args, { signal, timeoutMs: simulateTimeoutMs });
    const output = `$ ${program} ${args.join(' ')}\n${toolOutput(result)}`;
    outputs.push(output);
    if (!manager.simulated(result)) {
      throw new PatchTaskError(`${program} exited ${result.code}`, {
        changes: [],
        unavailable,
        output: outputs.join('\n\n'),
      });
    }
    const changes = manager.parseSimulation(result.stdout, (name) => newestInstalled(installed, name));
    const short = wanted.filter((entry) => {
      const moved = changes.find((change) => baseName(change.name) === entry.name && change.to !== null);
      const candidate = moved?.to ?? newestInstalled(installed, entry.name);
      if (candidate !== null && manager.compare(candidate, entry.atLeast) >= 0) return false;
      unavailable.push({ name: entry.name, candidate });
      return true;
    });
    if (short.length === 0) return { changes, unavailable, output: outputs.join('\n\n') };
    wanted = wanted.filter((entry) => !short.includes(entry));
  }
}
