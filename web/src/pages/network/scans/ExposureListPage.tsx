import { useCallback, useMemo } from 'react';
import { listExposure } from '../../../api/netscans.ts';
import { navigate, useHashQuery, withQuery } from '../../../app/router.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { LoadMoreFooter } from '../../../components/LoadMoreFooter.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { useOffsetPages } from '../../../hooks/useOffsetPages.ts';
import { formatCount } from '../../vulnerabilities/vulnLabels.ts';
import { exposureQuery, readExposureFilters, toExposureQuery } from './exposureFilters.ts';
import { ExposureFilterBar } from './ExposureFilterBar.tsx';
import { ExposureTable } from './ExposureTable.tsx';
import { exposurePath } from './netscanPaths.ts';

const pageSize = 200;

/** `#/network/exposure[?filters]`: every service the scans ever reached, what it is, and when it was seen. */
export function ExposureListPage() {
  const query = useHashQuery();
  const values = useMemo(() => readExposureFilters(query), [query]);
  const load = useCallback(
    (offset: number) =>
      listExposure(toExposureQuery(values, offset, pageSize)).then((list) => ({
        items: list.endpoints,
        total: list.total,
      })),
    [values],
  );
  const pages = useOffsetPages(load);
  const endpoints = pages.items;
  const filtered = exposureQuery(values).size > 0;

  return (
    <div className="page">
      <p className="page-lead">
        Every service a network scan reached, across all scans: what listens, whether it let a client in
        without a password, and when it was first and last seen. A database or cache that answers without
        credentials is the first thing to close.
      </p>
      <Panel
        title="Exposure inventory"
        flush
        actions={
          <>
            {endpoints !== undefined && (
              <span className="muted" data-testid="net-exposure-count">
                {formatCount(pages.total)} endpoints
              </span>
            )}
            <button type="button" className="btn btn-sm" onClick={pages.reload}>
              Refresh
            </button>
          </>
        }
      >
        <div className="panel-toolbar">
          <ExposureFilterBar
            key={query.toString()}
            values={values}
            onApply={(next) => navigate(withQuery(exposurePath, exposureQuery(next)))}
          />
        </div>
        <ErrorAlert error={pages.error} />
        {endpoints === undefined ? (
          pages.loading && <Loading />
        ) : endpoints.length === 0 ? (
          <EmptyState icon="network" title={filtered ? 'No endpoint matches' : 'Nothing exposed yet'}>
            {filtered
              ? 'Nothing matches these filters. Reset them to see every open endpoint.'
              : 'Endpoints appear here once a network scan finds an open port.'}
          </EmptyState>
        ) : (
          <ExposureTable endpoints={endpoints} />
        )}
        <LoadMoreFooter pages={pages} />
      </Panel>
    </div>
  );
}
