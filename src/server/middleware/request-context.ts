import { getConnInfo } from '@hono/node-server/conninfo';
import { routePath } from 'hono/route';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../platform/http/app-env.ts';
import type { Random } from '../../platform/ids.ts';
import type { Metrics } from '../../modules/ops/metrics.ts';
import type { Logger } from '../../platform/logger.ts';

/** Request id, client address, metrics and an access-log line for every request. */
export function requestContext(options: {
  random: Random;
  metrics: Metrics;
  trustProxy: boolean;
  logger: Logger;
}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    const requestId = options.random.uuid();
    c.set('requestId', requestId);
    c.set('sourceIp', clientAddress(c, options.trustProxy));
    c.set('principal', undefined);
    c.set('agent', undefined);
    c.set('verifyAgent', undefined);
    await next();
    c.header('x-request-id', requestId);
    const route = c.get('action') ?? (c.req.path.startsWith('/api/') ? 'unmatched' : routePath(c));
    options.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    const seconds = (performance.now() - started) / 1000;
    options.metrics.httpDuration.observe({ method: c.req.method, route }, seconds);
    options.logger[logLevelFor(c.req.path, c.res.status)](
      {
        requestId,
        method: c.req.method,
        path: c.req.path.slice(0, 256),
        status: c.res.status,
        ms: Math.round(seconds * 1000),
        user: c.get('principal')?.username,
        ip: c.get('sourceIp'),
      },
      'request',
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

/** People's API calls are worth a line each; agents' steady traffic, assets and probes only when they fail. */
function logLevelFor(path: string, status: number): 'error' | 'warn' | 'info' | 'debug' {
  if (status >= 500) return 'error';
  if (path.startsWith('/api/agent/')) return status >= 400 ? 'warn' : 'debug';
  return path.startsWith('/api/') ? 'info' : 'debug';
}
