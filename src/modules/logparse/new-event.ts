import { ocsfClasses, type SecurityEvent } from '../../protocol/security-event.ts';
import type { LineHeader } from './read-header.ts';
import { deviceOf, programParts } from './shared-parts.ts';

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

/**
 * All a message parser sees of a line. Without the line's time, host and pid, what it derives
 * holds for every line that repeats the message, so it is worked out once (see messageDraft).
 */
export interface ProgramMessage {
  program?: string;
  message: string;
}

/** The fields a message parser may set: the line's own (time, text, host, logging process) are newEvent's. */
export type DraftFields = Omit<
  Partial<SecurityEvent>,
  'time' | 'message' | 'raw_data' | 'metadata' | 'device' | 'actor'
> & { actor?: Omit<NonNullable<SecurityEvent['actor']>, 'process'> };

/** An event as a message parser describes it; newEvent adds the line. */
export interface EventDraft {
  kind: EventKind;
  fields: DraftFields;
}

export type MessageParser = (input: ProgramMessage) => EventDraft | undefined;

/** Lines longer than this are cut before any pattern sees them; no legitimate log line comes close. */
export const maxLineLength = 64 * 1024;

/**
 * The event of one line. `fields` become the event's own properties and may be shared with
 * other events (drafts are reused and frozen), so nothing here writes into them; so are the
 * product, logsource and device, which are the same for many lines. `metadata` is the event's
 * own (its sequence is set downstream).
 */
export function newEvent(
  context: LineContext,
  kind: EventKind,
  fields?: Partial<SecurityEvent>,
): SecurityEvent {
  // Built field by field, not from spreads: this runs once per line.
  const { header } = context;
  const ocsf = ocsfClasses[kind.class];
  const program = header.program;
  const { product, logsource } = programParts(program);
  const metadata: SecurityEvent['metadata'] =
    kind.code === undefined
      ? { product, log_name: context.logName }
      : { product, log_name: context.logName, event_code: kind.code };
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
    logsource,
  };
  if (header.hostname !== undefined) event.device = deviceOf(header.hostname);
  if (fields !== undefined) Object.assign(event, fields);
  if (kind.status) {
    event.status = kind.status;
    event.status_id = kind.status === 'Success' ? 1 : 2;
  }
  // The logging process is the actor in OCSF terms; sshd's pid also tells one connection from another.
  if (program !== undefined) {
    const actor = event.actor;
    if (actor === undefined) event.actor = { process: loggerOf(program, header.pid) };
    else if (actor.process === undefined) event.actor = { ...actor, process: loggerOf(program, header.pid) };
  }
  return event;
}

/** The event of a line whose message a message parser described. */
export function eventOf(context: LineContext, draft: EventDraft): SecurityEvent {
  return newEvent(context, draft.kind, draft.fields);
}

function loggerOf(name: string, pid: number | undefined): { name: string; pid?: number } {
  return pid === undefined ? { name } : { name, pid };
}
