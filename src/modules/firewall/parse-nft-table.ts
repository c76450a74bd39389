import type { Block } from './compose-blocks.ts';
import type { LiveElement, LiveSet } from './firewall-backend.ts';
import { formatIpPrefix, parseIpPrefix, type IpPrefix } from './ip-prefix.ts';
import { nftChains, nftRules, nftSets } from './nft-script.ts';
import { rangeToPrefixes } from './range-to-prefixes.ts';

interface NftObject {
  set?: { name?: unknown; elem?: unknown };
  chain?: { name?: unknown; hook?: unknown; prio?: unknown };
  rule?: { chain?: unknown; comment?: unknown };
}

/** Reads `nft -j list table inet vigil`: the elements of Vigil's sets, and whether everything else is in place. */
export function parseNftTable(json: string, now: number): LiveSet {
  const objects = (JSON.parse(json) as { nftables?: NftObject[] }).nftables ?? [];
  const elements: LiveElement[] = [];
  const seenSets = new Set<string>();
  const chainsOk = new Set<string>();
  const rules = new Map<string, string[]>();
  for (const object of objects) {
    if (object.set) {
      const family = object.set.name === nftSets[4] ? 4 : object.set.name === nftSets[6] ? 6 : undefined;
      if (family === undefined) continue;
      seenSets.add(nftSets[family]);
      for (const raw of Array.isArray(object.set.elem) ? (object.set.elem as unknown[]) : [])
        elements.push(parseElement(raw, family, now));
    } else if (object.chain && typeof object.chain.name === 'string' && object.chain.prio === -10) {
      chainsOk.add(`${object.chain.name}/${String(object.chain.hook)}`);
    } else if (object.rule && typeof object.rule.chain === 'string') {
      const list = rules.get(object.rule.chain) ?? [];
      list.push(String(object.rule.comment));
      rules.set(object.rule.chain, list);
    }
  }
  const expected = nftRules.map((rule) => rule.comment).join(',');
  const complete =
    seenSets.size === 2 &&
    Object.entries(nftChains).every(
      ([chain, hook]) => chainsOk.has(`${chain}/${hook}`) && (rules.get(chain) ?? []).join(',') === expected,
    );
  return { elements, complete };
}

function parseElement(raw: unknown, family: 4 | 6, now: number): LiveElement {
  let value = raw;
  let expiresAt = Infinity;
  if (isRecord(raw) && isRecord(raw.elem)) {
    value = raw.elem.val;
    const seconds = typeof raw.elem.expires === 'number' ? raw.elem.expires : raw.elem.timeout;
    if (typeof seconds === 'number') expiresAt = now + seconds * 1000;
  }
  if (isRecord(value) && Array.isArray(value.range)) {
    const [first, last] = value.range.map((end) => address(end, family));
    if (!first || !last) throw unexpected(raw, family);
    const blocks = rangeToPrefixes(first.bytes, last.bytes).map((prefix): Block => ({ prefix, expiresAt }));
    return { family, token: `${formatIpPrefix(first)}-${formatIpPrefix(last)}`, blocks };
  }
  const prefix =
    isRecord(value) && isRecord(value.prefix)
      ? address(`${String(value.prefix.addr)}/${String(value.prefix.len)}`, family)
      : address(value, family);
  if (!prefix) throw unexpected(raw, family);
  return { family, token: formatIpPrefix(prefix), blocks: [{ prefix, expiresAt }] };
}

function address(text: unknown, family: 4 | 6): IpPrefix | undefined {
  const prefix = typeof text === 'string' ? parseIpPrefix(text) : undefined;
  return prefix?.family === family ? prefix : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unexpected(raw: unknown, family: 4 | 6): Error {
  return new Error(`unexpected element in set ${nftSets[family]}: ${JSON.stringify(raw).slice(0, 200)}`);
}
