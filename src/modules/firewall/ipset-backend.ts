import type { FirewallBackend, LiveElement } from './firewall-backend.ts';
import { formatIpPrefix } from './ip-prefix.ts';
import { parseIpsetSave } from './parse-ipset-save.ts';
import { succeeded, type ToolRunner } from './run-tool.ts';

const ipsetNames = { 4: 'vigil-v4', 6: 'vigil-v6' } as const;
const families = [
  { family: 4, set: ipsetNames[4], tool: 'iptables', inet: 'inet' },
  { family: 6, set: ipsetNames[6], tool: 'ip6tables', inet: 'inet6' },
] as const;
const chains = ['INPUT', 'FORWARD'] as const;

/** The kernel's longest ipset timeout (about 24.8 days); a longer block is cut to it and renewed by later changes. */
const maxTimeoutSeconds = 2_147_483;
/** Blocks are CIDR pieces; a sync may hold a million of them. */
const maxElements = 4_194_304;

/**
 * For hosts without nft: two `hash:net` ipsets with per-element timeouts, matched by one
 * `-m set --match-set … src -j DROP` rule at the top of INPUT and FORWARD (iptables and
 * ip6tables). `-w` waits for the xtables lock that fail2ban or Docker may hold.
 */
export function createIpsetBackend(run: ToolRunner): FirewallBackend {
  const rule = (tool: string, set: string, chain: string, action: '-C' | '-I') =>
    run(tool, [
      '-w',
      '10',
      action,
      chain,
      ...(action === '-I' ? ['1'] : []),
      '-m',
      'set',
      '--match-set',
      set,
      'src',
      '-j',
      'DROP',
    ]);

  return {
    where: `ipsets ${ipsetNames[4]} and ${ipsetNames[6]} (iptables)`,
    async read(now) {
      const elements: LiveElement[] = [];
      let complete = true;
      for (const { family, set, tool } of families) {
        const saved = await run('ipset', ['save', set]);
        if (saved.code !== 0 && saved.stderr.includes('does not exist')) {
          complete = false;
          continue;
        }
        elements.push(...parseIpsetSave(succeeded('ipset', saved).stdout, set, family, now));
        for (const chain of chains) {
          const check = await rule(tool, set, chain, '-C');
          // 1 means "no such rule"; anything else is a real failure.
          if (check.code === 1) complete = false;
          else succeeded(tool, check);
        }
      }
      return { elements, complete };
    },
    async apply(live, diff, _target, now) {
      if (live.complete && diff.add.length === 0 && diff.remove.length === 0) return;
      const lines: string[] = [];
      if (!live.complete)
        for (const { set, inet } of families)
          lines.push(`create ${set} hash:net family ${inet} timeout 0 maxelem ${maxElements}`);
      for (const element of diff.remove) lines.push(`del ${ipsetNames[element.family]} ${element.token}`);
      for (const block of diff.add) {
        const seconds =
          block.expiresAt === Infinity
            ? 0
            : Math.min(maxTimeoutSeconds, Math.max(1, Math.ceil((block.expiresAt - now) / 1000)));
        lines.push(
          `add ${ipsetNames[block.prefix.family]} ${formatIpPrefix(block.prefix)} timeout ${seconds}`,
        );
      }
      // -exist: creating an existing set, deleting a gone element or re-adding one (new timeout) is no error.
      succeeded('ipset', await run('ipset', ['-exist', 'restore'], `${lines.join('\n')}\n`));
      if (live.complete) return;
      for (const { set, tool } of families)
        for (const chain of chains) {
          const check = await rule(tool, set, chain, '-C');
          if (check.code === 1) succeeded(tool, await rule(tool, set, chain, '-I'));
          else succeeded(tool, check);
        }
    },
  };
}
