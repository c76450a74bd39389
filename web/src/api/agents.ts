import type {
  Agent,
  CreatedEnrollmentToken,
  CreateEnrollmentTokenRequest,
  EnrollmentToken,
  EventQuery,
  StoredEvent,
} from '../../../src/protocol/agents.ts';
import type { HostInventory } from '../../../src/protocol/inventory.ts';
import { ApiError } from './ApiError.ts';
import { request } from './client.ts';

const agentPath = (id: string) => `/api/agents/${encodeURIComponent(id)}`;
const tokenPath = (id: string) => `/api/agents/enrollment-tokens/${encodeURIComponent(id)}`;

export const listAgents = () => request<{ agents: Agent[] }>('GET', '/api/agents');
export const getAgent = (id: string) => request<Agent>('GET', agentPath(id));
export const revokeAgent = (id: string) => request<Agent>('POST', `${agentPath(id)}/revoke`);

/** Null while the agent has sent no inventory yet (the server answers 404). */
export async function getInventory(id: string): Promise<HostInventory | null> {
  try {
    return await request<HostInventory>('GET', `${agentPath(id)}/inventory`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function listAgentEvents(id: string, query: Partial<EventQuery>): Promise<{ events: StoredEvent[] }> {
  const params = new URLSearchParams();
  if (query.kind !== undefined) params.set('kind', query.kind);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.before !== undefined) params.set('before', query.before);
  if (query.beforeId !== undefined) params.set('beforeId', query.beforeId);
  return request<{ events: StoredEvent[] }>('GET', `${agentPath(id)}/events?${params.toString()}`);
}

export const listEnrollmentTokens = () =>
  request<{ tokens: EnrollmentToken[] }>('GET', '/api/agents/enrollment-tokens');
export const createEnrollmentToken = (body: CreateEnrollmentTokenRequest) =>
  request<CreatedEnrollmentToken>('POST', '/api/agents/enrollment-tokens', body);
export const revokeEnrollmentToken = (id: string) => request<undefined>('DELETE', tokenPath(id));
