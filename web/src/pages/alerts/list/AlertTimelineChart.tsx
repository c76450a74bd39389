import { Chart } from 'react-chartjs-2';
import type { AlertTimeline } from '../../../../../src/protocol/alerts.ts';
import { severities } from '../../../../../src/protocol/finding.ts';
import { chartTheme } from '../../overview/chartTheme.ts';
import { severityLabels } from '../alertLabels.ts';

const hourLabel = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const quarterLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit' });
const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const labelFormats = { '1h': hourLabel, '6h': quarterLabel, '1d': dayLabel } as const;

/** Severity colours come from the stylesheet (alerts.css), like the rest of the chart theme. */
function severityColor(severity: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(`--severity-${severity}`).trim();
}

/** New alerts per bucket, stacked by severity with the most severe on top. */
export function AlertTimelineChart({ timeline }: { timeline: AlertTimeline }) {
  chartTheme();
  const total = timeline.buckets.reduce(
    (sum, bucket) => sum + severities.reduce((n, severity) => n + bucket.counts[severity], 0),
    0,
  );
  const format = labelFormats[timeline.bucket];
  return (
    <Chart
      type="bar"
      role="img"
      aria-label={`${total} new alerts between ${timeline.since} and ${timeline.until}, by severity.`}
      options={{
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
          y: { stacked: true, beginAtZero: true, border: { display: false }, ticks: { precision: 0 } },
        },
        datasets: { bar: { maxBarThickness: 28, borderRadius: 2 } },
      }}
      data={{
        labels: timeline.buckets.map((bucket) => format.format(new Date(bucket.start))),
        datasets: severities.map((severity) => ({
          label: severityLabels[severity],
          data: timeline.buckets.map((bucket) => bucket.counts[severity]),
          backgroundColor: severityColor(severity),
          borderColor: severityColor(severity),
        })),
      }}
    />
  );
}
