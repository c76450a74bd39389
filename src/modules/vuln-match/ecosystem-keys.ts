/*
 * How OSV ecosystem strings and package names become index keys. A host has one ecosystem
 * (host-ecosystem.ts), but the advisories that apply to it may be filed under a few related
 * strings: Ubuntu Pro (ESM) fixes for an LTS release, ecosystems whose release suffix is
 * optional, and Red Hat streams that end in a repository (`::appstream`, `::baseos`).
 */
import { versionComparer } from '../vuln/compare-versions.ts';
import { VersionError } from '../vuln/version-error.ts';

export type Compare = (a: string, b: string) => number;

function family(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/** The schema lets these name no release; such an advisory applies to every release. */
const releaseOptional = new Set(['Debian', 'AlmaLinux', 'Rocky Linux']);

/**
 * The key an ecosystem is indexed under. Red Hat scopes by CPE, and one product stream
 * (`Red Hat:enterprise_linux:9`) spans repositories (`::appstream`, `::baseos`, `::crb`): a
 * host has all of them, so the repository is dropped.
 */
export function releaseKey(ecosystem: string): string {
  if (family(ecosystem) !== 'Red Hat') return ecosystem;
  const repository = ecosystem.indexOf('::');
  return repository < 0 ? ecosystem : ecosystem.slice(0, repository);
}

/**
 * Every release key whose advisories apply to a host of this ecosystem, the host's own first.
 * An Ubuntu LTS host is also subject to what Ubuntu Pro records: a flaw fixed only in ESM is
 * still present on a host without it, and the Pro fix is the one to install.
 */
export function lookupEcosystems(hostEcosystem: string): string[] {
  const keys = [releaseKey(hostEcosystem)];
  const name = family(hostEcosystem);
  if (name === 'Ubuntu' && hostEcosystem.endsWith(':LTS') && !hostEcosystem.startsWith('Ubuntu:Pro:')) {
    keys.push(`Ubuntu:Pro:${hostEcosystem.slice('Ubuntu:'.length)}`);
  }
  if (releaseOptional.has(name) && name !== hostEcosystem) keys.push(name);
  return keys;
}

/** PyPI names compare as PEP 503 normalizes them (`Foo_Bar` is `foo-bar`); other ecosystems' exactly. */
export function packageKey(ecosystem: string, name: string): string {
  if (family(ecosystem) !== 'PyPI') return name;
  let key = '';
  let separator = false;
  for (const c of name.toLowerCase()) {
    if (c === '-' || c === '_' || c === '.') {
      separator = true;
      continue;
    }
    if (separator && key !== '') key += '-';
    separator = false;
    key += c;
  }
  return key;
}

/** Bounded: ecosystem names come from feeds. */
const comparers = new Map<string, Compare | null>();
const maxCachedComparers = 1024;

/** The version order of an ecosystem, or null when Vigil has none (then only `versions` lists count). */
export function comparerFor(ecosystem: string): Compare | null {
  const name = family(ecosystem);
  let compare = comparers.get(name);
  if (compare === undefined) {
    try {
      compare = versionComparer(name);
    } catch (error) {
      if (!(error instanceof VersionError)) throw error;
      compare = null;
    }
    if (comparers.size < maxCachedComparers) comparers.set(name, compare);
  }
  return compare;
}
