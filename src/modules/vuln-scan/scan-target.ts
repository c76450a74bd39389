import { join } from 'node:path';
import { z } from 'zod';
import { InstalledPackage, OsRelease, type PackageManager } from '../../protocol/inventory.ts';
import { AppError, issuesFromZod } from '../../platform/errors.ts';
import { collectApkPackages } from '../inventory/collect-apk-packages.ts';
import { collectDpkgPackages } from '../inventory/collect-dpkg-packages.ts';
import { collectHostInfo } from '../inventory/collect-host-info.ts';
import { collectRpmPackages } from '../inventory/collect-rpm-packages.ts';
import { hostEcosystem } from '../vuln-match/host-ecosystem.ts';

/** The one host a scan looks at: its release and its installed packages. */
export interface ScanTarget {
  /** The inventory's agent when the file names one, else `local`. */
  agentId: string;
  hostname: string | null;
  os: OsRelease | null;
  packages: InstalledPackage[];
}

/*
 * Only what matching needs is read, so a full InventorySnapshot (`vigil agents inventory … --format
 * json`), the API's HostInventory around it, or a hand-written file with just these fields all do.
 */
const InventoryFile = z.object({
  host: z.object({ hostname: z.string(), os: OsRelease.nullable() }),
  packages: z.array(InstalledPackage),
});
const HostInventoryFile = z.object({ agentId: z.string().min(1).max(200), inventory: InventoryFile });

/** A Vigil inventory as JSON text; throws AppError (validation_failed) naming the first problem. */
export function parseInventoryFile(text: string, origin: string): ScanTarget {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('validation_failed', `${origin}: not JSON (${(error as Error).message})`);
  }
  const wrapped = HostInventoryFile.safeParse(json);
  if (wrapped.success) return target(wrapped.data.agentId, wrapped.data.inventory);
  const bare = InventoryFile.safeParse(json);
  if (bare.success) return target('local', bare.data);
  const [issue] = issuesFromZod(bare.error.issues);
  throw new AppError(
    'validation_failed',
    `${origin}: not a Vigil inventory${issue ? ` (${issue.path}: ${issue.message})` : ''}`,
  );
}

function target(agentId: string, inventory: z.infer<typeof InventoryFile>): ScanTarget {
  return {
    agentId,
    hostname: inventory.host.hostname === '' ? null : inventory.host.hostname,
    os: inventory.host.os,
    packages: inventory.packages,
  };
}

/**
 * This machine's packages and os-release, read by the agent's own collectors; under `root`
 * instead of / for a mounted image, whose hostname is then not this machine's, so none is given.
 */
export async function collectLocalTarget(options: {
  root?: string;
  searchPath: string;
}): Promise<ScanTarget> {
  const root = options.root ?? '/';
  const procRoot = options.root === undefined ? '/proc' : join(root, 'proc');
  const [host, dpkg, apk, rpm] = await Promise.all([
    collectHostInfo({ root, procRoot }),
    collectDpkgPackages(root),
    collectApkPackages(root),
    collectRpmPackages({ root, searchPath: options.searchPath }),
  ]);
  return {
    agentId: 'local',
    hostname: options.root === undefined ? host.hostname : null,
    os: host.os,
    packages: [...dpkg.installed, ...apk, ...rpm],
  };
}

/** The OSV ecosystems the target's packages are published in (`Debian:12`), one per package manager. */
export function targetEcosystems(target: ScanTarget): Set<string> {
  const managers = new Set<PackageManager>(target.packages.map((pkg) => pkg.manager));
  const ecosystems = new Set<string>();
  for (const manager of managers) {
    const ecosystem = hostEcosystem(target.os, manager);
    if (ecosystem !== null) ecosystems.add(ecosystem);
  }
  return ecosystems;
}
