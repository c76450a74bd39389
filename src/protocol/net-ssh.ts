/* SSH audit of one endpoint (docs/ssh-http-audit.md); owned by the `netssh` module. */

export type AlgorithmRating = 'fail' | 'warn' | 'ok';

export interface RatedAlgorithm {
  name: string;
  rating: AlgorithmRating;
  /** Why it is rated so, ssh-audit style (`using weak hashing algorithm`, `available since OpenSSH 6.5`). */
  notes: string[];
}

/** A host key the server proved it holds during a full key exchange. */
export interface SshHostKey {
  /** The host key algorithm negotiated to get it (`rsa-sha2-512`, `ssh-ed25519`). */
  algorithm: string;
  /** The key's own type from its blob (`ssh-rsa`, `ecdsa-sha2-nistp256`). */
  type: string;
  /** Modulus size for RSA/DSA, curve size for ECDSA and Ed25519. */
  bits?: number | undefined;
  /** `SHA256:…` as `ssh-keygen -lf` prints it. */
  fingerprint: string;
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
  /** Host keys read through full key exchanges, one per key the server holds and the audit could negotiate. */
  keys?: SshHostKey[] | undefined;
  /** The server advertises OpenSSH's strict key exchange (`kex-strict-s-v00@openssh.com`, the Terrapin fix). */
  strictKex?: boolean | undefined;
  /** Methods the server lists for an unauthenticated `none` request; undefined when that was not reached. */
  authMethods?: string[] | undefined;
}
