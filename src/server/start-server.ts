import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Deps } from '../modules/deps.ts';
import { createMetrics } from '../modules/ops/metrics.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import { systemRandom, type Random } from '../platform/ids.ts';
import type { Logger } from '../platform/logger.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { openDatabase } from '../store/open-database.ts';
import { bootstrapAdmin, type BootstrapResult } from './bootstrap-admin.ts';
import { createApp } from './create-app.ts';
import type { ApiApp } from '../platform/http/create-api-app.ts';
import { startScheduler } from './scheduler.ts';
import { version } from './version.ts';

export interface StartOptions {
  config: Config;
  logger: Logger;
  adminPassword?: string | undefined;
  clock?: Clock;
  random?: Random;
  webRoot?: string;
}

export interface RunningServer {
  url: string;
  app: ApiApp;
  deps: Deps;
  bootstrap: BootstrapResult;
  close(): Promise<void>;
}

export const defaultWebRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const database = openDatabase({
    url: config.database.url,
    dataDir: config.dataDir,
    onIdleError: (err) => logger.warn({ err }, 'an idle database connection failed; it will be replaced'),
  });
  const deps: Deps = {
    database,
    config,
    logger,
    clock: options.clock ?? systemClock,
    random: options.random ?? systemRandom,
  };
  try {
    const report = await migrateToLatest(database);
    if (report.applied.length > 0) logger.info({ applied: report.applied }, 'database migrated');
    const bootstrap = await bootstrapAdmin(deps, options.adminPassword);
    const app = createApp({
      deps,
      metrics: createMetrics(),
      version,
      webRoot: options.webRoot ?? defaultWebRoot,
    });
    const tls = config.server.tls;
    const server = serve({
      fetch: app.fetch,
      hostname: config.server.host,
      port: config.server.port,
      ...(tls
        ? {
            createServer: createHttpsServer,
            serverOptions: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) },
          }
        : {}),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const scheduler = startScheduler(deps);
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = config.server.publicUrl ?? `${tls ? 'https' : 'http'}://${host}:${address.port}`;
    return {
      url,
      app,
      deps,
      bootstrap,
      close: async () => {
        scheduler.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive sockets would otherwise hold shutdown open for seconds.
        if ('closeAllConnections' in server) server.closeAllConnections();
        await closed;
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
