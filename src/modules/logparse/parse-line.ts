import type { LineSource, SecurityEvent } from '../../protocol/security-event.ts';
import { maxLineLength, newEvent, type LineContext } from './new-event.ts';
import { parsePam } from './parse-pam.ts';
import { programParsers, sniffParsers, type LineParser } from './program-parsers.ts';
import { readHeader } from './read-header.ts';

/**
 * One raw line → one normalized event. Pure and allocation-light: the syslog header first (or
 * the journald fields), then the parser for the program that wrote it, then parsers that
 * recognise their lines by content (web access logs, auditd, kernel firewall lines). A line no
 * parser understands is still a Base Event with its message, so keyword rules see it.
 */
export function parseLine(line: string, source: LineSource): SecurityEvent {
  const text = line.length > maxLineLength ? line.slice(0, maxLineLength) : line;
  const header = readHeader(text, source);
  const context: LineContext = { header, raw: line, logName: source.name };
  const program = header.program;
  // Any program may log through a PAM module ("pam_unix(sshd:auth): …", "(pam_unix) …").
  const pam = mayBePam(header.message) ? parsePam(context) : undefined;
  const parser = program === undefined ? undefined : parserFor(program);
  const event = pam ?? parser?.(context) ?? sniff(context);
  return event ?? newEvent(context, { class: 'base', activity: 0 });
}

function mayBePam(message: string): boolean {
  const first = message.charCodeAt(0);
  if (first === 112 /* p */) return message.startsWith('pam_');
  return first === 40 /* ( */ && message.startsWith('(pam_');
}

/** Program names seen, with their parser or null; names come from log lines, so the cache is bounded. */
const parserByProgram = new Map<string, LineParser | null>();
const maxPrograms = 1024;

/** The parser for a program name as written or in lower case ("CRON"). */
function parserFor(program: string): LineParser | undefined {
  let parser = parserByProgram.get(program);
  if (parser === undefined) {
    parser = programParsers.get(program) ?? programParsers.get(program.toLowerCase()) ?? null;
    if (parserByProgram.size >= maxPrograms) parserByProgram.clear();
    parserByProgram.set(program, parser);
  }
  return parser ?? undefined;
}

function sniff(context: LineContext): SecurityEvent | undefined {
  for (const parser of sniffParsers) {
    const event = parser(context);
    if (event) return event;
  }
  return undefined;
}
