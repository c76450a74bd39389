import type { ApiToken, CreatedToken, CreateTokenRequest } from '../../../src/protocol/tokens.ts';
import { request } from './client.ts';

export const listTokens = () => request<{ tokens: ApiToken[] }>('GET', '/api/tokens');
export const createToken = (body: CreateTokenRequest) => request<CreatedToken>('POST', '/api/tokens', body);
export const revokeToken = (id: string) =>
  request<undefined>('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
