/*
 * Firewall benchmark (issue 5): loading blocks into `table inet vigil` as one nft transaction
 * (what the agent does) against one `nft add element` process per address (what a ban action
 * run per address, as fail2ban's, amounts to). Runs in a throwaway network namespace, so the
 * host's ruleset is never touched; every nft process pays `ip netns exec` on both sides.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { createFirewall, type Firewall } from '../src/modules/firewall/create-firewall.ts';
import { detectBackend } from '../src/modules/firewall/detect-backend.ts';
import { findProgram } from '../src/modules/firewall/find-program.ts';
import type { FirewallBlockEntry } from '../src/protocol/firewall.ts';
import type { Benchmark } from './harness.ts';

const run = promisify(execFile);

function namespace(): { name: string; remove: () => Promise<void> } {
  const name = `vigil-fw-bench-${randomBytes(3).toString('hex')}`;
  execFileSync('ip', ['netns', 'add', name]);
  return {
    name,
    remove: async () => {
      await run('ip', ['netns', 'delete', name]);
    },
  };
}

/** `count` addresses in 100.64.0.0/10; `round` shifts them so consecutive runs replace every one. */
function entries(count: number, round: number): FirewallBlockEntry[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + (round % 2) * count;
    return { address: `100.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`, expiresAt: null };
  });
}

/** Each run replaces the previous run's `count` blocks with as many new ones, in one transaction. */
function batched(count: number, backend: 'nftables' | 'iptables'): Benchmark {
  return {
    name: `firewall ${backend}: ${count.toLocaleString('en')} blocks replaced in one batch (createFirewall.sync)`,
    iterations: 10,
    warmup: 1,
    setup() {
      const ns = namespace();
      const firewall: Firewall = createFirewall({ netns: ns.name, backend });
      let round = 0;
      return Promise.resolve({
        op: () => firewall.sync(entries(count, round++)),
        teardown: ns.remove,
      });
    },
  };
}

/** One nft process per address, each waited for, as a ban action run per address does. */
function oneByOne(count: number): Benchmark {
  return {
    name: `firewall nftables: ${count.toLocaleString('en')} blocks, one nft add element process each`,
    iterations: 1,
    warmup: 0,
    async setup() {
      const ns = namespace();
      // The table, sets and chains exist already, as they would after the agent's first block.
      await createFirewall({ netns: ns.name, backend: 'nftables' }).sync([]);
      return {
        op: async () => {
          for (const { address } of entries(count, 0))
            await run('ip', [
              'netns',
              'exec',
              ns.name,
              'nft',
              'add',
              'element',
              'inet',
              'vigil',
              'blocked_v4',
              `{ ${address} }`,
            ]);
        },
        teardown: ns.remove,
      };
    },
  };
}

const usable = process.getuid?.() === 0 && findProgram('ip') !== undefined && detectBackend() === 'nftables';
const ipset = ['iptables', 'ip6tables', 'ipset'].every((program) => findProgram(program) !== undefined);

export const benchmarks: Benchmark[] = usable
  ? [
      batched(1_000, 'nftables'),
      oneByOne(1_000),
      batched(10_000, 'nftables'),
      batched(100_000, 'nftables'),
      ...(ipset ? [batched(10_000, 'iptables')] : []),
    ]
  : [];
