import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { parseRpmQuery, rpmQueryFormat } from './parse-rpm-query.ts';
import type { InstalledPackage } from '../../protocol/inventory.ts';

const run = promisify(execFile);

/** Older systems keep the database in /var/lib/rpm; newer ones in /usr/lib/sysimage/rpm with a link. */
const databaseDirectories = ['var/lib/rpm', 'usr/lib/sysimage/rpm'];

export interface RpmOptions {
  root: string;
  /** Directories to look for `rpm` in, colon-separated; relative entries are ignored. */
  searchPath: string;
}

/**
 * Lists rpm packages by running `rpm -qa` (the database is Berkeley DB,
 * NDB or SQLite: no pure reader covers them all). rpm runs without a shell,
 * with a fixed argument list, a timeout, a capped output and a minimal
 * environment. No database or no rpm program: no packages, and no error.
 */
export async function collectRpmPackages(options: RpmOptions): Promise<InstalledPackage[]> {
  if (!(await someDirectory(databaseDirectories.map((directory) => join(options.root, directory)))))
    return [];
  const rpm = await findProgram('rpm', options.searchPath);
  if (rpm === null) return [];
  const args = ['-qa', '--queryformat', rpmQueryFormat];
  if (options.root !== '/') args.push('--root', options.root);
  const { stdout } = await run(rpm, args, {
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { LC_ALL: 'C', PATH: options.searchPath },
    encoding: 'utf8',
    windowsHide: true,
  });
  return parseRpmQuery(stdout);
}

async function someDirectory(paths: readonly string[]): Promise<boolean> {
  for (const path of paths) {
    try {
      if ((await stat(path)).isDirectory()) return true;
    } catch {
      // Missing or unreadable: try the next place.
    }
  }
  return false;
}

async function findProgram(name: string, searchPath: string): Promise<string | null> {
  for (const directory of searchPath.split(':')) {
    // A relative entry would run whatever sits in the current directory.
    if (!isAbsolute(directory)) continue;
    const candidate = join(directory, name);
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}
