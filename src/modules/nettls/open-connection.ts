import { RawConnection, type TlsEndpoint } from './raw-connection.ts';
import { startTls } from './start-tls.ts';

/** A fresh connection ready for a ClientHello: connected, and upgraded when the endpoint uses STARTTLS. */
export async function openConnection(
  endpoint: TlsEndpoint,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<RawConnection> {
  const connection = await RawConnection.open(endpoint, timeoutMs, signal);
  try {
    if (endpoint.starttls) await startTls(connection, endpoint.starttls);
    return connection;
  } catch (error) {
    connection.close();
    throw error;
  }
}
