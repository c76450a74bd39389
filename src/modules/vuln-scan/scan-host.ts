import type { VulnFinding } from '../../protocol/vuln-api.ts';
import { matchPackages, type MatchSkip } from '../vuln-match/match-packages.ts';
import { buildFinding, type SlaDays } from './build-finding.ts';
import type { LoadedFeeds } from './load-feed-dir.ts';
import type { ScanTarget } from './scan-target.ts';

export interface ScanHostOptions {
  now: Date;
  sla: SlaDays;
  /** An installed or advisory version matching could not compare, left out. */
  onSkip?: (skip: MatchSkip) => void;
}

/** The target's findings against loaded feeds, highest risk first (then by vulnerability and package). */
export function scanHost(feeds: LoadedFeeds, target: ScanTarget, options: ScanHostOptions): VulnFinding[] {
  const matches = matchPackages(
    feeds.index,
    { os: target.os, packages: target.packages },
    options.onSkip === undefined ? {} : { onSkip: options.onSkip },
  );
  const context = {
    agentId: target.agentId,
    hostname: target.hostname,
    now: options.now,
    sla: options.sla,
    kev: (cve: string) => feeds.kev.get(cve),
    epss: (cve: string) => feeds.epss.get(cve),
  };
  return matches.map((match) => buildFinding(match, context)).sort(byRisk);
}

export function byRisk(a: VulnFinding, b: VulnFinding): number {
  return (
    b.risk - a.risk ||
    compare(a.vulnerability.id, b.vulnerability.id) ||
    compare(a.package.name, b.package.name) ||
    compare(a.agentId, b.agentId)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
