import { Chart } from 'react-chartjs-2';
import { chartTheme } from '../../overview/chartTheme.ts';
import { formatScore, scoreTone, type ScoreTone } from '../auditLabels.ts';

export interface ScoreBar {
  label: string;
  score: number | null;
  /** Shown in the tooltip under the score, e.g. "3 hosts". */
  detail: string;
}

/** Tone colours come from the stylesheet (audits.css), like the rest of the chart theme. */
function toneColor(tone: ScoreTone): string {
  return getComputedStyle(document.documentElement).getPropertyValue(`--score-${tone}`).trim();
}

interface ScoreBarsChartProps {
  bars: readonly ScoreBar[];
  /** What the bars are, e.g. "Score by group": the canvas says nothing to a screen reader, so its label lists them. */
  subject: string;
}

/** One horizontal bar per group, policy or framework, 0–100 %, coloured by how the score reads. */
export function ScoreBarsChart({ bars, subject }: ScoreBarsChartProps) {
  chartTheme();
  return (
    <Chart
      type="bar"
      role="img"
      aria-label={`${subject}: ${bars.map((bar) => `${bar.label} ${formatScore(bar.score)}`).join(', ')}.`}
      options={{
        indexAxis: 'y',
        interaction: { mode: 'nearest', axis: 'y', intersect: false },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => formatScore(bars[item.dataIndex]?.score ?? null),
              afterLabel: (item) => bars[item.dataIndex]?.detail ?? '',
            },
          },
        },
        scales: {
          x: {
            min: 0,
            max: 100,
            border: { display: false },
            ticks: { stepSize: 25, callback: (value) => `${value}%` },
          },
          y: { grid: { display: false } },
        },
        datasets: { bar: { maxBarThickness: 22, borderRadius: 3 } },
      }}
      data={{
        labels: bars.map((bar) => bar.label),
        datasets: [
          {
            label: 'Score',
            data: bars.map((bar) => bar.score ?? 0),
            backgroundColor: bars.map((bar) => toneColor(scoreTone(bar.score))),
            borderColor: bars.map((bar) => toneColor(scoreTone(bar.score))),
          },
        ],
      }}
    />
  );
}
