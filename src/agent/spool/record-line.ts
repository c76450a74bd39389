import { createHash } from 'node:crypto';
import type { SpoolEvent, SpoolRecord } from './spool.ts';

/**
 * A hard cap on one record's line, independent of the configured sizes so that lowering
 * `maxBytes` never turns records already on disk into "oversized garbage" on the next open.
 */
export const maxRecordLineBytes = 16 * 1024 * 1024;

const checksumLength = 16;
const newline = 0x0a;
const space = 0x20;

/**
 * 64 bits of SHA-256 are plenty to tell a torn or scribbled line from a whole one (this is an
 * integrity check against accidents, not an authenticity check against an attacker who can
 * write the spool directory).
 */
function checksum(json: Buffer): string {
  return createHash('sha256').update(json).digest('hex').slice(0, checksumLength);
}

/**
 * One record per line: `<checksum> <json>\n`. JSON.stringify escapes every control character,
 * so the payload never contains the newline that frames it.
 */
export function encodeRecordLine(record: SpoolRecord): Buffer {
  assertEncodable(record.event);
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  if (payload.length + checksumLength + 2 > maxRecordLineBytes) {
    throw new RangeError(`a spool event must encode to less than ${maxRecordLineBytes} bytes`);
  }
  return Buffer.concat([Buffer.from(`${checksum(payload)} `, 'latin1'), payload, Buffer.of(newline)]);
}

/** Returns undefined for anything that is not a whole, intact record; `line` excludes the newline. */
export function decodeRecordLine(line: Buffer): SpoolRecord | undefined {
  if (line.length <= checksumLength + 1 || line[checksumLength] !== space) return undefined;
  const payload = line.subarray(checksumLength + 1);
  if (line.toString('latin1', 0, checksumLength) !== checksum(payload)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  return isSpoolRecord(parsed) ? parsed : undefined;
}

/**
 * A record that would not decode again must be refused up front: it would otherwise be accepted
 * and then silently skipped as corrupt when the spool is reopened.
 */
function assertEncodable(event: SpoolEvent): void {
  const value: unknown = event;
  if (typeof value !== 'object' || value === null) throw new TypeError('a spool event must be an object');
  const prototype: unknown = Object.getPrototypeOf(value);
  const { id, toJSON } = value as Record<string, unknown>;
  if (
    (prototype !== Object.prototype && prototype !== null) ||
    typeof toJSON === 'function' ||
    typeof id !== 'string'
  ) {
    throw new TypeError('a spool event must be a plain object with a string id');
  }
}

function isSpoolRecord(value: unknown): value is SpoolRecord {
  if (typeof value !== 'object' || value === null) return false;
  const { seq, event } = value as Record<string, unknown>;
  return (
    typeof seq === 'number' &&
    Number.isSafeInteger(seq) &&
    seq > 0 &&
    typeof event === 'object' &&
    event !== null &&
    !Array.isArray(event) &&
    typeof (event as Record<string, unknown>).id === 'string'
  );
}
