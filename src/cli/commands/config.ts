import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';

export function registerConfig(program: Command): void {
  const config = program.command('config').description('inspect and check configuration');
  config
    .command('check')
    .argument('<file>', 'YAML configuration file')
    .description('validate a configuration file together with VIGIL_* variables; prints the result')
    .action((file: string) => {
      const { config: effective, warnings } = loadConfig({ file, env: process.env });
      for (const warning of warnings) process.stderr.write(`vigil: warning: ${warning}\n`);
      const redacted = effective.database.url ? { ...effective, database: { url: '(set)' } } : effective;
      process.stdout.write(`${file}: ok\n${JSON.stringify(redacted, null, 2)}\n`);
    });
}
