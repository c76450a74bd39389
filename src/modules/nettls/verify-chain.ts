import { X509Certificate } from 'node:crypto';

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

/** X509Certificates of PEM bundles; entries that do not parse are skipped. */
export function parseTrustStore(pems: string[]): X509Certificate[] {
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
  if (last.issuer === last.subject && last.verify(last.publicKey)) {
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
