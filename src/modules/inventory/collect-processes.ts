import { join } from 'node:path';
import { listPids } from './list-pids.ts';
import { mapLimit } from './map-limit.ts';
import { maxCmdline, parseCmdline } from './parse-cmdline.ts';
import { parseProcStat } from './parse-proc-stat.ts';
import { parseStatusUid } from './parse-status-uid.ts';
import { readTextFile } from './read-text-file.ts';
import type { ProcessInfo } from '../../protocol/inventory.ts';

const small = { maxBytes: 64 * 1024, truncate: true };

/**
 * Every process visible in procRoot. A process that exits while it is being
 * read, or whose files cannot be read, is left out rather than reported as an
 * error: the list is a snapshot of a moving target.
 */
export async function collectProcesses(
  procRoot: string,
  nameOf: (uid: number) => string,
): Promise<ProcessInfo[]> {
  const processes = await mapLimit(await listPids(procRoot), 32, (pid) => readProcess(procRoot, pid, nameOf));
  return processes.filter((entry) => entry !== null);
}

async function readProcess(
  procRoot: string,
  pid: number,
  nameOf: (uid: number) => string,
): Promise<ProcessInfo | null> {
  const directory = join(procRoot, String(pid));
  const [stat, uid, cmdline] = await Promise.all([
    readOptional(() => readTextFile(join(directory, 'stat'), small), parseProcStat),
    readOptional(() => readTextFile(join(directory, 'status'), small), parseStatusUid),
    readOptional(
      () => readTextFile(join(directory, 'cmdline'), { maxBytes: maxCmdline, truncate: true }),
      parseCmdline,
    ),
  ]);
  if (stat === undefined || stat === null || stat.pid !== pid) return null;
  return {
    pid,
    ppid: stat.ppid,
    name: stat.name,
    ...(uid === undefined ? {} : { uid, user: nameOf(uid) }),
    cmdline: cmdline ?? '',
  };
}

async function readOptional<T>(
  read: () => Promise<string>,
  parse: (text: string) => T,
): Promise<T | undefined> {
  try {
    return parse(await read());
  } catch {
    return undefined;
  }
}
