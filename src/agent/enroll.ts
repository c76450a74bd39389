import { createPublicKey, type KeyObject } from 'node:crypto';
import { hostname, release, type } from 'node:os';
import { decodeEnrollmentToken } from '../modules/agents/enrollment-tokens.ts';
import { rawPublicKey } from '../modules/agents/signing.ts';
import type { EnrollRequest, EnrollResponse } from '../protocol/agents.ts';
import { readResponse } from './agent-client.ts';
import type { AgentState } from './identity.ts';

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
  const body: EnrollRequest = {
    secret: payload.secret,
    publicKey: rawPublicKey(createPublicKey(options.privateKey)),
    hostname: hostname(),
    os: `${type()} ${release()}`,
    version: options.version,
  };
  const response = await fetch(new URL('/api/agents/enroll', serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const enrolled = await readResponse<EnrollResponse>(response);
  return { agentId: enrolled.agentId, serverUrl, group: enrolled.group };
}
