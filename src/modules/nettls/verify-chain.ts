import { X509Certificate } from 'node:crypto';
import { isSelfSigned } from './describe-certificate.ts';

/*
 * Chain verification for certificates read off a hand-built handshake, where OpenSSL never saw
 * them: each certificate must be issued and signed by the next, and the last must be, or be
 * signed by, a trusted certificate. Errors use OpenSSL's codes so reports read the same either way.
 * Validity dates are left to their own findings, as in the handshake path.
 */

function sameCertificate(a: X509Certificate, b: X509Certificate): boolean {
  return a.fingerprint256 === b.fingerprint256;
}

function signedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
}

// The system store is one array for the life of the process: parse its ~300 roots once.
const parsed = new WeakMap<readonly string[], X509Certificate[]>();

/** X509Certificates of PEM bundles, kept per bundle list; entries that do not parse are skipped. */
export function parseTrustStore(pems: readonly string[]): X509Certificate[] {
  const known = parsed.get(pems);
  if (known) return known;
  const store: X509Certificate[] = [];
  for (const pem of pems) {
    for (const block of pem.split(/(?<=-----END CERTIFICATE-----)/)) {
      if (!block.includes('-----BEGIN CERTIFICATE-----')) continue;
      try {
        store.push(new X509Certificate(block.trim()));
      } catch {
        // A damaged entry in the system bundle must not hide the rest.
      }
    }
  }
  parsed.set(pems, store);
  return store;
}

export function verifyChain(
  chain: X509Certificate[],
  trusted: X509Certificate[],
): { trusted: boolean; trustError?: string } {
  const [leaf] = chain;
  if (!leaf) return { trusted: false, trustError: 'NO_CERTIFICATE' };
  for (let index = 0; index + 1 < chain.length; index++) {
    const [certificate, issuer] = [chain[index], chain[index + 1]];
    if (certificate && issuer && !signedBy(certificate, issuer)) {
      return { trusted: false, trustError: 'CERT_SIGNATURE_FAILURE' };
    }
  }
  const last = chain[chain.length - 1] ?? leaf;
  if (trusted.some((anchor) => sameCertificate(anchor, last) || signedBy(last, anchor)))
    return { trusted: true };
  if (isSelfSigned(last)) {
    return {
      trusted: false,
      trustError: chain.length === 1 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN',
    };
  }
  return {
    trusted: false,
    trustError: chain.length === 1 ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  };
}
