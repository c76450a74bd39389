import type { SecurityEvent } from '../../protocol/security-event.ts';
import { auditEvent } from './audit-event.ts';
import type { LineContext } from './new-event.ts';
import { parseAuditRecord } from './parse-audit-record.ts';

/** One auditd record as an event of its own; createLogParser groups records by serial instead. */
export function parseAudit(context: LineContext): SecurityEvent | undefined {
  const record = parseAuditRecord(context.header.message);
  return record && auditEvent({ records: [record], lines: [context.raw], context });
}
