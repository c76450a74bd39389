/*
 * Why an SSH audit could not finish. Everything it reads comes from the network, so the message
 * quotes nothing longer than a capped, printable banner.
 */

export const sshAuditErrorCodes = ['connect-failed', 'timeout', 'aborted', 'not-ssh', 'bad-packet'] as const;

export type SshAuditErrorCode = (typeof sshAuditErrorCodes)[number];

export class SshAuditError extends Error {
  readonly code: SshAuditErrorCode;

  constructor(code: SshAuditErrorCode, message: string) {
    super(message);
    this.name = 'SshAuditError';
    this.code = code;
  }
}
