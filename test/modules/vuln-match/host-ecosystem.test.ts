import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseOsRelease } from '../../../src/modules/inventory/parse-os-release.ts';
import { hostEcosystem } from '../../../src/modules/vuln-match/host-ecosystem.ts';
import type { PackageManager } from '../../../src/protocol/inventory.ts';

/** /etc/os-release as each distribution ships it (trimmed of URLs that do not matter here). */
const osReleases: Record<string, string> = {
  debian12: `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"`,
  debianTesting: `PRETTY_NAME="Debian GNU/Linux trixie/sid"
NAME="Debian GNU/Linux"
VERSION_CODENAME=trixie
ID=debian`,
  debianSid: `PRETTY_NAME="Debian GNU/Linux sid"
NAME="Debian GNU/Linux"
VERSION_CODENAME=sid
ID=debian`,
  debianUnknownTesting: `PRETTY_NAME="Debian GNU/Linux zeta/sid"
NAME="Debian GNU/Linux"
VERSION_CODENAME=zeta
ID=debian`,
  ubuntu2204: `PRETTY_NAME="Ubuntu 22.04.4 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.4 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
UBUNTU_CODENAME=jammy`,
  ubuntu2404: `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo`,
  ubuntu2310: `PRETTY_NAME="Ubuntu 23.10"
NAME="Ubuntu"
VERSION_ID="23.10"
VERSION="23.10 (Mantic Minotaur)"
VERSION_CODENAME=mantic
ID=ubuntu
ID_LIKE=debian
UBUNTU_CODENAME=mantic`,
  ubuntu2304: `PRETTY_NAME="Ubuntu 23.04"
NAME="Ubuntu"
VERSION_ID="23.04"
VERSION_CODENAME=lunar
ID=ubuntu
ID_LIKE=debian`,
  alpine319: `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.19.1
PRETTY_NAME="Alpine Linux v3.19"
HOME_URL="https://alpinelinux.org/"`,
  alpineEdge: `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.21_alpha20240807
PRETTY_NAME="Alpine Linux edge"`,
  rocky9: `NAME="Rocky Linux"
VERSION="9.3 (Blue Onyx)"
ID="rocky"
ID_LIKE="rhel centos fedora"
VERSION_ID="9.3"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"
CPE_NAME="cpe:/o:rocky:rocky:9::baseos"`,
  rhel9: `NAME="Red Hat Enterprise Linux"
VERSION="9.4 (Plow)"
ID="rhel"
ID_LIKE="fedora"
VERSION_ID="9.4"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Red Hat Enterprise Linux 9.4 (Plow)"`,
  alma8: `NAME="AlmaLinux"
VERSION="8.9 (Midnight Oncilla)"
ID="almalinux"
ID_LIKE="rhel centos fedora"
VERSION_ID="8.9"
PRETTY_NAME="AlmaLinux 8.9 (Midnight Oncilla)"`,
  centos7: `NAME="CentOS Linux"
VERSION="7 (Core)"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="7"
PRETTY_NAME="CentOS Linux 7 (Core)"`,
  fedora40: `NAME="Fedora Linux"
VERSION="40 (Container Image)"
ID=fedora
VERSION_ID=40
PRETTY_NAME="Fedora Linux 40 (Container Image)"`,
  oracle9: `NAME="Oracle Linux Server"
VERSION="9.3"
ID="ol"
ID_LIKE="fedora"
VERSION_ID="9.3"
PRETTY_NAME="Oracle Linux Server 9.3"`,
  raspbian12: `PRETTY_NAME="Raspbian GNU/Linux 12 (bookworm)"
NAME="Raspbian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=raspbian
ID_LIKE=debian`,
  pop2204: `NAME="Pop!_OS"
VERSION="22.04 LTS"
ID=pop
ID_LIKE="ubuntu debian"
PRETTY_NAME="Pop!_OS 22.04 LTS"
VERSION_ID="22.04"
VERSION_CODENAME=jammy
UBUNTU_CODENAME=jammy`,
  mint213: `NAME="Linux Mint"
VERSION="21.3 (Virginia)"
ID=linuxmint
ID_LIKE="ubuntu debian"
PRETTY_NAME="Linux Mint 21.3"
VERSION_ID="21.3"
VERSION_CODENAME=virginia
UBUNTU_CODENAME=jammy`,
  kali: `PRETTY_NAME="Kali GNU/Linux Rolling"
NAME="Kali GNU/Linux"
VERSION_ID="2024.1"
VERSION="2024.1"
VERSION_CODENAME=kali-rolling
ID=kali
ID_LIKE=debian`,
  leap155: `NAME="openSUSE Leap"
VERSION="15.5"
ID="opensuse-leap"
ID_LIKE="suse opensuse"
VERSION_ID="15.5"
PRETTY_NAME="openSUSE Leap 15.5"`,
  sles15: `NAME="SLES"
VERSION="15-SP5"
VERSION_ID="15.5"
PRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"
ID="sles"
ID_LIKE="suse"`,
  arch: `NAME="Arch Linux"
PRETTY_NAME="Arch Linux"
ID=arch
BUILD_ID=rolling`,
};

function ecosystemOf(name: string, manager: PackageManager): string | null {
  return hostEcosystem(parseOsRelease(osReleases[name]!), manager);
}

describe('hostEcosystem', () => {
  test('maps real os-release files to OSV ecosystems with their release', () => {
    const expected: [string, PackageManager, string | null][] = [
      ['debian12', 'dpkg', 'Debian:12'],
      ['ubuntu2204', 'dpkg', 'Ubuntu:22.04:LTS'],
      ['ubuntu2404', 'dpkg', 'Ubuntu:24.04:LTS'],
      ['ubuntu2310', 'dpkg', 'Ubuntu:23.10'],
      ['ubuntu2304', 'dpkg', 'Ubuntu:23.04'],
      ['alpine319', 'apk', 'Alpine:v3.19'],
      ['alpineEdge', 'apk', 'Alpine:v3.21'],
      ['rocky9', 'rpm', 'Rocky Linux:9'],
      ['alma8', 'rpm', 'AlmaLinux:8'],
      ['rhel9', 'rpm', 'Red Hat:enterprise_linux:9'],
      ['leap155', 'rpm', 'openSUSE:Leap 15.5'],
      ['sles15', 'rpm', 'SUSE:Linux Enterprise Server 15 SP5'],
    ];
    for (const [name, manager, ecosystem] of expected)
      assert.equal(ecosystemOf(name, manager), ecosystem, name);
  });

  test('Debian testing and unstable, which have no VERSION_ID, go by codename', () => {
    assert.equal(ecosystemOf('debianTesting', 'dpkg'), 'Debian:13');
    assert.equal(ecosystemOf('debianSid', 'dpkg'), 'Debian:sid');
    assert.equal(ecosystemOf('debianUnknownTesting', 'dpkg'), null);
  });

  test('derivatives follow ID_LIKE through a codename of the parent, never their own numbering', () => {
    assert.equal(ecosystemOf('raspbian12', 'dpkg'), 'Debian:12');
    assert.equal(ecosystemOf('pop2204', 'dpkg'), 'Ubuntu:22.04:LTS');
    assert.equal(ecosystemOf('centos7', 'rpm'), 'Red Hat:enterprise_linux:7');
    // Mint's own codename and Kali's rolling release name no Ubuntu or Debian release.
    assert.equal(ecosystemOf('mint213', 'dpkg'), null);
    assert.equal(ecosystemOf('kali', 'dpkg'), null);
  });

  test('null for distributions without an OSV ecosystem, unknown hosts and foreign package managers', () => {
    assert.equal(ecosystemOf('fedora40', 'rpm'), null);
    assert.equal(ecosystemOf('oracle9', 'rpm'), null);
    assert.equal(ecosystemOf('arch', 'dpkg'), null);
    assert.equal(hostEcosystem(null, 'dpkg'), null);
    assert.equal(ecosystemOf('debian12', 'rpm'), null);
    assert.equal(ecosystemOf('alpine319', 'dpkg'), null);
    assert.equal(ecosystemOf('rocky9', 'apk'), null);
    assert.equal(ecosystemOf('pop2204', 'rpm'), null);
  });

  test('refuses hostile or malformed release fields', () => {
    const base = parseOsRelease(osReleases.ubuntu2204!);
    for (const versionId of ['22.04x', '2204', '22.4', `${'9'.repeat(200)}.04`, '']) {
      assert.equal(hostEcosystem({ ...base, versionId }, 'dpkg'), null, versionId);
    }
    const debian = parseOsRelease(osReleases.debian12!);
    assert.equal(
      hostEcosystem({ ...debian, versionId: 'x12' }, 'dpkg'),
      'Debian:12',
      'falls back to the codename',
    );
    assert.equal(hostEcosystem({ ...debian, id: '__proto__' }, 'dpkg'), null);
    assert.equal(hostEcosystem({ ...debian, id: 'x', idLike: ['constructor', 'toString'] }, 'dpkg'), null);
  });
});
