import type { AuditCheckDetail } from '../../../../../src/protocol/audits-api.ts';
import { formatDateTime } from '../../../format/time.ts';
import { ResultBadge } from '../AuditBadges.tsx';
import { resultLabels } from '../auditLabels.ts';
import { RuleEvidence } from './RuleEvidence.tsx';

type Run = AuditCheckDetail['history'][number];

const short = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * The check's result on this host run by run: a strip of marks, oldest to newest, to see at a
 * glance when it changed, then each run newest first with its reason and, opened, its evidence.
 */
export function CheckHistory({ history }: { history: readonly Run[] }) {
  const oldestFirst = [...history].sort((a, b) => a.runAt.localeCompare(b.runAt));
  const newestFirst = [...oldestFirst].reverse();
  return (
    <>
      <ol className="history-strip" aria-label="Results, oldest to newest" data-testid="history-strip">
        {oldestFirst.map((run, index) => {
          const changed = index > 0 && oldestFirst[index - 1]?.result !== run.result;
          return (
            <li
              key={run.runAt}
              className={`history-mark history-${run.result}${changed ? ' history-changed' : ''}`}
              title={`${formatDateTime(run.runAt)}: ${resultLabels[run.result]}`}
            >
              <span className="visually-hidden">
                {formatDateTime(run.runAt)}: {resultLabels[run.result]}
              </span>
            </li>
          );
        })}
      </ol>
      <ol className="history" data-testid="check-history">
        {newestFirst.map((run, index) => {
          const previous = newestFirst[index + 1];
          const changed = previous !== undefined && previous.result !== run.result;
          return (
            <li key={run.runAt} className={`history-entry history-${run.result}`} data-testid="history-entry">
              <details open={index === 0 && newestFirst.length === 1}>
                <summary className="history-summary">
                  <time dateTime={run.runAt} title={formatDateTime(run.runAt)} className="history-time">
                    {short.format(new Date(run.runAt))}
                  </time>
                  <ResultBadge result={run.result} testId="history-result" />
                  {changed && (
                    <span className="history-change" data-testid="history-change">
                      was {resultLabels[previous.result].toLowerCase()}
                    </span>
                  )}
                  {run.reason !== null && run.reason !== '' && (
                    <span className="history-reason">{run.reason}</span>
                  )}
                </summary>
                <RuleEvidence rules={run.rules} />
              </details>
            </li>
          );
        })}
      </ol>
    </>
  );
}
