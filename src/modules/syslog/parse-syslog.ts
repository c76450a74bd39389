import type { StructuredData } from './parse-structured-data.ts';
import type { ParsedSyslog, SyslogFormat } from './parsed-syslog.ts';
import { scanSyslog } from './scan-syslog.ts';
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

/** Parses one syslog line, from the network or from a log file (see scanSyslog). */
export function parseSyslog(line: string, options: ParseSyslogOptions): ParsedSyslog {
  const record = readSyslog(line, options);
  if (record.millis === undefined) return record;
  const { millis, ...fields } = record;
  return { ...fields, time: new Date(millis).toISOString() };
}

/** parseSyslog with the time as epoch ms (`millis`). */
export function readSyslog(line: string, options: ParseSyslogOptions): SyslogRecord {
  const text = trimLineEnd(line);
  const reference = typeof options.reference === 'number' ? options.reference : options.reference.getTime();
  const scan = scanSyslog(text, reference, options.timeZoneOffsetMinutes ?? 0);
  const priority = scan.facility === -1 ? {} : { facility: scan.facility, severity: scan.severity };
  if (scan.rfc5424) return { ...priority, ...scan.rfc5424, format: 'rfc5424' };
  const record: SyslogRecord = {
    ...priority,
    ...(Number.isNaN(scan.millis) ? {} : { millis: scan.millis }),
    message: text.slice(scan.messageStart),
    format: scan.format,
  };
  if (scan.hostStart !== -1) record.hostname = text.slice(scan.hostStart, scan.hostEnd);
  if (scan.appStart !== -1) record.appName = text.slice(scan.appStart, scan.appEnd);
  if (scan.pidStart !== -1) record.procId = text.slice(scan.pidStart, scan.pidEnd);
  return record;
}
