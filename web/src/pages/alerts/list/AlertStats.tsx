import type { AlertSummary } from '../../../../../src/protocol/alerts.ts';
import { StatCard } from '../../../components/StatCard.tsx';

const count = new Intl.NumberFormat();

export function AlertStats({ summary }: { summary: AlertSummary }) {
  const { critical, high } = summary.openBySeverity;
  return (
    <div className="stat-grid">
      <StatCard name="alerts-open" label="Open alerts" icon="alerts" value={count.format(summary.open)} />
      <StatCard
        name="alerts-new"
        label="Not yet acknowledged"
        icon="shieldAlert"
        tone={summary.new > 0 ? 'danger' : 'success'}
        value={count.format(summary.new)}
      />
      <StatCard
        name="alerts-critical"
        label="Critical, open"
        icon="warning"
        tone={critical > 0 ? 'danger' : 'default'}
        value={count.format(critical)}
      />
      <StatCard
        name="alerts-high"
        label="High, open"
        icon="warning"
        tone={high > 0 ? 'danger' : 'default'}
        value={count.format(high)}
      />
    </div>
  );
}
