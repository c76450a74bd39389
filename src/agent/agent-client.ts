import { randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { checkServerIdentity, type DetailedPeerCertificate, type PeerCertificate } from 'node:tls';
import { signParts } from '../modules/agents/signing.ts';
import { certificateFingerprint, normalizeFingerprint } from '../modules/pki/fingerprint.ts';
import { agentHeaders } from '../protocol/agents.ts';

/** A refusal or failure from the server, with its problem code when it sent one. */
export class AgentHttpError extends Error {
  override name = 'AgentHttpError';
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }

  /** 401 and 403 mean this agent is no longer trusted; retrying will not help. */
  get refused(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

/** The server's CA the agent pins: its PEM, checked against the fingerprint from the enrollment token. */
export interface PinnedCa {
  pem: string;
  /** SHA-256 of the CA certificate's DER, lowercase hex. */
  fingerprint: string;
}

/** The server presented a certificate that is not from the pinned Vigil CA: a man in the middle, or the wrong server. */
export class PinnedCaError extends Error {
  override name = 'PinnedCaError';
  constructor(detail: string, summary = 'certificate does not chain to the pinned Vigil CA') {
    super(`${summary}: ${detail}`);
  }
}

export interface AgentClientOptions {
  serverUrl: string;
  agentId: string;
  privateKey: KeyObject;
  /** With a pinned CA every request goes over HTTPS trusting that CA alone, never anything else. */
  serverCa?: PinnedCa | undefined;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * What a request gives back. Not fetch's Response: fetch loads undici, about 8 MB of the idle
 * agent's memory, and node:http does the job.
 */
export interface TransportResponse {
  status: number;
  ok: boolean;
  text(): Promise<string>;
}

export interface Transport {
  send(
    url: URL,
    init: {
      method: 'GET' | 'POST';
      headers: Record<string, string>;
      body?: Buffer;
      timeoutMs?: number;
      /** Ends the request early, such as a long poll when the agent stops. */
      signal?: AbortSignal | undefined;
      /** On a new connection, not a kept-alive one: proves the server is reachable now (firewall policy confirmation). */
      fresh?: boolean | undefined;
    },
  ): Promise<TransportResponse>;
}

const verifyCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);

/** The certificates the server's chain verified through, leaf first (node passes the detailed form). */
function chainOf(leaf: PeerCertificate): DetailedPeerCertificate[] {
  const chain: DetailedPeerCertificate[] = [];
  let cert = leaf as DetailedPeerCertificate | undefined;
  while (cert && !chain.includes(cert)) {
    chain.push(cert);
    // Typed as always there, but absent when the server sent no chain to walk.
    const issuer = cert.issuerCertificate as DetailedPeerCertificate | undefined;
    cert = issuer?.fingerprint256 !== cert.fingerprint256 ? issuer : undefined;
  }
  return chain;
}

/**
 * Plain node:http(s) without a pin; with one, node:https trusting only the pinned
 * CA (not the system's roots), normal host name checks, and a second check
 * that the verified chain ends at the pinned certificate. There is no
 * fallback: a refused certificate fails the request.
 */
export function createTransport(serverCa: PinnedCa | undefined): Transport {
  if (!serverCa) {
    return {
      send: (url, init) =>
        sendRequest(
          url,
          init,
          url.protocol === 'https:' ? httpsRequest : httpRequest,
          init.fresh ? { agent: false } : {},
        ),
    };
  }
  const pinned = normalizeFingerprint(serverCa.fingerprint);
  if (certificateFingerprint(serverCa.pem) !== pinned) {
    throw new PinnedCaError('the stored CA certificate does not match its pinned fingerprint');
  }
  const pinnedAgent = (keepAlive: boolean) =>
    new HttpsAgent({
      ca: serverCa.pem,
      keepAlive,
      // A resumed session may not carry the chain the check below walks; always verify in full.
      maxCachedSessions: 0,
      checkServerIdentity: (host, cert) => {
        const mismatch = checkServerIdentity(host, cert);
        if (mismatch) return mismatch;
        const root = chainOf(cert).at(-1);
        if (!root || normalizeFingerprint(root.fingerprint256) !== pinned) {
          return new PinnedCaError('the verified chain does not end at the pinned certificate');
        }
        return undefined;
      },
    });
  const kept = pinnedAgent(true);
  const fresh = pinnedAgent(false);
  return {
    send: (url, init) =>
      url.protocol === 'https:'
        ? sendRequest(url, init, httpsRequest, { agent: init.fresh ? fresh : kept, rejectUnauthorized: true })
        : Promise.reject(
            new PinnedCaError(`${url.origin} is not https; a pinned agent never talks plain HTTP`),
          ),
  };
}

type RequestFunction = typeof httpRequest | typeof httpsRequest;

/** One request through node:http or node:https, with the pinned-CA failures told apart from network ones. */
function sendRequest(
  url: URL,
  init: Parameters<Transport['send']>[1],
  request: RequestFunction,
  tls: { agent?: HttpsAgent | false; rejectUnauthorized?: boolean },
): Promise<TransportResponse> {
  return new Promise<TransportResponse>((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: init.method,
        headers: init.headers,
        ...tls,
        timeout: init.timeoutMs ?? 30_000,
        ...(init.signal ? { signal: init.signal } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({ status, ok: status >= 200 && status < 300, text: () => Promise.resolve(body) });
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${url.origin} in time`)));
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof PinnedCaError) reject(error);
      else if (error.code && verifyCodes.has(error.code))
        reject(new PinnedCaError(`${url.host}: ${error.message}`));
      else if (error.code === 'ERR_TLS_CERT_ALTNAME_INVALID')
        reject(
          new PinnedCaError(
            error.message,
            `the server's certificate is from the pinned Vigil CA but does not name ${url.hostname} (add it to server.tls.hostnames)`,
          ),
        );
      // One kind of failure for every network problem, so callers retry an unreachable server the same way.
      else reject(new TypeError(`request to ${url.origin} failed: ${error.message}`, { cause: error }));
    });
    outgoing.end(init.body);
  });
}

/** Whether a PEM is a CA certificate whose SHA-256 is the pinned fingerprint. */
export function matchesPin(pem: string, fingerprint: string): boolean {
  try {
    const cert = new X509Certificate(pem);
    return cert.ca && certificateFingerprint(cert) === normalizeFingerprint(fingerprint);
  } catch {
    return false;
  }
}

export interface AgentClient {
  post<T>(path: string, body: unknown, options?: PostOptions): Promise<T>;
}

export interface PostOptions {
  signal?: AbortSignal;
  /** On a new connection (see Transport). */
  fresh?: boolean;
}

/** Signs every request as docs/agents.md describes; the same bytes that are signed are sent. */
export function createAgentClient(options: AgentClientOptions): AgentClient {
  const base = new URL(options.serverUrl);
  const now = options.now ?? Date.now;
  const transport = createTransport(options.serverCa);
  return {
    async post<T>(path: string, body: unknown, requestOptions?: PostOptions): Promise<T> {
      const url = new URL(path, base);
      const bytes = Buffer.from(JSON.stringify(body), 'utf8');
      const timestamp = String(now());
      const nonce = randomBytes(18).toString('base64url');
      const signature = signParts(options.privateKey, {
        method: 'POST',
        target: `${url.pathname}${url.search}`,
        timestamp,
        nonce,
        body: bytes,
      });
      const response = await transport.send(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [agentHeaders.id]: options.agentId,
          [agentHeaders.timestamp]: timestamp,
          [agentHeaders.nonce]: nonce,
          [agentHeaders.signature]: signature,
        },
        body: bytes,
        signal: requestOptions?.signal,
        fresh: requestOptions?.fresh,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      return readResponse<T>(response);
    },
  };
}

export async function readResponse<T>(response: TransportResponse): Promise<T> {
  const text = await response.text();
  if (!response.ok) {
    let code: string | undefined;
    let detail = text.slice(0, 300);
    try {
      const problem = JSON.parse(text) as { code?: string; detail?: string };
      code = problem.code;
      detail = problem.detail ?? detail;
    } catch {
      // Not problem+json (a proxy's error page, say); the raw text is the best we have.
    }
    throw new AgentHttpError(response.status, code, `server answered ${response.status}: ${detail}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}
