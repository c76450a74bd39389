import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Deps } from '../../modules/deps.ts';
import { pkiDir } from '../../modules/pki/server-pki.ts';
import { activeBlocks } from '../../modules/response/active-blocks.ts';
import { blockByHand } from '../../modules/response/block-by-hand.ts';
import { canonicalAddress } from '../../modules/response/canonical-address.ts';
import { describeBlock } from '../../modules/response/describe-block.ts';
import { liftBlock } from '../../modules/response/lift-block.ts';
import { listBlocks } from '../../modules/response/list-blocks.ts';
import { loadTaskSigningKey } from '../../modules/tasks/task-signing-key.ts';
import { GroupName } from '../../protocol/agents.ts';
import type { Block, BlockScope } from '../../protocol/blocks.ts';
import { BlockAddress } from '../../protocol/firewall.ts';
import { UsageError } from '../cli-error.ts';
import { auditCli, withDeps, type GlobalOptions } from '../context.ts';
import { render, type Column, type Format } from '../output.ts';
import { parseDuration, parseFormat } from '../parse.ts';

const blockColumns: Column<Block>[] = [
  { header: 'address', value: (b) => b.address },
  { header: 'hosts', value: (b) => scopeText(b) },
  { header: 'expires', value: (b) => b.expiresAt ?? 'never' },
  { header: 'level', value: (b) => b.level || 'manual' },
  { header: 'status', value: (b) => (b.active ? 'active' : b.liftedBy === 'expiry' ? 'expired' : 'lifted') },
  { header: 'by', value: (b) => b.createdBy },
  { header: 'reason', value: (b) => b.reason },
];

function scopeText(block: Block): string {
  if (block.scope === 'all') return 'all';
  if ('group' in block.scope) return `group ${block.scope.group}`;
  return block.hosts.map((host) => host.hostname ?? host.id).join(',');
}

function parseAddress(value: string): string {
  if (!BlockAddress.safeParse(value).success)
    throw new UsageError(`expected an IPv4 or IPv6 address or CIDR range, got "${value}"`);
  return value;
}

/** `never` blocks until lifted. */
function parseBlockDuration(value: string): number | null {
  return value === 'never' ? null : parseDuration(value);
}

/** A group name, or agent ids separated by commas; ids are told apart by being enrolled agents. */
async function parseHosts(deps: Deps, value: string): Promise<BlockScope> {
  const items = value.split(',').map((item) => item.trim());
  const known = await deps.database.db.selectFrom('agents').select('id').where('id', 'in', items).execute();
  if (known.length === items.length) return { agents: items };
  const group = GroupName.safeParse(value);
  if (items.length === 1 && group.success) return { group: group.data };
  throw new UsageError(`--hosts: "${value}" is neither a host group nor enrolled agent ids`);
}

/** Blocking tells hosts through signed tasks, so the CLI needs the server's key from the data dir. */
async function withResponseDeps<T>(command: Command, fn: (deps: Deps) => Promise<T>): Promise<T> {
  return withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) => {
    const taskSigningKey = loadTaskSigningKey(pkiDir(deps.config.dataDir));
    if (!taskSigningKey)
      process.stderr.write(
        'vigil: warning: no task-signing key in the data dir (the server has not run yet); hosts get the change at their next sync\n',
      );
    return fn({ ...deps, taskSigningKey });
  });
}

const cliActor = () => `cli:${userInfo().username}`;

export function registerBlock(program: Command): void {
  program
    .command('block')
    .argument('<address>', 'an IPv4 or IPv6 address or CIDR range', parseAddress)
    .description('block an address on hosts; they are told within a second')
    .option(
      '--for <duration>',
      'how long, e.g. 30m, 12h, 7d, or "never" (default: the first of response.durations)',
      parseBlockDuration,
    )
    .option('--reason <text>', 'why, for the audit log', 'blocked from the command line')
    .option('--hosts <hosts>', 'a host group, or agent ids separated by commas (default: every host)')
    .action(
      async (
        address: string,
        opts: { for?: number | null; reason: string; hosts?: string },
        command: Command,
      ) => {
        await withResponseDeps(command, async (deps) => {
          const scope = opts.hosts === undefined ? 'all' : await parseHosts(deps, opts.hosts);
          const { block, agents } = await blockByHand(
            deps,
            {
              address,
              scope,
              reason: opts.reason,
              ...(opts.for === undefined ? {} : { durationSeconds: opts.for }),
            },
            cliActor(),
            deps.clock.now(),
          );
          const detail = describeBlock(block, agents);
          await auditCli(deps, 'response.blocks.create', `${block.address} (block ${block.id})`, detail);
          process.stdout.write(`blocked ${block.address} ${detail}\n`);
        });
      },
    );

  program
    .command('unblock')
    .argument('<address>', 'an address or CIDR range that is blocked', parseAddress)
    .description('lift every active block of an address; the hosts are told within a second')
    .option('--reason <text>', 'why, for the audit log', 'unblocked from the command line')
    .action(async (address: string, opts: { reason: string }, command: Command) => {
      await withResponseDeps(command, async (deps) => {
        const canonical = canonicalAddress(address) ?? address;
        const blocks = await activeBlocks(deps.database.db, deps.clock.now(), canonical);
        if (blocks.length === 0) throw new UsageError(`${canonical} is not blocked`);
        for (const { id } of blocks) {
          await liftBlock(deps, id, cliActor(), opts.reason, deps.clock.now());
          await auditCli(
            deps,
            'response.blocks.lift',
            `${canonical} (block ${id})`,
            `reason: ${opts.reason}`,
          );
        }
        process.stdout.write(
          `unblocked ${canonical} (${blocks.length === 1 ? 'one block' : `${blocks.length} blocks`})\n`,
        );
      });
    });

  program
    .command('blocks')
    .description('blocked addresses, newest first')
    .option('--all', 'lifted and expired blocks too')
    .option('--format <format>', 'table, json or jsonl', parseFormat, 'table')
    .action(async (opts: { all?: boolean; format: Format }, command: Command) => {
      const limit = 1000;
      const { blocks, more } = await withDeps(command.optsWithGlobals<GlobalOptions>(), (deps) =>
        listBlocks(deps.database.db, { status: opts.all ? 'all' : 'active', limit }, deps.clock.now()),
      );
      if (more) process.stderr.write(`vigil: showing the newest ${limit} blocks\n`);
      process.stdout.write(render(blocks, blockColumns, opts.format));
    });
}
