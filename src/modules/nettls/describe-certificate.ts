import type { X509Certificate } from 'node:crypto';
import type { TlsCertificate } from '../../protocol/net-tls.ts';
import { signatureAlgorithm } from './signature-algorithm.ts';

/** Certificate text is chosen by whoever made the certificate: one printable line, bounded. */
function printable(text: string, max = 512): string {
  return text.replace(/[^\x20-\x7e\u00a0-\u024f]/g, '?').slice(0, max);
}

function keyOf(certificate: X509Certificate): { keyType: string; keyBits: number } {
  const key = certificate.publicKey;
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  if (details.modulusLength) return { keyType, keyBits: details.modulusLength };
  if (keyType === 'ed25519') return { keyType, keyBits: 256 };
  if (keyType === 'ed448') return { keyType, keyBits: 448 };
  // Curve names carry their size: prime256v1, secp384r1, brainpoolP512r1, sect571r1.
  const size = /\d{3}/.exec(details.namedCurve ?? '')?.[0];
  return { keyType, keyBits: size ? Number(size) : 0 };
}

function isoDate(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

// Not checkIssued: OpenSSL's issuer check also wants keyCertSign, which self-signed leaf certificates lack.
export function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.issuer === certificate.subject && certificate.verify(certificate.publicKey);
}

export function describeCertificate(certificate: X509Certificate): TlsCertificate {
  return {
    subject: printable(certificate.subject.split('\n').join(', ')),
    issuer: printable(certificate.issuer.split('\n').join(', ')),
    subjectAltNames: (certificate.subjectAltName ?? '')
      .split(', ')
      .filter((name) => name !== '')
      .slice(0, 100)
      .map((name) => printable(name, 256)),
    notBefore: isoDate(certificate.validFrom),
    notAfter: isoDate(certificate.validTo),
    ...keyOf(certificate),
    signatureAlgorithm: signatureAlgorithm(certificate.raw) ?? 'unknown',
    fingerprintSha256: certificate.fingerprint256,
    selfSigned: isSelfSigned(certificate),
  };
}
