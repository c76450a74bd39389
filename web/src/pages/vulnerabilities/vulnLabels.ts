import type { Severity } from '../../../../src/protocol/finding.ts';
import type { FixState } from '../../../../src/protocol/vuln.ts';
import { minimumSeverityLabel } from '../alerts/alertLabels.ts';

// Records rather than the protocol's arrays: vuln.ts imports zod, which the bundle must not pull in.

/** What each tracker state means to someone deciding what to patch; only `fixed` has a fix to apply. */
export const fixStateLabels: Record<FixState, string> = {
  fixed: 'Fix available',
  unfixed: 'Not fixed yet',
  'no-dsa': 'No DSA (minor issue)',
  postponed: 'Fix postponed',
  ignored: 'Will not be fixed',
  'end-of-life': 'Release end of life',
};

export const fixStateNotes: Record<FixState, string> = {
  fixed: 'The distribution ships a fixed version: upgrading the package resolves it.',
  unfixed: 'The distribution has no fixed version yet.',
  'no-dsa':
    'The distribution’s security team judged it minor: no advisory, fixed in a later point release if at all.',
  postponed: 'The distribution’s security team postponed the fix to a later update.',
  ignored: 'The distribution’s security team decided not to fix it in this release.',
  'end-of-life': 'The release no longer gets security updates: only an upgrade of the release removes it.',
};

export const hasFix = (state: FixState) => state === 'fixed';

/** Most severe first, as filters and tiles list them. */
export const severityOrder: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'informational'];

/** A minimum-severity select's options, `''` for any. */
export const minimumSeverityOptions = [
  { value: '', label: 'Any' },
  ...severityOrder.map((severity) => ({ value: severity, label: minimumSeverityLabel(severity) })),
] as const;

const count = new Intl.NumberFormat();
export const formatCount = (n: number) => count.format(n);
export const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n === 1 ? one : many}`;

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** EPSS is a probability (0–1) of exploitation in the next 30 days: `12.34%`. */
export const formatEpss = (score: number) => `${twoDecimals.format(score * 100)}%`;

/** `0.973` → `97th percentile`. */
export function formatPercentile(percentile: number): string {
  const n = Math.floor(percentile * 100);
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix} percentile`;
}

export const formatCvss = (score: number) => score.toFixed(1);
export const formatRisk = (risk: number) => oneDecimal.format(risk);

/** The risk score (0–100) read as a severity, for its colour; the number is always shown too. */
export function riskTone(risk: number): Severity {
  return risk >= 80 ? 'critical' : risk >= 60 ? 'high' : risk >= 35 ? 'medium' : 'low';
}

const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
// A bare calendar date names the same day everywhere: read it in UTC so no time zone shifts it.
const calendarDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date (`2025-01-31`, as KEV gives them) or the day of a timestamp, with the year. */
export function formatDate(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = new Date(day ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(parsed.getTime())) return value;
  return (day ? calendarDate : date).format(parsed);
}

/** Only web addresses become links: a reference is feed text, and `javascript:` must stay text. */
export const isWebAddress = (reference: string) => /^https?:\/\//i.test(reference);
