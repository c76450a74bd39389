import { useMemo, useState } from 'react';
import type { AuditOverview } from '../../../../../src/protocol/audits-api.ts';
import { href, navigate } from '../../../app/router.ts';
import { Timestamp } from '../../../components/Timestamp.tsx';
import { ScoreCell } from '../AuditBadges.tsx';
import { hostAuditPath } from '../auditPaths.ts';

type HostScore = AuditOverview['hosts'][number];
type SortKey = 'hostname' | 'group' | 'score' | 'failed' | 'lastRunAt';
type Direction = 'ascending' | 'descending';

const count = new Intl.NumberFormat();

const columns: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'hostname', label: 'Host' },
  { key: 'group', label: 'Group' },
  { key: 'score', label: 'Score', numeric: true },
  { key: 'failed', label: 'Failed', numeric: true },
  { key: 'lastRunAt', label: 'Last audit' },
];

/** Hosts never audited (no score, no run) sort last whichever way, so they do not hide the worst. */
function compare(key: SortKey, direction: Direction, a: HostScore, b: HostScore): number {
  const left = a[key];
  const right = b[key];
  if (left === null || right === null) return (left === null ? 1 : 0) - (right === null ? 1 : 0);
  const order =
    typeof left === 'number' && typeof right === 'number'
      ? left - right
      : String(left).localeCompare(String(right));
  return direction === 'ascending' ? order : -order;
}

/** First click on a column: the order its worst or first comes on top. */
const firstDirection: Record<SortKey, Direction> = {
  hostname: 'ascending',
  group: 'ascending',
  score: 'ascending',
  failed: 'descending',
  lastRunAt: 'descending',
};

/** Every host's score and failures, worst first by default; each column header sorts. */
export function HostScoresTable({ hosts }: { hosts: AuditOverview['hosts'] }) {
  const [sort, setSort] = useState<{ key: SortKey; direction: Direction }>({
    key: 'score',
    direction: 'ascending',
  });
  const sorted = useMemo(() => {
    return [...hosts].sort(
      (a, b) => compare(sort.key, sort.direction, a, b) || a.hostname.localeCompare(b.hostname),
    );
  }, [hosts, sort]);

  return (
    <div className="table-scroll">
      <table className="table" data-testid="audit-hosts">
        <thead>
          <tr>
            {columns.map(({ key, label }) => {
              const active = sort.key === key;
              return (
                <th key={key} scope="col" aria-sort={active ? sort.direction : undefined}>
                  <button
                    type="button"
                    className="sort-button"
                    data-testid={`sort-${key}`}
                    onClick={() =>
                      setSort({
                        key,
                        direction: active
                          ? sort.direction === 'ascending'
                            ? 'descending'
                            : 'ascending'
                          : firstDirection[key],
                      })
                    }
                  >
                    {label}
                    <span className="sort-mark" aria-hidden="true">
                      {active ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col">Passed</th>
            <th scope="col">Not applicable</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((host) => {
            const path = hostAuditPath(host.agentId);
            return (
              <tr
                key={host.agentId}
                data-testid="audit-host-row"
                className="row-link"
                // The hostname is the real link for keyboards and screen readers; a click elsewhere on the row is a shortcut.
                onClick={(event) => {
                  if (!(event.target instanceof Element) || event.target.closest('a, button') === null)
                    navigate(path);
                }}
              >
                <td>
                  <a className="cell-link" href={href(path)}>
                    {host.hostname}
                  </a>
                </td>
                <td>
                  <span className="chip">{host.group}</span>
                </td>
                <td>
                  <ScoreCell score={host.score} />
                </td>
                <td className={host.failed > 0 ? 'num danger-text' : 'num'} data-testid="host-failed">
                  {count.format(host.failed)}
                </td>
                <td className="nowrap">
                  <Timestamp value={host.lastRunAt} relative fallback="Never" />
                </td>
                <td className="num">{count.format(host.passed)}</td>
                <td className="num">{count.format(host.notApplicable)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
