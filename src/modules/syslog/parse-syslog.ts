import { parseBsdTimestamp } from './parse-bsd-timestamp.ts';
import { readHostAndTag } from './parse-host-and-tag.ts';
import { parsePriority } from './parse-priority.ts';
import { parseRfc3339 } from './parse-rfc3339.ts';
import { parseRfc5424 } from './parse-rfc5424.ts';
import type { StructuredData } from './parse-structured-data.ts';
import type { ParsedSyslog, SyslogFormat } from './parsed-syslog.ts';
import type { SyslogRecord } from './syslog-record.ts';
import { trimLineEnd } from './trim-line-end.ts';

export type { ParsedSyslog, StructuredData, SyslogFormat, SyslogRecord };

export interface ParseSyslogOptions {
  /**
   * When the line was received or, for a file, its mtime (a Date or epoch ms). A timestamp
   * without a year is placed in the latest year that makes it no more than a day after this.
   */
  reference: Date | number;
  /** Offset from UTC of timestamps that carry none (BSD ones); default 0. */
  timeZoneOffsetMinutes?: number;
}

/**
 * Parses one syslog line, from the network or from a log file. Logs are written by whoever
 * attacks the host, so this reads by hand, left to right, with bounded lookahead: its cost is
 * linear in the line's length whatever the line holds, and no regular expression sees it.
 */
export function parseSyslog(line: string, options: ParseSyslogOptions): ParsedSyslog {
  const record = readSyslog(line, options);
  if (record.millis === undefined) return record;
  const { millis, ...fields } = record;
  return { ...fields, time: new Date(millis).toISOString() };
}

/** parseSyslog with the time as epoch ms (`millis`): the log parsers' per-line path. */
export function readSyslog(line: string, options: ParseSyslogOptions): SyslogRecord {
  const text = trimLineEnd(line);
  const reference = typeof options.reference === 'number' ? options.reference : options.reference.getTime();
  const offsetMinutes = options.timeZoneOffsetMinutes ?? 0;
  const priority = text.charCodeAt(0) === 60 /* < */ ? parsePriority(text) : undefined;
  if (!priority)
    return readStamped(text, 0, reference, offsetMinutes) ?? { message: text, format: 'unknown' };
  const { facility, severity, end } = priority;
  const rfc5424 = parseRfc5424(text, end);
  if (rfc5424) return { facility, severity, ...rfc5424, format: 'rfc5424' };
  // Some devices put a space between the PRI and the timestamp.
  const stamped = readStamped(text, text[end] === ' ' ? end + 1 : end, reference, offsetMinutes);
  // RFC 3164 §4.3.2: a PRI without a valid timestamp; everything after the PRI is the message.
  return { facility, severity, ...(stamped ?? { message: text.slice(end), format: 'rfc3164' }) };
}

/** A line that starts at `at` with an RFC 3339 or BSD timestamp, then a host and a tag. */
function readStamped(
  text: string,
  at: number,
  reference: number,
  offsetMinutes: number,
): SyslogRecord | undefined {
  const iso = parseRfc3339(text, at, offsetMinutes);
  const stamp = iso ?? parseBsdTimestamp(text, at, { reference, offsetMinutes });
  if (stamp === undefined) return undefined;
  // Cisco IOS ends its timestamp with a colon: "Mar  1 18:46:11.123: %SYS-5-CONFIG_I: …".
  const end = text.charCodeAt(stamp.end) === 58 /* : */ ? stamp.end + 1 : stamp.end;
  if (end < text.length && text.charCodeAt(end) !== 32) return undefined;
  const record: SyslogRecord = { millis: stamp.millis, message: '', format: iso ? 'iso' : 'rfc3164' };
  readHostAndTag(text, end + 1, record);
  return record;
}
