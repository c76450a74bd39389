/*
 * Why a version was refused. Versions come from inventories and feeds, so they are attacker
 * influenced: every refusal is this one error type with a stable code (callers and the API key
 * on it); the message is for people and quotes at most the start of the version.
 */

export const versionErrorCodes = ['version_invalid', 'version_too_long', 'ecosystem_unsupported'] as const;

export type VersionErrorCode = (typeof versionErrorCodes)[number];

export class VersionError extends Error {
  readonly code: VersionErrorCode;

  constructor(code: VersionErrorCode, message: string) {
    super(message);
    this.name = 'VersionError';
    this.code = code;
  }
}

/** A version as a message may show it: escaped, and cut after 64 characters. */
export function quoteVersion(version: string): string {
  return JSON.stringify(version.length > 64 ? `${version.slice(0, 64)}…` : version);
}

/** The error for a version that breaks a rule of its scheme. */
export function invalidVersion(scheme: string, version: string, reason: string): VersionError {
  return new VersionError('version_invalid', `invalid ${scheme} version ${quoteVersion(version)}: ${reason}`);
}
