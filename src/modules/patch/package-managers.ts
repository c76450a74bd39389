import type { InstalledPackage, SystemPackageManager } from '../../protocol/inventory.ts';
import type { PackageChange } from '../../protocol/patch-api.ts';
import { collectApkPackages } from '../inventory/collect-apk-packages.ts';
import { collectDpkgPackages } from '../inventory/collect-dpkg-packages.ts';
import { collectRpmPackages } from '../inventory/collect-rpm-packages.ts';
import type { CompareVersions } from './change-action.ts';
import { managerOrder } from './manager-order.ts';
import { parseApkSimulation } from './parse-apk-simulation.ts';
import { parseAptSimulation } from './parse-apt-simulation.ts';
import { parseDnfTransaction } from './parse-dnf-transaction.ts';
import type { PackageToolResult } from './run-package-tool.ts';

type Command = [program: string, args: string[]];

/** What patching needs to know of one package manager: its commands and how to read them. */
export interface ManagerCommands {
  compare: CompareVersions;
  installed(): Promise<InstalledPackage[]>;
  /** Shows what upgrading these packages to their newest candidates would change, changing nothing. */
  simulate(names: readonly string[]): Command;
  /** Whether the simulation ran; dnf's --assumeno exits 1 after showing a transaction. */
  simulated(result: PackageToolResult): boolean;
  parseSimulation(text: string, installedVersion: (name: string) => string | null): PackageChange[];
  /** Upgrades to exactly these versions where the manager can say so. */
  apply(packages: readonly { name: string; version: string }[]): Command;
}

const systemPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const managerCommands: Readonly<Record<SystemPackageManager, ManagerCommands>> = {
  dpkg: {
    compare: managerOrder('dpkg'),
    installed: async () => (await collectDpkgPackages('/')).installed,
    // No lock is taken for a simulation, so it runs while unattended-upgrades holds one.
    simulate: (names) => [
      'apt-get',
      ['-s', '-o', 'Debug::NoLocking=1', 'install', '--only-upgrade', '-y', ...names],
    ],
    simulated: (result) => result.code === 0,
    parseSimulation: (text) => parseAptSimulation(text, managerCommands.dpkg.compare),
    apply: (packages) => [
      'apt-get',
      [
        'install',
        '-y',
        '--only-upgrade',
        '-o',
        'Dpkg::Options::=--force-confold',
        // Waits for another apt (a daily timer, say) instead of failing at once.
        '-o',
        'DPkg::Lock::Timeout=300',
        ...packages.map((entry) => `${entry.name}=${entry.version}`),
      ],
    ],
  },
  rpm: {
    compare: managerOrder('rpm'),
    installed: () => collectRpmPackages({ root: '/', searchPath: systemPath }),
    simulate: (names) => ['dnf', ['--assumeno', 'upgrade', ...names]],
    simulated: (result) =>
      result.code === 0 || (result.code === 1 && toolText(result).includes('Operation aborted')),
    parseSimulation: (text, installedVersion) => parseDnfTransaction(text, installedVersion),
    apply: (packages) => [
      'dnf',
      ['-y', 'upgrade', ...packages.map((entry) => `${entry.name}-${entry.version}`)],
    ],
  },
  apk: {
    compare: managerOrder('apk'),
    installed: () => collectApkPackages('/'),
    simulate: (names) => ['apk', ['upgrade', '--simulate', ...names]],
    simulated: (result) => result.code === 0,
    parseSimulation: (text) => parseApkSimulation(text),
    // `apk add name=version` would pin the version in /etc/apk/world for good; the result is
    // checked against the versions asked for instead.
    apply: (packages) => ['apk', ['upgrade', ...packages.map((entry) => entry.name)]],
  },
};

function toolText(result: PackageToolResult): string {
  return `${result.stdout}\n${result.stderr}`;
}
