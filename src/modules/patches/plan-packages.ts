import type { InstalledPackage } from '../../protocol/inventory.ts';
import type { VulnFinding } from '../../protocol/vuln-api.ts';
import type { PlannedPackage } from './planned-package.ts';

type Compare = (a: string, b: string) => number;

/**
 * One host's upgrades for its findings with a fix: each finding's binary package must reach the
 * highest fixed version among its findings. Advisories fix source packages, so every other
 * installed binary built from a fixed source, at a version below the fix, must reach that
 * version too (libssl3 with openssl): left behind, it would pin the old source's files, or stop
 * the upgrade on an exact-version dependency.
 */
export function planPackages(
  findings: readonly VulnFinding[],
  installed: readonly InstalledPackage[],
  compare: Compare,
): PlannedPackage[] {
  const byName = new Map<string, PlannedPackage>();
  const sourceFix = new Map<string, string>();
  const raise = (entry: PlannedPackage, version: string) => {
    if (compare(version, entry.atLeast) > 0) entry.atLeast = version;
  };
  for (const finding of findings) {
    if (finding.fixedVersion === null) continue;
    const { name, version, source } = finding.package;
    const entry = byName.get(name) ?? blank(name, version, finding.fixedVersion);
    raise(entry, finding.fixedVersion);
    entry.findingIds.push(finding.id);
    byName.set(name, entry);
    const known = sourceFix.get(source);
    if (known === undefined || compare(finding.fixedVersion, known) > 0)
      sourceFix.set(source, finding.fixedVersion);
  }
  for (const binary of installed) {
    const fix = sourceFix.get(binary.source);
    if (fix === undefined || compare(binary.version, fix) >= 0) continue;
    const entry = byName.get(binary.name) ?? blank(binary.name, binary.version, fix);
    raise(entry, fix);
    byName.set(binary.name, entry);
  }
  return [...byName.values()]
    .map((entry) => ({ ...entry, findingIds: [...new Set(entry.findingIds)].sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function blank(name: string, from: string, atLeast: string): PlannedPackage {
  return { name, from, atLeast, version: null, findingIds: [], unavailable: false, candidate: null };
}
