import { PatchApplyParams, PatchSimulateParams } from '../../protocol/patch-api.ts';
import { parseTaskParams } from '../firewall/parse-task-params.ts';
import { applyPatch } from './apply-patch.ts';
import { fitResult } from './fit-result.ts';
import { PatchTaskError } from './patch-task-error.ts';
import { simulatePatch } from './simulate-patch.ts';

type PatchTaskKind = 'patch.simulate' | 'patch.apply';
type Handler = (params: Record<string, unknown>, signal: AbortSignal) => Promise<string>;

/**
 * The agent's handlers for patch tasks: each answers with its result as JSON (PatchSimulateResult,
 * PatchApplyResult). A failure fails the task with the same JSON plus `error`, so the output of a
 * failed run reaches the server too.
 */
export function patchTaskHandlers(): Record<PatchTaskKind, Handler> {
  return {
    'patch.simulate': (params, signal) =>
      asResult(() => simulatePatch(parseTaskParams(PatchSimulateParams, params, 'patch.simulate'), signal)),
    'patch.apply': (params, signal) =>
      asResult(() => applyPatch(parseTaskParams(PatchApplyParams, params, 'patch.apply'), signal)),
  };
}

async function asResult(run: () => Promise<Parameters<typeof fitResult>[0]>): Promise<string> {
  try {
    return fitResult(await run());
  } catch (error) {
    const result = error instanceof PatchTaskError ? error.result : { output: '' };
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(fitResult({ changes: [], ...result, error: message }), { cause: error });
  }
}
