/**
 * Debian codenames and their versions, from distro-info-data's debian.csv: OSV's Debian
 * ecosystem is `Debian:<version>` (`bookworm` → `Debian:12`), and for the release without a
 * number OSV uses its series name, so `sid` → `Debian:sid`. `experimental` is not a release
 * anyone runs and has no entry.
 */
const debianVersions = new Map<string, string>([
  ['buzz', '1.1'],
  ['rex', '1.2'],
  ['bo', '1.3'],
  ['hamm', '2.0'],
  ['slink', '2.1'],
  ['potato', '2.2'],
  ['woody', '3.0'],
  ['sarge', '3.1'],
  ['etch', '4.0'],
  ['lenny', '5.0'],
  ['squeeze', '6.0'],
  ['wheezy', '7'],
  ['jessie', '8'],
  ['stretch', '9'],
  ['buster', '10'],
  ['bullseye', '11'],
  ['bookworm', '12'],
  ['trixie', '13'],
  ['forky', '14'],
  ['duke', '15'],
  ['sid', 'sid'],
]);

/** `Debian:12` for `bookworm`; undefined for a codename Vigil does not know. */
export function debianEcosystem(codename: string, version?: string): string | undefined {
  const known = version !== undefined && version !== '' ? version : debianVersions.get(codename);
  return known === undefined ? undefined : `Debian:${known}`;
}
