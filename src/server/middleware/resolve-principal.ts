import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { resolveSession, type SessionPolicy } from '../../modules/auth/sessions.ts';
import type { Deps } from '../../modules/deps.ts';
import { resolveToken } from '../../modules/tokens/store.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/app-env.ts';
import { sessionCookie } from '../../protocol/auth.ts';

/**
 * Finds who is calling. A bearer token that does not resolve is an error
 * rather than a fallback to the cookie, so a script never silently runs as
 * whoever is signed in in the browser.
 */
export function resolvePrincipal(deps: Deps, policy: SessionPolicy) {
  const { db } = deps.database;
  return createMiddleware<AppEnv>(async (c, next) => {
    const authorization = c.req.header('authorization');
    const now = deps.clock.now();
    if (authorization !== undefined) {
      const [scheme, value] = authorization.split(' ', 2);
      const principal =
        scheme?.toLowerCase() === 'bearer' && value ? await resolveToken(db, value, now) : undefined;
      if (!principal) throw new AppError('unauthenticated', 'the API token is invalid, expired or revoked');
      c.set('principal', principal);
      return next();
    }
    const cookie = getCookie(c, sessionCookie);
    if (cookie !== undefined && cookie.length <= 128)
      c.set('principal', await resolveSession(db, cookie, now, policy));
    return next();
  });
}

/** Whether the caller presented any credential, valid or not. */
export function presentedCredentials(header: (name: string) => string | undefined): boolean {
  return header('authorization') !== undefined || (header('cookie') ?? '').includes(`${sessionCookie}=`);
}
