import type { Command } from 'commander';
import { addAgentOptions, runAgentCommand, type AgentCommandOptions } from '../../agent/agent-command.ts';
import { createLogger } from '../../platform/logger.ts';
import { version } from '../../server/version.ts';
import { configFrom, type GlobalOptions } from '../context.ts';

export function registerAgent(program: Command): void {
  addAgentOptions(
    program
      .command('agent')
      .description('run the host agent: enroll once, then ship logs and inventory to the server'),
  ).action(async (opts: AgentCommandOptions, command: Command) => {
    const config = configFrom(command.optsWithGlobals<GlobalOptions>());
    await runAgentCommand(opts, {
      dataDir: config.dataDir,
      version,
      logger: createLogger({ level: config.log.level }),
    });
  });
}
