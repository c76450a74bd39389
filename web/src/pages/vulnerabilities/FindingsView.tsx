import { useCallback, useState } from 'react';
import { listFindings } from '../../api/vulnerabilities.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useResource } from '../../hooks/useResource.ts';
import { FindingsTable } from './FindingsTable.tsx';
import { isFiltered, pageSize, toFindingFilters, type VulnFilterValues } from './vulnFilters.ts';
import { formatCount } from './vulnLabels.ts';

interface FindingsViewProps {
  values: VulnFilterValues;
  selected: ReadonlySet<string> | undefined;
  onSelect: (ids: readonly string[], on: boolean) => void;
  hostHref: (agentId: string) => string;
}

/** One page of findings for the filters. The parent keys it by the filters, so a change starts at page one. */
export function FindingsView({ values, selected, onSelect, hostHref }: FindingsViewProps) {
  const [offset, setOffset] = useState(0);
  const load = useCallback(() => listFindings(toFindingFilters(values, offset)), [values, offset]);
  const list = useResource(load);
  const data = list.data;

  if (data === undefined)
    return (
      <>
        <ErrorAlert error={list.error} />
        {list.loading && <Loading />}
      </>
    );
  if (data.findings.length === 0)
    return (
      <EmptyState
        icon="vulnerabilities"
        title={isFiltered(values) ? 'No finding matches' : 'No open findings'}
      >
        {isFiltered(values)
          ? 'Nothing matches these filters. Reset them to see every open finding.'
          : 'No installed package matches an advisory in the imported feeds.'}
      </EmptyState>
    );

  const last = Math.min(offset + data.findings.length, data.total);
  return (
    <>
      <ErrorAlert error={list.error} />
      <FindingsTable findings={data.findings} selected={selected} onSelect={onSelect} hostHref={hostHref} />
      <div className="panel-footer panel-footer-split">
        <span className="muted" data-testid="vuln-count">
          {data.total === 1
            ? '1 finding'
            : `${formatCount(offset + 1)}–${formatCount(last)} of ${formatCount(data.total)} findings`}
        </span>
        {data.total > pageSize && (
          <span className="pager">
            <button
              type="button"
              className="btn btn-sm"
              disabled={offset === 0 || list.loading}
              onClick={() => setOffset(Math.max(0, offset - pageSize))}
            >
              Previous
            </button>
            <button
              type="button"
              className="btn btn-sm"
              disabled={last >= data.total || list.loading}
              onClick={() => setOffset(offset + pageSize)}
            >
              Next
            </button>
          </span>
        )}
      </div>
    </>
  );
}
