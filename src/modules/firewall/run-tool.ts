import { spawn } from 'node:child_process';
import { findProgram } from './find-program.ts';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with an argument list (never a shell), optionally feeding it `input`. */
export type ToolRunner = (program: string, args: readonly string[], input?: string) => Promise<ToolResult>;

export interface ToolRunnerOptions {
  /** Run inside this network namespace (`ip netns exec NAME …`). */
  netns?: string | undefined;
  timeoutMs?: number;
  /** Stops the program (SIGTERM) and rejects. */
  signal?: AbortSignal | undefined;
  /** Set over the C locale and the fixed system PATH every program gets. */
  env?: Record<string, string>;
  /** Output past this kills the program: `nft -j list` of a million elements is about 70 MB. */
  maxOutputBytes?: number;
}

export function createToolRunner(options: ToolRunnerOptions = {}): ToolRunner {
  const timeout = options.timeoutMs ?? 120_000;
  const maxOutputBytes = options.maxOutputBytes ?? 512 * 1024 * 1024;
  const { signal } = options;
  return (program, args, input) => {
    const path = findProgram(program);
    if (path === undefined) return Promise.reject(new Error(`${program} is not installed`));
    let command = path;
    let argv = [...args];
    if (options.netns !== undefined) {
      const ip = findProgram('ip');
      if (ip === undefined) return Promise.reject(new Error('ip (iproute2) is not installed'));
      command = ip;
      argv = ['netns', 'exec', options.netns, path, ...args];
    }
    return new Promise((resolve, reject) => {
      const child = spawn(command, argv, {
        // C locale: error texts such as "No such file or directory" are matched.
        env: { LC_ALL: 'C', PATH: '/usr/sbin:/usr/bin:/sbin:/bin', ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout,
        ...(signal ? { signal } : {}),
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
        // An abort is reported once the program has ended, below.
        if (error.name !== 'AbortError') reject(error);
      });
      child.on('close', (code, killedBy) => {
        if (signal?.aborted) reject(new Error(`${program} was stopped: ${String(signal.reason)}`));
        else if (bytes > maxOutputBytes)
          reject(new Error(`${program} printed more than ${maxOutputBytes} bytes`));
        else if (code === null) reject(new Error(`${program} was killed (${killedBy ?? 'unknown signal'})`));
        else
          resolve({
            code,
            stdout: Buffer.concat(stdout).toString('utf8'),
            stderr: Buffer.concat(stderr).toString('utf8'),
          });
      });
      // A program that exits without reading its input closes the pipe; its exit status tells why.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input ?? '');
    });
  };
}

/** The result of a run that must succeed; otherwise an error naming the program and its complaint. */
export function succeeded(program: string, result: ToolResult): ToolResult {
  if (result.code === 0) return result;
  const complaint = result.stderr.trim().split('\n').slice(0, 5).join(' | ') || `exit ${result.code}`;
  throw new Error(`${program} failed: ${complaint.slice(0, 2000)}`);
}
