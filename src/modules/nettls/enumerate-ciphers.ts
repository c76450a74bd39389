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

/** Old servers (the "128 cipher limit" bug) hang up on longer suite lists. */
const maxSuitesPerHello = 128;

type Options = { timeoutMs: number; signal?: AbortSignal | undefined };

/**
 * sslscan's method: offer every suite the protocol allows, note the one the server picks, offer the
 * rest again, until the server refuses. The first offer doubles as the protocol probe: an answer in
 * a lower version (a TLS 1.0 server answering a TLS 1.2 hello) means this version is not supported.
 * The accepted suites offered forwards and in reverse show whether the server imposes its own
 * order: then the list is in that order.
 */
export async function enumerateCiphers(
  endpoint: TlsEndpoint,
  protocol: TlsProtocol,
  options: Options,
): Promise<ProtocolCiphers> {
  const version = protocolVersions[protocol];
  const suites = offerable(protocol);
  /** The suite the server picks from `codes` in this version, and whether it hung up instead. */
  const answer = async (codes: number[]): Promise<{ chosen?: CipherSuite; hungUp: boolean }> => {
    const outcome = await sendClientHello(endpoint, { protocol, cipherCodes: codes }, options);
    // A suite that was not offered is a protocol violation: treated as a refusal.
    if (outcome.kind !== 'hello' || outcome.version !== version || !codes.includes(outcome.cipher)) {
      return { hungUp: outcome.kind === 'closed' };
    }
    const chosen = suites.find((suite) => suite.code === outcome.cipher);
    return chosen ? { chosen, hungUp: false } : { hungUp: false };
  };
  const choose = async (codes: number[]) => (await answer(codes)).chosen;
  let offered = suites.map((suite) => suite.code);
  let accepted: CipherSuite[] = [];
  // Picks from shortened lists are not the server's first choice overall: the order is redone below.
  let shortened = false;
  while (offered.length > 0) {
    const first = await answer(offered);
    let chosen = first.chosen;
    // Only a hang-up (not an alert or silence) is the symptom of the 128-suite bug.
    if (first.hungUp && offered.length > maxSuitesPerHello) {
      for (let start = 0; !chosen && start < offered.length; start += maxSuitesPerHello) {
        chosen = await choose(offered.slice(start, start + maxSuitesPerHello));
        shortened ||= chosen !== undefined;
      }
    }
    if (!chosen) break;
    accepted.push(chosen);
    const code = chosen.code;
    offered = offered.filter((offeredCode) => offeredCode !== code);
  }
  if (accepted.length < 2) return { protocol, suites: accepted };
  const codes = accepted.map((suite) => suite.code);
  const forwards = shortened ? await choose(codes) : accepted[0];
  const backwards = await choose([...codes].reverse());
  const serverPreference = forwards !== undefined && forwards.code === backwards?.code;
  if (serverPreference && shortened) accepted = await inServerOrder(accepted, choose);
  return { protocol, suites: accepted, serverPreference };
}

/** The server's own order of `accepted`, by offering what is left until each has been picked. */
async function inServerOrder(
  accepted: CipherSuite[],
  choose: (codes: number[]) => Promise<CipherSuite | undefined>,
): Promise<CipherSuite[]> {
  const ordered: CipherSuite[] = [];
  let left = accepted;
  while (left.length > 0) {
    const chosen = await choose(left.map((suite) => suite.code));
    if (!chosen) return [...ordered, ...left];
    ordered.push(chosen);
    left = left.filter((suite) => suite !== chosen);
  }
  return ordered;
}
