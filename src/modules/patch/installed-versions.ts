import type { InstalledPackage } from '../../protocol/inventory.ts';
import type { PackageChange } from '../../protocol/patch-api.ts';
import { changeOf, type CompareVersions } from './change-action.ts';

/** Each installed name's versions, oldest first: rpm keeps several kernels, dpkg one per architecture. */
export function versionsByName(
  packages: readonly InstalledPackage[],
  compare: CompareVersions,
): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const entry of packages) {
    const versions = byName.get(entry.name) ?? [];
    versions.push(entry.version);
    byName.set(entry.name, versions);
  }
  for (const versions of byName.values()) versions.sort(compare);
  return byName;
}

/** The newest installed version of a name, or null. */
export function newestInstalled(byName: ReadonlyMap<string, string[]>, name: string): string | null {
  return byName.get(name)?.at(-1) ?? null;
}

/**
 * What changed between two reads of the package database: per name, versions that went away
 * are paired with versions that came, oldest with oldest; the rest were removed or installed.
 */
export function diffInstalled(
  before: ReadonlyMap<string, string[]>,
  after: ReadonlyMap<string, string[]>,
  compare: CompareVersions,
): PackageChange[] {
  const changes: PackageChange[] = [];
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const name of names) {
    const was = before.get(name) ?? [];
    const now = after.get(name) ?? [];
    const gone = was.filter((version) => !now.includes(version));
    const came = now.filter((version) => !was.includes(version));
    for (let i = 0; i < Math.max(gone.length, came.length); i += 1) {
      const change = changeOf(name, gone[i] ?? null, came[i] ?? null, compare);
      if (change) changes.push(change);
    }
  }
  return changes;
}
