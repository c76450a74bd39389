import { Fragment } from 'react';
import type { AlertDetail } from '../../../../../src/protocol/alerts.ts';
import type { SecurityEvent } from '../../../../../src/protocol/security-event.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { Panel } from '../../../components/Panel.tsx';
import { formatDateTime } from '../../../format/time.ts';
import { toIso } from '../toIso.ts';

const count = new Intl.NumberFormat();
// Compact, so the raw line keeps the width; the full date is in the tooltip.
const lineTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The log lines behind the alert, oldest first, with a marker where the middle of a long run was dropped. */
export function EvidencePanel({ alert }: { alert: AlertDetail }) {
  const { evidence, evidence_omitted: omitted } = alert;
  const total = evidence.length + omitted;
  return (
    <Panel
      title="Evidence"
      flush
      actions={
        <span className="toolbar-count">
          {omitted > 0
            ? `${count.format(evidence.length)} of ${count.format(total)} lines kept`
            : `${count.format(total)} ${total === 1 ? 'line' : 'lines'}`}
        </span>
      }
    >
      {evidence.length === 0 ? (
        <EmptyState icon="log" title="No evidence kept">
          The rule that raised this alert passed on no events.
        </EmptyState>
      ) : (
        <ol className="evidence" data-testid="alert-evidence">
          {evidence.map((line, index) => {
            const previous = evidence[index - 1];
            const skipped = previous === undefined ? 0 : line.seq - previous.seq - 1;
            const { metadata } = line.event as Partial<SecurityEvent>;
            return (
              <Fragment key={line.seq}>
                {skipped > 0 && (
                  <li className="evidence-gap" data-testid="evidence-gap">
                    {count.format(skipped)} more {skipped === 1 ? 'line' : 'lines'} not kept
                  </li>
                )}
                <li className="evidence-line" data-testid="evidence-line">
                  <time
                    className="evidence-time"
                    dateTime={toIso(line.time)}
                    title={formatDateTime(toIso(line.time))}
                  >
                    {lineTime.format(line.time)}
                  </time>
                  <code className="evidence-code" title={metadata?.log_name}>
                    {metadata?.event_code ?? metadata?.product.name ?? 'event'}
                  </code>
                  <span className="evidence-raw">{line.raw_data}</span>
                </li>
              </Fragment>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
