import { parseBsdTimestamp } from './parse-bsd-timestamp.ts';
import { parseHostAndTag, type HostAndTag } from './parse-host-and-tag.ts';
import { parsePriority } from './parse-priority.ts';
import { parseRfc3339 } from './parse-rfc3339.ts';
import { parseRfc5424 } from './parse-rfc5424.ts';
import type { StructuredData } from './parse-structured-data.ts';
import type { ParsedSyslog, SyslogFormat } from './parsed-syslog.ts';
import { trimLineEnd } from './trim-line-end.ts';

export type { ParsedSyslog, StructuredData, SyslogFormat };

export interface ParseSyslogOptions {
  /**
   * When the line was received or, for a file, its mtime. A timestamp without a year is
   * placed in the latest year that makes it no more than a day after this.
   */
  reference: Date;
  /** Offset from UTC of timestamps that carry none (BSD ones); default 0. */
  timeZoneOffsetMinutes?: number;
}

/**
 * Parses one syslog line, from the network or from a log file. Logs are written by whoever
 * attacks the host, so this reads by hand, left to right, with bounded lookahead: its cost is
 * linear in the line's length whatever the line holds, and no regular expression sees it.
 */
export function parseSyslog(line: string, options: ParseSyslogOptions): ParsedSyslog {
  const text = trimLineEnd(line);
  const priority = parsePriority(text);
  if (!priority) return parseStamped(text, 0, options) ?? { message: text, format: 'unknown' };
  const { facility, severity, end } = priority;
  const rfc5424 = parseRfc5424(text, end);
  if (rfc5424) return { facility, severity, ...rfc5424, format: 'rfc5424' };
  // Some devices put a space between the PRI and the timestamp.
  const stamped = parseStamped(text, text[end] === ' ' ? end + 1 : end, options);
  // RFC 3164 §4.3.2: a PRI without a valid timestamp; everything after the PRI is the message.
  return { facility, severity, ...(stamped ?? { message: text.slice(end), format: 'rfc3164' }) };
}

type Stamped = HostAndTag & { time: string; format: 'rfc3164' | 'iso' };

/** A line that starts at `at` with an RFC 3339 or BSD timestamp, then a host and a tag. */
function parseStamped(text: string, at: number, options: ParseSyslogOptions): Stamped | undefined {
  const offsetMinutes = options.timeZoneOffsetMinutes ?? 0;
  const iso = parseRfc3339(text, at, offsetMinutes);
  const stamp = iso ?? parseBsdTimestamp(text, at, { reference: options.reference, offsetMinutes });
  if (stamp === undefined) return undefined;
  // Cisco IOS ends its timestamp with a colon: "Mar  1 18:46:11.123: %SYS-5-CONFIG_I: …".
  const end = text[stamp.end] === ':' ? stamp.end + 1 : stamp.end;
  if (end < text.length && text[end] !== ' ') return undefined;
  return {
    time: new Date(stamp.millis).toISOString(),
    ...parseHostAndTag(text, end + 1),
    format: iso ? 'iso' : 'rfc3164',
  };
}
