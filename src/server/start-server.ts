import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { hostname as osHostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { registerBuiltinPolicies } from '../modules/audits/register-builtin-policies.ts';
import type { Deps } from '../modules/deps.ts';
import { createMetrics } from '../modules/ops/metrics.ts';
import { startPatchRollouts } from '../modules/patches/start-patch-rollouts.ts';
import { loadOrCreateServerPki, pkiDir, type ServerPki } from '../modules/pki/server-pki.ts';
import { startSyslogReceiver, type SyslogReceiver } from '../modules/syslog/start-syslog-receiver.ts';
import { loadOrCreateTaskSigningKey, type TaskSigningKey } from '../modules/tasks/task-signing-key.ts';
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
import { startDetection, type RunningDetection } from './start-detection.ts';
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
  /** SHA-256 (hex) of the server's own CA with `server.tls.auto`; null otherwise. */
  caFingerprint: string | null;
  /** The syslog receiver's addresses; undefined when `syslog` configures no listener. */
  syslog: SyslogReceiver | undefined;
  /** The live detection path: events stored from agents and syslog become alerts. */
  detection: RunningDetection;
  close(): Promise<void>;
}

/** Names the certificate made with `server.tls.auto` covers: the configured ones and every local way in. */
export function autoTlsHostnames(config: Config): string[] {
  const tls = config.server.tls;
  const names = ['localhost', '127.0.0.1', '::1', osHostname()];
  if (tls && 'auto' in tls) names.push(...tls.hostnames);
  if (config.server.publicUrl) names.push(new URL(config.server.publicUrl).hostname);
  if (!['0.0.0.0', '::', ''].includes(config.server.host)) names.push(config.server.host);
  return names;
}

const renewCheckMs = 24 * 60 * 60 * 1000;

export const defaultWebRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const database = openDatabase({
    url: config.database.url,
    dataDir: config.dataDir,
    onIdleError: (err) => logger.warn({ err }, 'an idle database connection failed; it will be replaced'),
  });
  const clock = options.clock ?? systemClock;
  const tls = config.server.tls;
  const autoTls = tls && 'auto' in tls;
  const loadPki = (): ServerPki =>
    loadOrCreateServerPki({
      dir: pkiDir(config.dataDir),
      hostnames: autoTlsHostnames(config),
      now: clock.now(),
    });
  let pki: ServerPki | undefined;
  let taskSigningKey: TaskSigningKey;
  try {
    pki = autoTls ? loadPki() : undefined;
    taskSigningKey = loadOrCreateTaskSigningKey(pkiDir(config.dataDir));
  } catch (error) {
    await database.close();
    throw error;
  }
  if (pki?.created.ca)
    logger.info({ caFingerprint: pki.caFingerprint, file: pki.files.caCert }, 'created the Vigil CA');
  if (pki?.created.server)
    logger.info(
      { file: pki.files.serverCert, notAfter: pki.serverNotAfter },
      'made a new server certificate',
    );
  if (taskSigningKey.created) logger.info({ file: taskSigningKey.file }, 'created the task-signing key');
  const deps: Deps = {
    database,
    taskSigningKey,
    config,
    logger,
    clock,
    random: options.random ?? systemRandom,
    ...(pki ? { serverCa: { fingerprint: pki.caFingerprint, certPem: pki.caCertPem } } : {}),
  };
  let syslog: SyslogReceiver | undefined;
  let detection: RunningDetection | undefined;
  try {
    const report = await migrateToLatest(database);
    if (report.applied.length > 0) logger.info({ applied: report.applied }, 'database migrated');
    const bootstrap = await bootstrapAdmin(deps, options.adminPassword);
    const builtin = await registerBuiltinPolicies(deps);
    if (builtin.length > 0) logger.info({ policies: builtin }, 'built-in audit policies registered');
    const metrics = createMetrics();
    detection = await startDetection(deps);
    if (config.syslog.udp || config.syslog.tcp)
      syslog = await startSyslogReceiver(config.syslog, { ...deps, db: database.db, metrics });
    const app = createApp({
      deps,
      metrics,
      version,
      webRoot: options.webRoot ?? defaultWebRoot,
      alerts: detection.alerts,
    });
    const server = serve({
      fetch: app.fetch,
      hostname: config.server.host,
      port: config.server.port,
      ...(tls
        ? {
            createServer: createHttpsServer,
            serverOptions: pki
              ? { cert: pki.certPem, key: pki.keyPem }
              : 'certFile' in tls
                ? { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }
                : {},
          }
        : {}),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const scheduler = startScheduler(deps);
    const patchRollouts = startPatchRollouts(deps);
    // A server that runs for months replaces its certificate before it ends, without a restart.
    const renewal = autoTls
      ? setInterval(() => {
          try {
            const next = loadPki();
            if (!next.created.server) return;
            (server as HttpsServer).setSecureContext({ cert: next.certPem, key: next.keyPem });
            logger.info({ notAfter: next.serverNotAfter }, 'renewed the server certificate');
          } catch (err) {
            logger.error({ err }, 'renewing the server certificate failed');
          }
        }, renewCheckMs).unref()
      : undefined;
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = config.server.publicUrl ?? `${tls ? 'https' : 'http'}://${host}:${address.port}`;
    return {
      url,
      app,
      deps,
      bootstrap,
      caFingerprint: pki?.caFingerprint ?? null,
      syslog,
      detection,
      close: async () => {
        scheduler.stop();
        await patchRollouts.stop();
        if (renewal) clearInterval(renewal);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive sockets would otherwise hold shutdown open for seconds.
        if ('closeAllConnections' in server) server.closeAllConnections();
        await closed;
        // Before the database, so the messages it still holds are stored.
        await syslog?.close();
        await detection?.stop();
        await database.close();
      },
    };
  } catch (error) {
    await syslog?.close();
    await detection?.stop();
    await database.close();
    throw error;
  }
}
