import type { Hono } from 'hono';
import type { AppEnv } from '../../platform/http/app-env.ts';
import { migrationsComplete } from '../../store/migrate.ts';
import type { Deps } from '../deps.ts';
import type { Metrics } from './metrics.ts';

/*
 * Probes and metrics sit outside /api and its session machinery: load
 * balancers and Prometheus call them without credentials, and they reveal
 * nothing beyond up/down and counters.
 */
export function registerOpsRoutes(app: Hono<AppEnv>, deps: Deps, metrics: Metrics): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    const checks = { database: false, migrations: false };
    try {
      checks.database = await deps.database.ping();
      checks.migrations = await migrationsComplete(deps.database);
    } catch (error) {
      deps.logger.warn({ err: error }, 'readiness check failed');
    }
    const ready = checks.database && checks.migrations;
    return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
  });

  app.get('/metrics', async (c) => {
    c.header('content-type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
}
