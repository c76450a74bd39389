import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import type { Finding } from '../../protocol/finding.ts';
import type { DB } from '../../store/schema.ts';
import { recordFinding, type RecordOptions, type RecordOutcome } from './record-finding.ts';

export type AlertListener = (outcome: RecordOutcome, finding: Finding) => void;

/** Where the detection engine hands its findings, and where notifiers hear what became of them. */
export interface AlertSink {
  /**
   * Records the finding (see recordFinding), then tells every listener; resolves after both.
   * `dedupWindowMs` overrides the sink's for a finding that repeats on its own schedule.
   */
  record(finding: Finding, source?: Pick<RecordOptions, 'agentId' | 'dedupWindowMs'>): Promise<RecordOutcome>;
  /** Adds a listener; the returned function removes it. */
  onChange(listener: AlertListener): () => void;
}

export interface AlertSinkOptions extends Omit<RecordOptions, 'agentId'> {
  /** Where a throwing listener is reported; the other listeners and the caller carry on. */
  logger?: Pick<Logger, 'error'>;
}

/**
 * Listeners run after the alert is committed, in the order they were added,
 * synchronously: a notifier should queue its work and return rather than
 * hold up detection. A listener that throws is logged and skipped.
 */
export function createAlertSink(db: Kysely<DB>, clock: Clock, options: AlertSinkOptions = {}): AlertSink {
  const { logger, ...recordOptions } = options;
  const listeners = new Set<AlertListener>();
  return {
    async record(finding, source) {
      const outcome = await recordFinding(db, finding, clock.now(), { ...recordOptions, ...source });
      for (const listener of listeners) {
        try {
          listener(outcome, finding);
        } catch (err) {
          logger?.error({ err, ruleId: finding.rule.id }, 'an alert listener failed');
        }
      }
      return outcome;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
