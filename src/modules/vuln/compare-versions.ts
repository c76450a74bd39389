/*
 * One entry point from an OSV ecosystem name to its version order. OSV scopes ecosystems with
 * suffixes ("Debian:12", "Ubuntu:Pro:18.04:LTS", "Red Hat:rhel_aus:8.4::appstream",
 * "Alpine:v3.20"); the order depends only on the name before the first colon.
 */
import { compareApk } from './apk-version.ts';
import { compareDpkg } from './dpkg-version.ts';
import { comparePep440 } from './pep440-version.ts';
import { compareRpm } from './rpm-version.ts';
import { compareSemver } from './semver-version.ts';
import { VersionError, quoteVersion } from './version-error.ts';
import type { Ordering } from './version-input.ts';

export type VersionScheme = 'dpkg' | 'rpm' | 'apk' | 'semver' | 'pep440';

/**
 * The ecosystems (osv-schema ecosystems.json) whose versions Vigil orders. Chainguard and Wolfi
 * build with apk; openSUSE and SUSE records say their order is rpm's; the rest are the issue's.
 */
const schemeByEcosystem: Readonly<Record<string, VersionScheme>> = {
  Debian: 'dpkg',
  Ubuntu: 'dpkg',
  Alpine: 'apk',
  Chainguard: 'apk',
  Wolfi: 'apk',
  'Red Hat': 'rpm',
  AlmaLinux: 'rpm',
  'Rocky Linux': 'rpm',
  openSUSE: 'rpm',
  SUSE: 'rpm',
  npm: 'semver',
  PyPI: 'pep440',
};

const compareByScheme: Readonly<Record<VersionScheme, (a: string, b: string) => Ordering>> = {
  dpkg: compareDpkg,
  rpm: compareRpm,
  apk: compareApk,
  semver: compareSemver,
  pep440: comparePep440,
};

/** The version scheme of an OSV ecosystem; throws VersionError (`ecosystem_unsupported`) for others. */
export function versionSchemeOf(ecosystem: string): VersionScheme {
  if (typeof ecosystem !== 'string') {
    throw new VersionError(
      'ecosystem_unsupported',
      `no version order for an ecosystem of type ${typeof ecosystem}`,
    );
  }
  const colon = ecosystem.indexOf(':');
  const name = colon < 0 ? ecosystem : ecosystem.slice(0, colon);
  const scheme = Object.hasOwn(schemeByEcosystem, name) ? schemeByEcosystem[name] : undefined;
  if (scheme === undefined) {
    throw new VersionError(
      'ecosystem_unsupported',
      `no version order for the ecosystem ${quoteVersion(ecosystem)}`,
    );
  }
  return scheme;
}

/** The compare function of an ecosystem, to look it up once for many comparisons. */
export function versionComparer(ecosystem: string): (a: string, b: string) => Ordering {
  return compareByScheme[versionSchemeOf(ecosystem)];
}

/** Orders two versions of an OSV ecosystem: -1 when a is older, 0 when equal, 1 when newer. */
export function compareVersions(ecosystem: string, a: string, b: string): Ordering {
  return versionComparer(ecosystem)(a, b);
}
