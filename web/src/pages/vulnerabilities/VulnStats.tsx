import type { VulnSummary } from '../../../../src/protocol/vuln-api.ts';
import { StatCard } from '../../components/StatCard.tsx';
import { formatCount } from './vulnLabels.ts';

/** The headline numbers: how much is open, how bad, and how much of it a patch can fix today. */
export function VulnStats({ summary }: { summary: VulnSummary }) {
  const { critical, high } = summary.bySeverity;
  const danger = (n: number) => (n > 0 ? 'danger' : 'default');
  return (
    <div className="stat-grid vuln-stats">
      <StatCard
        name="vulns-open"
        label="Open findings"
        icon="vulnerabilities"
        value={formatCount(summary.open)}
      />
      <StatCard
        name="vulns-critical"
        label="Critical"
        icon="warning"
        tone={danger(critical)}
        value={formatCount(critical)}
      />
      <StatCard name="vulns-high" label="High" icon="warning" tone={danger(high)} value={formatCount(high)} />
      <StatCard
        name="vulns-kev"
        label="Known exploited (KEV)"
        icon="shieldAlert"
        tone={danger(summary.kev)}
        value={formatCount(summary.kev)}
      />
      <StatCard
        name="vulns-fix"
        label="Fix available / no fix yet"
        icon="shieldCheck"
        tone={summary.fixAvailable > 0 ? 'success' : 'default'}
        value={
          <>
            <span data-testid="vulns-fix-available">{formatCount(summary.fixAvailable)}</span>
            <span className="stat-value-rest">
              {' / '}
              <span data-testid="vulns-no-fix">{formatCount(summary.noFix)}</span>
            </span>
          </>
        }
      />
      <StatCard
        name="vulns-overdue"
        label="Past due date"
        icon="alerts"
        tone={danger(summary.overdue)}
        value={formatCount(summary.overdue)}
      />
    </div>
  );
}
