import type { Severity } from '../../protocol/finding.ts';
import type { TlsReport } from '../../protocol/net-tls.ts';
import { endpointFinding, type NetFinding } from '../../protocol/netscan.ts';
import { cipherSuiteByCode } from './cipher-suites.ts';

/*
 * The findings of one TLS audit (docs/tls-audit.md lists every id). One finding per check and
 * endpoint, with the protocols, suites or certificate fields that made it fire as evidence.
 */

const day = 86_400_000;
/** Certificates expiring sooner than this are flagged so renewal happens before the outage. */
const expiringWithinDays = 30;

interface Check {
  title: string;
  severity: Severity;
  remediation: string;
  tags: string[];
}

const protocolFixes = 'Disable it in the server configuration (e.g. nginx `ssl_protocols TLSv1.2 TLSv1.3;`).';

const checks = {
  'protocol-sslv3': {
    title: 'SSLv3 is enabled',
    severity: 'high',
    remediation: `SSLv3 is broken (POODLE, RFC 7568). ${protocolFixes}`,
    tags: ['CWE-327'],
  },
  'protocol-tls1.0': {
    title: 'TLS 1.0 is enabled',
    severity: 'medium',
    remediation: `TLS 1.0 is deprecated (RFC 8996). ${protocolFixes}`,
    tags: ['CWE-327'],
  },
  'protocol-tls1.1': {
    title: 'TLS 1.1 is enabled',
    severity: 'medium',
    remediation: `TLS 1.1 is deprecated (RFC 8996). ${protocolFixes}`,
    tags: ['CWE-327'],
  },
  'no-tls1.2': {
    title: 'Neither TLS 1.2 nor TLS 1.3 is supported',
    severity: 'high',
    remediation: 'Enable TLS 1.2 and TLS 1.3; current clients refuse anything older.',
    tags: ['CWE-327'],
  },
  'cipher-null': {
    title: 'Cipher suites without encryption (NULL) are accepted',
    severity: 'high',
    remediation: 'Remove NULL suites from the cipher list (OpenSSL: add `!eNULL`).',
    tags: ['CWE-319'],
  },
  'cipher-anon': {
    title: 'Anonymous cipher suites (no server authentication) are accepted',
    severity: 'high',
    remediation: 'Remove anonymous suites from the cipher list (OpenSSL: add `!aNULL`).',
    tags: ['CWE-287'],
  },
  'cipher-export': {
    title: 'EXPORT-grade cipher suites are accepted',
    severity: 'high',
    remediation: 'Remove EXPORT suites (FREAK, Logjam); upgrade a server that still has them.',
    tags: ['CWE-326'],
  },
  'cipher-rc4': {
    title: 'RC4 cipher suites are accepted',
    severity: 'high',
    remediation: 'Remove RC4 suites (prohibited by RFC 7465; OpenSSL: add `!RC4`).',
    tags: ['CWE-327'],
  },
  'cipher-des': {
    title: 'Single-DES cipher suites are accepted',
    severity: 'high',
    remediation: 'Remove DES suites: a 56-bit key is brute-forced in hours (OpenSSL: add `!DES`).',
    tags: ['CWE-326'],
  },
  'cipher-3des': {
    title: '3DES cipher suites are accepted',
    severity: 'medium',
    remediation:
      'Remove 3DES suites: its 64-bit block is open to Sweet32 (CVE-2016-2183; OpenSSL: add `!3DES`).',
    tags: ['CWE-327', 'CVE-2016-2183'],
  },
  'cbc-only': {
    title: 'No AEAD cipher suite: only CBC or stream ciphers',
    severity: 'medium',
    remediation: 'Offer AES-GCM or ChaCha20-Poly1305 suites (TLS 1.2) and enable TLS 1.3.',
    tags: ['CWE-327'],
  },
  'no-forward-secrecy': {
    title: 'Cipher suites without forward secrecy are accepted',
    severity: 'low',
    remediation:
      'Prefer ECDHE and DHE key exchange and remove static RSA/DH suites, so a stolen key cannot decrypt recorded traffic.',
    tags: ['CWE-327'],
  },
  'cert-expired': {
    title: 'The certificate has expired',
    severity: 'high',
    remediation: 'Renew the certificate and automate renewal (ACME).',
    tags: ['CWE-298'],
  },
  'cert-expiring': {
    title: `The certificate expires within ${expiringWithinDays} days`,
    severity: 'medium',
    remediation: 'Renew the certificate now and automate renewal (ACME).',
    tags: ['CWE-298'],
  },
  'cert-not-yet-valid': {
    title: 'The certificate is not valid yet',
    severity: 'medium',
    remediation:
      "Check the issuing system's clock and reissue the certificate with a correct validity period.",
    tags: ['CWE-295'],
  },
  'cert-self-signed': {
    title: 'The certificate is self-signed',
    severity: 'medium',
    remediation: 'Use a certificate from a public CA, or from an internal CA the clients trust.',
    tags: ['CWE-295'],
  },
  'cert-untrusted': {
    title: 'The certificate chain does not verify against the trust store',
    severity: 'medium',
    remediation: 'Serve the full chain (leaf and intermediates) issued by a CA the clients trust.',
    tags: ['CWE-295'],
  },
  'cert-hostname-mismatch': {
    title: 'The certificate does not cover the host name',
    severity: 'medium',
    remediation: 'Reissue the certificate with the host name in its subjectAltName.',
    tags: ['CWE-297'],
  },
  'cert-weak-key': {
    title: 'A certificate has a weak key',
    severity: 'high',
    remediation: 'Reissue with RSA of at least 2048 bits or an EC key of at least 256 bits.',
    tags: ['CWE-326'],
  },
  'cert-sha1-signature': {
    title: 'A certificate is signed with SHA-1',
    severity: 'medium',
    remediation: 'Reissue the certificate signed with SHA-256 or better.',
    tags: ['CWE-328'],
  },
  'cert-md5-signature': {
    title: 'A certificate is signed with MD5 (or MD2/MD4)',
    severity: 'high',
    remediation: 'Reissue the certificate signed with SHA-256 or better.',
    tags: ['CWE-328'],
  },
} satisfies Record<string, Check>;

export type TlsCheck = keyof typeof checks;

const weaknessChecks: [string, TlsCheck][] = [
  ['NULL', 'cipher-null'],
  ['anon', 'cipher-anon'],
  ['EXPORT', 'cipher-export'],
  ['RC4', 'cipher-rc4'],
  ['DES', 'cipher-des'],
  ['3DES', 'cipher-3des'],
  ['no-forward-secrecy', 'no-forward-secrecy'],
];

/** Evidence lists are capped: a server may accept hundreds of suites. */
function listed(items: string[], max = 12): string {
  return items.length > max
    ? `${items.slice(0, max).join(', ')} and ${items.length - max} more`
    : items.join(', ');
}

// Verification errors that only restate the validity period, which has findings of its own.
const datedOut = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

function weakKey(keyType: string, keyBits: number): boolean {
  if (keyType === 'rsa' || keyType === 'rsa-pss' || keyType === 'dsa') return keyBits < 2048;
  if (keyType === 'ec') return keyBits < 224;
  return false;
}

export function tlsFindings(
  report: TlsReport,
  context: { now: Date; host?: string | undefined },
): NetFinding[] {
  const findings: NetFinding[] = [];
  const add = (check: TlsCheck, evidence: string) => {
    const { title, severity, remediation, tags } = checks[check];
    findings.push(
      endpointFinding(
        { ...report, host: context.host },
        { check: `tls.${check}`, title, severity, evidence, remediation, tags },
      ),
    );
  };
  const where = report.starttls ? ` (after ${report.starttls} STARTTLS)` : '';
  const supported = new Set(report.protocols.filter((p) => p.supported).map((p) => p.protocol));
  if (supported.has('SSLv3')) add('protocol-sslv3', `The server accepted an SSLv3 ClientHello${where}.`);
  if (supported.has('TLSv1.0')) add('protocol-tls1.0', `The server accepted a TLS 1.0 ClientHello${where}.`);
  if (supported.has('TLSv1.1')) add('protocol-tls1.1', `The server accepted a TLS 1.1 ClientHello${where}.`);
  if (supported.size > 0 && !supported.has('TLSv1.2') && !supported.has('TLSv1.3')) {
    add('no-tls1.2', `Supported: ${[...supported].join(', ')}${where}.`);
  }

  const accepted = report.ciphers.flatMap((entry) =>
    entry.suites.map((suite) => ({ protocol: entry.protocol, suite })),
  );
  for (const [weakness, check] of weaknessChecks) {
    const hits = accepted.filter(({ suite }) => suite.weaknesses.includes(weakness));
    if (hits.length === 0) continue;
    const names = [...new Set(hits.map(({ suite }) => suite.name))];
    const protocols = [...new Set(hits.map(({ protocol }) => protocol))];
    add(check, `Accepted with ${protocols.join(', ')}: ${listed(names)}.`);
  }
  const aead = accepted.some(({ suite }) => cipherSuiteByCode(Number(suite.id))?.aead === true);
  if (accepted.length > 0 && !aead) {
    add(
      'cbc-only',
      `None of the ${new Set(accepted.map(({ suite }) => suite.id)).size} accepted suites is AEAD.`,
    );
  }

  const [leaf] = report.chain;
  if (leaf) {
    const notAfter = Date.parse(leaf.notAfter);
    const notBefore = Date.parse(leaf.notBefore);
    const now = context.now.getTime();
    if (notAfter < now) add('cert-expired', `${leaf.subject}: notAfter ${leaf.notAfter}.`);
    else if (notAfter - now < expiringWithinDays * day) {
      add(
        'cert-expiring',
        `${leaf.subject}: notAfter ${leaf.notAfter}, ${Math.floor((notAfter - now) / day)} days left.`,
      );
    }
    if (notBefore > now) add('cert-not-yet-valid', `${leaf.subject}: notBefore ${leaf.notBefore}.`);
    if (leaf.selfSigned) add('cert-self-signed', `${leaf.subject} is issued by itself.`);
    else if (!report.trusted && !datedOut.has(report.trustError ?? '')) {
      add('cert-untrusted', `${leaf.subject}: ${report.trustError ?? 'does not verify'}.`);
    }
    if (report.hostnameMatches === false && report.serverName) {
      const names = leaf.subjectAltNames.length > 0 ? listed(leaf.subjectAltNames) : leaf.subject;
      add('cert-hostname-mismatch', `${report.serverName} is not among ${names}.`);
    }
    // A self-signed root at the end of a longer chain is a trust anchor: its own key and signature do not matter.
    const checked = report.chain.filter((cert, index) => index === 0 || !cert.selfSigned);
    const weakKeys = checked.filter((cert) => weakKey(cert.keyType, cert.keyBits));
    if (weakKeys.length > 0) {
      add(
        'cert-weak-key',
        listed(weakKeys.map((cert) => `${cert.subject}: ${cert.keyType} ${cert.keyBits} bits`)),
      );
    }
    const signedWith = (pattern: RegExp) =>
      checked
        .filter((cert) => pattern.test(cert.signatureAlgorithm))
        .map((cert) => `${cert.subject}: ${cert.signatureAlgorithm}`);
    const sha1 = signedWith(/sha1/i);
    if (sha1.length > 0) add('cert-sha1-signature', listed(sha1));
    const md5 = signedWith(/^md[245]/i);
    if (md5.length > 0) add('cert-md5-signature', listed(md5));
  }
  return findings;
}
