import { spawn } from 'node:child_process';
import { findProgram } from '../firewall/find-program.ts';

export interface PackageToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PackageToolOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

/** A package manager's output for a thousand packages is a few MB; past this it is not one. */
const maxOutputBytes = 64 * 1024 * 1024;

/**
 * Runs a package manager with an argument list (never a shell) in the C locale, non-interactive
 * (debconf asks nothing; dpkg keeps changed config files as the flags say), with a fixed PATH so
 * the agent's own environment cannot change which programs the maintainer scripts run.
 */
export function runPackageTool(
  program: string,
  args: readonly string[],
  options: PackageToolOptions = {},
): Promise<PackageToolResult> {
  const path = findProgram(program);
  if (path === undefined) return Promise.reject(new Error(`${program} is not installed`));
  return new Promise((resolve, reject) => {
    const child = spawn(path, [...args], {
      env: {
        LC_ALL: 'C',
        PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        DEBIAN_FRONTEND: 'noninteractive',
        APT_LISTCHANGES_FRONTEND: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 3_600_000,
      ...(options.signal ? { signal: options.signal } : {}),
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let bytes = 0;
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxOutputBytes) child.kill('SIGKILL');
      else into.push(chunk);
    };
    child.stdout.on('data', collect(stdout));
    child.stderr.on('data', collect(stderr));
    child.on('error', (error) => {
      if (error.name !== 'AbortError') reject(error);
    });
    child.on('close', (code, signal) => {
      if (options.signal?.aborted)
        reject(new Error(`${program} was stopped: ${String(options.signal.reason)}`));
      else if (bytes > maxOutputBytes)
        reject(new Error(`${program} printed more than ${maxOutputBytes} bytes`));
      else if (code === null) reject(new Error(`${program} was killed (${signal ?? 'unknown signal'})`));
      else
        resolve({
          code,
          stdout: Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
        });
    });
  });
}

/** What a person would have seen on the terminal: the program's output, then its complaints. */
export function toolOutput(result: PackageToolResult): string {
  const out = result.stdout.trimEnd();
  const err = result.stderr.trimEnd();
  return out && err ? `${out}\n${err}` : out || err;
}
