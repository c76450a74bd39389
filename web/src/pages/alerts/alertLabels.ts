import type { AlertStatus, AlertStatusFilter } from '../../../../src/protocol/alerts.ts';
import type { Severity } from '../../../../src/protocol/finding.ts';

// Records rather than the protocol's arrays: checked for completeness at compile time, and importing
// alerts.ts at runtime would pull zod into the bundle.
export const statusLabels: Record<AlertStatus, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  false_positive: 'False positive',
};

export const statusFilterLabels: Record<AlertStatusFilter, string> = {
  open: 'Open',
  ...statusLabels,
  closed: 'Closed',
};

export const severityLabels: Record<Severity, string> = {
  informational: 'Informational',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

/** A minimum-severity filter's choice: "Medium or higher". */
export const minimumSeverityLabel = (severity: Severity) =>
  severity === 'critical' ? 'Critical' : `${severityLabels[severity]} or higher`;
