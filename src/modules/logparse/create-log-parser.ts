import type { LineSource, SecurityEvent } from '../../protocol/security-event.ts';
import { createSshdTracker } from './create-sshd-tracker.ts';
import { parseLine } from './parse-line.ts';

export interface LogParser {
  /** Events completed by this line: usually its own; none while auditd records gather; more when it completes others. */
  push(line: string, source: LineSource): SecurityEvent[];
  /** Whatever is still held (an auditd group, failures waiting for their source). */
  flush(): SecurityEvent[];
}

/**
 * The stateful side of parsing, for one stream of lines in log order: sshd connections are
 * followed across lines (createSshdTracker) and auditd records are grouped into one event per
 * serial (createAuditGrouper). Everything else is parseLine.
 */
export function createLogParser(): LogParser {
  const sshd = createSshdTracker();
  return {
    push(line, source) {
      return sshd.push(parseLine(line, source));
    },
    flush() {
      return sshd.flush();
    },
  };
}
