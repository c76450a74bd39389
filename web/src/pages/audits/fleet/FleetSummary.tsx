import { useState } from 'react';
import type { AuditOverview } from '../../../../../src/protocol/audits-api.ts';
import { fleetReportUrl } from '../../../api/audits.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { formatScore, frameworkName, scoreTone } from '../auditLabels.ts';
import { ReportLinks } from '../ReportLinks.tsx';
import { ScoreBarsChart, type ScoreBar } from './ScoreBarsChart.tsx';

const count = new Intl.NumberFormat();
const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n === 1 ? one : many}`;

type Breakdown = 'group' | 'policy';

function breakdownBars(overview: AuditOverview, by: Breakdown): ScoreBar[] {
  return by === 'group'
    ? overview.groups.map((group) => ({
        label: group.group,
        score: group.score,
        detail: plural(group.hosts, 'host', 'hosts'),
      }))
    : overview.policies.map((policy) => ({
        label: policy.name,
        score: policy.score,
        detail: `${plural(policy.hosts, 'host', 'hosts')}, ${plural(policy.failed, 'failed check', 'failed checks')}`,
      }));
}

/** A bar chart's height: room for each bar, within the panel's usual size. */
const chartHeight = (bars: number) => Math.max(160, Math.min(420, 40 + bars * 34));

/** The fleet score as one big number, the score per group or policy, and per compliance framework. */
export function FleetSummary({ overview }: { overview: AuditOverview }) {
  const [by, setBy] = useState<Breakdown>('group');
  const audited = overview.hosts.filter((host) => host.lastRunAt !== null);
  const failed = overview.hosts.reduce((sum, host) => sum + host.failed, 0);
  const bars = breakdownBars(overview, by);
  const frameworks = overview.frameworks.map((framework) => ({
    label: frameworkName(framework.framework),
    score: framework.score,
    detail: `${count.format(framework.passed)} passed, ${count.format(framework.failed)} failed`,
  }));

  const breakdown = (
    <div className="inline-field">
      <label htmlFor="score-breakdown">By</label>
      <select
        id="score-breakdown"
        className="select select-sm"
        value={by}
        onChange={(event) => setBy(event.target.value === 'policy' ? 'policy' : 'group')}
      >
        <option value="group">Host group</option>
        <option value="policy">Policy</option>
      </select>
    </div>
  );

  return (
    <div className="audit-summary">
      <Panel title="Fleet score">
        <div className={`fleet-score score-${scoreTone(overview.fleetScore)}`}>
          <span className="fleet-score-value" data-testid="fleet-score">
            {formatScore(overview.fleetScore)}
          </span>
          <span className="fleet-score-label">of applicable checks pass</span>
        </div>
        <dl className="fleet-facts">
          <div>
            <dt>Hosts audited</dt>
            <dd data-testid="fleet-hosts">
              {count.format(audited.length)}
              {audited.length < overview.hosts.length && (
                <span className="muted"> of {count.format(overview.hosts.length)}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Failed checks</dt>
            <dd className={failed > 0 ? 'danger-text' : undefined} data-testid="fleet-failed">
              {count.format(failed)}
            </dd>
          </div>
          <div>
            <dt>Policies</dt>
            <dd>{count.format(overview.policies.length)}</dd>
          </div>
        </dl>
        <p className="fleet-score-note">
          Passed ÷ (passed + failed) over every host’s latest audit. Not applicable and waived checks are left
          out.
        </p>
        <div className="fleet-reports">
          <ReportLinks label="Fleet report" html={fleetReportUrl('html')} pdf={fleetReportUrl('pdf')} />
        </div>
      </Panel>
      <Panel title={by === 'group' ? 'Score by host group' : 'Score by policy'} actions={breakdown}>
        {bars.every((bar) => bar.score === null) ? (
          <p className="muted">No results yet.</p>
        ) : (
          <div className="chart" style={{ height: chartHeight(bars.length) }} data-testid="chart-breakdown">
            <ScoreBarsChart
              bars={bars}
              subject={by === 'group' ? 'Score by host group' : 'Score by policy'}
            />
          </div>
        )}
      </Panel>
      <Panel title="Score by compliance framework">
        {frameworks.length === 0 ? (
          <EmptyState icon="audits" title="No framework mapping">
            The policies’ checks name no compliance controls yet.
          </EmptyState>
        ) : (
          <div
            className="chart"
            style={{ height: chartHeight(frameworks.length) }}
            data-testid="chart-frameworks"
          >
            <ScoreBarsChart bars={frameworks} subject="Score by compliance framework" />
          </div>
        )}
      </Panel>
    </div>
  );
}
