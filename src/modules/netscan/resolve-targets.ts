import { lookup } from 'node:dns/promises';
import {
  formatIpPrefix,
  parseIpPrefix,
  prefixContains,
  unmapIpv4,
  type IpPrefix,
} from '../firewall/ip-prefix.ts';
import { mapLimit } from '../inventory/map-limit.ts';
import { canonicalAddress, isUnspecifiedAddress } from './canonical-address.ts';
import { NetScanError, quoteInput, type NetScanErrorCode } from './net-scan-error.ts';

export interface ResolveTargetsOptions {
  /** CIDR ranges or addresses the scan may touch; empty means only what the targets name. */
  scope: readonly string[];
  /** CIDR ranges or addresses never touched, even when a target or the scope names them. */
  exclude: readonly string[];
  /** Every address a name resolves to (`dns.lookup` with `all` by default); tests inject their own. */
  resolve?: ((name: string) => Promise<string[]>) | undefined;
  /** At most this many addresses after expansion; more is refused, not truncated. */
  maxAddresses?: number | undefined;
}

export interface ResolvedTargets {
  /** In the order the targets named them, each once, with the names that led to it. */
  addresses: { address: string; names: string[] }[];
  /** Addresses dropped because they fell outside the scope or inside an exclusion. */
  outOfScope: string[];
  /** Names that resolved to nothing. */
  unresolved: string[];
  /**
   * `0.0.0.0` and `::` met inside a range or in a name's answers, left out: connecting to them
   * reaches this machine. Named on their own they are refused (`bad-target`).
   */
  unspecified: string[];
  /** True only for the addresses above: what the scanner re-checks before every connection. */
  inScope: (address: string) => boolean;
}

const defaultMaxAddresses = 65_536;
const maxTargets = 4_096;
const maxTargetLength = 253;
/** A name is one answer from DNS, which an attacker may control: a few dozen addresses is plenty. */
const maxAddressesPerName = 64;
const resolveConcurrency = 16;

/**
 * Expands addresses, CIDR ranges (IPv4 and IPv6, up to maxAddresses) and host names into the
 * addresses a scan may touch, dropping what falls outside the scope or inside an exclusion.
 */
export async function resolveTargets(
  specs: readonly string[],
  options: ResolveTargetsOptions,
): Promise<ResolvedTargets> {
  const maxAddresses = options.maxAddresses ?? defaultMaxAddresses;
  if (specs.length > maxTargets) throw new NetScanError('bad-target', `more than ${maxTargets} targets`);
  const scope = options.scope.map((text) => parseRange(text, 'bad-scope'));
  const exclude = options.exclude.map((text) => parseRange(text, 'bad-scope'));
  const allowed = (prefix: IpPrefix) =>
    (scope.length === 0 || scope.some((range) => prefixContains(range, prefix))) &&
    !exclude.some((range) => prefixContains(range, prefix));

  const ranges: IpPrefix[] = [];
  const names: string[] = [];
  let expanded = 0;
  for (const raw of specs) {
    const spec = raw.trim();
    const range = parseIpPrefix(spec);
    if (range) {
      const unmapped = unmapIpv4(range);
      if (isSingleAddress(unmapped) && isUnspecifiedAddress(formatIpPrefix(unmapped)))
        throw new NetScanError(
          'bad-target',
          `${quoteInput(raw)} is the unspecified address, which connects to this machine; ` +
            'name 127.0.0.1 or ::1 to scan it',
        );
      expanded += 2 ** (unmapped.bytes.length * 8 - unmapped.length);
      if (expanded > maxAddresses) throw tooMany(maxAddresses);
      ranges.push(unmapped);
    } else if (isHostName(spec)) {
      names.push(spec.toLowerCase().replace(/\.$/, ''));
    } else {
      throw new NetScanError('bad-target', `${quoteInput(raw)} is not an address, CIDR range or host name`);
    }
  }

  const found = new Map<string, string[]>();
  const outOfScope = new Set<string>();
  const unspecified = new Set<string>();
  const add = (prefix: IpPrefix, name: string | undefined) => {
    const address = formatIpPrefix(prefix);
    if (isUnspecifiedAddress(address)) {
      unspecified.add(address);
      return;
    }
    if (!allowed(prefix)) {
      outOfScope.add(address);
      return;
    }
    const known = found.get(address);
    if (!known) {
      if (found.size >= maxAddresses) throw tooMany(maxAddresses);
      found.set(address, name === undefined ? [] : [name]);
    } else if (name !== undefined && !known.includes(name)) known.push(name);
  };
  for (const range of ranges) for (const single of expand(range)) add(single, undefined);

  const resolve = options.resolve ?? lookupAll;
  const unresolved: string[] = [];
  const answers = await mapLimit(names, resolveConcurrency, async (name) => {
    try {
      return await resolve(name);
    } catch {
      return [];
    }
  });
  names.forEach((name, index) => {
    // The resolver's answer is as hostile as any network input: only well-formed single addresses count.
    const addresses = (answers[index] ?? [])
      .slice(0, maxAddressesPerName)
      .map((text) => canonicalAddress(text))
      .filter((address) => address !== undefined);
    if (addresses.length === 0) unresolved.push(name);
    for (const address of addresses) add(parseIpPrefix(address) as IpPrefix, name);
  });

  return {
    addresses: [...found].map(([address, hostNames]) => ({ address, names: hostNames })),
    outOfScope: [...outOfScope],
    unresolved,
    unspecified: [...unspecified],
    inScope: (address) => {
      const canonical = canonicalAddress(address);
      return canonical !== undefined && found.has(canonical);
    },
  };
}

function parseRange(text: string, code: NetScanErrorCode): IpPrefix {
  const range = parseIpPrefix(text.trim());
  if (!range) throw new NetScanError(code, `${quoteInput(text)} is not an address or CIDR range`);
  return unmapIpv4(range);
}

function isSingleAddress(prefix: IpPrefix): boolean {
  return prefix.length === prefix.bytes.length * 8;
}

/** Every address of a range the cap already allowed, in order, each a full-length prefix. */
function* expand(range: IpPrefix): Generator<IpPrefix> {
  const bytes = range.bytes.slice();
  const count = 2 ** (bytes.length * 8 - range.length);
  for (let index = 0; index < count; index += 1) {
    yield { family: range.family, bytes: bytes.slice(), length: bytes.length * 8 };
    for (let at = bytes.length - 1; at >= 0; at -= 1) {
      bytes[at] = ((bytes[at] ?? 0) + 1) & 0xff;
      if (bytes[at] !== 0) break;
    }
  }
}

/**
 * Letters, digits and hyphens in labels of 1–63, at most 253 in all, optional final dot. A name
 * of digits only in its last label (`1.2.3`, `0x7f.1`) is refused: the system resolver would read
 * it as a shorthand address, and a scope check cannot see which.
 */
function isHostName(text: string): boolean {
  if (text.length === 0 || text.length > maxTargetLength + 1) return false;
  const labels = text.replace(/\.$/, '').split('.');
  if (!labels.every((label) => /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label))) return false;
  const last = labels[labels.length - 1] ?? '';
  return !/^(?:\d+|0x[0-9a-f]*)$/i.test(last);
}

async function lookupAll(name: string): Promise<string[]> {
  const answers = await lookup(name, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

function tooMany(maxAddresses: number): NetScanError {
  return new NetScanError(
    'too-many-addresses',
    `the targets expand to more than ${maxAddresses.toLocaleString('en')} addresses; scan smaller ranges`,
  );
}
