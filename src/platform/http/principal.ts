import type { Permission, Role } from '../../protocol/roles.ts';

/** Who is making a request, as resolved once per request from a session cookie or a bearer token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** Role permissions, narrowed by the token's scopes for token requests. */
  permissions: readonly Permission[];
  authMethod: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
}
