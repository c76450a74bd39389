import { Chart as ChartJS, Filler } from 'chart.js';
import { Chart } from 'react-chartjs-2';
import type { VulnSummary } from '../../../../src/protocol/vuln-api.ts';
import { formatDay } from '../../format/time.ts';
import { chartTheme } from '../overview/chartTheme.ts';

// The areas under the lines; the rest of what the chart needs is registered by chartTheme.
ChartJS.register(Filler);

/** Severity colours come from the stylesheet (alerts.css), like the rest of the chart theme. */
export function severityColor(severity: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(`--severity-${severity}`).trim();
}

/** The colour at a quarter strength for the area under its line (a `#rrggbb` gets an alpha byte). */
const areaColor = (color: string) => (/^#[0-9a-f]{6}$/i.test(color) ? `${color}40` : color);

/**
 * Open findings at the end of each of the last 30 days, stacked so the top line is every open
 * finding: critical at the bottom, high on it, everything else above.
 */
export function VulnTrendChart({ trend }: { trend: VulnSummary['trend'] }) {
  chartTheme();
  const last = trend.at(-1);
  const series = [
    { label: 'Critical', color: severityColor('critical'), data: trend.map((day) => day.critical) },
    { label: 'High', color: severityColor('high'), data: trend.map((day) => day.high) },
    {
      label: 'Medium and lower',
      color: severityColor('low'),
      data: trend.map((day) => Math.max(0, day.open - day.critical - day.high)),
    },
  ];
  return (
    <Chart
      type="line"
      role="img"
      aria-label={
        last === undefined
          ? 'No open findings recorded in the last 30 days.'
          : `Open findings over the last ${trend.length} days: ${last.open} open on ${formatDay(last.date)}, ${last.critical} critical, ${last.high} high.`
      }
      options={{
        datasets: { line: { tension: 0, pointRadius: 0, pointHoverRadius: 4, borderWidth: 2 } },
        plugins: {
          tooltip: {
            callbacks: {
              footer: (items) => {
                const day = trend[items[0]?.dataIndex ?? -1];
                return day === undefined ? '' : `Open: ${day.open}`;
              },
            },
          },
        },
        scales: {
          x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
          y: { stacked: true, beginAtZero: true, border: { display: false }, ticks: { precision: 0 } },
        },
      }}
      data={{
        labels: trend.map((day) => formatDay(day.date.slice(0, 10))),
        datasets: series.map((item, index) => ({
          label: item.label,
          data: item.data,
          borderColor: item.color,
          backgroundColor: areaColor(item.color),
          fill: index === 0 ? 'origin' : '-1',
        })),
      }}
    />
  );
}
