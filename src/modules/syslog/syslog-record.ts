import type { ParsedSyslog } from './parsed-syslog.ts';

/**
 * ParsedSyslog with the time as epoch milliseconds (`millis`) instead of ISO text: what readSyslog
 * returns for callers that compute with the time (the log parsers), so no line pays for a string
 * it would only parse back.
 */
export interface SyslogRecord extends Omit<ParsedSyslog, 'time'> {
  millis?: number;
}
