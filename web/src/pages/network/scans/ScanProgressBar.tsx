import type { NetScanSummary } from '../../../../../src/protocol/netscan-api.ts';
import type { ScanPhase } from '../../../../../src/protocol/netscan.ts';
import { formatCount } from '../../vulnerabilities/vulnLabels.ts';

const phaseLabels: Record<ScanPhase, string> = {
  resolve: 'Resolving targets',
  discovery: 'Finding hosts',
  ports: 'Scanning ports',
  udp: 'Probing UDP',
  services: 'Identifying services',
  checks: 'Running checks',
};

/** Where a running scan is: its phase, how far through it, and what it found so far. */
export function ScanProgressBar({ progress }: { progress: NonNullable<NetScanSummary['progress']> }) {
  const { phase, done, total, openPorts, findings } = progress;
  return (
    <span className="net-progress" data-testid="scan-progress">
      <span>
        {phaseLabels[phase]}
        {total > 0 && ` ${formatCount(done)} / ${formatCount(total)}`}
      </span>
      {total > 0 && <progress max={total} value={done} aria-label={phaseLabels[phase]} />}
      <span className="cell-note">
        {`${formatCount(openPorts)} open ${openPorts === 1 ? 'port' : 'ports'}, `}
        {`${formatCount(findings)} ${findings === 1 ? 'finding' : 'findings'} so far`}
      </span>
    </span>
  );
}
