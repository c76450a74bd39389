import type { LineSource } from '../../protocol/security-event.ts';
import { scanSyslog } from '../syslog/scan-syslog.ts';
import { trimLineEnd } from '../syslog/trim-line-end.ts';

/** What every line has before its program-specific part. */
export interface LineHeader {
  /** Epoch ms UTC; the source's reference time when the line carries none. */
  time: number;
  /** True when the time came from the line (or its journal entry) rather than the fallback. */
  timed: boolean;
  hostname?: string;
  program?: string;
  pid?: number;
  /** The line without its syslog header: what the program wrote. */
  message: string;
}

// "[sshd]:" or "(sshd)" where a tag should be: written by some BSD and busybox syslogds.
const bracketedTag = /^[[(]([\w.-]{1,48})[\])]:?$/;
// Prefixes some systems put inside the message: Solaris' "[ID 800047 auth.info]", the kernel's uptime stamp.
const innerPrefix = /^(?:\[ID \d{1,12} [\w.]{1,32}\] |(?:kernel: ?)?\[ {0,12}\d{1,12}\.\d{1,9}\]:? ?)/;
// "2020-03-23 06:47:42.801612-0700  host …": RFC 3339 with a space for the T (and sometimes two
// after it), as some tools write files. The syslog parser reads only the T form.
const spacedIso = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?) {1,8}/;

export function readHeader(line: string, source: LineSource): LineHeader {
  const fallback = source.referenceTime ?? Date.now();
  const journal = source.journal;
  if (journal) return journalHeader(line, journal, fallback);
  let text = trimLineEnd(line);
  let scan = scanSyslog(text, fallback, 0);
  if (scan.format === 'unknown' && maybeSpacedIso(line) && spacedIso.test(line)) {
    text = trimLineEnd(line.replace(spacedIso, '$1T$2 '));
    scan = scanSyslog(text, fallback, 0);
  }
  if (scan.format === 'unknown') return headerOf(fallback, false, undefined, undefined, undefined, line);
  const timed = !Number.isNaN(scan.millis);
  const time = timed ? scan.millis : fallback;
  const fields = scan.rfc5424;
  if (fields) {
    return finishSyslogHeader(
      headerOf(time, timed, fields.hostname, fields.appName, pidOf(fields.procId), fields.message),
    );
  }
  return finishSyslogHeader(
    headerOf(
      time,
      timed,
      scan.hostStart === -1 ? undefined : text.slice(scan.hostStart, scan.hostEnd),
      scan.appStart === -1 ? undefined : text.slice(scan.appStart, scan.appEnd),
      scan.pidStart === -1 ? undefined : pidAt(text, scan.pidStart, scan.pidEnd),
      text.slice(scan.messageStart),
    ),
  );
}

/** A syslog line's header; a lone "[sshd]:" where the host should be is read as the tag. */
function finishSyslogHeader(header: LineHeader): LineHeader {
  const tag =
    header.program === undefined && header.hostname !== undefined && bracketedTag.exec(header.hostname);
  if (tag) {
    header.hostname = undefined;
    header.program = tag[1];
  }
  header.message = stripInnerPrefix(header.message);
  return header;
}

/** One literal with every field, absent ones undefined: one object of one shape per line, whatever its kind. */
function headerOf(
  time: number,
  timed: boolean,
  hostname: string | undefined,
  program: string | undefined,
  pid: number | undefined,
  message: string,
): LineHeader {
  return { time, timed, hostname, program, pid, message };
}

function journalHeader(message: string, journal: Record<string, string>, fallback: number): LineHeader {
  const micros = Number(journal.__REALTIME_TIMESTAMP);
  const timed = Number.isFinite(micros) && micros > 0;
  return headerOf(
    timed ? Math.floor(micros / 1000) : fallback,
    timed,
    journal._HOSTNAME,
    journal.SYSLOG_IDENTIFIER ?? journal._COMM,
    pidOf(journal.SYSLOG_PID ?? journal._PID),
    stripInnerPrefix(message),
  );
}

/** A pid of 1–10 digits, else none. */
function pidOf(text: string | undefined): number | undefined {
  return text === undefined ? undefined : pidAt(text, 0, text.length);
}

/** pidOf the text from `start` to `end`, read in place. */
function pidAt(text: string, start: number, end: number): number | undefined {
  if (end === start || end - start > 10) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

/** Whether the line has spacedIso's digit, dash and space where that needs them: keeps the regex off other lines. */
function maybeSpacedIso(text: string): boolean {
  const first = text.charCodeAt(0);
  return first >= 48 && first <= 57 && text.charCodeAt(4) === 45 /* - */ && text.charCodeAt(10) === 32;
}

function stripInnerPrefix(message: string): string {
  // Both prefixes start with "[" or "kernel:"; most messages start with neither.
  const first = message.charCodeAt(0);
  if (first !== 91 /* [ */ && first !== 107 /* k */) return message;
  const prefix = innerPrefix.exec(message);
  return prefix ? message.slice(prefix[0].length) : message;
}
