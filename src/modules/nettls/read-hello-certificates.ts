import { X509Certificate } from 'node:crypto';
import type { CertificateChain } from './read-certificate-chain.ts';
import type { ProtocolCiphers } from './enumerate-ciphers.ts';
import type { TlsEndpoint } from './raw-connection.ts';
import { sendClientHello } from './send-client-hello.ts';
import { parseTrustStore, verifyChain } from './verify-chain.ts';

const order = ['TLSv1.2', 'TLSv1.1', 'TLSv1.0', 'SSLv3'];

/**
 * The chain for a server Node's TLS stack cannot talk to: one more hand-built hello in the newest
 * TLS ≤ 1.2 version the server accepted, offering only the suites it accepted that authenticate
 * with a certificate, and the Certificate message read from the clear. Undefined when there is
 * no such version or suite, or the server sent no certificate.
 */
export async function readHelloCertificates(
  endpoint: TlsEndpoint,
  ciphers: ProtocolCiphers[],
  options: { timeoutMs: number; signal?: AbortSignal | undefined; trusted: string[] },
): Promise<CertificateChain | undefined> {
  const candidates = ciphers
    .filter((entry) => order.includes(entry.protocol))
    .sort((a, b) => order.indexOf(a.protocol) - order.indexOf(b.protocol));
  for (const { protocol, suites } of candidates) {
    const codes = suites
      .filter((suite) => !['anon', 'PSK', 'SRP', 'KRB5'].includes(suite.authentication))
      .map((suite) => suite.code);
    if (codes.length === 0) continue;
    const outcome = await sendClientHello(
      endpoint,
      { protocol, cipherCodes: codes },
      { ...options, certificates: true },
    );
    if (outcome.kind !== 'hello' || !outcome.certificates?.length) return undefined;
    const chain: X509Certificate[] = [];
    for (const der of outcome.certificates) {
      try {
        chain.push(new X509Certificate(der));
      } catch {
        break;
      }
    }
    if (chain.length === 0) return undefined;
    return { chain, ...verifyChain(chain, parseTrustStore(options.trusted)) };
  }
  return undefined;
}
