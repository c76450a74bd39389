import type { LineSource } from '../../protocol/security-event.ts';
import { parseSyslog } from '../syslog/parse-syslog.ts';

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
  const reference = new Date(fallback);
  let parsed = parseSyslog(line, { reference });
  if (parsed.format === 'unknown' && spacedIso.test(line)) {
    parsed = parseSyslog(line.replace(spacedIso, '$1T$2 '), { reference });
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
  const time = parsed.time === undefined ? undefined : Date.parse(parsed.time);
  return {
    time: time ?? fallback,
    timed: time !== undefined,
    ...(hostname !== undefined && { hostname }),
    ...(appName !== undefined && { program: appName }),
    ...pidOf(parsed.procId),
    message: stripInnerPrefix(parsed.message),
  };
}

function journalHeader(message: string, journal: Record<string, string>, fallback: number): LineHeader {
  const micros = Number(journal.__REALTIME_TIMESTAMP);
  const timed = Number.isFinite(micros) && micros > 0;
  const program = journal.SYSLOG_IDENTIFIER ?? journal._COMM;
  const hostname = journal._HOSTNAME;
  return {
    time: timed ? Math.floor(micros / 1000) : fallback,
    timed,
    ...(hostname !== undefined && { hostname }),
    ...(program !== undefined && { program }),
    ...pidOf(journal.SYSLOG_PID ?? journal._PID),
    message: stripInnerPrefix(message),
  };
}

function pidOf(text: string | undefined): { pid?: number } {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return {};
  return { pid: Number(text) };
}

function stripInnerPrefix(message: string): string {
  const prefix = innerPrefix.exec(message);
  return prefix ? message.slice(prefix[0].length) : message;
}
