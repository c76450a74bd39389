import { Command } from 'commander';
import { version } from '../server/version.ts';

type Register = (program: Command) => void;

interface CommandModule {
  /** The top-level commands the module registers, so a run can load only the one it names. */
  names: readonly string[];
  load: () => Promise<Register>;
}

/** Every command module, in the order `vigil --help` lists them. */
export const commandModules: readonly CommandModule[] = [
  { names: ['serve'], load: async () => (await import('./commands/serve.ts')).registerServe },
  { names: ['agent'], load: async () => (await import('./commands/agent.ts')).registerAgent },
  { names: ['agents'], load: async () => (await import('./commands/agents.ts')).registerAgents },
  { names: ['config'], load: async () => (await import('./commands/config.ts')).registerConfig },
  { names: ['migrate'], load: async () => (await import('./commands/migrate.ts')).registerMigrate },
  { names: ['users'], load: async () => (await import('./commands/users.ts')).registerUsers },
  { names: ['tokens'], load: async () => (await import('./commands/tokens.ts')).registerTokens },
  { names: ['audit'], load: async () => (await import('./commands/audit.ts')).registerAudit },
  { names: ['detect'], load: async () => (await import('./commands/detect.ts')).registerDetect },
  { names: ['rules'], load: async () => (await import('./commands/rules.ts')).registerRules },
  { names: ['notify'], load: async () => (await import('./commands/notify.ts')).registerNotify },
  {
    names: ['block', 'unblock', 'blocks'],
    load: async () => (await import('./commands/block.ts')).registerBlock,
  },
  { names: ['firewall'], load: async () => (await import('./commands/firewall.ts')).registerFirewall },
  { names: ['vuln'], load: async () => (await import('./commands/vuln-scan.ts')).registerVulnScan },
  { names: ['scan'], load: async () => (await import('./commands/scan.ts')).registerScan },
  { names: ['feeds'], load: async () => (await import('./commands/feeds.ts')).registerFeeds },
  { names: ['vulns'], load: async () => (await import('./commands/vulns.ts')).registerVulns },
  { names: ['patch'], load: async () => (await import('./commands/patch.ts')).registerPatch },
];

/**
 * The program for one run. Only the module of the command `argv` names is loaded (each pulls in
 * its own stack: the server, database drivers, scanners…); help, an unknown command or anything
 * this cannot read for certain loads them all, as commander then needs every command.
 */
export async function createProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('vigil')
    .description('Vigil: an automated security specialist for your company network')
    .version(version)
    .option('-c, --config <file>', 'YAML configuration file (or VIGIL_CONFIG)')
    .option('--data-dir <dir>', 'where Vigil keeps its data (default ./.vigil)')
    .option('--database-url <url>', 'postgres://… to use PostgreSQL instead of the embedded SQLite')
    .showHelpAfterError('(run vigil --help for usage)')
    .exitOverride();
  const name = commandName(program, argv.slice(2));
  const named = commandModules.filter((module) => name !== undefined && module.names.includes(name));
  const registers = await Promise.all(
    (named.length > 0 ? named : commandModules).map((module) => module.load()),
  );
  for (const register of registers) register(program);
  return program;
}

/**
 * The first operand after the program's own options: the command commander dispatches to.
 * Undefined when an option is not plainly one of the program's (help, `--config=file`, a typo),
 * so that commander, with every command registered, handles it as it always has.
 */
function commandName(program: Command, args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('-')) return arg;
    const option = program.options.find((known) => arg === known.long || arg === known.short);
    // An optional value is taken or not depending on the next argument.
    if (option === undefined || option.optional) return undefined;
    if (option.required) i += 1;
  }
  return undefined;
}
