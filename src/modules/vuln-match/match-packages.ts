/*
 * Which installed packages the indexed advisories affect, one PackageMatch per (package,
 * vulnerability).
 *
 * What is looked up. Distribution packages by their source package (InstalledPackage.source,
 * else the name) and its version (sourceVersion: a binNMU 1.2-3+b1 is source 1.2-3), since
 * Debian, Ubuntu, Alpine, Rocky and AlmaLinux advisories name source packages and give source
 * versions. Red Hat names binary or source RPMs, so there the binary name with the binary
 * version is looked up too. Releases: the host's ecosystem (hostEcosystem), plus Ubuntu Pro for
 * an LTS release and release-less entries (ecosystem-keys.ts).
 *
 * What is one vulnerability. Advisories are grouped by CVE among their id and aliases (an
 * advisory naming several CVEs counts for each); without a CVE, by the advisory, joined with
 * records that alias it. Withdrawn advisories are never indexed, so never match.
 *
 * Precedence when the advisories of one vulnerability disagree for one package:
 *   1. A tracker entry saying `not-affected` for the host's release is a veto: no match,
 *      whatever any range says (the distribution's verdict on its own build, e.g. the
 *      vulnerable code was never shipped).
 *   2. Otherwise the package is affected when any advisory says so (ranges, `versions` list, or
 *      a tracker state other than a `fixed` version at or below the installed one). An advisory
 *      that finds the installed version fixed does not outvote one that does not: a later
 *      regression update (DSA-…-2) moves the fix up.
 *   3. If any of those gives a fixed version, the state is `fixed` with the HIGHEST such version:
 *      the upgrade that satisfies every advisory.
 *   4. Else the tracker's state, most telling first: end-of-life, ignored, postponed, no-dsa,
 *      then unfixed (also what ranges without a fix give); fixReason is that entry's reason.
 * The entry that decided gives `ecosystem` (a fix only in Ubuntu Pro shows `Ubuntu:Pro:…`) and
 * is read first for the title, references, vectors and severity words; the others follow in
 * advisory id order.
 *
 * Never throws for hostile data: an installed version an order refuses, or an advisory range
 * with such a version (refused when indexed), is skipped and reported through `onSkip`.
 */
import { hostEcosystem } from './host-ecosystem.ts';
import { lookupEcosystems } from './ecosystem-keys.ts';
import { evaluateAffected, type Verdict } from './prepare-affected.ts';
import { cveOf } from './vulnerability-ids.ts';
import type { PackageMatch } from './package-match.ts';
import type { IndexedEntry, VulnIndex } from './vuln-index.ts';
import type { InstalledPackage, OsRelease, PackageManager } from '../../protocol/inventory.ts';
import type { CvssVector, FixState } from '../../protocol/vuln.ts';

/** Something matching could not evaluate and left out. */
export interface MatchSkip {
  ecosystem: string;
  /** The package name looked up (the source package for distributions). */
  package: string;
  version: string;
  advisory: string;
  reason: string;
}

export interface MatchOptions {
  onSkip?: (skip: MatchSkip) => void;
}

type AffectedVerdict = Extract<Verdict, { kind: 'affected' }>;

interface Finding {
  entry: IndexedEntry;
  verdict: AffectedVerdict;
}

interface Group {
  vulnerabilityId: string;
  isCve: boolean;
  findings: Finding[];
  vetoed: boolean;
}

type Template = Omit<PackageMatch, 'package'>;

const statePriority: Record<Exclude<FixState, 'fixed'>, number> = {
  'end-of-life': 0,
  ignored: 1,
  postponed: 2,
  'no-dsa': 3,
  unfixed: 4,
};

function priority(finding: Finding): number {
  const state = finding.verdict.fixState;
  return state === 'fixed' ? -1 : statePriority[state];
}

function decide(findings: Finding[]): Finding {
  let best = findings[0] as Finding;
  for (let i = 1; i < findings.length; i += 1) {
    const finding = findings[i] as Finding;
    const { fixed, fixCompare } = finding.verdict;
    const current = best.verdict.fixed;
    if (fixed !== null && current !== null && fixCompare !== null) {
      try {
        if (fixCompare(fixed, current) > 0) best = finding;
      } catch {
        // Both versions passed their own order when indexed; orders that disagree keep the first.
      }
    } else if (priority(finding) < priority(best)) {
      best = finding;
    }
  }
  return best;
}

function byText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function byAdvisoryId(a: Finding, b: Finding): number {
  return byText(a.entry.advisory.id, b.entry.advisory.id);
}

function byVulnerabilityId(a: Template, b: Template): number {
  return byText(a.vulnerabilityId, b.vulnerabilityId);
}

/** Aliases of an advisory worth showing with the group: not the group's id, and no other CVE. */
function keepAlias(name: string, group: Group, advisories: readonly string[]): boolean {
  if (name === group.vulnerabilityId || advisories.includes(name)) return false;
  const cve = cveOf(name);
  return cve === null || cve === (group.isCve ? group.vulnerabilityId : null);
}

function severityWords(entry: IndexedEntry): string | null {
  const word = entry.affected.tracker?.urgency ?? entry.advisory.severityText;
  return word === null || word === '' ? null : word;
}

/**
 * Most groups hold one advisory: its arrays are shared rather than copied (matches are read,
 * never changed), which keeps a 5,000-package match inside its time budget.
 */
function singleTemplate(group: Group, only: Finding): Template {
  const { advisory, affected } = only.entry;
  const advisories = [advisory.id];
  const aliases = advisory.aliases.filter((name) => keepAlias(name, group, advisories)).sort();
  return {
    vulnerabilityId: group.vulnerabilityId,
    advisories,
    aliases,
    title: advisory.summary.trim() === '' ? '' : advisory.summary,
    references: advisory.references,
    ecosystem: affected.ecosystem,
    fixState: only.verdict.fixState,
    fixedVersion: only.verdict.fixed,
    fixReason: only.verdict.reason,
    cvss: advisory.cvss,
    severityText: advisory.cvss.length === 0 ? severityWords(only.entry) : null,
  };
}

function toTemplate(group: Group): Template {
  if (group.findings.length === 1) return singleTemplate(group, group.findings[0] as Finding);
  const decisive = decide(group.findings);
  let ordered = [decisive];
  const advisories = [decisive.entry.advisory.id];
  if (group.findings.length > 1) {
    const rest: Finding[] = [];
    for (const finding of group.findings) {
      if (finding === decisive) continue;
      rest.push(finding);
      if (!advisories.includes(finding.entry.advisory.id)) advisories.push(finding.entry.advisory.id);
    }
    ordered = [decisive, ...rest.sort(byAdvisoryId)];
    advisories.sort(byText);
  }
  const aliases = new Set<string>();
  const references = new Set<string>();
  const cvss = new Map<string, CvssVector>();
  let title = '';
  let words: string | null = null;
  for (const { entry } of ordered) {
    const { advisory } = entry;
    // The advisory's own id is in `advisories`.
    for (const name of advisory.aliases) if (keepAlias(name, group, advisories)) aliases.add(name);
    for (const reference of advisory.references) references.add(reference);
    for (const vector of advisory.cvss) cvss.set(`${vector.type} ${vector.vector}`, vector);
    if (title === '' && advisory.summary.trim() !== '') title = advisory.summary;
    words ??= severityWords(entry);
  }
  return {
    vulnerabilityId: group.vulnerabilityId,
    advisories,
    aliases: [...aliases].sort(),
    title,
    references: [...references],
    ecosystem: decisive.entry.affected.ecosystem,
    fixState: decisive.verdict.fixState,
    fixedVersion: decisive.verdict.fixed,
    fixReason: decisive.verdict.reason,
    cvss: [...cvss.values()],
    severityText: cvss.size === 0 ? words : null,
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function skipOf(entry: IndexedEntry, name: string, version: string, reason: string): MatchSkip {
  return { ecosystem: entry.affected.ecosystem, package: name, version, advisory: entry.advisory.id, reason };
}

interface Lookup {
  name: string;
  version: string;
}

function matchLookups(
  index: VulnIndex,
  releases: string[],
  lookups: Lookup[],
  onSkip: ((skip: MatchSkip) => void) | undefined,
): Template[] {
  const groups = new Map<string, Group>();
  for (const release of releases) {
    for (const { name, version } of lookups) {
      for (const entry of index.lookup(release, name)) {
        if (onSkip !== undefined)
          for (const problem of entry.prepared.problems)
            onSkip(skipOf(entry, name, version, problem.message));
        let verdict: Verdict;
        try {
          verdict = evaluateAffected(version, entry.prepared);
        } catch (error) {
          onSkip?.(skipOf(entry, name, version, message(error)));
          continue;
        }
        if (verdict.kind !== 'clear') addVerdict(groups, entry, verdict);
      }
    }
  }
  const templates: Template[] = [];
  for (const group of groups.values()) {
    if (!group.vetoed && group.findings.length > 0) templates.push(toTemplate(group));
  }
  return templates.length > 1 ? templates.sort(byVulnerabilityId) : templates;
}

function addVerdict(
  groups: Map<string, Group>,
  entry: IndexedEntry,
  verdict: Exclude<Verdict, { kind: 'clear' }>,
): void {
  for (const vulnerability of entry.vulnerabilities) {
    let group = groups.get(vulnerability.key);
    if (group === undefined) {
      group = { vulnerabilityId: vulnerability.id, isCve: vulnerability.cve, findings: [], vetoed: false };
      groups.set(vulnerability.key, group);
    } else if (vulnerability.id < group.vulnerabilityId) {
      group.vulnerabilityId = vulnerability.id;
    }
    if (verdict.kind === 'not-affected') group.vetoed = true;
    else group.findings.push({ entry, verdict });
  }
}

/** Spelled out rather than spread: one object shape for every match, built without a property walk. */
function withPackage(t: Template, installed: InstalledPackage): PackageMatch {
  return {
    vulnerabilityId: t.vulnerabilityId,
    advisories: t.advisories,
    aliases: t.aliases,
    title: t.title,
    references: t.references,
    package: installed,
    ecosystem: t.ecosystem,
    fixState: t.fixState,
    fixedVersion: t.fixedVersion,
    fixReason: t.fixReason,
    cvss: t.cvss,
    severityText: t.severityText,
  };
}

/** Red Hat advisories may name binary RPMs. */
function namesBinaries(ecosystem: string): boolean {
  return ecosystem.startsWith('Red Hat:');
}

/**
 * The matches of every installed package, in package order then vulnerability id. Binary
 * packages built from one source version are evaluated once.
 */
export function matchPackages(
  index: VulnIndex,
  host: { os: OsRelease | null; packages: InstalledPackage[] },
  options?: MatchOptions,
): PackageMatch[] {
  const hosts = new Map<PackageManager, { ecosystem: string; releases: string[] } | null>();
  const cache = new Map<string, Template[]>();
  const matches: PackageMatch[] = [];
  for (const installed of host.packages) {
    let target = hosts.get(installed.manager);
    if (target === undefined) {
      const ecosystem = hostEcosystem(host.os, installed.manager);
      target = ecosystem === null ? null : { ecosystem, releases: lookupEcosystems(ecosystem) };
      hosts.set(installed.manager, target);
    }
    if (target === null) continue;
    const { ecosystem, releases } = target;
    const lookups: Lookup[] = [
      {
        name: installed.source === '' ? installed.name : installed.source,
        version: installed.sourceVersion === '' ? installed.version : installed.sourceVersion,
      },
    ];
    if (namesBinaries(ecosystem) && installed.name !== lookups[0]?.name) {
      lookups.push({ name: installed.name, version: installed.version });
    }
    let key = ecosystem;
    // Length-prefixed, so no name or version can make two lookups share a key.
    for (const { name, version } of lookups) key += `|${name.length}:${name}${version.length}:${version}`;
    let templates = cache.get(key);
    if (templates === undefined) {
      templates = matchLookups(index, releases, lookups, options?.onSkip);
      cache.set(key, templates);
    }
    for (const template of templates) matches.push(withPackage(template, installed));
  }
  return matches;
}
