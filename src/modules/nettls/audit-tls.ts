import { isIP } from 'node:net';
import { tlsProtocols, type TlsCipher, type TlsReport } from '../../protocol/net-tls.ts';
import type { NetFinding } from '../../protocol/netscan.ts';
import type { CipherSuite } from './cipher-suites.ts';
import { describeCertificate } from './describe-certificate.ts';
import { enumerateCiphers } from './enumerate-ciphers.ts';
import type { TlsEndpoint } from './raw-connection.ts';
import { readCertificateChain, systemTrust } from './read-certificate-chain.ts';
import { readHelloCertificates } from './read-hello-certificates.ts';
import { tlsFindings } from './tls-findings.ts';

export interface AuditTlsOptions {
  /** Per connection: connect, STARTTLS and the server's first answer together. Default 5000 ms. */
  timeoutMs?: number;
  /** The clock for certificate validity (tests pin it). */
  now?: Date;
  signal?: AbortSignal;
  /** PEM certificates to trust instead of Node's roots and the system store. */
  trusted?: string[];
}

function tlsCipher(suite: CipherSuite): TlsCipher {
  return {
    id: `0x${suite.code.toString(16).padStart(4, '0')}`,
    name: suite.name,
    weaknesses: suite.weaknesses,
  };
}

/**
 * Protocols, cipher suites and certificate of one TLS endpoint (docs/tls-audit.md). Each protocol is
 * enumerated on its own connections, all protocols at once; the certificate comes from a normal
 * handshake through node:tls. Throws NetTlsError when the endpoint cannot be reached at all.
 */
export async function auditTls(
  endpoint: TlsEndpoint,
  options: AuditTlsOptions = {},
): Promise<{ report: TlsReport; findings: NetFinding[] }> {
  const probe = { timeoutMs: options.timeoutMs ?? 5000, signal: options.signal };
  const [ciphers, handshake] = await Promise.all([
    Promise.all(tlsProtocols.map((protocol) => enumerateCiphers(endpoint, protocol, probe))),
    readCertificateChain(endpoint, { ...probe, trusted: options.trusted }),
  ]);
  const fromHello =
    handshake.chain.length === 0
      ? await readHelloCertificates(endpoint, ciphers, {
          ...probe,
          trusted: options.trusted ?? systemTrust(),
        })
      : undefined;
  const certificates = fromHello ?? handshake;
  const [leaf] = certificates.chain;
  const serverName = endpoint.serverName;
  const hostnameMatches =
    leaf && serverName
      ? isIP(serverName) === 0
        ? leaf.checkHost(serverName) !== undefined
        : leaf.checkIP(serverName) !== undefined
      : undefined;
  const report: TlsReport = {
    address: endpoint.address,
    port: endpoint.port,
    ...(serverName ? { serverName } : {}),
    ...(endpoint.starttls ? { starttls: endpoint.starttls } : {}),
    protocols: ciphers.map(({ protocol, suites }) => ({ protocol, supported: suites.length > 0 })),
    ciphers: ciphers
      .filter(({ suites }) => suites.length > 0)
      .map(({ protocol, suites, serverPreference }) => ({
        protocol,
        suites: suites.map(tlsCipher),
        ...(serverPreference === undefined ? {} : { serverPreference }),
      })),
    chain: certificates.chain.map(describeCertificate),
    ...(certificates.chain.length > 0 ? { chainSource: fromHello ? 'hello' : 'tls' } : {}),
    trusted: certificates.trusted,
    ...(certificates.trustError ? { trustError: certificates.trustError } : {}),
    ...(hostnameMatches === undefined ? {} : { hostnameMatches }),
  };
  const host = serverName && isIP(serverName) === 0 ? serverName : undefined;
  return { report, findings: tlsFindings(report, { now: options.now ?? new Date(), host }) };
}
