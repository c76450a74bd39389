import type { Command } from 'commander';
import { defaultFimPaths } from '../modules/fim/default-fim-paths.ts';
import { envValue } from '../platform/env-value.ts';
import type { Logger } from '../platform/logger.ts';

export const defaultLogs = ['/var/log/auth.log', '/var/log/secure', '/var/log/syslog', '/var/log/messages'];

/** What `vigil agent` and the bundle's `vigil-agent` both accept. */
export interface AgentCommandOptions {
  server?: string;
  token?: string;
  log?: string[];
  fromStart?: boolean;
  inventory: boolean;
  /**
   * The list for --fim PATHS, false for --no-fim, and nothing at all when neither is given:
   * commander sets no default for a negatable option that also takes values.
   */
  fim?: string[] | boolean;
  /** False with --no-journal. */
  journal: boolean;
  /** False with --no-firewall. */
  firewall: boolean;
  journalUnit?: string[];
}

export function addAgentOptions(command: Command): Command {
  return command
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
    .option(
      '--journal-unit <unit...>',
      'collect only these systemd units from the journal (default: every entry)',
    )
    .option(
      '--no-journal',
      'do not collect the systemd journal (collected by default where journalctl exists)',
    )
    .option(
      '--no-firewall',
      'refuse firewall tasks (carried out by default when running as root with nft, or iptables and ipset)',
    );
}

/** FIM watches the default paths unless --fim names others or --no-fim turns it off. */
export function fimPathsOf(opts: Pick<AgentCommandOptions, 'fim'>): string[] {
  if (opts.fim === false) return [];
  return Array.isArray(opts.fim) ? opts.fim : [...defaultFimPaths];
}

/** Runs the agent until SIGINT or SIGTERM, then stops it cleanly and exits. */
export async function runAgentCommand(
  opts: AgentCommandOptions,
  context: { dataDir: string; version: string; logger: Logger },
): Promise<void> {
  const { logger } = context;
  const { runAgent } = await import('./run-agent.ts');
  const agent = await runAgent({
    dataDir: context.dataDir,
    token: opts.token ?? envValue(process.env, 'VIGIL_ENROLL_TOKEN'),
    serverUrl: opts.server,
    logGlobs: opts.log ?? defaultLogs,
    startAtEnd: opts.fromStart !== true,
    inventoryIntervalMs: opts.inventory ? undefined : 0,
    fimPaths: fimPathsOf(opts),
    journal: { enabled: opts.journal, units: opts.journalUnit },
    firewall: opts.firewall,
    version: context.version,
    logger,
  });
  logger.info({ agentId: agent.agentId, dataDir: context.dataDir }, 'agent running');
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
}
