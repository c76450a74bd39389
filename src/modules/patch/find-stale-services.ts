import { join } from 'node:path';
import { listPids } from '../inventory/list-pids.ts';
import { readTextFile } from '../inventory/read-text-file.ts';

/** Where packaged code lives; a deleted mapping elsewhere (memfd, /tmp, /dev/shm) is not an upgrade's. */
const packagedDirectories = ['/usr/', '/lib/', '/lib64/', '/lib32/', '/bin/', '/sbin/', '/opt/'];

const limits = { pids: 32_768, mapsBytes: 4 * 1024 * 1024, cgroupBytes: 64 * 1024 };

/**
 * The systemd units whose processes still map a packaged file that has since been replaced or
 * deleted (`… /usr/lib/x86_64-linux-gnu/libssl.so.3 (deleted)` in /proc/PID/maps): they run the
 * old code until restarted. The unit comes from /proc/PID/cgroup. Processes outside a service
 * (a login session) are not listed. Bounded: so many processes, so much of each file; processes
 * that end or cannot be read meanwhile are passed over.
 */
export async function findStaleServices(procRoot = '/proc'): Promise<string[]> {
  const units = new Set<string>();
  let pids: number[];
  try {
    pids = (await listPids(procRoot)).slice(0, limits.pids);
  } catch {
    return [];
  }
  for (const pid of pids) {
    try {
      const maps = await readTextFile(join(procRoot, String(pid), 'maps'), {
        maxBytes: limits.mapsBytes,
        truncate: true,
      });
      if (!mapsDeletedPackagedFile(maps)) continue;
      const unit = serviceOf(
        await readTextFile(join(procRoot, String(pid), 'cgroup'), {
          maxBytes: limits.cgroupBytes,
          truncate: true,
        }),
      );
      if (unit !== null) units.add(unit);
    } catch {
      // Gone, a kernel thread, or not ours to read.
    }
  }
  return [...units].sort();
}

function mapsDeletedPackagedFile(maps: string): boolean {
  for (const line of maps.split('\n')) {
    if (!line.endsWith(' (deleted)')) continue;
    const slash = line.indexOf('/');
    if (slash >= 0 && packagedDirectories.some((dir) => line.startsWith(dir, slash))) return true;
  }
  return false;
}

/** The `.service` a process belongs to, from its cgroup v2 (`0::`) or v1 systemd (`name=systemd:`) line. */
export function serviceOf(cgroup: string): string | null {
  for (const line of cgroup.split('\n')) {
    const path = line.startsWith('0::')
      ? line.slice(3)
      : line.includes(':name=systemd:')
        ? line.slice(line.indexOf(':name=systemd:') + 14)
        : null;
    if (path === null) continue;
    const unit = path
      .split('/')
      .reverse()
      .find((segment) => segment.endsWith('.service'));
    if (unit !== undefined) return unit.slice(0, 256);
  }
  return null;
}
