import type { Command } from 'commander';
import { listAgentRows, revokeAgent, toAgent } from '../../modules/agents/agents-store.ts';
import {
  createEnrollmentToken,
  listEnrollmentTokens,
  revokeEnrollmentToken,
} from '../../modules/agents/enrollment-tokens.ts';
import { ownCaFingerprint } from '../../modules/pki/server-pki.ts';
import { GroupName, type Agent, type EnrollmentToken } from '../../protocol/agents.ts';
import { UsageError } from '../cli-error.ts';
import { auditCli, withDeps, type GlobalOptions } from '../context.ts';
import { render, type Column, type Format } from '../output.ts';
import { parseDuration, parseFormat } from '../parse.ts';

const agentColumns: Column<Agent>[] = [
  { header: 'id', value: (a) => a.id },
  { header: 'hostname', value: (a) => a.hostname },
  { header: 'group', value: (a) => a.group },
  { header: 'status', value: (a) => a.status },
  { header: 'last seen', value: (a) => a.lastSeenAt },
  { header: 'version', value: (a) => a.version },
  { header: 'spooled', value: (a) => a.spoolPending },
  { header: 'dropped', value: (a) => a.spoolDropped },
];

const tokenColumns: Column<EnrollmentToken>[] = [
  { header: 'id', value: (t) => t.id },
  { header: 'group', value: (t) => t.group },
  { header: 'uses', value: (t) => `${t.uses}/${t.maxUses ?? '∞'}` },
  { header: 'expires', value: (t) => t.expiresAt },
  { header: 'revoked', value: (t) => t.revokedAt },
  { header: 'created by', value: (t) => t.createdBy },
];

function parseGroup(value: string): string {
  const parsed = GroupName.safeParse(value);
  if (!parsed.success) throw new UsageError(`--group: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

function parseUses(value: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1)
    throw new UsageError(`--max-uses: expected 1 or more, got "${value}"`);
  return Number(value);
}

export function registerAgents(program: Command): void {
  const agents = program.command('agents').description('enroll, list and revoke host agents');

  agents
    .command('list')
    .description('enrolled agents and their status')
    .option('--format <format>', 'table, json or jsonl', parseFormat, 'table')
    .action(async (opts: { format: Format }, command: Command) => {
      const rows = await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
        const now = deps.clock.now();
        const all = await listAgentRows(deps.database.db);
        return all.map((row) => toAgent(row, now, deps.config.agents.offlineAfterSeconds * 1000));
      });
      process.stdout.write(render(rows, agentColumns, opts.format));
    });

  agents
    .command('revoke')
    .argument('<id>')
    .description('revoke an agent; its next request is refused')
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
        const row = await revokeAgent(deps.database.db, id, deps.clock.now());
        await auditCli(deps, 'agents.revoke', `${row.hostname} (${row.id})`);
        process.stdout.write(`revoked ${row.hostname} (${row.id})\n`);
      });
    });

  const token = agents.command('token').description('enrollment tokens');

  token
    .command('create')
    .description('create an enrollment token and print it once')
    .option('--group <group>', 'host group the agents join', parseGroup, 'default')
    .option('--expires <duration>', 'lifetime, e.g. 30m, 24h, 7d', parseDuration, 86400)
    .option('--max-uses <n>', 'how many hosts may enroll with it (default: unlimited)', parseUses)
    .action(async (opts: { group: string; expires: number; maxUses?: number }, command: Command) => {
      await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
        const now = deps.clock.now();
        const { host, port, publicUrl } = deps.config.server;
        const created = await createEnrollmentToken(deps.database.db, deps.random, {
          group: opts.group,
          maxUses: opts.maxUses,
          expiresAt: new Date(now.getTime() + opts.expires * 1000),
          createdBy: null,
          now,
          serverUrl:
            publicUrl ??
            `${deps.config.server.tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
          caFingerprint: ownCaFingerprint(deps.config),
        });
        await auditCli(deps, 'agents.tokens.create', created.id, `group=${created.group}`);
        process.stdout.write(`${created.token}\n`);
        process.stderr.write(
          `enrollment token ${created.id} for group "${created.group}", expires ${created.expiresAt}; shown once\n`,
        );
      });
    });

  token
    .command('list')
    .description('enrollment tokens')
    .option('--format <format>', 'table, json or jsonl', parseFormat, 'table')
    .action(async (opts: { format: Format }, command: Command) => {
      const rows = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        listEnrollmentTokens(deps.database.db),
      );
      process.stdout.write(render(rows, tokenColumns, opts.format));
    });

  token
    .command('revoke')
    .argument('<id>')
    .description('revoke an enrollment token; hosts can no longer enroll with it')
    .action(async (id: string, _opts: unknown, command: Command) => {
      await withDeps(command.optsWithGlobals<GlobalOptions>(), async (deps) => {
        const revoked = await revokeEnrollmentToken(deps.database.db, id, deps.clock.now());
        await auditCli(deps, 'agents.tokens.revoke', revoked.id);
        process.stdout.write(`revoked enrollment token ${revoked.id} (group ${revoked.group})\n`);
      });
    });
}
