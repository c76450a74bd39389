import { createToolRunner, type ToolResult } from '../firewall/run-tool.ts';

export type PackageToolResult = ToolResult;

export interface PackageToolOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

/** Non-interactive: debconf asks nothing, apt-listchanges shows nothing. */
const packageEnv = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  DEBIAN_FRONTEND: 'noninteractive',
  APT_LISTCHANGES_FRONTEND: 'none',
};

/**
 * Runs a package manager with an argument list (never a shell) in the C locale, non-interactive
 * (dpkg keeps changed config files as the flags say), with a fixed PATH so the agent's own
 * environment cannot change which programs the maintainer scripts run. A package manager's
 * output for a thousand packages is a few MB; past 64 MiB it is not one.
 */
export function runPackageTool(
  program: string,
  args: readonly string[],
  options: PackageToolOptions = {},
): Promise<PackageToolResult> {
  return createToolRunner({
    timeoutMs: options.timeoutMs ?? 3_600_000,
    signal: options.signal,
    env: packageEnv,
    maxOutputBytes: 64 * 1024 * 1024,
  })(program, args);
}

/** What a person would have seen on the terminal: the program's output, then its complaints. */
export function toolOutput(result: PackageToolResult): string {
  const out = result.stdout.trimEnd();
  const err = result.stderr.trimEnd();
  return out && err ? `${out}\n${err}` : out || err;
}
