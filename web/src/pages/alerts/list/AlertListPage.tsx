import { useCallback, useState } from 'react';
import { alertSummary, alertTimeline } from '../../../api/alerts.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { LoadMoreFooter } from '../../../components/LoadMoreFooter.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { useResource } from '../../../hooks/useResource.ts';
import { SuppressionsPanel } from '../suppressions/SuppressionsPanel.tsx';
import { AlertFilterBar } from './AlertFilterBar.tsx';
import {
  defaultFilterValues,
  timeRanges,
  toAlertFilters,
  type AlertFilterValues,
} from './alertFilterValues.ts';
import { AlertRow } from './AlertRow.tsx';
import { AlertStats } from './AlertStats.tsx';
import { AlertTimelineChart } from './AlertTimelineChart.tsx';
import { useAlertPages } from './useAlertPages.ts';

const columns = ['Severity', 'Alert', 'Entities', 'Events', 'First seen', 'Last seen', 'Status', 'Assignee'];
const count = new Intl.NumberFormat();

/** Kept while the console is open, so Back from an alert returns to the list as it was filtered. */
let remembered = defaultFilterValues;

export function AlertListPage() {
  const [values, setValues] = useState(remembered);
  const [filters, setFilters] = useState(() => toAlertFilters(values, Date.now()));
  const bucket = timeRanges[values.range].bucket;
  const loadTimeline = useCallback(() => alertTimeline(filters, bucket), [filters, bucket]);
  const timeline = useResource(loadTimeline);
  const summary = useResource(alertSummary);
  const pages = useAlertPages(filters);
  const alerts = pages.page?.alerts;

  function apply(next: AlertFilterValues) {
    remembered = next;
    setValues(next);
    setFilters(toAlertFilters(next, Date.now()));
  }

  const actions = (
    <div className="alert-list-actions">
      {alerts !== undefined && (
        <span className="toolbar-count" data-testid="alert-count">
          {count.format(alerts.length)}{' '}
          {pages.more ? 'most recent' : alerts.length === 1 ? 'alert' : 'alerts'}
        </span>
      )}
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => {
          setFilters(toAlertFilters(values, Date.now()));
          summary.reload();
        }}
      >
        Refresh
      </button>
    </div>
  );

  return (
    <div className="page">
      <p className="page-lead">
        What Vigil’s detection rules found in your hosts’ logs. Repeats of one attack are merged into one
        alert; acknowledge it while you look into it, then resolve it or mark it a false positive.
      </p>
      {summary.data !== undefined && <AlertStats summary={summary.data} />}
      <ErrorAlert error={summary.error} />
      <Panel title="Alerts" flush actions={actions}>
        <div className="panel-toolbar">
          <AlertFilterBar initial={values} onApply={apply} />
        </div>
        <div className="alert-chart">
          <ErrorAlert error={timeline.error} />
          <div className="chart chart-short" data-testid="alert-timeline">
            {timeline.data !== undefined && <AlertTimelineChart timeline={timeline.data} />}
          </div>
        </div>
        <ErrorAlert error={pages.error} />
        {alerts === undefined ? (
          pages.loading && <Loading />
        ) : alerts.length === 0 ? (
          <EmptyState icon="alerts" title="No alerts match">
            Nothing was detected with these filters in the {timeRanges[values.range].label.toLowerCase()}.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table alert-table">
              <TableHead columns={columns} />
              <tbody>
                {alerts.map((alert) => (
                  <AlertRow key={alert.id} alert={alert} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LoadMoreFooter pages={pages} />
      </Panel>
      <SuppressionsPanel />
    </div>
  );
}
