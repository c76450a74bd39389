import { Line } from 'react-chartjs-2';
import type { Overview } from '../../../../src/protocol/overview.ts';
import { formatDay } from '../../format/time.ts';
import { chartTheme } from './chartTheme.ts';

// Monotone so the curve never dips below zero between two points.
const line = {
  cubicInterpolationMode: 'monotone' as const,
  pointRadius: 2,
  pointHoverRadius: 4,
  borderWidth: 2,
};

export function ChangesChart({ days }: { days: Overview['changes'] }) {
  const theme = chartTheme();
  const success = days.reduce((sum, day) => sum + day.success, 0);
  const failure = days.reduce((sum, day) => sum + day.failure, 0);
  return (
    <Line
      role="img"
      aria-label={`Changes over the last 14 days: ${success} succeeded, ${failure} failed.`}
      options={{
        scales: {
          x: { grid: { display: false }, ticks: { maxRotation: 0 } },
          y: { beginAtZero: true, border: { display: false }, ticks: { precision: 0 } },
        },
      }}
      data={{
        labels: days.map((day) => formatDay(day.day)),
        datasets: [
          {
            label: 'Succeeded',
            data: days.map((day) => day.success),
            borderColor: theme.accent,
            backgroundColor: theme.accent,
            ...line,
          },
          {
            label: 'Failed',
            data: days.map((day) => day.failure),
            borderColor: theme.danger,
            backgroundColor: theme.danger,
            ...line,
          },
        ],
      }}
    />
  );
}
