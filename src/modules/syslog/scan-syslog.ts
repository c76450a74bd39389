import { parseBsdTimestamp } from './parse-bsd-timestamp.ts';
import { readHostAndTag, type HostAndTag } from './parse-host-and-tag.ts';
import { priorityEnd, priorityValue } from './parse-priority.ts';
import { parseRfc3339, type ReadTime } from './parse-rfc3339.ts';
import { parseRfc5424, type Rfc5424Fields } from './parse-rfc5424.ts';
import type { SyslogFormat } from './parsed-syslog.ts';

/** A syslog line's header as numbers and offsets into the line (HostAndTag); see scanSyslog. */
export interface SyslogScan extends HostAndTag {
  format: SyslogFormat;
  /** -1 when the line has no PRI. */
  facility: number;
  severity: number;
  /** Epoch ms; NaN when the line has no (valid) time. */
  millis: number;
  /**
   * An RFC 5424 line's fields, read as an object (the offsets are then unset, millis is set): structured data
   * and NILVALUEs make it unlike the rest, and log files seldom hold it.
   */
  rfc5424: Rfc5424Fields | undefined;
}

// One scan and one time, reused: a line's header is read without allocating.
const scan: SyslogScan = {
  format: 'unknown',
  facility: -1,
  severity: -1,
  millis: NaN,
  rfc5424: undefined,
  hostStart: -1,
  hostEnd: -1,
  appStart: -1,
  appEnd: -1,
  pidStart: -1,
  pidEnd: -1,
  messageStart: 0,
};
const stamp: ReadTime = { millis: 0, end: 0 };

/**
 * Reads the header of one syslog line (without its line end). Logs are written by whoever attacks
 * the host, so this reads by hand, left to right, with bounded lookahead: its cost is linear in
 * the line's length whatever the line holds, and no regular expression sees it. Year-less
 * timestamps are placed by `reference` (epoch ms) and, as BSD ones, read in `offsetMinutes`.
 *
 * The result is shared and overwritten by the next call: read it before scanning again.
 */
export function scanSyslog(text: string, reference: number, offsetMinutes: number): SyslogScan {
  scan.facility = -1;
  scan.severity = -1;
  scan.millis = NaN;
  scan.rfc5424 = undefined;
  const end = priorityEnd(text);
  if (end === 0) {
    if (!readStamped(text, 0, reference, offsetMinutes)) withoutHeader(0, 'unknown');
    return scan;
  }
  const priority = priorityValue(text, end);
  scan.facility = priority >> 3;
  scan.severity = priority & 7;
  const rfc5424 = parseRfc5424(text, end);
  if (rfc5424) {
    // Its fields are in scan.rfc5424; no offsets of an earlier line may stay behind.
    scan.hostStart = scan.appStart = scan.pidStart = -1;
    scan.format = 'rfc5424';
    scan.millis = rfc5424.millis ?? NaN;
    scan.rfc5424 = rfc5424;
    return scan;
  }
  // Some devices put a space between the PRI and the timestamp.
  const at = text.charCodeAt(end) === 32 ? end + 1 : end;
  // RFC 3164 §4.3.2: a PRI without a valid timestamp; everything after the PRI is the message.
  if (!readStamped(text, at, reference, offsetMinutes)) withoutHeader(end, 'rfc3164');
  return scan;
}

/** A line that starts at `at` with an RFC 3339 or BSD timestamp, then a host and a tag. */
function readStamped(text: string, at: number, reference: number, offsetMinutes: number): boolean {
  // An RFC 3339 stamp starts with its year, a BSD one with its month's name.
  const first = text.charCodeAt(at);
  const iso = first >= 48 && first <= 57;
  const read = iso
    ? parseRfc3339(text, at, offsetMinutes, stamp)
    : parseBsdTimestamp(text, at, reference, offsetMinutes, stamp);
  if (!read) return false;
  // Cisco IOS ends its timestamp with a colon: "Mar  1 18:46:11.123: %SYS-5-CONFIG_I: …".
  const end = text.charCodeAt(stamp.end) === 58 /* : */ ? stamp.end + 1 : stamp.end;
  if (end < text.length && text.charCodeAt(end) !== 32) return false;
  scan.format = iso ? 'iso' : 'rfc3164';
  scan.millis = stamp.millis;
  readHostAndTag(text, end + 1, scan);
  return true;
}

function withoutHeader(messageStart: number, format: SyslogFormat): void {
  scan.format = format;
  scan.hostStart = scan.appStart = scan.pidStart = -1;
  scan.messageStart = messageStart;
}
