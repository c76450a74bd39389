import { createHash } from 'node:crypto';
import type { AgentEvent } from '../../protocol/agents.ts';
import type { RawValue, ScannedEntry } from './entry-scanner.ts';
import { journalFields } from './journal-fields.ts';
import { parseCutValue } from './parse-cut-value.ts';

export interface JournalEvent {
  event: AgentEvent;
  /** Where the entry is in the journal; journalctl can start again from here. */
  cursor: string;
}

/**
 * The event for one journal entry, or undefined for an entry without a cursor (journalctl
 * always prints one). Its id is a hash of the cursor, which names the entry for good, so an
 * entry read again after a crash gets the id it had and the server stores it once.
 */
export function journalEvent(entry: ScannedEntry, maxLineBytes: number): JournalEvent | undefined {
  const cursor = text(entry.get('__CURSOR'));
  if (typeof cursor !== 'string' || cursor === '') return undefined;
  const message = text(entry.get('MESSAGE'));
  const line = headOf(Array.isArray(message) ? message.join('\n') : (message ?? ''), maxLineBytes);
  const fields: Record<string, string | string[]> = {};
  for (const name of journalFields) {
    const value = text(entry.get(name));
    if (value !== undefined) fields[name] = value;
  }
  const truncated = line.truncated || [...entry.values()].some((value) => value.cut);
  const id = createHash('sha256').update(cursor).digest('hex').slice(0, 32);
  return {
    cursor,
    event: {
      id: `jd-${id}`,
      time: realtime(text(entry.get('__REALTIME_TIMESTAMP'))),
      kind: 'log',
      source: 'journald',
      data: { line: line.text, fields, ...(truncated ? { truncated: true } : {}) },
    },
  };
}

/**
 * A field's text. journalctl prints a value that is not printable UTF-8 as an array of bytes
 * (decoded here as UTF-8, invalid sequences replaced with U+FFFD, as for log files), and a field
 * that occurs several times as an array of values.
 */
function text(raw: RawValue | undefined): string | string[] | undefined {
  if (raw === undefined) return undefined;
  const value = raw.cut
    ? parseCutValue(utf8Head(raw.json))
    : (JSON.parse(raw.json.toString('utf8')) as unknown);
  if (isBytes(value)) return Buffer.from(value).toString('utf8');
  if (!Array.isArray(value)) return typeof value === 'string' ? value : undefined;
  const values = (value as unknown[]).map((item) =>
    isBytes(item) ? Buffer.from(item).toString('utf8') : item,
  );
  return values.filter((item): item is string => typeof item === 'string');
}

function isBytes(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'number');
}

/** Decodes UTF-8, leaving out a character whose bytes were cut off at the end. */
function utf8Head(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes, { stream: true });
}

function headOf(line: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= maxBytes) return { text: line, truncated: false };
  return { text: utf8Head(bytes.subarray(0, maxBytes)), truncated: true };
}

/** `__REALTIME_TIMESTAMP` is in microseconds since the epoch; the agent's clock stands in if it is missing. */
function realtime(micros: string | string[] | undefined): string {
  const parsed =
    typeof micros === 'string' && /^\d{1,19}$/.test(micros)
      ? new Date(Number(BigInt(micros) / 1000n))
      : undefined;
  return parsed !== undefined && !Number.isNaN(parsed.getTime())
    ? parsed.toISOString()
    : new Date().toISOString();
}
