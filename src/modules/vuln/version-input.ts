import { VersionError, invalidVersion, quoteVersion } from './version-error.ts';

/** Longer versions are refused: no package manager makes them, and they bound the work per compare. */
export const maxVersionLength = 1024;

export type Ordering = -1 | 0 | 1;

/**
 * The checks every scheme makes first: a string, at most `maxVersionLength` long, without control
 * characters (tab aside, which dpkg and PEP 440 trim). No package manager puts a control
 * character in a version, and refusing them keeps them out of logs and reports. Returns the
 * version so callers can use it as a string.
 */
export function checkVersionInput(scheme: string, version: unknown): string {
  if (typeof version !== 'string') {
    throw new VersionError(
      'version_invalid',
      `invalid ${scheme} version: expected a string, got ${typeof version}`,
    );
  }
  if (version.length > maxVersionLength) {
    throw new VersionError(
      'version_too_long',
      `${scheme} version ${quoteVersion(version)} is ${version.length} characters long, more than ${maxVersionLength}`,
    );
  }
  for (let i = 0; i < version.length; i += 1) {
    const c = version.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      throw invalidVersion(scheme, version, `control character at offset ${i}`);
    }
  }
  return version;
}
