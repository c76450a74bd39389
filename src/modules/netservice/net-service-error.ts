/** Why a service could not be identified at all; the scan records it per endpoint and goes on. */
export type NetServiceErrorCode = 'connect-failed' | 'aborted';

export class NetServiceError extends Error {
  readonly code: NetServiceErrorCode;

  constructor(code: NetServiceErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'NetServiceError';
    this.code = code;
  }
}
