import type { SeverityCounts } from '../../protocol/alerts.ts';

export const zeroSeverityCounts = (): SeverityCounts => ({
  informational: 0,
  low: 0,
  medium: 0,
  high: 0,
  critical: 0,
});
