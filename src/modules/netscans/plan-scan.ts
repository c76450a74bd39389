import type { NetScanConfig } from '../../platform/netscan-config.ts';
import { AppError } from '../../platform/errors.ts';
import { checkFamilies, type CheckFamily } from '../../protocol/netscan.ts';
import type { StartNetScanRequest } from '../../protocol/netscan-api.ts';
import { NetScanError } from '../netscan/net-scan-error.ts';
import { parsePortSpec } from '../netscan/parse-port-spec.ts';
import { formatIpPrefix, parseIpPrefix, prefixContains, type IpPrefix } from '../firewall/ip-prefix.ts';

/** A scan as it will be queued: targets already cut to the scope. */
export interface PlannedScan {
  group: string | null;
  targets: string[];
  ports: string;
  checks: CheckFamily[];
  internetFacing: boolean;
}

/**
 * Turns a request into the scan the server may run. The scope only ever narrows what was asked:
 * an address or range is kept where it lies inside a scope range, a range that holds a scope
 * range is cut down to it, and the rest is outside. Host names pass, because only resolving them
 * tells where they point; the engine drops resolved addresses outside the scope before any probe.
 * An ad-hoc request with a target not wholly inside the scope is refused whole; a group's targets
 * are cut to it (the configuration may be wider than the scope, never the scan).
 */
export function planScan(config: NetScanConfig, request: StartNetScanRequest): PlannedScan {
  if (config.scope.length === 0)
    throw new AppError(
      'bad_request',
      'server network scans are disabled: set netscan.scope to the ranges the server may scan',
    );
  const scope = config.scope.map((text) => parseIpPrefix(text)).filter((range) => range !== undefined);
  if (request.group !== undefined) {
    const group = config.groups.find((candidate) => candidate.name === request.group);
    if (!group) throw new AppError('not_found', `no scan group ${request.group} in netscan.groups`);
    const { inside } = cutToScope(group.targets, scope, 'cut');
    if (inside.length === 0)
      throw new AppError('bad_request', `no target of group ${group.name} lies inside netscan.scope`);
    return checkSize(config, {
      group: group.name,
      targets: inside,
      ports: group.ports ?? config.defaults.ports,
      checks: group.checks,
      internetFacing: group.internetFacing,
    });
  }
  const { inside, outside } = cutToScope(request.targets ?? [], scope, 'whole');
  if (outside.length > 0)
    throw new AppError('bad_request', `targets outside netscan.scope: ${outside.join(', ')}`, {
      issues: outside.map((target) => ({ path: 'targets', message: `${target} is outside the scope` })),
    });
  return checkSize(config, {
    group: null,
    targets: inside,
    ports: request.ports ?? config.defaults.ports,
    checks: request.checks ?? [...checkFamilies],
    internetFacing: request.internetFacing ?? false,
  });
}

/** `whole`: a range must lie inside one scope range; `cut`: a range holding scope ranges keeps those. */
function cutToScope(targets: readonly string[], scope: readonly IpPrefix[], mode: 'whole' | 'cut') {
  const inside = new Set<string>();
  const outside: string[] = [];
  for (const target of targets) {
    const range = parseIpPrefix(target);
    if (!range) {
      inside.add(target);
      continue;
    }
    const kept = scope.flatMap((allowed) =>
      prefixContains(allowed, range)
        ? [range]
        : mode === 'cut' && prefixContains(range, allowed)
          ? [allowed]
          : [],
    );
    // A range inside one scope range is kept once, however many scope ranges hold it.
    const whole = kept.find((candidate) => candidate === range);
    for (const part of whole ? [whole] : kept) inside.add(formatIpPrefix(part));
    if (kept.length === 0) outside.push(target);
  }
  return { inside: [...inside], outside };
}

/** The ports are parsed now, so a bad list is the request's 400 rather than a failed scan later. */
function checkSize(config: NetScanConfig, plan: PlannedScan): PlannedScan {
  try {
    parsePortSpec(plan.ports);
  } catch (error) {
    if (error instanceof NetScanError) throw new AppError('bad_request', error.message);
    throw error;
  }
  const addresses = plan.targets.reduce((sum, target) => {
    const range = parseIpPrefix(target);
    return sum + (range ? 1n << BigInt(range.bytes.length * 8 - range.length) : 1n);
  }, 0n);
  if (addresses > BigInt(config.defaults.maxAddresses))
    throw new AppError(
      'bad_request',
      `the targets hold ${addresses} addresses, more than netscan.defaults.maxAddresses (${config.defaults.maxAddresses})`,
    );
  return plan;
}
