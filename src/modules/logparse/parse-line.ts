import type { LineSource, SecurityEvent } from '../../protocol/security-event.ts';
import { messageDraft } from './message-draft.ts';
import { eventOf, maxLineLength, newEvent, type LineContext, type MessageParser } from './new-event.ts';
import { programMemo } from './program-memo.ts';
import { lineParsers, messageParsers, sniffParsers, type LineParser } from './program-parsers.ts';
import { readHeader } from './read-header.ts';

/**
 * One raw line → one normalized event. Pure and allocation-light: the syslog header first (or
 * the journald fields), then PAM's or the program's parser, then parsers that recognise their
 * lines by content (web access logs, auditd, kernel firewall lines). A line no parser
 * understands is still a Base Event with its message, so keyword rules see it.
 */
export function parseLine(line: string, source: LineSource): SecurityEvent {
  const text = line.length > maxLineLength ? line.slice(0, maxLineLength) : line;
  const header = readHeader(text, source);
  const context: LineContext = { header, raw: line, logName: source.name };
  const program = header.program;
  const parsers = program === undefined ? undefined : parsersFor(program);
  const draft = messageDraft(header, parsers?.message);
  if (draft) return eventOf(context, draft);
  const event = parsers?.line?.(context) ?? sniff(context);
  return event ?? newEvent(context, { class: 'base', activity: 0 });
}

interface ProgramParsers {
  message?: MessageParser;
  line?: LineParser;
}

/** The parsers for a program name as written or in lower case ("CRON"). */
const parsersFor = programMemo((program): ProgramParsers => {
  const lower = program.toLowerCase();
  const parsers: ProgramParsers = {};
  const message = messageParsers.get(program) ?? messageParsers.get(lower);
  const line = lineParsers.get(program) ?? lineParsers.get(lower);
  if (message) parsers.message = message;
  if (line) parsers.line = line;
  return parsers;
});

function sniff(context: LineContext): SecurityEvent | undefined {
  for (const parser of sniffParsers) {
    const event = parser(context);
    if (event) return event;
  }
  return undefined;
}
