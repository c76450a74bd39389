import type { TlsProtocol } from '../../protocol/net-tls.ts';
import { cipherSuites, tls13CipherSuites, type CipherSuite } from './cipher-suites.ts';
import { protocolVersions } from './client-hello.ts';
import type { TlsEndpoint } from './raw-connection.ts';
import { sendClientHello } from './send-client-hello.ts';

export interface ProtocolCiphers {
  protocol: TlsProtocol;
  /** In the order the server chose them: its preference order when it has one. */
  suites: CipherSuite[];
  /** Undefined with fewer than two suites, where there is no order to prefer. */
  serverPreference?: boolean | undefined;
}

function offerable(protocol: TlsProtocol): readonly CipherSuite[] {
  if (protocol === 'TLSv1.3') return tls13CipherSuites;
  if (protocol === 'TLSv1.2') return cipherSuites;
  return cipherSuites.filter((suite) => suite.minProtocol === 'SSLv3');
}

/**
 * sslscan's method: offer every suite the protocol allows, note the one the server picks, offer the
 * rest again, until the server refuses. The first offer doubles as the protocol probe: an answer in
 * a lower version (a TLS 1.0 server answering a TLS 1.2 hello) means this version is not supported.
 * Offering the accepted suites in reverse shows whether the server imposes its own order.
 */
export async function enumerateCiphers(
  endpoint: TlsEndpoint,
  protocol: TlsProtocol,
  options: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<ProtocolCiphers> {
  const version = protocolVersions[protocol];
  const suites = offerable(protocol);
  let offered = suites.map((suite) => suite.code);
  const accepted: CipherSuite[] = [];
  while (offered.length > 0) {
    const outcome = await sendClientHello(endpoint, { protocol, cipherCodes: offered }, options);
    if (outcome.kind !== 'hello' || outcome.version !== version) break;
    const chosen = suites.find((suite) => suite.code === outcome.cipher);
    // A suite that was not offered is a protocol violation; nothing after it can be trusted.
    if (!chosen || !offered.includes(chosen.code)) break;
    accepted.push(chosen);
    offered = offered.filter((code) => code !== chosen.code);
  }
  if (accepted.length < 2) return { protocol, suites: accepted };
  const reversed = accepted.map((suite) => suite.code).reverse();
  const outcome = await sendClientHello(endpoint, { protocol, cipherCodes: reversed }, options);
  const serverPreference = outcome.kind === 'hello' && outcome.cipher === accepted[0]?.code;
  return { protocol, suites: accepted, serverPreference };
}
