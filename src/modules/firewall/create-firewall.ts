import type { FirewallBlockEntry } from '../../protocol/firewall.ts';
import { composeBlocks, type Block } from './compose-blocks.ts';
import { countOverlapping } from './count-overlapping.ts';
import { diffBlocks } from './diff-blocks.ts';
import type { FirewallBackend, LiveElement, LiveSet } from './firewall-backend.ts';
import { detectBackend, type FirewallBackendKind } from './detect-backend.ts';
import {
  comparePrefixes,
  formatIpPrefix,
  parseIpPrefix,
  prefixesOverlap,
  unmapIpv4,
  type IpPrefix,
} from './ip-prefix.ts';
import { createIpsetBackend } from './ipset-backend.ts';
import { createNftBackend } from './nft-backend.ts';
import { createToolRunner, type ToolRunner } from './run-tool.ts';

/** An address or range the firewall never blocks, and why (shown when a request touches it). */
export interface ProtectedRange {
  address: string;
  why: string;
}

export interface FirewallOptions {
  /** Run every command inside this network namespace (`ip netns exec`); the host's own otherwise. */
  netns?: string | undefined;
  /** Default: nftables where `nft` is installed, otherwise iptables with ipset. */
  backend?: FirewallBackendKind | undefined;
  /** Never blocked, besides loopback: the Vigil server, this host's own addresses. */
  protect?: readonly ProtectedRange[] | undefined;
  /** Runs nft, ipset and iptables; tests pass one that records. */
  run?: ToolRunner | undefined;
  now?: (() => number) | undefined;
}

export interface FirewallChange {
  /** Set elements added, removed, and replaced with a new expiry. */
  added: number;
  removed: number;
  changed: number;
  /** Elements in Vigil's sets afterwards. */
  elements: number;
  /** How many of the requested addresses shared an address with a block before the change. */
  blockedBefore: number;
  /** Protected ranges the request touched, which stay open: `10.0.0.5 (the Vigil server)`. */
  keptOpen: string[];
}

export interface FirewallElement {
  /** A prefix (`10.0.0.0/8`, `2001:db8::1`), or `first-last` for a range added by hand. */
  address: string;
  expiresAt: string | null;
}

export interface Firewall {
  readonly backend: FirewallBackendKind;
  /** Where the blocks live: `table inet vigil`. */
  describe(): string;
  /** Blocks these; where one covers an address already blocked, that address gets the new expiry. */
  block(entries: readonly FirewallBlockEntry[]): Promise<FirewallChange>;
  /** Lifts every block on these addresses and ranges, including parts of wider blocks. */
  unblock(addresses: readonly string[]): Promise<FirewallChange>;
  /** Makes Vigil's sets hold exactly these blocks. */
  sync(entries: readonly FirewallBlockEntry[]): Promise<FirewallChange>;
  /** The elements of Vigil's sets as they are. */
  list(): Promise<FirewallElement[]>;
}

const loopback: ProtectedRange[] = [
  { address: '127.0.0.0/8', why: 'loopback' },
  { address: '::1', why: 'loopback' },
];

/**
 * The host firewall for Vigil's blocks. Each change reads the live sets, works out the
 * elements they must hold and applies the difference at once, so elements that are right
 * are not touched and other tools' tables never are. Changes run one at a time.
 * Every address is parsed and re-formatted before it goes anywhere near a command.
 */
export function createFirewall(options: FirewallOptions = {}): Firewall {
  const run = options.run ?? createToolRunner({ netns: options.netns });
  const kind = options.backend ?? detectBackend();
  if (kind === undefined) throw new Error('neither nft nor iptables with ipset is installed');
  const backend: FirewallBackend = kind === 'nftables' ? createNftBackend(run) : createIpsetBackend(run);
  const now = options.now ?? Date.now;
  const protect = [...loopback, ...(options.protect ?? [])].map((range) => ({
    ...range,
    prefix: requirePrefix(range.address),
  }));
  const lifted = (prefixes: readonly IpPrefix[]): Block[] =>
    prefixes.map((prefix) => ({ prefix, expiresAt: -Infinity }));
  const protectedBlocks = lifted(protect.map((range) => range.prefix));

  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = queue.then(operation);
    queue = result.catch(() => undefined);
    return result;
  };

  const change = (requested: readonly IpPrefix[], desired: (current: Block[], time: number) => Block[]) =>
    serially(async (): Promise<FirewallChange> => {
      for (let attempt = 1; ; attempt += 1) {
        const time = now();
        const live: LiveSet = await backend.read(time);
        const current = live.elements.flatMap((element) => element.blocks);
        const target = desired(current, time);
        const diff = diffBlocks(live.elements, target);
        try {
          await backend.apply(live, diff, target, time);
        } catch (error) {
          // An element that expires between the read and the write cannot be deleted: read again, once.
          if (attempt < 2) continue;
          throw error;
        }
        return {
          added: diff.add.length - diff.changed,
          removed: diff.remove.length - diff.changed,
          changed: diff.changed,
          elements: target.length,
          blockedBefore: countOverlapping(requested, current),
          keptOpen: protect
            .filter((range) => requested.some((prefix) => prefixesOverlap(prefix, range.prefix)))
            .map((range) => `${formatIpPrefix(range.prefix)} (${range.why})`),
        };
      }
    });

  return {
    backend: kind,
    describe: () =>
      `${backend.where}${options.netns === undefined ? '' : ` in network namespace ${options.netns}`}`,
    async block(entries) {
      const blocks = entries.map(toBlock);
      return change(
        blocks.map((block) => block.prefix),
        (current, time) =>
          composeBlocks({
            base: composeBlocks({ base: current, over: blocks, now: time }),
            over: protectedBlocks,
            now: time,
          }),
      );
    },
    async unblock(addresses) {
      const prefixes = addresses.map(requirePrefix);
      return change(prefixes, (current, time) =>
        composeBlocks({ base: current, over: [...lifted(prefixes), ...protectedBlocks], now: time }),
      );
    },
    async sync(entries) {
      const blocks = entries.map(toBlock);
      return change(
        blocks.map((block) => block.prefix),
        (_current, time) => composeBlocks({ base: blocks, over: protectedBlocks, now: time }),
      );
    },
    list: () =>
      serially(async () => {
        const { elements } = await backend.read(now());
        // ipset lists in hash order; both backends answer in address order.
        const first = (element: LiveElement) => element.blocks[0]?.prefix;
        const sorted = [...elements].sort((a, b) => {
          const [x, y] = [first(a), first(b)];
          return x && y ? comparePrefixes(x, y) : 0;
        });
        return sorted.map((element) => {
          const expiresAt = element.blocks[0]?.expiresAt ?? Infinity;
          return {
            address: element.token,
            expiresAt: Number.isFinite(expiresAt) ? new Date(expiresAt).toISOString() : null,
          };
        });
      }),
  };
}

/** The schema already checked addresses; this second check is what keeps anything else out of nft's input. */
function requirePrefix(address: unknown): IpPrefix {
  const prefix = typeof address === 'string' ? parseIpPrefix(address) : undefined;
  if (!prefix) throw new Error(`not an IP address or CIDR range: ${shown(address)}`);
  return unmapIpv4(prefix);
}

function toBlock(entry: FirewallBlockEntry): Block {
  const expiresAt = entry.expiresAt === null ? Infinity : Date.parse(entry.expiresAt);
  if (Number.isNaN(expiresAt)) throw new Error(`not a time: ${shown(entry.expiresAt)}`);
  return { prefix: requirePrefix(entry.address), expiresAt };
}

/** A rejected value, short and quoted, so a hostile one cannot pass for part of the message. */
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
}
