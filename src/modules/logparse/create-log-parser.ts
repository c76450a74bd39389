import type { LineSource, SecurityEvent } from '../../protocol/security-event.ts';
import { createAuditGrouper } from './create-audit-grouper.ts';
import { createSshdTracker } from './create-sshd-tracker.ts';
import { maxLineLength } from './new-event.ts';
import { parseAuditRecord } from './parse-audit-record.ts';
import { parseLine } from './parse-line.ts';
import { readHeader } from './read-header.ts';

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
  const audit = createAuditGrouper();
  return {
    push(line, source) {
      if (line.includes('msg=audit(')) {
        const text = line.length > maxLineLength ? line.slice(0, maxLineLength) : line;
        const header = readHeader(text, source);
        const record = parseAuditRecord(header.message);
        if (record) return audit.push(record, line, { header, raw: line, logName: source.name });
      }
      return sshd.push(parseLine(line, source));
    },
    flush() {
      return [...audit.flush(), ...sshd.flush()];
    },
  };
}
