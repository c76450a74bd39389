import { join } from 'node:path';
import { systemClock, type Clock } from '../../platform/clock.ts';
import { clip } from './clip.ts';
import { collectApkPackages } from './collect-apk-packages.ts';
import { collectDpkgPackages } from './collect-dpkg-packages.ts';
import { collectEnabledServices } from './collect-enabled-services.ts';
import { collectHostInfo } from './collect-host-info.ts';
import { collectListeners } from './collect-listeners.ts';
import { collectProcesses } from './collect-processes.ts';
import { collectRpmPackages } from './collect-rpm-packages.ts';
import { collectSudoRules } from './collect-sudo-rules.ts';
import { compareText } from './compare-text.ts';
import { parseGroup } from './parse-group.ts';
import { parsePasswd } from './parse-passwd.ts';
import { readTextFile } from './read-text-file.ts';
import type { CollectorError, CollectorName, HostInfo, Inventory } from '../../protocol/inventory.ts';
import { uidNamer } from './uid-namer.ts';

export interface CollectInventoryOptions {
  /** The filesystem to inventory; tests point it at a fixture tree. */
  root?: string;
  /** Where processes and sockets are read from. */
  procRoot?: string;
  clock?: Clock;
  /** Directories searched for `rpm`; defaults to PATH. */
  searchPath?: string;
}

const accountFile = { maxBytes: 16 * 1024 * 1024 };

/**
 * Collects everything the agent reports about a host. Collectors run
 * concurrently and independently: one that fails adds an entry to `errors`
 * and leaves its section empty; this function does not throw.
 */
export async function collectInventory(options: CollectInventoryOptions = {}): Promise<Inventory> {
  const root = options.root ?? '/';
  const procRoot = options.procRoot ?? '/proc';
  const collectedAt = (options.clock ?? systemClock).now().toISOString();
  const errors: CollectorError[] = [];
  const attempt = async <T>(collector: CollectorName, fallback: T, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      errors.push({ collector, message: clip(error instanceof Error ? error.message : String(error), 1024) });
      return fallback;
    }
  };

  const users = attempt('users', [], async () =>
    parsePasswd(await readTextFile(join(root, 'etc/passwd'), accountFile)),
  );
  // Processes and sockets name their owners; without passwd they show bare uids.
  const nameOf = users.then(uidNamer);
  const emptyHost: HostInfo = { hostname: '', kernel: '', os: null, addresses: [] };
  const [host, dpkg, apk, rpm, groups, sudo, services, listeners, processes] = await Promise.all([
    attempt('host', emptyHost, () => collectHostInfo({ root, procRoot })),
    attempt('dpkg', { installed: [], other: [] }, () => collectDpkgPackages(root)),
    attempt('apk', [], () => collectApkPackages(root)),
    attempt('rpm', [], () =>
      collectRpmPackages({ root, searchPath: options.searchPath ?? process.env.PATH ?? '/usr/bin:/bin' }),
    ),
    attempt('groups', [], async () => parseGroup(await readTextFile(join(root, 'etc/group'), accountFile))),
    attempt('sudo', { rules: [], problems: [] }, () => collectSudoRules(root)),
    attempt('services', [], () => collectEnabledServices(root)),
    attempt('listeners', [], async () => collectListeners(procRoot, await nameOf)),
    attempt('processes', [], async () => collectProcesses(procRoot, await nameOf)),
  ]);
  for (const problem of sudo.problems) errors.push({ collector: 'sudo', message: clip(problem, 1024) });

  return {
    schemaVersion: 1,
    collectedAt,
    host,
    packages: [...dpkg.installed, ...apk, ...rpm],
    otherPackages: dpkg.other,
    listeners,
    users: await users,
    groups,
    sudoRules: sudo.rules,
    services,
    processes,
    errors: errors.sort((a, b) => compareText(a.collector, b.collector)),
  };
}
