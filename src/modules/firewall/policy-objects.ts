import { nftTable } from './nft-script.ts';
import { policyObjectPrefix } from './render-policy.ts';

/** The firewall policy's part of Vigil's table, as nft lists it. */
export interface PolicyObjects {
  chains: string[];
  sets: string[];
  /** `table inet vigil { … }` with only the policy's objects, valid `nft -f` input; empty when there are none. */
  text: string;
}

const objectStart = /^\t(chain|set|map) ([A-Za-z0-9_]+) \{$/;

/**
 * Picks the policy's chains and sets out of `nft -t -s list table inet vigil`. nft prints each
 * object of a table from a line `\t<kind> <name> {` to a line `\t}`, so the listing splits by
 * line without a parser; the block sets and chains are left out.
 */
export function policyObjects(listing: string): PolicyObjects {
  const chains: string[] = [];
  const sets: string[] = [];
  const blocks: string[] = [];
  let current: string[] | undefined;
  for (const line of listing.split('\n')) {
    if (current) {
      current.push(line);
      if (line === '\t}') {
        blocks.push(current.join('\n'));
        current = undefined;
      }
      continue;
    }
    const start = objectStart.exec(line);
    if (!start?.[2]?.startsWith(policyObjectPrefix)) continue;
    (start[1] === 'chain' ? chains : sets).push(start[2]);
    current = [line];
  }
  const text = blocks.length === 0 ? '' : `table inet ${nftTable} {\n${blocks.join('\n\n')}\n}\n`;
  return { chains, sets, text };
}
