import type { Command } from 'commander';
import { envValue } from '../../platform/env-value.ts';
import { createLogger } from '../../platform/logger.ts';
import { configFrom, type GlobalOptions } from '../context.ts';
import type { RunningAgent } from '../../agent/run-agent.ts';
import { parsePort } from '../parse.ts';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the Vigil server: API, web UI and scheduler in one process')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default 8470)', parsePort)
    .option('--no-local-agent', 'do not run an agent for this host inside the server process')
    .action(async (opts: { host?: string; port?: number; localAgent: boolean }, command: Command) => {
      const server: Record<string, unknown> = {};
      if (opts.host !== undefined) server.host = opts.host;
      if (opts.port !== undefined) server.port = opts.port;
      const config = configFrom(
        command.optsWithGlobals<GlobalOptions>(),
        Object.keys(server).length ? { server } : {},
      );
      const logger = createLogger({ level: config.log.level });
      // Loaded here, not at the top: every other command starts faster without the server's code.
      const [{ startServer }, { startLocalAgent }] = await Promise.all([
        import('../../server/start-server.ts'),
        import('../local-agent.ts'),
      ]);
      const running = await startServer({
        config,
        logger,
        adminPassword: envValue(process.env, 'VIGIL_ADMIN_PASSWORD'),
      });
      const lines = [
        '',
        `  Vigil is running at ${running.url}`,
        `  Database: ${running.deps.database.kind} (${running.deps.database.location})`,
      ];
      if (running.caFingerprint)
        lines.push(`  CA fingerprint (SHA-256, agents pin it): ${running.caFingerprint}`);
      if (running.bootstrap.generatedPassword !== undefined) {
        lines.push(
          '',
          '  First start: an admin account was created.',
          '    username: admin',
          `    password: ${running.bootstrap.generatedPassword}`,
          '  This password is shown once and stored only as an argon2id hash. Sign in and change it.',
        );
      } else if (running.bootstrap.created) {
        lines.push(
          '',
          '  First start: the admin account was created with the password from VIGIL_ADMIN_PASSWORD.',
        );
      }
      process.stdout.write(`${lines.join('\n')}\n\n`);
      logger.info({ url: running.url }, 'vigil started');
      // Signals are handled before the local agent starts, which takes a while on first enrollment.
      let localAgent: Promise<RunningAgent | undefined> = Promise.resolve(undefined);
      const stop = (signal: string) => {
        logger.info({ signal }, 'shutting down');
        localAgent
          .then((agent) => agent?.stop())
          .then(() => running.close())
          .then(
            () => process.exit(0),
            (err: unknown) => {
              logger.error({ err }, 'shutdown failed');
              process.exit(1);
            },
          );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (opts.localAgent) {
        // The server keeps serving if its own host's agent cannot start.
        localAgent = startLocalAgent(running, logger).catch((err: unknown) => {
          logger.error({ err }, 'the local agent could not start');
          return undefined;
        });
      }
    });
}
