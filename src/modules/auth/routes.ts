import { deleteCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../platform/errors.ts';
import type { ApiApp } from '../../platform/http/create-api-app.ts';
import { defineRoute, jsonBody, jsonResponse, noContent } from '../../platform/http/define-route.ts';
import { LoginRequest, Me, sessionCookie } from '../../protocol/auth.ts';
import { rolePermissions, type Role } from '../../protocol/roles.ts';
import type { Deps } from '../deps.ts';
import { assertLoginAllowed, clearAccountFailures, recordLoginFailure } from './login-throttle.ts';
import { burnPasswordCheck, verifyPassword } from './password-hash.ts';
import { createSession, deleteSession, sessionPolicy } from './sessions.ts';
import { findLoginCandidate, markLoggedIn } from './login-candidate.ts';

const tags = ['auth'];

const login = defineRoute({
  method: 'post',
  path: '/api/auth/login',
  action: 'auth.login',
  access: 'public',
  summary: 'Sign in with a username and password; sets the session cookie',
  tags,
  request: { body: jsonBody(LoginRequest) },
  responses: { 200: jsonResponse(Me, 'Signed in') },
});

const logout = defineRoute({
  method: 'post',
  path: '/api/auth/logout',
  action: 'auth.logout',
  access: 'authenticated',
  summary: 'End the current session',
  tags,
  responses: noContent,
});

const me = defineRoute({
  method: 'get',
  path: '/api/auth/me',
  action: 'auth.me',
  access: 'authenticated',
  summary: 'Who is signed in, with their permissions and CSRF token',
  tags,
  responses: { 200: jsonResponse(Me, 'The current principal') },
});

export function registerAuthRoutes(app: ApiApp, deps: Deps): void {
  const { db } = deps.database;
  const policy = sessionPolicy(deps.config.auth);
  const throttle = deps.config.auth.throttle;
  const secure = deps.config.server.tls !== undefined;

  app.openapi(login, async (c) => {
    const { username, password } = c.req.valid('json');
    const now = deps.clock.now();
    const keys = { account: username, ip: c.get('sourceIp') };
    c.set('auditActor', username);
    await assertLoginAllowed(db, keys, throttle, now);
    const user = await findLoginCandidate(db, username);
    const valid = user
      ? await verifyPassword(user.password_hash, password)
      : (await burnPasswordCheck(password), false);
    if (!user || !valid || user.disabled === 1) {
      await recordLoginFailure(db, keys, throttle, now);
      throw new AppError('invalid_credentials', 'wrong username or password');
    }
    await clearAccountFailures(db, username);
    await markLoggedIn(db, user.id, now.toISOString());
    const session = await createSession(db, deps.random, now, policy, {
      userId: user.id,
      sourceIp: c.get('sourceIp'),
      userAgent: c.req.header('user-agent') ?? null,
    });
    setCookie(c, sessionCookie, session.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      path: '/',
      expires: session.expiresAt,
    });
    const role = user.role as Role;
    c.set('auditTarget', user.username);
    return c.json(
      {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        role,
        permissions: [...rolePermissions[role]],
        csrfToken: session.csrfToken,
        authMethod: 'session' as const,
      },
      200,
    );
  });

  app.openapi(logout, async (c) => {
    const sessionId = c.get('principal')?.sessionId;
    if (sessionId !== undefined) await deleteSession(db, sessionId);
    deleteCookie(c, sessionCookie, { path: '/', secure });
    return c.body(null, 204);
  });

  app.openapi(me, (c) => {
    const principal = c.get('principal');
    if (!principal) throw new AppError('unauthenticated');
    return c.json(
      {
        id: principal.userId,
        username: principal.username,
        displayName: principal.displayName,
        role: principal.role,
        permissions: [...principal.permissions],
        ...(principal.csrfToken === undefined ? {} : { csrfToken: principal.csrfToken }),
        authMethod: principal.authMethod,
      },
      200,
    );
  });
}
