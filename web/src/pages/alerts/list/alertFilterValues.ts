import type { AlertFilters, AlertStatusFilter, TimelineBucket } from '../../../../../src/protocol/alerts.ts';
import type { Severity } from '../../../../../src/protocol/finding.ts';

const hour = 3_600_000;

/** The time ranges offered, each with the chart bucket that gives it a readable number of bars. */
export const timeRanges = {
  '24h': { label: 'Last 24 hours', ms: 24 * hour, bucket: '1h' },
  '7d': { label: 'Last 7 days', ms: 7 * 24 * hour, bucket: '6h' },
  '30d': { label: 'Last 30 days', ms: 30 * 24 * hour, bucket: '1d' },
  '90d': { label: 'Last 90 days', ms: 90 * 24 * hour, bucket: '1d' },
} as const satisfies Record<string, { label: string; ms: number; bucket: TimelineBucket }>;
export type TimeRange = keyof typeof timeRanges;

/** What the filter bar holds: text as typed, '' for "any". */
export interface AlertFilterValues {
  q: string;
  status: AlertStatusFilter | '';
  severity: Severity | '';
  rule: string;
  srcIp: string;
  user: string;
  host: string;
  range: TimeRange;
}

export const defaultFilterValues: AlertFilterValues = {
  q: '',
  status: 'open',
  severity: '',
  rule: '',
  srcIp: '',
  user: '',
  host: '',
  range: '7d',
};

/** The API filters for the values, with the range ending now. */
export function toAlertFilters(values: AlertFilterValues, now: number): AlertFilters {
  const text = (value: string) => value.trim() || undefined;
  return {
    q: text(values.q),
    status: values.status || undefined,
    severity: values.severity || undefined,
    rule: text(values.rule),
    srcIp: text(values.srcIp),
    user: text(values.user),
    host: text(values.host),
    since: new Date(now - timeRanges[values.range].ms).toISOString(),
  };
}
