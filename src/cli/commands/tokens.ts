import type { Command } from 'commander';
import { listTokens, revokeToken } from '../../modules/tokens/store.ts';
import type { ApiToken } from '../../protocol/tokens.ts';
import { auditCli, withDeps, type GlobalOptions } from '../context.ts';
import { render, type Column, type Format } from '../output.ts';
import { parseFormat } from '../parse.ts';

const columns: Column<ApiToken>[] = [
  { header: 'id', value: (t) => t.id },
  { header: 'name', value: (t) => t.name },
  { header: 'owner', value: (t) => t.username },
  { header: 'scopes', value: (t) => t.scopes.join(',') },
  { header: 'expires', value: (t) => t.expiresAt },
  { header: 'last used', value: (t) => t.lastUsedAt },
  { header: 'revoked', value: (t) => t.revokedAt },
];

export function registerTokens(program: Command): void {
  const tokens = program
    .command('tokens')
    .description('list and revoke API tokens (create them in the UI or API)');

  tokens
    .command('list')
    .description('every API token')
    .option('--format <format>', 'table, json or jsonl', parseFormat, 'table')
    .action(async (opts: { format: Format }, command: Command) => {
      const rows = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        listTokens(deps.database.db, undefined),
      );
      process.stdout.write(render(rows, columns, opts.format));
    });

  tokens
    .command('revoke')
    .argument('<id>')
    .description('revoke a token at once')
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
        const token = await revokeToken(deps.database.db, id, undefined, deps.clock.now());
        await auditCli(deps, 'tokens.revoke', `${token.name} (${token.id})`);
        process.stdout.write(`revoked ${token.id} (${token.name})\n`);
      });
    });
}
