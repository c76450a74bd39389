import { getConnInfo } from '@hono/node-server/conninfo';
import { routePath } from 'hono/route';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../platform/http/app-env.ts';
import type { Random } from '../../platform/ids.ts';
import type { Metrics } from '../../modules/ops/metrics.ts';

/** Request id, client address and metrics for every request. */
export function requestContext(options: { random: Random; metrics: Metrics; trustProxy: boolean }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const requestId = options.random.uuid();
    c.set('requestId', requestId);
    c.set('sourceIp', clientAddress(c, options.trustProxy));
    c.set('principal', undefined);
    await next();
    c.header('x-request-id', requestId);
    const route = c.get('action') ?? (c.req.path.startsWith('/api/') ? 'unmatched' : routePath(c));
    options.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    options.metrics.httpDuration.observe(
      { method: c.req.method, route },
      (performance.now() - started) / 1000,
    );
  });
}

type Ctx = Parameters<Parameters<typeof createMiddleware<AppEnv>>[0]>[0];

function clientAddress(c: Ctx, trustProxy: boolean): string | null {
  if (trustProxy) {
    // The proxy appends the address it saw; earlier entries are whatever the client claimed.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // Requests made in-process (app.request in tests) have no socket.
    return null;
  }
}
