import type { Block } from './compose-blocks.ts';
import type { BlockDiff } from './diff-blocks.ts';
import { formatIpPrefix } from './ip-prefix.ts';

/** Vigil's own table; nothing else in the ruleset is ever listed into a script, changed or flushed. */
export const nftTable = 'vigil';
export const nftSets = { 4: 'blocked_v4', 6: 'blocked_v6' } as const;

/**
 * Base chains at priority -10 (`filter - 10`): before the filter chains of the distribution,
 * firewalld, iptables-nft (Docker, fail2ban) and CrowdSec, so no accept of theirs lets a
 * blocked source through. Each rule carries a comment by which a later read recognises it.
 */
export const nftChains = { block_input: 'input', block_forward: 'forward' } as const;
export const nftRules = [
  { comment: 'vigil-blocked-v4', match: `ip saddr @${nftSets[4]}` },
  { comment: 'vigil-blocked-v6', match: `ip6 saddr @${nftSets[6]}` },
] as const;

/** nft statements per line: one element list this long parses as fast as many shorter ones. */
const elementsPerStatement = 10_000;

export interface NftBatch {
  /** Put the rules in place (they are missing or not as Vigil writes them). */
  withRules: boolean;
  diff: BlockDiff;
  /** Every block the sets must hold afterwards. */
  target: readonly Block[];
  /** Families whose set is emptied and refilled with its part of `target` instead of diffed. */
  rewrite: ReadonlySet<4 | 6>;
  now: number;
}

/**
 * One `nft -f -` script, applied by the kernel as one transaction. Tables, sets and chains are
 * made with `add`, which leaves existing ones alone. Only when the rules are not in place
 * is Vigil's own chain flushed and refilled, in the same transaction, so there is no moment
 * without them; the same holds for a set that is rewritten. Elements are removed before
 * they are added, so an element whose expiry changed is replaced, and a merged range can
 * take the place of its pieces.
 */
export function renderNftBatch(batch: NftBatch): string {
  const lines = [
    `add table inet ${nftTable}`,
    `add set inet ${nftTable} ${nftSets[4]} { type ipv4_addr; flags interval, timeout; }`,
    `add set inet ${nftTable} ${nftSets[6]} { type ipv6_addr; flags interval, timeout; }`,
  ];
  for (const [chain, hook] of Object.entries(nftChains)) {
    lines.push(
      `add chain inet ${nftTable} ${chain} { type filter hook ${hook} priority -10; policy accept; }`,
    );
    if (!batch.withRules) continue;
    lines.push(`flush chain inet ${nftTable} ${chain}`);
    for (const rule of nftRules)
      lines.push(`add rule inet ${nftTable} ${chain} ${rule.match} counter drop comment "${rule.comment}"`);
  }
  for (const family of [4, 6] as const) {
    const rewrite = batch.rewrite.has(family);
    if (rewrite) lines.push(`flush set inet ${nftTable} ${nftSets[family]}`);
    const removed = rewrite ? [] : batch.diff.remove.filter((element) => element.family === family);
    const added = (rewrite ? batch.target : batch.diff.add).filter((block) => block.prefix.family === family);
    const tokens = removed.map((element) => element.token);
    const elements = added.map((block) => elementText(block, batch.now));
    lines.push(...statements('delete', family, tokens), ...statements('add', family, elements));
  }
  return `${lines.join('\n')}\n`;
}

function statements(verb: 'add' | 'delete', family: 4 | 6, elements: string[]): string[] {
  const out: string[] = [];
  for (let start = 0; start < elements.length; start += elementsPerStatement) {
    const chunk = elements.slice(start, start + elementsPerStatement).join(', ');
    out.push(`${verb} element inet ${nftTable} ${nftSets[family]} { ${chunk} }`);
  }
  return out;
}

function elementText(block: Block, now: number): string {
  const prefix = formatIpPrefix(block.prefix);
  if (block.expiresAt === Infinity) return prefix;
  // Rounded up, so a block never ends before its time.
  return `${prefix} timeout ${nftDuration(Math.max(1, Math.ceil((block.expiresAt - now) / 1000)))}`;
}

/** `1d2h3m4s`: nft refuses a large count of plain seconds (10^8 s) but takes the same time in days. */
function nftDuration(seconds: number): string {
  const parts: [number, string][] = [
    [Math.floor(seconds / 86_400), 'd'],
    [Math.floor((seconds % 86_400) / 3600), 'h'],
    [Math.floor((seconds % 3600) / 60), 'm'],
    [seconds % 60, 's'],
  ];
  return parts
    .filter(([count]) => count > 0)
    .map(([count, unit]) => `${count}${unit}`)
    .join('');
}
