import { createPublicKey, type KeyObject } from 'node:crypto';
import { hostname, release, type } from 'node:os';
import { request as httpsRequest } from 'node:https';
import { decodeEnrollmentToken } from '../modules/agents/enrollment-tokens.ts';
import { rawPublicKey } from '../modules/agents/signing.ts';
import type { EnrollRequest, EnrollResponse } from '../protocol/agents.ts';
import { createTransport, matchesPin, PinnedCaError, readResponse, type PinnedCa } from './agent-client.ts';
import type { AgentState } from './identity.ts';

const caPath = '/api/agents/ca.pem';

/**
 * Fetches the server's CA certificate over a connection that checks nothing,
 * then trusts it only if its SHA-256 is the fingerprint from the token. Only
 * a GET without secrets goes over that connection; a man in the middle can
 * answer it (the CA is public) but cannot then pass the pinned handshake.
 */
async function fetchPinnedCa(serverUrl: string, fingerprint: string): Promise<PinnedCa> {
  const url = new URL(caPath, serverUrl);
  if (url.protocol !== 'https:') {
    throw new PinnedCaError(`the token pins a CA, so the server URL must be https, not ${url.origin}`);
  }
  const pem = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: 'GET', rejectUnauthorized: false, agent: false, timeout: 30_000 },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          if (text.length > 64 * 1024) req.destroy(new Error('the CA certificate answer is too large'));
        });
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode === 200) resolve(text);
          else
            reject(
              new PinnedCaError(`${url.origin} did not serve its CA certificate (${response.statusCode})`),
            );
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.origin} in time`)));
    req.on('error', (error) => {
      reject(
        error instanceof PinnedCaError
          ? error
          : new TypeError(`request to ${url.origin} failed: ${error.message}`, { cause: error }),
      );
    });
    req.end();
  });
  if (!matchesPin(pem, fingerprint)) {
    throw new PinnedCaError(`the CA certificate ${url.origin} serves is not the one the token pins`);
  }
  return { pem, fingerprint };
}

/** Trades an enrollment token for an agent id bound to this agent's public key. */
export async function enroll(options: {
  token: string;
  /** Overrides the URL inside the token, for hosts that reach the server by another name. */
  serverUrl?: string | undefined;
  privateKey: KeyObject;
  version: string;
}): Promise<AgentState> {
  const payload = decodeEnrollmentToken(options.token);
  const serverUrl = options.serverUrl ?? payload.url;
  const serverCa = payload.ca === null ? undefined : await fetchPinnedCa(serverUrl, payload.ca);
  const body: EnrollRequest = {
    secret: payload.secret,
    publicKey: rawPublicKey(createPublicKey(options.privateKey)),
    hostname: hostname(),
    os: `${type()} ${release()}`,
    version: options.version,
  };
  const response = await createTransport(serverCa).send(new URL('/api/agents/enroll', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(body), 'utf8'),
  });
  const enrolled = await readResponse<EnrollResponse>(response);
  return {
    agentId: enrolled.agentId,
    serverUrl,
    group: enrolled.group,
    ...(serverCa ? { serverCa } : {}),
    ...(enrolled.taskPublicKey ? { taskPublicKey: enrolled.taskPublicKey } : {}),
  };
}
