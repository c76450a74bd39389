import type {
  FirewallPolicy,
  InboundRule,
  OutboundRule,
  PortRange,
  RateLimit,
} from '../../protocol/firewall-policy.ts';
import { comparePrefixes, formatIpPrefix, parseIpPrefix, prefixContains, unmapIpv4 } from './ip-prefix.ts';
import { nftTable } from './nft-script.ts';

/** Every object a policy makes is named with this prefix; nothing else in the table is the policy's. */
export const policyObjectPrefix = 'policy_';
export const policyChains = { policy_input: 'input', policy_output: 'output' } as const;

/**
 * ICMPv6 that IPv6 cannot work without (RFC 4890): neighbour and router discovery, and the
 * errors that path MTU discovery needs. A default-drop policy that forgot them would cut the
 * host off its own link.
 */
const icmpv6Essential =
  'icmpv6 type { destination-unreachable, packet-too-big, time-exceeded, parameter-problem, ' +
  'nd-router-solicit, nd-router-advert, nd-neighbor-solicit, nd-neighbor-advert } accept';

/** How long a rate-limited source is remembered: long enough that its rate is measured over a whole unit. */
const rateMemory = { second: '1m', minute: '5m', hour: '2h', day: '2d' } as const;

type Family = 4 | 6;
const familyMatch = { 4: 'ip', 6: 'ip6' } as const;
const familyType = { 4: 'ipv4_addr', 6: 'ipv6_addr' } as const;

/**
 * The nftables ruleset of a policy, as one `table inet vigil { … }` block that `nft -f` takes:
 * rate-limit sets and the chains `policy_input` (and `policy_output` when the policy filters
 * outbound traffic) at priority 0, after Vigil's block chains (-10). Every address and port
 * is re-formatted from numbers, never copied from the policy; names and comments are limited
 * by the schema to characters that need no quoting.
 */
export function renderPolicy(policy: FirewallPolicy): string {
  const sets: string[] = [];
  const input = [
    'iif "lo" accept comment "loopback"',
    ...statefulRules(),
    `${icmpv6Essential} comment "icmpv6 essentials"`,
  ];
  if (policy.inbound.allowPing) {
    input.push('icmp type echo-request accept comment "ping"');
    input.push('icmpv6 type echo-request accept comment "ping"');
  }
  policy.inbound.allow.forEach((rule, index) => {
    input.push(...inboundRules(rule, `policy_in${index}`, sets));
  });
  if (policy.inbound.logDrops) input.push(dropLogRule('in'));
  const chains = [chainText('policy_input', policy.inbound.default, input)];

  if (policy.outbound) {
    const output = [
      'oif "lo" accept comment "loopback"',
      ...statefulRules(),
      `${icmpv6Essential} comment "icmpv6 essentials"`,
      ...policy.outbound.allow.flatMap(outboundRules),
    ];
    if (policy.outbound.logDrops) output.push(dropLogRule('out'));
    chains.push(chainText('policy_output', policy.outbound.default, output));
  }
  return `table inet ${nftTable} {\n${[...sets, ...chains].join('\n\n')}\n}\n`;
}

function statefulRules(): string[] {
  return ['ct state established,related accept comment "replies"', 'ct state invalid drop comment "invalid"'];
}

function chainText(name: keyof typeof policyChains, verdict: 'drop' | 'accept', rules: string[]): string {
  const head = `\tchain ${name} {\n\t\ttype filter hook ${policyChains[name]} priority filter; policy ${verdict};`;
  return [head, ...rules.map((rule) => `\t\t${rule}`), '\t}'].join('\n');
}

function dropLogRule(direction: 'in' | 'out'): string {
  return `limit rate 10/second burst 20 packets log prefix "vigil-drop-${direction}: " level info comment "log drops"`;
}

function inboundRules(rule: InboundRule, setName: string, sets: string[]): string[] {
  const service = `${rule.protocol} dport ${portSet(rule.ports)}`;
  const out: string[] = [];
  for (const { family, peers } of peerGroups(rule.sources)) {
    const match = peers === undefined ? service : `${familyMatch[family ?? 4]} saddr ${peers} ${service}`;
    if (rule.rateLimit) {
      // Without sources the rule serves both families, so each needs its own set of sources.
      for (const setFamily of family === undefined ? ([4, 6] as const) : [family]) {
        const set = `${setName}_v${setFamily}`;
        sets.push(rateSet(set, setFamily, rule.rateLimit));
        out.push(
          `${match} ct state new update @${set} { ${familyMatch[setFamily]} saddr ${limitText(rule.rateLimit)} } ` +
            `counter drop comment "${rule.name}: over ${rule.rateLimit.rate}"`,
        );
      }
    }
    out.push(`${match} accept comment "${rule.name}"`);
  }
  return out;
}

function outboundRules(rule: OutboundRule): string[] {
  const service = `${rule.protocol} dport ${portSet(rule.ports)}`;
  return peerGroups(rule.destinations).map(({ family, peers }) =>
    peers === undefined
      ? `${service} accept comment "${rule.name}"`
      : `${familyMatch[family ?? 4]} daddr ${peers} ${service} accept comment "${rule.name}"`,
  );
}

function rateSet(name: string, family: Family, limit: RateLimit): string {
  const unit = limit.rate.split('/')[1] as keyof typeof rateMemory;
  return [
    `\tset ${name} {`,
    `\t\ttype ${familyType[family]}`,
    '\t\tsize 65535',
    '\t\tflags dynamic,timeout',
    `\t\ttimeout ${rateMemory[unit]}`,
    '\t}',
  ].join('\n');
}

function limitText(limit: RateLimit): string {
  return `limit rate over ${limit.rate}${limit.burst === undefined ? '' : ` burst ${limit.burst} packets`}`;
}

interface PeerGroup {
  /** Undefined: any address of either family. */
  family: Family | undefined;
  peers: string | undefined;
}

/**
 * Peers split by family into nft anonymous sets. A prefix inside another listed one is left
 * out: nft refuses overlapping elements in a set.
 */
function peerGroups(peers: readonly string[] | undefined): PeerGroup[] {
  if (peers === undefined) return [{ family: undefined, peers: undefined }];
  const prefixes = peers
    .map((text) => {
      const prefix = parseIpPrefix(text);
      if (!prefix) throw new Error(`not an address or CIDR range: ${JSON.stringify(text).slice(0, 80)}`);
      return unmapIpv4(prefix);
    })
    .sort((a, b) => a.length - b.length || comparePrefixes(a, b));
  const kept = prefixes.filter(
    (prefix, index) => !prefixes.slice(0, index).some((outer) => prefixContains(outer, prefix)),
  );
  return ([4, 6] as const)
    .map((family) => ({
      family,
      texts: kept
        .filter((prefix) => prefix.family === family)
        .sort(comparePrefixes)
        .map(formatIpPrefix),
    }))
    .filter((group) => group.texts.length > 0)
    .map(({ family, texts }) => ({ family, peers: braced(texts) }));
}

/** Ports merged into disjoint ranges, in order: nft refuses overlapping elements too. */
function portSet(ports: readonly PortRange[]): string {
  const ranges = ports
    .map((port): [number, number] => {
      if (typeof port === 'number') return [port, port];
      const [low, high] = port.split('-').map(Number) as [number, number];
      return [low, high];
    })
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [low, high] of ranges) {
    const last = merged.at(-1);
    if (last && low <= last[1] + 1) last[1] = Math.max(last[1], high);
    else merged.push([low, high]);
  }
  return braced(merged.map(([low, high]) => (low === high ? String(low) : `${low}-${high}`)));
}

function braced(items: readonly string[]): string {
  return items.length === 1 ? (items[0] ?? '') : `{ ${items.join(', ')} }`;
}
