import type { FirewallBackend, LiveSet } from './firewall-backend.ts';
import type { BlockDiff } from './diff-blocks.ts';
import type { Block } from './compose-blocks.ts';
import { parseNftTable } from './parse-nft-table.ts';
import { nftTable, renderNftBatch } from './nft-script.ts';
import { succeeded, type ToolRunner } from './run-tool.ts';

/**
 * nft 1.0.6 (Debian 12) deletes an element of an interval set in time proportional to the
 * set's size (about 0.25 µs per element held), while adding one costs about 5 µs: past this
 * ratio, emptying the set and adding everything back in the same transaction is faster.
 * Deleting 10,000 of 10,000 one by one took 11 s; refilling takes 0.1 s.
 */
const rewriteRatio = 20;

/** Blocks in `table inet vigil`: read with `nft -j list table`, changed with one `nft -f -` transaction. */
export function createNftBackend(run: ToolRunner): FirewallBackend {
  return {
    where: `table inet ${nftTable}`,
    async read(now) {
      const result = await run('nft', ['-j', 'list', 'table', 'inet', nftTable]);
      if (result.code !== 0 && result.stderr.includes('No such file or directory'))
        return { elements: [], complete: false };
      return parseNftTable(succeeded('nft', result).stdout, now);
    },
    async apply(live, diff, target, now) {
      if (live.complete && diff.add.length === 0 && diff.remove.length === 0) return;
      const script = renderNftBatch({
        withRules: !live.complete,
        diff,
        target,
        rewrite: rewrites(live, diff, target),
        now,
      });
      succeeded('nft', await run('nft', ['-f', '-'], script));
    },
  };
}

function rewrites(live: LiveSet, diff: BlockDiff, target: readonly Block[]): Set<4 | 6> {
  const families = new Set<4 | 6>();
  for (const family of [4, 6] as const) {
    const removals = diff.remove.filter((element) => element.family === family).length;
    const held = live.elements.filter((element) => element.family === family).length;
    const wanted = target.filter((block) => block.prefix.family === family).length;
    if (removals * held > rewriteRatio * Math.max(1, wanted)) families.add(family);
  }
  return families;
}
