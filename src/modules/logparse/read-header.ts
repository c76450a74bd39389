import type { LineSource } from '../../protocol/security-event.ts';
import { readSyslog } from '../syslog/parse-syslog.ts';

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
  let parsed = readSyslog(line, { reference: fallback });
  // Only a line that starts with a digit can be spaced ISO; the check keeps the regex off the rest.
  if (parsed.format === 'unknown' && startsWithDigit(line) && spacedIso.test(line)) {
    parsed = readSyslog(line.replace(spacedIso, '$1T$2 '), { reference: fallback });
  }
  if (parsed.format === 'unknown') return { time: fallback, timed: false, message: line };
  let { hostname, appName } = parsed;
  if (appName === undefined && hostname !== undefined) {
    const tag = bracketedTag.exec(hostname);
    if (tag) {
      appName = tag[1];
      hostname = undefined;
    }
  }
  const time = parsed.millis;
  // One literal with every field, absent ones undefined: one object of one shape per line.
  return {
    time: time ?? fallback,
    timed: time !== undefined,
    hostname,
    program: appName,
    pid: pidOf(parsed.procId),
    message: stripInnerPrefix(parsed.message),
  };
}

function journalHeader(message: string, journal: Record<string, string>, fallback: number): LineHeader {
  const micros = Number(journal.__REALTIME_TIMESTAMP);
  const timed = Number.isFinite(micros) && micros > 0;
  const program = journal.SYSLOG_IDENTIFIER ?? journal._COMM;
  const hostname = journal._HOSTNAME;
  const header: LineHeader = {
    time: timed ? Math.floor(micros / 1000) : fallback,
    timed,
    message: stripInnerPrefix(message),
  };
  if (hostname !== undefined) header.hostname = hostname;
  if (program !== undefined) header.program = program;
  const pid = pidOf(journal.SYSLOG_PID ?? journal._PID);
  if (pid !== undefined) header.pid = pid;
  return header;
}

/** A pid of 1–10 digits, else none. */
function pidOf(text: string | undefined): number | undefined {
  if (text === undefined || text.length === 0 || text.length > 10) return undefined;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

function startsWithDigit(text: string): boolean {
  const code = text.charCodeAt(0);
  return code >= 48 && code <= 57;
}

function stripInnerPrefix(message: string): string {
  // Both prefixes start with "[" or "kernel:"; most messages start with neither.
  const first = message.charCodeAt(0);
  if (first !== 91 /* [ */ && first !== 107 /* k */) return message;
  const prefix = innerPrefix.exec(message);
  return prefix ? message.slice(prefix[0].length) : message;
}
