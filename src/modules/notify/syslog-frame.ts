import type { Severity } from '../../protocol/finding.ts';

/** RFC 5424 severities: critical is crit (2), informational is info (6). */
const syslogSeverity: Record<Severity, number> = {
  critical: 2,
  high: 3,
  medium: 4,
  low: 5,
  informational: 6,
};

export interface SyslogHeader {
  facility: number;
  severity: Severity;
  time: Date;
  hostname: string;
  msgId: string;
}

/**
 * `<PRI>1 TIMESTAMP HOSTNAME vigil - MSGID - ` (RFC 5424 section 6), to which
 * the message is appended. No BOM: the message is MSG-ANY, which SIEMs parse
 * more reliably than a BOM-prefixed MSG-UTF8.
 */
export function syslogHeader(header: SyslogHeader): string {
  const pri = header.facility * 8 + syslogSeverity[header.severity];
  return `<${pri}>1 ${header.time.toISOString()} ${headerToken(header.hostname, 255)} vigil - ${headerToken(header.msgId, 32)} - `;
}

/** Header fields are 1 to N printable US-ASCII characters without spaces; `-` means none. */
function headerToken(text: string, max: number): string {
  const token = text.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return token === '' ? '-' : token;
}

/** RFC 6587 octet counting: `<length> <message>`, the framing RFC 5425 requires over TLS too. */
export function octetCounted(message: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${message.length} `, 'ascii'), message]);
}
