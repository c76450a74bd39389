export type NetTlsErrorCode = 'connect-failed' | 'timeout' | 'starttls-failed' | 'aborted';

/** Why a TLS audit could not reach a handshake at all (refusals by the server are results, not errors). */
export class NetTlsError extends Error {
  constructor(
    readonly code: NetTlsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NetTlsError';
  }
}
