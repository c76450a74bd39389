import { Chart } from 'react-chartjs-2';
import type { Overview } from '../../../../src/protocol/overview.ts';
import { formatDay } from '../../format/time.ts';
import { chartTheme, type ChartPalette } from './chartTheme.ts';

interface OutcomesChartProps {
  /** Bars stack into the day's total; lines keep each outcome's trend readable on its own. */
  type: 'bar' | 'line';
  days: Overview['logins'];
  /** What is counted, e.g. "Sign-ins": the canvas says nothing to a screen reader, so its label sums it up. */
  subject: string;
  successLabel: string;
  successColor: keyof ChartPalette;
}

/** Successes and failures per day, the shape of every activity chart on the overview. */
export function OutcomesChart({ type, days, subject, successLabel, successColor }: OutcomesChartProps) {
  const theme = chartTheme();
  const success = days.reduce((sum, day) => sum + day.success, 0);
  const failure = days.reduce((sum, day) => sum + day.failure, 0);
  const stacked = type === 'bar';
  return (
    <Chart
      type={type}
      role="img"
      aria-label={`${subject} over the last 14 days: ${success} ${successLabel.toLowerCase()}, ${failure} failed.`}
      options={{
        // Straight segments: a smoothed curve overshoots between points and dips below zero.
        datasets: { line: { tension: 0, pointRadius: 2, pointHoverRadius: 4, borderWidth: 2 } },
        scales: {
          x: { stacked, grid: { display: false }, ticks: { maxRotation: 0 } },
          y: { stacked, beginAtZero: true, border: { display: false }, ticks: { precision: 0 } },
        },
      }}
      data={{
        labels: days.map((day) => formatDay(day.day)),
        datasets: [
          {
            label: successLabel,
            data: days.map((day) => day.success),
            borderColor: theme[successColor],
            backgroundColor: theme[successColor],
          },
          {
            label: 'Failed',
            data: days.map((day) => day.failure),
            borderColor: theme.danger,
            backgroundColor: theme.danger,
          },
        ],
      }}
    />
  );
}
