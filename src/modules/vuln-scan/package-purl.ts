import type { VulnFinding } from '../../protocol/vuln-api.ts';

const purlTypes: Record<VulnFinding['package']['manager'], string> = {
  dpkg: 'deb',
  apk: 'apk',
  rpm: 'rpm',
  npm: 'npm',
  pypi: 'pypi',
};

/**
 * The package URL (github.com/package-url/purl-spec) of an installed package:
 * `pkg:deb/debian/nginx@1.2.1-2.2%2Bwheezy2?distro=debian-7`. The vendor and release come from
 * the OSV ecosystem it was matched in (`Debian:7`, `Ubuntu:22.04:LTS`, `Alpine:v3.19`).
 */
export function packagePurl(pkg: VulnFinding['package']): string {
  // Language packages have no distribution; an npm scope is the purl namespace (`pkg:npm/%40types/node@20.1.0`).
  if (pkg.manager === 'npm' || pkg.manager === 'pypi') {
    // The spec lowercases PyPI names and spells `_` as `-`.
    const plain = pkg.manager === 'pypi' ? pkg.name.toLowerCase().replace(/_/g, '-') : pkg.name;
    return `pkg:${purlTypes[pkg.manager]}/${encode(plain).replace(/%2F/g, '/')}@${encode(pkg.version)}`;
  }
  const [vendor = '', release] = pkg.ecosystem.split(':');
  const namespace = vendor.toLowerCase().replace(/[^a-z0-9]/g, '');
  const path = namespace === '' ? purlTypes[pkg.manager] : `${purlTypes[pkg.manager]}/${namespace}`;
  const distro = release === undefined || namespace === '' ? '' : `${namespace}-${release.replace(/^v/, '')}`;
  return `pkg:${path}/${encode(pkg.name)}@${encode(pkg.version)}${distro === '' ? '' : `?distro=${encode(distro)}`}`;
}

/** Percent-encoding as the spec asks: everything but unreserved characters, and the colon of epochs. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/%3A/g, ':');
}
