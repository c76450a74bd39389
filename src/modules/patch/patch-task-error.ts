import type { PackageChange } from '../../protocol/patch-api.ts';

/**
 * A patch task that failed, with what it had found or done so far and the package manager's
 * output: the task fails, and its output is still the result as JSON, with `error` added, so
 * the server keeps the host's state and the output of the failure.
 */
export class PatchTaskError extends Error {
  override name = 'PatchTaskError';

  constructor(
    message: string,
    readonly result: { output: string; changes: PackageChange[]; [field: string]: unknown },
  ) {
    super(message);
  }
}
