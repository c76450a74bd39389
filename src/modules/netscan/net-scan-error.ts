/*
 * Why a scan was refused or stopped. Targets, scopes and port lists come from people and from
 * configuration, names resolve through DNS an attacker may control: every refusal is this one
 * error with a stable code (the CLI and the server key on it); the message is for people and quotes
 * at most the start of the offending text.
 */

export const netScanErrorCodes = [
  'bad-ports',
  'bad-target',
  'bad-scope',
  'too-many-addresses',
  'too-many-probes',
  'out-of-scope',
  'no-resources',
  'aborted',
] as const;

export type NetScanErrorCode = (typeof netScanErrorCodes)[number];

export class NetScanError extends Error {
  readonly code: NetScanErrorCode;

  constructor(code: NetScanErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'NetScanError';
    this.code = code;
  }
}

/** Text from the input as a message may show it: escaped, and cut after 64 characters. */
export function quoteInput(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);
}

/** An address the scope refused when the scanner re-checked it before sending. */
export function outOfScope(address: string): NetScanError {
  return new NetScanError('out-of-scope', `${address} is outside the scan's scope; nothing was sent to it`);
}

export function scanAborted(signal: AbortSignal): NetScanError {
  return new NetScanError('aborted', 'the scan was stopped', { cause: signal.reason });
}
