import type { StructuredData } from './parse-structured-data.ts';

/**
 * Which header the line had: RFC 5424; RFC 3164 (a BSD timestamp, or a PRI with nothing
 * recognisable after it); `iso`, an RFC 3339 timestamp in place of the BSD one, as rsyslog
 * writes files and forwards; `unknown`, no header at all, the whole line being the message.
 */
export type SyslogFormat = 'rfc5424' | 'rfc3164' | 'iso' | 'unknown';

/** One syslog line's fields; a field the line does not carry (or carries as `-`) is absent. */
export interface ParsedSyslog {
  facility?: number;
  severity?: number;
  /** ISO-8601 UTC, to the millisecond. */
  time?: string;
  hostname?: string;
  appName?: string;
  procId?: string;
  msgId?: string;
  structuredData?: StructuredData;
  message: string;
  format: SyslogFormat;
}
