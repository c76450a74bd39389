import type { SecurityEvent } from '../../protocol/security-event.ts';
import { eventField, type EventField } from './event-field.ts';
import type { LiteralSource } from './literal-prefilter.ts';
import { foldCase } from './fold-case.ts';

const rawData = eventField('raw_data');
const message = eventField('message');

/** A field's value as text: numbers and booleans as written, an array as its elements. */
export type FieldText = string | readonly string[] | undefined;

/**
 * The event being matched, with per-event caches so that a field is read, turned into text and
 * lowercased once however many rules look at it. One context is reused for every event: nothing
 * here allocates except the first lowercasing of each field an event's checks run on.
 */
export class MatchContext {
  event: SecurityEvent;
  /** Counts events; per-event caches are valid while their stamp equals it. */
  generation = 0;
  private readonly valueAt: number[] = [];
  private readonly values: unknown[] = [];
  private readonly textAt: number[] = [];
  private readonly texts: FieldText[] = [];
  private readonly lowerAt: number[] = [];
  private readonly lowers: FieldText[] = [];
  private messageCheckedAt = -1;
  private messageIsExtra = false;
  private readonly scannedAt: number[] = [];
  private readonly scanned: boolean[] = [];
  private readonly seen: Float64Array[] = [];
  private readonly found: number[][] = [];

  constructor(event: SecurityEvent) {
    this.event = event;
  }

  begin(event: SecurityEvent): void {
    this.event = event;
    this.generation++;
  }

  value(field: EventField): unknown {
    const slot = field.slot;
    if (this.valueAt[slot] !== this.generation) {
      this.values[slot] = field.read(this.event);
      this.valueAt[slot] = this.generation;
    }
    return this.values[slot];
  }

  text(field: EventField): FieldText {
    const slot = field.slot;
    if (this.textAt[slot] !== this.generation) {
      this.texts[slot] = textOf(this.value(field));
      this.textAt[slot] = this.generation;
    }
    return this.texts[slot];
  }

  lowerText(field: EventField): FieldText {
    const slot = field.slot;
    if (this.lowerAt[slot] !== this.generation) {
      const text = this.text(field);
      this.lowers[slot] =
        text === undefined ? undefined : typeof text === 'string' ? foldCase(text) : text.map(foldCase);
      this.lowerAt[slot] = this.generation;
    }
    return this.lowers[slot];
  }

  /**
   * Scans `text` (the source field's text as written, for this event) for the source's literals
   * once per event: afterwards `seenOf(source)[id] === generation` and `foundOf(source)` lists
   * each one present. False when the source has no automaton and every check must run.
   */
  scan(source: LiteralSource, text: string): boolean {
    const { index } = source;
    if (this.scannedAt[index] !== this.generation) {
      let seen = this.seen[index];
      if (seen === undefined || seen.length < source.size) {
        seen = new Float64Array(source.size * 2);
        this.seen[index] = seen;
      }
      let found = this.found[index];
      if (found === undefined) {
        found = [];
        this.found[index] = found;
      } else found.length = 0;
      this.scanned[index] = source.scan(text, seen, this.generation, found);
      this.scannedAt[index] = this.generation;
    }
    return this.scanned[index] === true;
  }

  seenOf(source: LiteralSource): Float64Array {
    return this.seen[source.index] as Float64Array;
  }

  foundOf(source: LiteralSource): readonly number[] {
    return this.found[source.index] as number[];
  }

  /** The first text a keyword search reads: raw_data, as written. */
  keywordRaw(): FieldText {
    return this.text(rawData);
  }

  /**
   * The second: the message, only when raw_data does not hold it verbatim (a journald JSON line
   * escapes it); undefined when searching raw_data is enough. As written.
   */
  keywordMessage(): FieldText {
    if (this.messageCheckedAt !== this.generation) {
      const raw = this.text(rawData);
      const text = this.text(message);
      // A syslog line ends with its message: endsWith settles it without a search.
      this.messageIsExtra =
        typeof text === 'string' && !(typeof raw === 'string' && (raw.endsWith(text) || raw.includes(text)));
      this.messageCheckedAt = this.generation;
    }
    return this.messageIsExtra ? this.text(message) : undefined;
  }
}

export function textOf(value: unknown): FieldText {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const texts: string[] = [];
    for (const item of value as unknown[]) {
      const text = textOf(item);
      if (typeof text === 'string') texts.push(text);
    }
    return texts;
  }
  return undefined;
}

/** A compiled piece of a rule: true when the context's event satisfies it. */
export type Matcher = (ctx: MatchContext) => boolean;
