import { isIP } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { cleanText } from './banner-line.ts';
import { openTcp } from './probe-stream.ts';

/** Bytes of the server's first reply that are kept to classify it when it is not TLS. */
const maxReply = 16 * 1024;

export type TlsOpening =
  /** The handshake completed; the socket carries the protocol inside. */
  | { kind: 'tls'; socket: TLSSocket; details: Record<string, string> }
  /** The server answered with TLS records (an alert, a hello) but no handshake Node can finish. */
  | { kind: 'tls-failed'; details: Record<string, string> }
  /** The server answered something else (an HTTP 400, a banner) or nothing. */
  | { kind: 'not-tls'; reply: Buffer };

/** A TLS record header: content type 20–23 and a 3.x version. */
function looksLikeTls(bytes: Buffer): boolean {
  return (
    bytes.length >= 3 &&
    (bytes[0] ?? 0) >= 20 &&
    (bytes[0] ?? 0) <= 23 &&
    bytes[1] === 3 &&
    (bytes[2] ?? 9) <= 4
  );
}

/**
 * A ClientHello from Node's TLS (any version from TLS 1.0, any cipher, no certificate checks: this
 * identifies, the TLS audit judges), relayed through a stream that keeps the server's first bytes,
 * so a server that is not TLS still shows what it said instead of only a handshake error.
 */
export async function openTls(
  endpoint: { address: string; port: number; serverName?: string | undefined },
  options: { deadline: number; waitMs: number; signal?: AbortSignal | undefined },
): Promise<TlsOpening> {
  const remaining = () => Math.max(1, options.deadline - Date.now());
  const raw = await openTcp(endpoint.address, endpoint.port, remaining(), options.signal);
  const seen: Buffer[] = [];
  let seenBytes = 0;
  const relay = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      raw.write(chunk, callback);
    },
    final(callback) {
      raw.end();
      callback();
    },
    destroy(error, callback) {
      raw.destroy();
      callback(error);
    },
  });
  raw.on('data', (chunk: Buffer) => {
    if (seenBytes < maxReply) {
      seen.push(chunk.subarray(0, maxReply - seenBytes));
      seenBytes += Math.min(chunk.length, maxReply - seenBytes);
    }
    relay.push(chunk);
  });
  raw.once('end', () => relay.push(null));
  // The raw socket's error is the one reported; the relay and the TLS layer only close after it.
  raw.on('error', () => relay.destroy());
  raw.once('close', () => relay.destroy());
  relay.on('error', () => undefined);

  const serverName = endpoint.serverName && isIP(endpoint.serverName) === 0 ? endpoint.serverName : undefined;
  const socket = tlsConnect({
    socket: relay,
    ...(serverName ? { servername: serverName } : {}),
    rejectUnauthorized: false,
    minVersion: 'TLSv1',
    ciphers: 'ALL:@SECLEVEL=0',
  });
  const outcome = await new Promise<'secure' | 'failed'>((resolve) => {
    const timer = setTimeout(() => resolve('failed'), Math.min(options.waitMs, remaining()));
    const onAbort = () => resolve('failed');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = (result: 'secure' | 'failed') => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    socket.once('secureConnect', () => done('secure'));
    socket.on('error', () => done('failed'));
    socket.once('close', () => done('failed'));
  });
  socket.once('close', () => raw.destroy());
  if (outcome === 'secure') {
    const certificate = socket.getPeerCertificate();
    const cipher = socket.getCipher();
    // An empty object when the server sent no certificate, whatever the type says.
    const commonName: unknown = (certificate.subject as Partial<typeof certificate.subject> | undefined)?.CN;
    return {
      kind: 'tls',
      socket,
      details: {
        tlsVersion: socket.getProtocol() ?? 'unknown',
        tlsCipher: cleanText(cipher.name),
        ...(typeof commonName === 'string' ? { certificateSubject: cleanText(commonName) } : {}),
      },
    };
  }
  socket.destroy();
  raw.destroy();
  const reply = Buffer.concat(seen);
  return looksLikeTls(reply)
    ? { kind: 'tls-failed', details: { tlsHandshake: 'failed' } }
    : { kind: 'not-tls', reply };
}
