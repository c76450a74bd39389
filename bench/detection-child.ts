/*
 * Runs a command as a child process and measures it from the outside: wall time and peak RSS.
 * Peak RSS comes from GNU time (`/usr/bin/time -v`, the kernel's ru_maxrss of the child) when it
 * is installed; otherwise VmHWM in /proc/<pid>/status is polled every 20 ms until the child exits.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const gnuTime = '/usr/bin/time';
export const rssMethod = existsSync(gnuTime) ? 'GNU time -v (ru_maxrss)' : '/proc/<pid>/status VmHWM, polled';

export interface ChildRun {
  wallMs: number;
  peakRssMiB: number;
  code: number;
  stdout: string;
  stderr: string;
}

const rssLine = /Maximum resident set size \(kbytes\): (\d+)/;

export function runMeasured(command: string, args: string[], okCodes: number[] = [0]): Promise<ChildRun> {
  const viaTime = existsSync(gnuTime);
  const started = performance.now();
  const child = viaTime
    ? spawn(gnuTime, ['-v', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let hwmKiB = 0;
  const poll = viaTime
    ? undefined
    : setInterval(() => {
        try {
          const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (match) hwmKiB = Math.max(hwmKiB, Number(match[1]));
        } catch {
          // the child has exited between polls
        }
      }, 20);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (poll) clearInterval(poll);
      if (viaTime) {
        const match = rssLine.exec(stderr);
        hwmKiB = match ? Number(match[1]) : 0;
        // GNU time appends its report to the child's stderr; keep only the child's part.
        stderr = stderr.replace(
          /(Command exited with non-zero status \d+\n)?\tCommand being timed:[\s\S]*$/,
          '',
        );
      }
      if (code === null || !okCodes.includes(code)) {
        reject(new Error(`${command} exited with ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      resolve({ wallMs, peakRssMiB: Math.round((hwmKiB / 1024) * 10) / 10, code, stdout, stderr });
    });
  });
}

/** "1,234,567" (whatever the locale's grouping) -> 1234567. */
export function count(text: string | undefined): number {
  return Number((text ?? '').replace(/[^\d]/g, ''));
}
