import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import {
  connect,
  createSecureContext,
  rootCertificates,
  type DetailedPeerCertificate,
  type SecureContext,
  type TLSSocket,
} from 'node:tls';
import { NetTlsError } from './nettls-error.ts';
import { openConnection } from './open-connection.ts';
import type { TlsEndpoint } from './raw-connection.ts';

export interface CertificateChain {
  /** Leaf first, as the server sent it and OpenSSL completed it. */
  chain: X509Certificate[];
  trusted: boolean;
  /** OpenSSL's verification error code (`CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`…) or why no handshake happened. */
  trustError?: string | undefined;
}

// Debian/Ubuntu, then RHEL/Fedora: the system store next to Node's own Mozilla roots.
const systemBundles = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt'];
let defaultTrust: string[] | undefined;

/** PEM bundles of Node's Mozilla roots and the system store, read once. */
export function systemTrust(): string[] {
  if (defaultTrust) return defaultTrust;
  const bundle = systemBundles.find((path) => existsSync(path) && statSync(path).size < 4 * 1024 * 1024);
  defaultTrust = [...rootCertificates, ...(bundle ? [readFileSync(bundle, 'utf8')] : [])];
  return defaultTrust;
}

let defaultContext: SecureContext | undefined;

/**
 * Loading some 300 roots into a context costs more than the handshake, so the system store's
 * context is made once. Every protocol and suite OpenSSL still has, except anonymous ones: a
 * server that has them would otherwise send no certificate.
 */
function contextFor(trusted: string[] | undefined): SecureContext {
  const make = (ca: string[]) =>
    createSecureContext({ ca, minVersion: 'TLSv1', ciphers: 'ALL:eNULL:!aNULL:@SECLEVEL=0' });
  if (trusted) return make(trusted);
  defaultContext ??= make(systemTrust());
  return defaultContext;
}

function chainOf(peer: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  // Without a certificate the object is empty, and a chain the server left incomplete ends without an issuer.
  let current: Partial<DetailedPeerCertificate> | undefined = peer;
  while (current?.raw && current.fingerprint256 && chain.length < 10 && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}

/**
 * The certificate chain through Node's TLS stack, verified against the system store (or `trusted`)
 * without failing on a bad certificate: the audit wants to see exactly the bad ones. Every protocol
 * and suite OpenSSL still has is allowed so legacy servers are reachable too.
 */
export async function readCertificateChain(
  endpoint: TlsEndpoint,
  options: { timeoutMs: number; signal?: AbortSignal | undefined; trusted?: string[] | undefined },
): Promise<CertificateChain> {
  if (options.signal?.aborted) throw new NetTlsError('aborted', 'aborted');
  const socket = endpoint.starttls
    ? (await openConnection(endpoint, options.timeoutMs, options.signal)).release()
    : undefined;
  const serverName = endpoint.serverName && isIP(endpoint.serverName) === 0 ? endpoint.serverName : undefined;
  return new Promise<CertificateChain>((resolve, reject) => {
    const tls: TLSSocket = connect({
      ...(socket ? { socket } : { host: endpoint.address, port: endpoint.port }),
      ...(serverName ? { servername: serverName } : {}),
      rejectUnauthorized: false,
      // Trust is the chain alone; the host name is checked on its own (cert-hostname-mismatch).
      checkServerIdentity: () => undefined,
      secureContext: contextFor(options.trusted),
    });
    // A handshake that stalls is a result like one that fails: the hellos may still have found plenty.
    const timer = setTimeout(() => tls.destroy(new Error('no answer in time')), options.timeoutMs);
    const onAbort = () => tls.destroy(new NetTlsError('aborted', 'aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      tls.destroy();
    };
    tls.once('secureConnect', () => {
      const chain = chainOf(tls.getPeerCertificate(true));
      const error = tls.authorizationError as Error | string | null;
      done();
      resolve({
        chain,
        trusted: tls.authorized,
        ...(error ? { trustError: typeof error === 'string' ? error : error.message } : {}),
      });
    });
    tls.once('error', (error: Error) => {
      done();
      if (error instanceof NetTlsError) reject(error);
      else
        resolve({
          chain: [],
          trusted: false,
          trustError: `handshake failed: ${error.message.slice(0, 200)}`,
        });
    });
  });
}
