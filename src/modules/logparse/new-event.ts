import { ocsfClasses, type SecurityEvent } from '../../protocol/security-event.ts';
import type { LineHeader } from './read-header.ts';

/** One line on its way through a program parser. */
export interface LineContext {
  header: LineHeader;
  /** The line exactly as read. */
  raw: string;
  /** LineSource.name: the file, `journald`, `syslog:<sender>`. */
  logName: string;
}

export interface EventKind {
  class: keyof typeof ocsfClasses;
  activity: number;
  /** `<parser>.<kind>`; see docs/detection.md "Parsing". */
  code?: string;
  status?: 'Success' | 'Failure';
}

/** Lines longer than this are cut before any pattern sees them; no legitimate log line comes close. */
export const maxLineLength = 64 * 1024;

export function newEvent(
  context: LineContext,
  kind: EventKind,
  fields?: Partial<SecurityEvent>,
): SecurityEvent {
  // Built field by field, not from spreads: this runs once per line.
  const { header } = context;
  const ocsf = ocsfClasses[kind.class];
  const program = header.program;
  const metadata: SecurityEvent['metadata'] = {
    product: { name: program ?? 'syslog' },
    log_name: context.logName,
  };
  if (kind.code !== undefined) metadata.event_code = kind.code;
  const event: SecurityEvent = {
    class_uid: ocsf.uid,
    class_name: ocsf.name,
    category_uid: ocsf.category,
    activity_id: kind.activity,
    type_uid: ocsf.uid * 100 + kind.activity,
    time: header.time,
    message: header.message,
    raw_data: context.raw,
    metadata,
    logsource: { product: 'linux', service: program ?? 'syslog' },
  };
  if (header.hostname !== undefined) event.device = { hostname: header.hostname };
  if (fields !== undefined) Object.assign(event, fields);
  if (kind.status) {
    event.status = kind.status;
    event.status_id = kind.status === 'Success' ? 1 : 2;
  }
  // The logging process is the actor in OCSF terms; sshd's pid also tells one connection from another.
  // `fields` and what it holds become the event's own (the parsers build them per line).
  if (program !== undefined) {
    const actor = event.actor;
    if (actor === undefined) event.actor = { process: loggerOf(program, header.pid) };
    else actor.process ??= loggerOf(program, header.pid);
  }
  return event;
}

function loggerOf(name: string, pid: number | undefined): { name: string; pid?: number } {
  return pid === undefined ? { name } : { name, pid };
}
