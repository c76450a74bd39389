import { Chart } from 'react-chartjs-2';
import type { Severity } from '../../../../../src/protocol/finding.ts';
import { chartTheme } from '../../overview/chartTheme.ts';
import { severityColor } from '../../vulnerabilities/VulnTrendChart.tsx';

export interface ScanPoint {
  label: string;
  openPorts: number;
  findings: Record<Severity, number>;
}

const stacked: readonly { severity: Severity; label: string }[] = [
  { severity: 'critical', label: 'Critical' },
  { severity: 'high', label: 'High' },
  { severity: 'medium', label: 'Medium' },
  { severity: 'low', label: 'Low and informational' },
];

/** Findings of each scan as stacked bars by severity, with the open services it found as a line over them. */
export function ScanHistoryChart({ points }: { points: readonly ScanPoint[] }) {
  chartTheme();
  // Apart from every severity colour, so the line never reads as one of the stacks.
  const lineColor = getComputedStyle(document.documentElement).getPropertyValue('--text').trim();
  const last = points.at(-1);
  const count = (point: ScanPoint, severity: Severity) =>
    severity === 'low' ? point.findings.low + point.findings.informational : point.findings[severity];
  return (
    <Chart
      type="bar"
      role="img"
      aria-label={
        last === undefined
          ? 'No finished scan yet.'
          : `Open services and findings over the last ${points.length} scans: the newest found ${last.openPorts} open services, ${last.findings.critical} critical and ${last.findings.high} high findings.`
      }
      options={{
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
          y: {
            stacked: true,
            beginAtZero: true,
            border: { display: false },
            ticks: { precision: 0 },
            title: { display: true, text: 'Findings' },
          },
          ports: {
            position: 'right',
            title: { display: true, text: 'Open services' },
            beginAtZero: true,
            grid: { display: false },
            border: { display: false },
            ticks: { precision: 0 },
          },
        },
      }}
      data={{
        labels: points.map((point) => point.label),
        datasets: [
          {
            type: 'line',
            label: 'Open services',
            data: points.map((point) => point.openPorts),
            yAxisID: 'ports',
            borderColor: lineColor,
            backgroundColor: lineColor,
            borderWidth: 2,
            tension: 0,
            pointRadius: 3,
            order: 0,
          },
          ...stacked.map(({ severity, label }) => ({
            type: 'bar' as const,
            label,
            data: points.map((point) => count(point, severity)),
            backgroundColor: severityColor(severity),
            stack: 'findings',
            maxBarThickness: 28,
            order: 1,
          })),
        ],
      }}
    />
  );
}
