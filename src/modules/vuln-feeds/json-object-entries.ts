import { FeedError } from './feed-error.ts';

/** One value found `depth` objects deep in a JSON document. */
export interface JsonEntry {
  /** The keys from the root down. Shorter than `depth` when a value on the way was not an object. */
  path: string[];
  /** The parsed value; undefined when values are not parsed or this one is too large. */
  value: unknown;
  tooLarge: boolean;
}

export interface JsonEntryOptions {
  depth: number;
  /** Larger values are skipped (`tooLarge`) rather than held in memory. */
  maxValueBytes: number;
  /** False to only walk the keys, for a cheap first pass. */
  parse: boolean;
  /** The file, for error messages. */
  origin: string;
}

// Where the scanner is: before the root, inside an object's skeleton, or capturing a value.
const State = {
  Root: 0,
  KeyOrEnd: 1,
  KeyStart: 2,
  Key: 3,
  Colon: 4,
  Value: 5,
  AfterValue: 6,
  Capture: 7,
  Done: 8,
} as const;
type State = (typeof State)[keyof typeof State];

const maxKeyBytes = 4096;
/** UTF-8's byte order mark, allowed before the root. */
const byteOrderMark = [0xef, 0xbb, 0xbf];
const quote = 0x22;
const backslash = 0x5c;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Streams the values `depth` objects deep in a JSON document whose upper levels are objects
 * (`{ "<package>": { "<CVE>": {...} } }`), each value parsed on its own by JSON.parse, so a
 * 70 MB feed never sits in memory whole. Bytes are scanned, not decoded: JSON's structural
 * characters are ASCII and never occur inside a UTF-8 multi-byte sequence. Malformed or
 * truncated JSON throws FeedError('feed.invalid') with the byte offset.
 */
export async function* jsonObjectEntries(
  chunks: AsyncIterable<Buffer>,
  options: JsonEntryOptions,
): AsyncGenerator<JsonEntry> {
  const splitter = new EntrySplitter(options);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  splitter.end();
}

class EntrySplitter {
  private state: State = State.Root;
  private readonly keys: string[] = [];
  /** Objects open above the current position. */
  private open = 0;
  private offset = 0;
  private keyParts: Buffer[] = [];
  private keyBytes = 0;
  private escape = false;
  private inString = false;
  private nest = 0;
  private primitive = false;
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly options: JsonEntryOptions) {}

  push(chunk: Buffer): JsonEntry[] {
    const entries: JsonEntry[] = [];
    let start = this.state === State.Capture ? 0 : -1;
    let keyStart = this.state === State.Key ? 0 : -1;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i] ?? 0;
      switch (this.state) {
        case State.Capture: {
          const end = this.scanValue(chunk, i);
          if (end === -1) i = chunk.length;
          else {
            entries.push(this.finish(chunk.subarray(start, end)));
            i = end - 1;
          }
          break;
        }
        case State.Key: {
          if (this.escape) this.escape = false;
          else if (byte === backslash) this.escape = true;
          else if (byte === quote) {
            this.endKey(chunk.subarray(keyStart, i));
            this.state = State.Colon;
          }
          break;
        }
        default: {
          if (isSpace(byte) || (this.state === State.Root && byte === byteOrderMark[this.offset + i])) break;
          if (this.state === State.Value && this.open < this.options.depth && byte === 0x7b) {
            this.open += 1;
            this.state = State.KeyOrEnd;
          } else if (this.state === State.Value) {
            this.startCapture(byte, this.offset + i);
            start = i;
          } else if ((this.state === State.KeyOrEnd || this.state === State.KeyStart) && byte === quote) {
            this.state = State.Key;
            this.escape = false;
            this.keyParts = [];
            this.keyBytes = 0;
            keyStart = i + 1;
          } else if (this.state === State.Colon && byte === 0x3a) this.state = State.Value;
          else if (this.state === State.AfterValue && byte === 0x2c) this.state = State.KeyStart;
          else if ((this.state === State.AfterValue || this.state === State.KeyOrEnd) && byte === 0x7d) {
            this.open -= 1;
            this.state = this.open === 0 ? State.Done : State.AfterValue;
          } else if (this.state === State.Root && byte === 0x7b) {
            this.open = 1;
            this.state = State.KeyOrEnd;
          } else
            throw this.malformed(this.offset + i, `unexpected ${JSON.stringify(String.fromCharCode(byte))}`);
        }
      }
    }
    if (this.state === State.Capture) this.keep(chunk.subarray(start));
    if (this.state === State.Key) this.keepKey(chunk.subarray(keyStart));
    this.offset += chunk.length;
    return entries;
  }

  end(): void {
    if (this.state !== State.Done)
      throw this.malformed(this.offset, 'unexpected end of the document (truncated?)');
  }

  private startCapture(byte: number, position: number): void {
    this.state = State.Capture;
    this.parts = [];
    this.size = 0;
    this.escape = false;
    this.inString = byte === quote;
    this.nest = byte === 0x7b || byte === 0x5b ? 1 : 0;
    this.primitive = !this.inString && this.nest === 0;
    // Numbers and true/false/null; anything else is not a JSON value.
    if (
      this.primitive &&
      !(byte === 0x2d || (byte >= 0x30 && byte <= 0x39) || byte === 0x74 || byte === 0x66 || byte === 0x6e)
    ) {
      throw this.malformed(position, `unexpected ${JSON.stringify(String.fromCharCode(byte))}`);
    }
  }

  /**
   * Scans a value being captured from `from`: returns the index just past its end, or -1 when
   * it goes on in the next chunk. A tight loop on locals: this is where a feed's bytes go.
   */
  private scanValue(chunk: Buffer, from: number): number {
    const length = chunk.length;
    if (this.primitive) {
      for (let i = from; i < length; i += 1) {
        const byte = chunk[i] ?? 0;
        // The delimiter after a number or literal belongs to the enclosing object.
        if (byte === 0x2c || byte === 0x7d || byte === 0x5d || isSpace(byte)) return i;
      }
      return -1;
    }
    let { nest, inString, escape } = this;
    let end = -1;
    for (let i = from; i < length; i += 1) {
      const byte = chunk[i] ?? 0;
      if (inString) {
        if (escape) escape = false;
        else if (byte === backslash) escape = true;
        else if (byte === quote) inString = false;
        else continue;
        if (inString || nest > 0) continue;
      } else if (byte === quote) {
        inString = true;
        continue;
      } else if (byte === 0x7b || byte === 0x5b) {
        nest += 1;
        continue;
      } else if (byte === 0x7d || byte === 0x5d) {
        nest -= 1;
        if (nest > 0) continue;
      } else continue;
      end = i + 1;
      break;
    }
    this.nest = nest;
    this.inString = inString;
    this.escape = escape;
    return end;
  }

  private keep(part: Buffer): void {
    this.size += part.length;
    if (this.options.parse && this.size <= this.options.maxValueBytes) this.parts.push(part);
    else this.parts = [];
  }

  private finish(last: Buffer): JsonEntry {
    this.keep(last);
    this.state = State.AfterValue;
    const path = this.keys.slice(0, this.open);
    const tooLarge = this.size > this.options.maxValueBytes;
    if (!this.options.parse || tooLarge) return { path, value: undefined, tooLarge };
    const text = Buffer.concat(this.parts, this.size).toString('utf8');
    this.parts = [];
    try {
      return { path, value: JSON.parse(text) as unknown, tooLarge };
    } catch (error) {
      throw new FeedError(
        'feed.invalid',
        this.options.origin,
        `malformed JSON in ${path.join(' / ')}: ${String(error)}`,
      );
    }
  }

  private keepKey(part: Buffer): void {
    this.keyBytes += part.length;
    if (this.keyBytes > maxKeyBytes)
      throw this.malformed(this.offset, `a key is longer than ${maxKeyBytes} bytes`);
    this.keyParts.push(part);
  }

  private endKey(last: Buffer): void {
    this.keepKey(last);
    const raw = Buffer.concat(this.keyParts, this.keyBytes).toString('utf8');
    try {
      this.keys[this.open - 1] = JSON.parse(`"${raw}"`) as string;
    } catch {
      throw this.malformed(this.offset, 'malformed key');
    }
    this.keys.length = this.open;
  }

  private malformed(position: number, reason: string): FeedError {
    return new FeedError(
      'feed.invalid',
      this.options.origin,
      `malformed JSON at byte ${position}: ${reason}`,
    );
  }
}
