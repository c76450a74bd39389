import { createMiddleware } from 'hono/factory';
import { csrfHeader } from '../../protocol/auth.ts';
import type { Permission } from '../../protocol/roles.ts';
import { AppError } from '../errors.ts';
import { constantTimeEqual } from '../ids.ts';
import type { AppEnv } from './app-env.ts';

/** `agent`: a signed request from an enrolled host agent, not a person. */
export type Access = Permission | 'public' | 'authenticated' | 'agent';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place where permissions are checked. Every route gets it through
 * `defineRoute`; a test walks the OpenAPI document to prove none is missing.
 */
export function authorize(access: Access, action: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set('action', action);
    const unsafe = !safeMethods.has(c.req.method);
    if (unsafe) checkOrigin(c.req.header('origin'), c.req.url);
    if (access === 'public') return next();
    if (access === 'agent') {
      const verifyAgent = c.get('verifyAgent');
      if (!verifyAgent) {
        throw new AppError('unauthenticated', 'this endpoint takes signed requests from enrolled agents');
      }
      c.set('agent', await verifyAgent());
      return next();
    }
    const principal = c.get('principal');
    if (!principal) throw new AppError('unauthenticated', 'sign in or send a valid API token');
    if (unsafe && principal.authMethod === 'session') {
      const sent = c.req.header(csrfHeader) ?? '';
      if (!principal.csrfToken || !constantTimeEqual(sent, principal.csrfToken)) {
        throw new AppError('csrf_failed', `missing or wrong ${csrfHeader} header`);
      }
    }
    if (access !== 'authenticated' && !principal.permissions.includes(access)) {
      throw new AppError('forbidden', `your role (${principal.role}) lacks the "${access}" permission`);
    }
    return next();
  });
}

/* SameSite=Strict already stops cross-site cookies; this also stops a cross-site login form. */
function checkOrigin(origin: string | undefined, url: string): void {
  if (origin === undefined) return;
  if (!sameHost(origin, url))
    throw new AppError('csrf_failed', `cross-origin request from ${origin.slice(0, 200)} refused`);
}

function sameHost(origin: string, url: string): boolean {
  try {
    return new URL(origin).host === new URL(url).host;
  } catch {
    return false;
  }
}
