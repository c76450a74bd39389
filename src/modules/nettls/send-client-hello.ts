import { buildClientHello, type ClientHelloOptions } from './client-hello.ts';
import { NetTlsError } from './nettls-error.ts';
import { openConnection } from './open-connection.ts';
import { parseServerResponse, type ServerResponse } from './parse-server-response.ts';
import type { TlsEndpoint } from './raw-connection.ts';

export type HelloOutcome =
  (ServerResponse & { certificates?: Buffer[] }) | { kind: 'closed' } | { kind: 'timeout' };

/**
 * Offers one hand-built ClientHello on a fresh connection and returns the server's first answer.
 * A server that hangs up or stays silent after the hello refuses it; failing to connect at all
 * throws, because then nothing can be said about the server.
 */
export async function sendClientHello(
  endpoint: TlsEndpoint,
  hello: Omit<ClientHelloOptions, 'serverName'>,
  /** `certificates`: also read the Certificate message a TLS ≤ 1.2 server sends in clear. */
  options: { timeoutMs: number; signal?: AbortSignal | undefined; certificates?: boolean },
): Promise<HelloOutcome> {
  const connection = await openConnection(endpoint, options.timeoutMs, options.signal);
  try {
    connection.write(buildClientHello({ ...hello, serverName: endpoint.serverName }));
    const response = await connection.read((data) => {
      const parsed = parseServerResponse(data, { certificates: options.certificates ?? false });
      return parsed && { value: parsed, used: data.length };
    });
    return response === 'closed' ? { kind: 'closed' } : response;
  } catch (error) {
    if (error instanceof NetTlsError && error.code === 'timeout') return { kind: 'timeout' };
    throw error;
  } finally {
    connection.close();
  }
}
