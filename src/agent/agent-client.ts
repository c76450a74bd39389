import { randomBytes, type KeyObject } from 'node:crypto';
import { signParts } from '../modules/agents/signing.ts';
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

export interface AgentClientOptions {
  serverUrl: string;
  agentId: string;
  privateKey: KeyObject;
  timeoutMs?: number;
  now?: () => number;
}

export interface AgentClient {
  post<T>(path: string, body: unknown): Promise<T>;
}

/** Signs every request as docs/agents.md describes; the same bytes that are signed are sent. */
export function createAgentClient(options: AgentClientOptions): AgentClient {
  const base = new URL(options.serverUrl);
  const now = options.now ?? Date.now;
  return {
    async post<T>(path: string, body: unknown): Promise<T> {
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
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [agentHeaders.id]: options.agentId,
          [agentHeaders.timestamp]: timestamp,
          [agentHeaders.nonce]: nonce,
          [agentHeaders.signature]: signature,
        },
        body: bytes,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      return readResponse<T>(response);
    },
  };
}

export async function readResponse<T>(response: Response): Promise<T> {
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
