/* SSH audit of one endpoint (docs/ssh-http-audit.md); owned by the `netssh` module. */

export type AlgorithmRating = 'fail' | 'warn' | 'ok';

export interface RatedAlgorithm {
  name: string;
  rating: AlgorithmRating;
  /** Why it is rated so, ssh-audit style (`using weak hashing algorithm`, `available since OpenSSH 6.5`). */
  notes: string[];
}

export interface SshReport {
  address: string;
  port: number;
  /** The identification string, `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`, printable and capped. */
  banner: string;
  protocolVersion: string;
  software?: string | undefined;
  softwareVersion?: string | undefined;
  kex: RatedAlgorithm[];
  hostKeys: RatedAlgorithm[];
  ciphers: RatedAlgorithm[];
  macs: RatedAlgorithm[];
  compression: string[];
  /** Methods the server lists for an unauthenticated `none` request; undefined when that was not reached. */
  authMethods?: string[] | undefined;
}
