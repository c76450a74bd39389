/* TLS audit of one endpoint (docs/tls-audit.md); owned by the `nettls` module. */

export const tlsProtocols = ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsProtocol = (typeof tlsProtocols)[number];

export interface TlsCipher {
  /** IANA code point, `0x1301`. */
  id: string;
  /** IANA name, `TLS_AES_128_GCM_SHA256`. */
  name: string;
  /** Why the suite is weak (`NULL`, `EXPORT`, `RC4`, `3DES`, `CBC`, `no-forward-secrecy`…); empty when it is not. */
  weaknesses: string[];
}

export interface TlsCertificate {
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  notBefore: string;
  notAfter: string;
  /** `rsa`, `ec`, `ed25519`… and its size in bits. */
  keyType: string;
  keyBits: number;
  signatureAlgorithm: string;
  fingerprintSha256: string;
  selfSigned: boolean;
}

export interface TlsReport {
  address: string;
  port: number;
  /** The name sent as SNI and checked against the certificate. */
  serverName?: string | undefined;
  /** How the handshake was reached: directly, or after a STARTTLS upgrade of this protocol. */
  starttls?: string | undefined;
  protocols: { protocol: TlsProtocol; supported: boolean }[];
  /** Accepted suites per protocol, in the server's preference order when it has one. */
  ciphers: { protocol: TlsProtocol; suites: TlsCipher[]; serverPreference?: boolean | undefined }[];
  /** Leaf first. */
  chain: TlsCertificate[];
  /**
   * Where the chain came from: a normal handshake through Node's TLS stack, or, when that stack
   * cannot talk to the server (SSLv3 only, RC4 or 3DES only), the Certificate message of a
   * hand-built TLS ≤ 1.2 handshake, verified by Vigil itself.
   */
  chainSource?: 'tls' | 'hello' | undefined;
  /** The chain verifies against the system's trust store for `serverName`. */
  trusted: boolean;
  trustError?: string | undefined;
  hostnameMatches?: boolean | undefined;
}
