import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse, noContent } from '../../platform/http/define-route.ts';
import type { Principal } from '../../platform/http/principal.ts';
import { ApiToken, CreatedToken, CreateTokenRequest } from '../../protocol/tokens.ts';
import type { Deps } from '../deps.ts';
import { createToken, listTokens, revokeToken } from './store.ts';

const tags = ['tokens'];

const list = defineRoute({
  method: 'get',
  path: '/api/tokens',
  action: 'tokens.list',
  access: 'tokens:read',
  summary: 'List your API tokens (admins see everyone’s)',
  tags,
  responses: { 200: jsonResponse(z.object({ tokens: z.array(ApiToken) }), 'Tokens') },
});

const create = defineRoute({
  method: 'post',
  path: '/api/tokens',
  action: 'tokens.create',
  access: 'tokens:write',
  summary: 'Create an API token for yourself; the secret is returned once',
  tags,
  request: { body: jsonBody(CreateTokenRequest) },
  responses: { 201: jsonResponse(CreatedToken, 'Created') },
});

const revoke = defineRoute({
  method: 'delete',
  path: '/api/tokens/{id}',
  action: 'tokens.revoke',
  access: 'tokens:write',
  summary: 'Revoke an API token',
  tags,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: noContent,
});

/** Admins manage every token; everyone else only their own. */
function ownerScope(principal: Principal): string | undefined {
  return principal.permissions.includes('users:write') ? undefined : principal.userId;
}

function requirePrincipal(principal: Principal | undefined): Principal {
  if (!principal) throw new AppError('unauthenticated');
  return principal;
}

export function registerTokenRoutes(app: ApiApp, deps: Deps): void {
  const { db } = deps.database;
  const defaultLifetimeMs = deps.config.auth.tokenDefaultDays * 86_400_000;

  app.openapi(list, async (c) => {
    const principal = requirePrincipal(c.get('principal'));
    return c.json({ tokens: await listTokens(db, ownerScope(principal)) }, 200);
  });

  app.openapi(create, async (c) => {
    const principal = requirePrincipal(c.get('principal'));
    const body = c.req.valid('json');
    c.set('auditTarget', body.name);
    c.set('auditDetail', `scopes=${body.scopes.join(',')}`);
    const now = deps.clock.now();
    const lifetimeMs = body.expiresInSeconds === undefined ? defaultLifetimeMs : body.expiresInSeconds * 1000;
    const created = await createToken(db, deps.random, {
      owner: { id: principal.userId, username: principal.username, role: principal.role },
      name: body.name,
      scopes: body.scopes,
      expiresAt: new Date(now.getTime() + lifetimeMs),
      now,
    });
    c.set('auditTarget', `${created.name} (${created.id})`);
    return c.json(created, 201);
  });

  app.openapi(revoke, async (c) => {
    const principal = requirePrincipal(c.get('principal'));
    const { id } = c.req.valid('param');
    c.set('auditTarget', id);
    const revoked = await revokeToken(db, id, ownerScope(principal), deps.clock.now());
    c.set('auditTarget', `${revoked.name} (${revoked.id})`);
    return c.body(null, 204);
  });
}
