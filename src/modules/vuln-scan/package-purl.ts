import type { VulnFinding } from '../../protocol/vuln-api.ts';

const purlTypes: Record<VulnFinding['package']['manager'], string> = { dpkg: 'deb', apk: 'apk', rpm: 'rpm' };

/**
 * The package URL (github.com/package-url/purl-spec) of an installed distribution package:
 * `pkg:deb/debian/nginx@1.2.1-2.2%2Bwheezy2?distro=debian-7`. The vendor and release come from
 * the OSV ecosystem it was matched in (`Debian:7`, `Ubuntu:22.04:LTS`, `Alpine:v3.19`).
 */
export function packagePurl(pkg: VulnFinding['package']): string {
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
