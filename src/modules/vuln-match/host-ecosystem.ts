/*
 * The OSV ecosystem a host's distribution packages are published under, from /etc/os-release,
 * in the forms of the OSV schema's ecosystem list (osv-schema ecosystems.json):
 *
 *   Debian      Debian:<VERSION_ID major>. Testing and unstable have no VERSION_ID and carry the
 *               next release's codename (trixie/sid → VERSION_CODENAME=trixie): they are matched
 *               as that release (Debian:13), as the tracker lists it; codename sid → Debian:sid.
 *   Ubuntu      Ubuntu:<YY.MM>, with :LTS for LTS releases (YY.04 with an even YY).
 *   Alpine      Alpine:v<major.minor>.
 *   RHEL        Red Hat:enterprise_linux:<major> (the CPE product stream; the index ignores the
 *               `::appstream`/`::baseos` repository part). CentOS and other rebuilds that say
 *               ID_LIKE=rhel are matched against it. Rocky Linux:<major>, AlmaLinux:<major>.
 *   SUSE        SUSE:/openSUSE:<PRETTY_NAME without the vendor word>, as published records name
 *               them (`SUSE:Linux Enterprise Server 15 SP5`, `openSUSE:Leap 15.5`).
 *
 * Derivatives are recognised by ID_LIKE, in its order, but only through a codename of the
 * distribution they follow (Raspbian bookworm → Debian:12, Pop!_OS jammy → Ubuntu:22.04:LTS):
 * their VERSION_ID numbers their own releases. Fedora and Oracle Linux have no OSV ecosystem.
 * Null when nothing fits, or when the package manager is not the distribution's (rpm on Debian).
 * Lockfile packages (npm, pypi) are in the npm and PyPI ecosystems whatever the host runs.
 */
import { debianEcosystem } from '../vuln-feeds/debian-releases.ts';
import type { OsRelease, PackageManager } from '../../protocol/inventory.ts';

const ubuntuCodenames = new Map([
  ['trusty', '14.04'],
  ['xenial', '16.04'],
  ['bionic', '18.04'],
  ['focal', '20.04'],
  ['groovy', '20.10'],
  ['hirsute', '21.04'],
  ['impish', '21.10'],
  ['jammy', '22.04'],
  ['kinetic', '22.10'],
  ['lunar', '23.04'],
  ['mantic', '23.10'],
  ['noble', '24.04'],
  ['oracular', '24.10'],
  ['plucky', '25.04'],
  ['questing', '25.10'],
]);

/** The leading number of a VERSION_ID (`9.3` → `9`), or null. */
function major(versionId: string | undefined): string | null {
  const match = /^(\d{1,4})(\.|$)/.exec(versionId ?? '');
  return match?.[1] ?? null;
}

// Codenames go through the tracker reader's table, so a host and the tracker's entries for its
// release always name the same ecosystem.
function debian(os: OsRelease, derivative: boolean): string | null {
  const number = derivative ? null : major(os.versionId);
  if (number !== null) return `Debian:${number}`;
  return debianEcosystem(os.versionCodename ?? '') ?? null;
}

function ubuntu(os: OsRelease, derivative: boolean): string | null {
  const version = derivative ? ubuntuCodenames.get(os.versionCodename ?? '') : os.versionId;
  if (version === undefined || !/^\d\d\.\d\d$/.test(version)) return null;
  const lts = version.endsWith('.04') && Number(version.slice(0, 2)) % 2 === 0;
  return `Ubuntu:${version}${lts ? ':LTS' : ''}`;
}

function alpine(os: OsRelease): string | null {
  const match = /^(\d{1,4}\.\d{1,4})(\D|$)/.exec(os.versionId ?? '');
  return match?.[1] === undefined ? null : `Alpine:v${match[1]}`;
}

function numbered(prefix: string, os: OsRelease): string | null {
  const number = major(os.versionId);
  return number === null ? null : `${prefix}${number}`;
}

function suse(prefix: 'SUSE' | 'openSUSE', os: OsRelease): string | null {
  const vendor = `${prefix} `;
  const release = os.prettyName.startsWith(vendor) ? os.prettyName.slice(vendor.length) : os.prettyName;
  return release.trim() === '' ? null : `${prefix}:${release}`;
}

interface Distribution {
  manager: PackageManager;
  ecosystem: (os: OsRelease, derivative: boolean) => string | null;
}

const distributions = new Map<string, Distribution>([
  ['debian', { manager: 'dpkg', ecosystem: debian }],
  ['ubuntu', { manager: 'dpkg', ecosystem: ubuntu }],
  ['alpine', { manager: 'apk', ecosystem: alpine }],
  ['rhel', { manager: 'rpm', ecosystem: (os) => numbered('Red Hat:enterprise_linux:', os) }],
  ['rocky', { manager: 'rpm', ecosystem: (os) => numbered('Rocky Linux:', os) }],
  ['almalinux', { manager: 'rpm', ecosystem: (os) => numbered('AlmaLinux:', os) }],
  ['sles', { manager: 'rpm', ecosystem: (os) => suse('SUSE', os) }],
  ['sled', { manager: 'rpm', ecosystem: (os) => suse('SUSE', os) }],
  ['opensuse-leap', { manager: 'rpm', ecosystem: (os) => suse('openSUSE', os) }],
  ['opensuse-tumbleweed', { manager: 'rpm', ecosystem: (os) => suse('openSUSE', os) }],
]);

/** Rebuilds of these follow their VERSION_ID numbering, so ID_LIKE alone places them. */
const sameNumbering = new Set(['rhel']);

/** The OSV ecosystem (with release) of the host's packages of this manager, or null (see above). */
export function hostEcosystem(os: OsRelease | null, manager: PackageManager): string | null {
  if (manager === 'npm') return 'npm';
  if (manager === 'pypi') return 'PyPI';
  if (os === null) return null;
  const own = distributions.get(os.id);
  if (own !== undefined) return own.manager === manager ? own.ecosystem(os, false) : null;
  for (const like of os.idLike) {
    const parent = distributions.get(like);
    if (parent === undefined) continue;
    if (parent.manager !== manager) return null;
    return parent.ecosystem(os, !sameNumbering.has(like));
  }
  return null;
}
