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
  /** push, appending to `out` instead of returning a new array: the bulk path (`vigil detect`). */
  pushInto(line: string, source: LineSource, out: SecurityEvent[]): void;
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
  const pushInto = (line: string, source: LineSource, out: SecurityEvent[]): void => {
    if (line.includes('msg=audit(')) {
      const text = line.length > maxLineLength ? line.slice(0, maxLineLength) : line;
      const header = readHeader(text, source);
      const record = parseAuditRecord(header.message);
      if (record) {
        for (const event of audit.push(record, line, { header, raw: line, logName: source.name }))
          out.push(event);
        return;
      }
    }
    sshd.pushInto(parseLine(line, source), out);
  };
  return {
    push(line, source) {
      const out: SecurityEvent[] = [];
      pushInto(line, source, out);
      return out;
    },
    pushInto,
    flush() {
      return [...audit.flush(), ...sshd.flush()];
    },
  };
}
