import type { Command } from 'commander';
import { withDeps, type GlobalOptions } from '../context.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (the server also does this on start)')
    .action(async (_opts: unknown, command: Command) => {
      await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) => {
        process.stdout.write(`database up to date: ${deps.database.kind} (${deps.database.location})\n`);
        return Promise.resolve();
      });
    });
}
