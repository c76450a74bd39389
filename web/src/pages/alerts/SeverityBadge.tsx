import type { Severity } from '../../../../src/protocol/finding.ts';
import { severityLabels } from './alertLabels.ts';

/** Colour-coded by severity (see alerts.css); the word is always shown too, never colour alone. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`badge severity severity-${severity}`} data-testid="alert-severity">
      {severityLabels[severity]}
    </span>
  );
}
