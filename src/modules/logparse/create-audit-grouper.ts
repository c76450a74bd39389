import type { SecurityEvent } from '../../protocol/security-event.ts';
import { auditEvent, type AuditGroup } from './audit-event.ts';
import type { LineContext } from './new-event.ts';
import type { AuditRecord } from './parse-audit-record.ts';

export interface AuditGrouper {
  /** The group this record completes (a new serial arrived, or this is its EOE), if any. */
  push(record: AuditRecord, line: string, context: LineContext): SecurityEvent[];
  flush(): SecurityEvent[];
}

// A runaway event (an EXECVE with thousands of arguments is split over many records) is cut here.
const maxRecords = 256;

/**
 * auditd writes one event as several records (SYSCALL, EXECVE, CWD, PATH…, PROCTITLE, EOE)
 * sharing `msg=audit(time:serial)`, consecutively. A group ends at its EOE record, when a
 * record with another serial arrives, or on flush().
 */
export function createAuditGrouper(): AuditGrouper {
  let current: (AuditGroup & { serial: string }) | undefined;
  const close = (): SecurityEvent[] => {
    const group = current;
    current = undefined;
    return group ? [auditEvent(group)] : [];
  };
  return {
    push(record, line, context) {
      const out = current && current.serial !== record.serial ? close() : [];
      if (record.type === 'EOE') return [...out, ...close()];
      current ??= { serial: record.serial, records: [], lines: [], context };
      if (current.records.length < maxRecords) {
        current.records.push(record);
        current.lines.push(line);
      }
      return out;
    },
    flush: close,
  };
}
