import { parseRfc3339, type ReadTime } from './parse-rfc3339.ts';
import { parseStructuredData } from './parse-structured-data.ts';
import type { SyslogRecord } from './syslog-record.ts';
import { readToken } from './read-token.ts';

export type Rfc5424Fields = Omit<SyslogRecord, 'facility' | 'severity' | 'format'>;

/** HOSTNAME, APP-NAME, PROCID and MSGID, with their lengths from the RFC's grammar. */
const headerFields = [
  ['hostname', 255],
  ['appName', 48],
  ['procId', 128],
  ['msgId', 32],
] as const;

const stamp: ReadTime = { millis: 0, end: 0 };

/**
 * What follows `<PRI>` in an RFC 5424 line: `1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]`.
 * Undefined when the header does not have that shape, so the caller can try the older formats.
 * Past the header it is lenient, as receivers must be: a malformed SD stays in the message.
 */
export function parseRfc5424(text: string, at: number): Rfc5424Fields | undefined {
  if (text[at] !== '1' || text[at + 1] !== ' ') return undefined;
  const fields: Omit<Rfc5424Fields, 'message'> = {};
  const stampEnd = readToken(text, at + 2, 64);
  if (stampEnd === undefined) return undefined;
  if (parseRfc3339(text, at + 2, 0, stamp) && stamp.end === stampEnd) fields.millis = stamp.millis;
  let i = stampEnd + 1;
  for (const [name, maxLength] of headerFields) {
    const end = readToken(text, i, maxLength);
    if (end === undefined) return undefined;
    const value = text.slice(i, end);
    if (value !== '-') fields[name] = value;
    i = end + 1;
  }
  if (i >= text.length) return { ...fields, message: '' };
  if (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ')) {
    i += 2;
  } else {
    const sd = text[i] === '[' ? parseStructuredData(text, i) : undefined;
    if (sd) {
      fields.structuredData = sd.structuredData;
      i = sd.end + 1;
    }
  }
  return { ...fields, message: withoutBom(text.slice(i)) };
}

function withoutBom(message: string): string {
  return message.charCodeAt(0) === 0xfeff ? message.slice(1) : message;
}
