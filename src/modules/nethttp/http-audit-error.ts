/* Why an HTTP audit could not finish: the endpoint did not answer GET / with HTTP. */

export const httpAuditErrorCodes = ['connect-failed', 'timeout', 'aborted', 'not-http'] as const;

export type HttpAuditErrorCode = (typeof httpAuditErrorCodes)[number];

export class HttpAuditError extends Error {
  readonly code: HttpAuditErrorCode;

  constructor(code: HttpAuditErrorCode, message: string) {
    super(message);
    this.name = 'HttpAuditError';
    this.code = code;
  }
}
