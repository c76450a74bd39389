import type { ReactNode } from 'react';
import type { StoredEvent } from '../../../../../src/protocol/agents.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { LoadMoreFooter } from '../../../components/LoadMoreFooter.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { TableHead } from '../../../components/TableHead.tsx';
import type { EventPages } from '../../../hooks/useEventPages.ts';

interface EventTableProps {
  pages: EventPages;
  columns: string[];
  /** The table's class names beyond `table table-dense`. */
  className?: string;
  empty: { title: string; text: ReactNode };
  row: (event: StoredEvent) => ReactNode;
}

/** An agent's events as a table fetched page by page: error, loading, empty state and "Load more" included. */
export function EventTable({ pages, columns, className, empty, row }: EventTableProps) {
  const { events, loading, error } = pages;
  return (
    <>
      <ErrorAlert error={error} />
      {events === undefined ? (
        loading && <Loading />
      ) : events.length === 0 ? (
        <EmptyState icon="log" title={empty.title}>
          {empty.text}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table className={`table table-dense${className ? ` ${className}` : ''}`}>
            <TableHead columns={columns} />
            <tbody>{events.map(row)}</tbody>
          </table>
        </div>
      )}
      <LoadMoreFooter pages={pages} />
    </>
  );
}
