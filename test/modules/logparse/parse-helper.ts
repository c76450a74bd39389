import type { SecurityEvent } from '../../../src/protocol/security-event.ts';
import { parseLine } from '../../../src/modules/logparse/parse-line.ts';

/** A fixed "now" for year-less lines: 2026-03-01. */
export const reference = Date.parse('2026-03-01T12:00:00Z');

export function parse(line: string): SecurityEvent {
  return parseLine(line, { name: '/var/log/auth.log', referenceTime: reference });
}

export const code = (line: string): string | undefined => parse(line).metadata.event_code;
