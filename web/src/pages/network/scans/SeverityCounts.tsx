import type { Severity } from '../../../../../src/protocol/finding.ts';
import { severityLabels } from '../../alerts/alertLabels.ts';
import { formatCount, severityOrder } from '../../vulnerabilities/vulnLabels.ts';

/** `2 High · 1 Medium`, worst first, in the severities' colours (alerts.css); nothing at all reads "none". */
export function SeverityCounts({ counts }: { counts: Partial<Record<Severity, number>> }) {
  const shown = severityOrder.filter((severity) => (counts[severity] ?? 0) > 0);
  if (shown.length === 0) return <span className="muted">none</span>;
  return (
    <span className="chips severity-counts" data-testid="severity-counts">
      {shown.map((severity) => (
        <span key={severity} className={`badge severity severity-${severity}`}>
          {formatCount(counts[severity] ?? 0)} {severityLabels[severity]}
        </span>
      ))}
    </span>
  );
}
