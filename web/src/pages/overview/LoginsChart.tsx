import { Bar } from 'react-chartjs-2';
import type { Overview } from '../../../../src/protocol/overview.ts';
import { formatDay } from '../../format/time.ts';
import { chartTheme } from './chartTheme.ts';

export function LoginsChart({ days }: { days: Overview['logins'] }) {
  const theme = chartTheme();
  const success = days.reduce((sum, day) => sum + day.success, 0);
  const failure = days.reduce((sum, day) => sum + day.failure, 0);
  return (
    <Bar
      role="img"
      aria-label={`Sign-ins over the last 14 days: ${success} successful, ${failure} failed.`}
      options={{
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0 } },
          y: { stacked: true, beginAtZero: true, border: { display: false }, ticks: { precision: 0 } },
        },
      }}
      data={{
        labels: days.map((day) => formatDay(day.day)),
        datasets: [
          { label: 'Successful', data: days.map((day) => day.success), backgroundColor: theme.success },
          { label: 'Failed', data: days.map((day) => day.failure), backgroundColor: theme.danger },
        ],
      }}
    />
  );
}
