import { execFile } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { resolveUnderRoot } from './resolve-under-root.ts';
import type { CommandOutput, Lookup, PathKind, ScaHost } from './sca-host.ts';
import { splitCommand } from './split-command.ts';

export interface LocalHostOptions {
  /** Evaluate file and directory rules against this tree instead of `/`; commands and processes are then not looked at. */
  root?: string | undefined;
  /** False when the policy's commands are not approved to run here. */
  commands?: boolean;
  commandTimeoutMs?: number;
}

/** Larger files are not configuration; reading them whole would let one file exhaust memory. */
const maxFileBytes = 64 * 1024 * 1024;
const maxOutputBytes = 16 * 1024 * 1024;
/** Enough for any configuration directory; a larger tree is not listed further. */
const maxListedFiles = 100_000;

/**
 * The running system (or a root tree) as a policy sees it. Every lookup is cached for the
 * lifetime of the host object, one audit run: the CIS policies read the same files and run
 * `sshd -T` or `dpkg-query` dozens of times.
 */
export function createLocalHost(options: LocalHostOptions = {}): ScaHost {
  const root = options.root;
  const timeout = options.commandTimeoutMs ?? 30_000;
  const cache = new Map<string, Promise<unknown>>();
  const cached = <T>(key: string, make: () => Promise<T>): Promise<T> => {
    let hit = cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = make();
      cache.set(key, hit);
    }
    return hit;
  };
  const real = (path: string) =>
    root === undefined ? Promise.resolve(posix.normalize(path)) : resolveUnderRoot(root, path);

  const host: ScaHost = {
    description: root === undefined ? 'this host' : `root ${root}`,
    pathKind: (path) =>
      cached(`kind:${path}`, async (): Promise<PathKind> => {
        try {
          const info = await stat(await real(path));
          return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
        } catch {
          return 'missing';
        }
      }),
    readLines: (path) =>
      cached(`read:${path}`, async (): Promise<Lookup<string[]>> => {
        try {
          const file = await real(path);
          const info = await stat(file);
          if (info.isDirectory()) return { status: 'error', message: `${path} is a directory` };
          if (info.size > maxFileBytes)
            return { status: 'error', message: `${path} is larger than ${maxFileBytes} bytes` };
          return { status: 'ok', value: splitLines(await readFile(file, 'utf8')) };
        } catch (error) {
          return failure(path, error);
        }
      }),
    listFiles: (dir) =>
      cached(`list:${dir}`, async (): Promise<Lookup<string[]>> => {
        const files: string[] = [];
        const walk = async (shown: string): Promise<void> => {
          const entries = await readdir(await real(shown), { withFileTypes: true });
          entries.sort((a, b) => a.name.localeCompare(b.name));
          for (const entry of entries) {
            if (files.length >= maxListedFiles) return;
            const path = posix.join(shown, entry.name);
            const kind = entry.isSymbolicLink()
              ? await host.pathKind(path)
              : entry.isDirectory()
                ? 'directory'
                : entry.isFile()
                  ? 'file'
                  : 'other';
            if (kind === 'file') files.push(path);
            // Links to directories are not descended into: they can loop.
            else if (kind === 'directory' && !entry.isSymbolicLink()) await walk(path);
          }
        };
        try {
          await walk(dir);
          return { status: 'ok', value: files };
        } catch (error) {
          return failure(dir, error);
        }
      }),
    expand: (path) =>
      cached(`expand:${path}`, async (): Promise<string[]> => {
        if (!/[*?]/.test(path)) return [path];
        let found = ['/'];
        for (const segment of path.split('/').filter((part) => part !== '')) {
          if (!/[*?]/.test(segment)) {
            found = found.map((base) => posix.join(base, segment));
            continue;
          }
          const matcher = globSegment(segment);
          const next: string[] = [];
          for (const base of found) {
            try {
              const names = await readdir(await real(base));
              next.push(
                ...names
                  .filter((name) => matcher.test(name))
                  .sort()
                  .map((name) => posix.join(base, name)),
              );
            } catch {
              // Not a directory, or gone: it contributes nothing.
            }
          }
          found = next;
        }
        return found;
      }),
    run: (command) =>
      cached(`run:${command}`, async (): Promise<Lookup<CommandOutput>> => {
        if (root !== undefined)
          return { status: 'error', message: `commands are not run when auditing ${root}` };
        if (options.commands === false)
          return { status: 'error', message: 'commands of this policy are not approved to run here' };
        let argv: string[];
        try {
          argv = splitCommand(command);
        } catch (error) {
          return { status: 'error', message: (error as Error).message };
        }
        const [program, ...args] = argv;
        if (program === undefined) return { status: 'error', message: 'empty command' };
        return runProgram(program, args, timeout);
      }),
    processNames: () =>
      cached('processes', async (): Promise<Lookup<Set<string>>> => {
        if (root !== undefined)
          return { status: 'error', message: `processes are not looked at when auditing ${root}` };
        return { status: 'ok', value: await runningProcessNames() };
      }),
  };
  return host;
}

/** `*` and `?` of one path segment; a leading dot is matched only explicitly, as in the shell. */
function globSegment(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${segment.startsWith('.') ? '' : '(?!\\.)'}${body}$`);
}

/** Lines as `\n` ends them; a last line without an ending counts, a `\r` before `\n` is dropped. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

function failure(path: string, error: unknown): Lookup<never> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
  return { status: 'error', message: `${path}: ${(error as Error).message}` };
}

function runProgram(program: string, args: string[], timeout: number): Promise<Lookup<CommandOutput>> {
  return new Promise((resolve) => {
    execFile(
      program,
      args,
      {
        timeout,
        maxBuffer: maxOutputBytes,
        encoding: 'utf8',
        env: { LC_ALL: 'C', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        const code = (error as NodeJS.ErrnoException | null)?.code;
        if (code === 'ENOENT') return resolve({ status: 'error', message: `${program}: command not found` });
        if (error && (error as { killed?: boolean }).killed)
          return resolve({
            status: 'error',
            message: `${program} did not finish within ${timeout / 1000} s`,
          });
        if (error && typeof code === 'string' && code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          return resolve({ status: 'error', message: `${program}: ${error.message}` });
        const exitCode = typeof code === 'number' ? code : 0;
        resolve({
          status: 'ok',
          value: {
            exitCode,
            // One stream, as Wazuh reads it (stdout and stderr on the same pipe).
            lines: [...splitLines(stdout), ...splitLines(stderr)],
          },
        });
      },
    );
  });
}

async function runningProcessNames(): Promise<Set<string>> {
  const names = new Set<string>();
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  await Promise.all(
    pids.map(async (pid) => {
      try {
        names.add((await readFile(`/proc/${pid}/comm`, 'utf8')).trim());
        const argv0 = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0')[0];
        if (argv0) names.add(posix.basename(argv0));
      } catch {
        // Gone since the listing.
      }
    }),
  );
  return names;
}
