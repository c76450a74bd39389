/*
 * Advisories held for matching: each affected entry under its release and package name, its
 * ranges prepared once, so a lookup is two Map reads. Withdrawn advisories are not held. An
 * advisory added again (same source and id) replaces the earlier one, so a feed can be
 * re-read into a live index.
 */
import { comparerFor, lookupEcosystems, packageKey, releaseKey } from './ecosystem-keys.ts';
import { prepareAffected, type PreparedAffected } from './prepare-affected.ts';
import { vulnerabilityKeys, type VulnerabilityKey } from './vulnerability-ids.ts';
import type { Advisory, AdvisoryAffected } from '../../protocol/vuln.ts';

export interface IndexedEntry {
  advisory: Advisory;
  affected: AdvisoryAffected;
  prepared: PreparedAffected;
  /** The vulnerabilities the advisory is about, the same for all its entries. */
  vulnerabilities: readonly VulnerabilityKey[];
}

export interface VulnIndex {
  add(advisory: Advisory): void;
  /** Advisories held: not withdrawn, with at least one entry of a kept ecosystem. */
  readonly size: number;
  /** The ecosystems of the entries held, sorted. */
  ecosystems(): string[];
  /** The entries naming this package in this ecosystem (Red Hat: in its product stream, any repository). */
  lookup(ecosystem: string, name: string): readonly IndexedEntry[];
}

const none: readonly IndexedEntry[] = [];

/**
 * `options.ecosystems` are the hosts' ecosystems (hostEcosystem): only entries that can apply
 * to them are kept, including Ubuntu Pro and release-less ones (ecosystem-keys.ts).
 */
export function createVulnIndex(options?: { ecosystems?: ReadonlySet<string> }): VulnIndex {
  const wanted =
    options?.ecosystems === undefined
      ? null
      : new Set([...options.ecosystems].flatMap((ecosystem) => lookupEcosystems(ecosystem)));
  const byRelease = new Map<string, Map<string, IndexedEntry[]>>();
  const byAdvisory = new Map<string, IndexedEntry[]>();
  const ecosystemCounts = new Map<string, number>();

  const bucketOf = (ecosystem: string, name: string, create: boolean): IndexedEntry[] | undefined => {
    const release = releaseKey(ecosystem);
    let names = byRelease.get(release);
    if (names === undefined) {
      if (!create) return undefined;
      names = new Map();
      byRelease.set(release, names);
    }
    const key = packageKey(ecosystem, name);
    let bucket = names.get(key);
    if (bucket === undefined && create) {
      bucket = [];
      names.set(key, bucket);
    }
    return bucket;
  };

  const count = (ecosystem: string, delta: number): void => {
    const next = (ecosystemCounts.get(ecosystem) ?? 0) + delta;
    if (next === 0) ecosystemCounts.delete(ecosystem);
    else ecosystemCounts.set(ecosystem, next);
  };

  const remove = (key: string): void => {
    const entries = byAdvisory.get(key);
    if (entries === undefined) return;
    byAdvisory.delete(key);
    for (const entry of entries) {
      const bucket = bucketOf(entry.affected.ecosystem, entry.affected.name, false);
      const at = bucket?.indexOf(entry) ?? -1;
      if (bucket !== undefined && at >= 0) bucket.splice(at, 1);
      count(entry.affected.ecosystem, -1);
    }
  };

  return {
    add(advisory) {
      const key = `${advisory.source}\u0000${advisory.id}`;
      remove(key);
      if (advisory.withdrawn !== null) return;
      const entries: IndexedEntry[] = [];
      let vulnerabilities: VulnerabilityKey[] | undefined;
      for (const affected of advisory.affected) {
        if (wanted !== null && !wanted.has(releaseKey(affected.ecosystem))) continue;
        vulnerabilities ??= vulnerabilityKeys(advisory);
        const prepared = prepareAffected(affected, comparerFor(affected.ecosystem));
        const entry = { advisory, affected, prepared, vulnerabilities };
        bucketOf(affected.ecosystem, affected.name, true)?.push(entry);
        count(affected.ecosystem, 1);
        entries.push(entry);
      }
      if (entries.length > 0) byAdvisory.set(key, entries);
    },
    get size() {
      return byAdvisory.size;
    },
    ecosystems() {
      return [...ecosystemCounts.keys()].sort();
    },
    lookup(ecosystem, name) {
      return bucketOf(ecosystem, name, false) ?? none;
    },
  };
}
