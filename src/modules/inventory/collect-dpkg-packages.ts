import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { installedStatus, parseDpkgStatus } from './parse-dpkg-status.ts';
import { isMissing, readFileBytes, readOptionalFileBytes } from './read-text-file.ts';
import type { InstalledPackage } from '../../protocol/inventory.ts';

const maxStatusBytes = 256 * 1024 * 1024;
const stanzaBreak = Buffer.from('\n\n');

export interface DpkgPackages {
  installed: InstalledPackage[];
  /** Unpacked, half-installed or half-configured: files may be on disk, but dpkg-query does not count them. */
  other: InstalledPackage[];
}

/**
 * Reads dpkg's database the way dpkg-query does: the status file, then the
 * journal in `updates/` (numbered files, present when dpkg was interrupted),
 * each stanza replacing the earlier one for its package. No dpkg database, no packages.
 */
export async function collectDpkgPackages(root: string): Promise<DpkgPackages> {
  const directory = join(root, 'var/lib/dpkg');
  const status = await readOptionalFileBytes(join(directory, 'status'), { maxBytes: maxStatusBytes });
  if (status === null) return { installed: [], other: [] };
  let journal: string[] = [];
  try {
    journal = (await readdir(join(directory, 'updates'))).filter((name) => /^\d{1,10}$/.test(name)).sort();
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const parts = [status];
  for (const name of journal) {
    parts.push(
      stanzaBreak,
      await readFileBytes(join(directory, 'updates', name), { maxBytes: maxStatusBytes }),
    );
  }
  const packages = parseDpkgStatus(Buffer.concat(parts));
  return {
    installed: packages.filter((entry) => entry.status === installedStatus),
    other: packages.filter((entry) => entry.status !== installedStatus && filesMayRemain(entry.status)),
  };
}

/** The third word of Status is the state; `not-installed` and `config-files` leave no program behind. */
function filesMayRemain(status: string): boolean {
  const state = status.split(' ')[2] ?? '';
  return state !== '' && state !== 'not-installed' && state !== 'config-files';
}
