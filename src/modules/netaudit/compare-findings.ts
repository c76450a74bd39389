import { severities } from '../../protocol/finding.ts';
import type { NetFinding } from '../../protocol/netscan.ts';
import { compareAddresses } from './compare-addresses.ts';

/** Report order: most severe first, then by address, port (host-wide findings first) and check id. */
export function compareFindings(a: NetFinding, b: NetFinding): number {
  return (
    severities.indexOf(b.severity) - severities.indexOf(a.severity) ||
    compareAddresses(a.address, b.address) ||
    (a.port ?? -1) - (b.port ?? -1) ||
    byText(a.transport ?? '', b.transport ?? '') ||
    byText(a.check, b.check) ||
    byText(a.evidence, b.evidence)
  );
}

/** Code-unit order, not the locale's: the same report sorts the same on every machine. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
