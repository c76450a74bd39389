/*
 * Why a CVSS vector was refused. Vectors come from advisories and feeds, so they are attacker
 * influenced: every refusal is this one error with one stable code (callers key on it); the
 * message is for people, names the offending metric, and quotes at most the start of the vector.
 */

export const cvssErrorCodes = ['cvss.invalid_vector'] as const;

export type CvssErrorCode = (typeof cvssErrorCodes)[number];

export class CvssError extends Error {
  readonly code: CvssErrorCode;

  constructor(code: CvssErrorCode, message: string) {
    super(message);
    this.name = 'CvssError';
    this.code = code;
  }
}

/** Text from a vector as a message may show it: escaped, and cut after 64 characters. */
export function quoteCvss(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);
}

/** The error for a vector that breaks a rule of the vector syntax. */
export function invalidCvssVector(vector: string, reason: string): CvssError {
  return new CvssError('cvss.invalid_vector', `invalid CVSS vector ${quoteCvss(vector)}: ${reason}`);
}
