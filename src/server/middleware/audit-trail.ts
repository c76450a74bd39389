import { createMiddleware } from 'hono/factory';
import { appendAudit } from '../../modules/audit/store.ts';
import type { Deps } from '../../modules/deps.ts';
import type { Metrics } from '../../modules/ops/metrics.ts';
import { isAppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http/app-env.ts';
import type { AuditOutcome } from '../../protocol/audit.ts';
import { presentedCredentials } from './resolve-principal.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function outcomeOf(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  if (status >= 500) return 'error';
  if (status >= 400) return 'failure';
  return 'success';
}

/**
 * Records every state-changing API request, and every refused one, after the
 * response is decided, so the entry carries the real status. Reads that
 * succeed are not recorded; a browser asking "am I signed in?" without any
 * credential is not an access attempt either.
 */
export function auditTrail(deps: Deps, metrics: Metrics) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const at = deps.clock.now().toISOString();
    await next();
    const status = c.res.status;
    const outcome = outcomeOf(status);
    const unsafe = !safeMethods.has(c.req.method);
    const probe = c.get('action') === 'auth.me' && !presentedCredentials((n) => c.req.header(n));
    if (!unsafe && (outcome !== 'denied' || probe)) return;
    // Agents' event batches and heartbeats are data, not changes; only refusals are worth an entry.
    if (c.get('action')?.startsWith('agent-channel.') && outcome === 'success') return;
    const principal = c.get('principal');
    const error = c.error;
    const failure = isAppError(error)
      ? `${error.code}: ${error.message}`
      : error
        ? 'internal error'
        : undefined;
    const detail = [c.get('auditDetail'), failure].filter(Boolean).join(' | ') || null;
    try {
      await appendAudit(deps.database.db, {
        at,
        actorId: principal?.userId ?? null,
        actor: principal?.username ?? c.get('auditActor')?.slice(0, 64) ?? null,
        action: c.get('action') ?? `http.${c.req.method.toLowerCase()}`,
        method: c.req.method,
        path: c.req.path.slice(0, 512),
        target: c.get('auditTarget')?.slice(0, 256) ?? null,
        sourceIp: c.get('sourceIp'),
        userAgent: c.req.header('user-agent')?.slice(0, 256) ?? null,
        status,
        outcome,
        detail: detail?.slice(0, 1024) ?? null,
      });
    } catch (err) {
      metrics.auditFailures.inc();
      deps.logger.error({ err, path: c.req.path }, 'audit entry could not be written');
    }
  });
}
