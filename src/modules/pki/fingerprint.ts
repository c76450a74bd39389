import { createHash, X509Certificate } from 'node:crypto';

/**
 * The fingerprint enrollment tokens carry: SHA-256 of the certificate's DER,
 * lowercase hex. Only node:crypto, so the agent can use it.
 */
export function certificateFingerprint(certificate: string | Buffer | X509Certificate): string {
  const cert = certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate);
  return createHash('sha256').update(cert.raw).digest('hex');
}

/** Accepts `AB:CD:…` (OpenSSL's form) or plain hex; returns lowercase hex without separators. */
export function normalizeFingerprint(text: string): string {
  return text.replace(/:/g, '').trim().toLowerCase();
}
