import { useEffect, useState } from 'react';
import type { AuditPage } from '../../../../../src/protocol/audit.ts';
import { auditExportUrl, listAudit } from '../../../api/audit.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import { AuditFilters, type AuditFilterValues } from './AuditFilters.tsx';
import { AuditRow } from './AuditRow.tsx';
import { VerifyChain } from './VerifyChain.tsx';

const pageSize = 100;
const columns = ['Time', 'Actor', 'Action', 'Target', 'Source IP', 'Status', 'Outcome'];

function query(filters: AuditFilterValues, before?: number) {
  return {
    limit: pageSize,
    before,
    actor: filters.actor || undefined,
    outcome: filters.outcome || undefined,
  };
}

export function AuditLogPage() {
  const [filters, setFilters] = useState<AuditFilterValues>({ actor: '', outcome: '' });
  const [page, setPage] = useState<AuditPage>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    listAudit(query(filters))
      .then((first) => current && setPage(first))
      .catch((caught: unknown) => current && setError(caught))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [filters]);

  async function loadMore(loaded: AuditPage, before: number) {
    setLoading(true);
    setError(undefined);
    try {
      const next = await listAudit(query(filters, before));
      setPage({ entries: [...loaded.entries, ...next.entries], nextBefore: next.nextBefore });
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  }

  const nextBefore = page?.nextBefore ?? null;

  const exports = (
    <>
      <a className="btn btn-sm" href={auditExportUrl('json')} download>
        <Icon name="download" size={16} />
        Export JSON
      </a>
      <a className="btn btn-sm" href={auditExportUrl('jsonl')} download>
        <Icon name="download" size={16} />
        Export JSONL
      </a>
    </>
  );

  return (
    <div className="page">
      <p className="page-lead">Every sign-in and every change made through Vigil, newest first.</p>
      <VerifyChain />
      <Panel title="Entries" flush actions={exports}>
        <div className="panel-toolbar">
          <AuditFilters onApply={setFilters} />
        </div>
        <ErrorAlert error={error} />
        {page === undefined ? (
          loading && <Loading />
        ) : page.entries.length === 0 ? (
          <EmptyState icon="log" title="No matching entries">
            Try a different actor or outcome.
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="table table-dense">
              <TableHead columns={columns} />
              <tbody>
                {page.entries.map((entry) => (
                  <AuditRow key={entry.seq} entry={entry} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page !== undefined && nextBefore !== null && (
          <div className="panel-footer">
            <button
              type="button"
              className="btn"
              disabled={loading}
              onClick={() => void loadMore(page, nextBefore)}
            >
              Load more
            </button>
          </div>
        )}
      </Panel>
    </div>
  );
}
