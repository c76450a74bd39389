import { Command } from 'commander';
import { version } from '../server/version.ts';
import { registerAgent } from './commands/agent.ts';
import { registerAgents } from './commands/agents.ts';
import { registerAudit } from './commands/audit.ts';
import { registerBlock } from './commands/block.ts';
import { registerConfig } from './commands/config.ts';
import { registerDetect } from './commands/detect.ts';
import { registerFeeds } from './commands/feeds.ts';
import { registerFirewall } from './commands/firewall.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerNotify } from './commands/notify.ts';
import { registerPatch } from './commands/patch.ts';
import { registerRules } from './commands/rules.ts';
import { registerScan } from './commands/scan.ts';
import { registerServe } from './commands/serve.ts';
import { registerTokens } from './commands/tokens.ts';
import { registerUsers } from './commands/users.ts';
import { registerVulnScan } from './commands/vuln-scan.ts';
import { registerVulns } from './commands/vulns.ts';

export function createProgram(): Command {
  const program = new Command('vigil')
    .description('Vigil: an automated security specialist for your company network')
    .version(version)
    .option('-c, --config <file>', 'YAML configuration file (or VIGIL_CONFIG)')
    .option('--data-dir <dir>', 'where Vigil keeps its data (default ./.vigil)')
    .option('--database-url <url>', 'postgres://… to use PostgreSQL instead of the embedded SQLite')
    .showHelpAfterError('(run vigil --help for usage)')
    .exitOverride();
  registerServe(program);
  registerAgent(program);
  registerAgents(program);
  registerConfig(program);
  registerMigrate(program);
  registerUsers(program);
  registerTokens(program);
  registerAudit(program);
  registerDetect(program);
  registerRules(program);
  registerNotify(program);
  registerBlock(program);
  registerFirewall(program);
  registerVulnScan(program);
  registerScan(program);
  registerFeeds(program);
  registerVulns(program);
  registerPatch(program);
  return program;
}
