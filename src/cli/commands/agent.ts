import type { Command } from 'commander';
import { runAgent } from '../../agent/run-agent.ts';
import { defaultFimPaths } from '../../modules/fim/default-fim-paths.ts';
import { envValue } from '../../platform/env-value.ts';
import { createLogger } from '../../platform/logger.ts';
import { version } from '../../server/version.ts';
import { configFrom, type GlobalOptions } from '../context.ts';

export const defaultLogs = ['/var/log/auth.log', '/var/log/secure', '/var/log/syslog', '/var/log/messages'];

export function registerAgent(program: Command): void {
  program
    .command('agent')
    .description('run the host agent: enroll once, then ship logs and inventory to the server')
    .option('--server <url>', 'server URL, when it differs from the one inside the token')
    .option('--token <token>', 'enrollment token, needed on the first start only (or VIGIL_ENROLL_TOKEN)')
    .option('--log <glob...>', `log files to tail (default: ${defaultLogs.join(' ')})`)
    .option(
      '--from-start',
      'read log files found at the first start from their beginning, not only new lines',
    )
    .option('--no-inventory', 'do not collect host inventory')
    .option('--fim <path...>', `paths to watch for file changes (default: ${defaultFimPaths.join(' ')})`)
    .option('--no-fim', 'do not monitor file integrity')
    .action(
      async (
        opts: {
          server?: string;
          token?: string;
          log?: string[];
          fromStart?: boolean;
          inventory: boolean;
          fim: string[] | boolean;
        },
        command: Command,
      ) => {
        const config = configFrom(command.optsWithGlobals<GlobalOptions>());
        const logger = createLogger({ level: config.log.level });
        const agent = await runAgent({
          dataDir: config.dataDir,
          token: opts.token ?? envValue(process.env, 'VIGIL_ENROLL_TOKEN'),
          serverUrl: opts.server,
          logGlobs: opts.log ?? defaultLogs,
          startAtEnd: opts.fromStart !== true,
          inventoryIntervalMs: opts.inventory ? undefined : 0,
          // Commander gives true for the default, false for --no-fim, and the list for --fim PATHS.
          fimPaths: opts.fim === true ? [...defaultFimPaths] : opts.fim === false ? [] : opts.fim,
          version,
          logger,
        });
        logger.info({ agentId: agent.agentId, dataDir: config.dataDir }, 'agent running');
        const stop = (signal: string) => {
          logger.info({ signal }, 'agent stopping');
          agent.stop().then(
            () => process.exit(0),
            (err: unknown) => {
              logger.error({ err }, 'agent stop failed');
              process.exit(1);
            },
          );
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
    );
}
