/** One line of `journalctl -o json`: each field's value as raw JSON, cut at a byte limit. */
export type ScannedEntry = Map<string, RawValue>;

export interface RawValue {
  /** The value's JSON text (a string, null, an array of bytes, or an array of those), maybe cut short. */
  json: Buffer;
  /** The value was longer than its limit: `json` is only its head. */
  cut: boolean;
}

export interface EntryScannerOptions {
  /** How many bytes of a field's JSON to keep. */
  maxValueBytes(field: string): number;
  /** A line that is not a JSON object; it is skipped. */
  onMalformed(reason: string): void;
}

export interface EntryScanner {
  /** Takes the next bytes of journalctl's output; returns the entries they complete, in order. */
  push(chunk: Buffer): ScannedEntry[];
}

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const newline = 0x0a;
const maxKeyBytes = 256;

type Phase = 'before' | 'key' | 'in-key' | 'colon' | 'value' | 'in-value' | 'after-value' | 'done' | 'junk';

/**
 * Splits journalctl's JSON lines into fields without ever holding a whole line: a single entry
 * can be hundreds of megabytes, and keeping the head of each value is enough. A plain
 * line-length cap would not do, since journalctl orders fields by hash and the cursor, needed
 * for every entry, may come after a huge MESSAGE.
 */
export function createEntryScanner(options: EntryScannerOptions): EntryScanner {
  return new Scanner(options);
}

class Scanner implements EntryScanner {
  private phase: Phase = 'before';
  private entry: ScannedEntry = new Map();
  private key = '';
  private keyParts: Buffer[] = [];
  private keyBytes = 0;
  private valueParts: Buffer[] = [];
  private valueBytes = 0;
  private valueLimit = 0;
  private cut = false;
  private inString = false;
  private escaped = false;
  private depth = 0;

  constructor(private readonly options: EntryScannerOptions) {}

  push(chunk: Buffer): ScannedEntry[] {
    const done: ScannedEntry[] = [];
    let tokenStart = this.phase === 'in-key' || this.phase === 'in-value' ? 0 : -1;
    for (let at = 0; at < chunk.length; at += 1) {
      const byte = chunk[at] ?? 0;
      if (byte === newline) {
        // journalctl escapes newlines inside strings, so a raw one always ends the line.
        if (this.phase === 'done') done.push(this.entry);
        else if (this.phase !== 'before' && this.phase !== 'junk')
          this.malformed('the line ended inside the entry');
        this.reset();
        tokenStart = -1;
        continue;
      }
      switch (this.phase) {
        case 'before':
          if (byte === openBrace) this.phase = 'key';
          else if (!isSpace(byte)) this.malformed('the line is not a JSON object');
          break;
        case 'key':
          if (byte === quote) {
            this.phase = 'in-key';
            this.keyBytes = 0;
            tokenStart = at + 1;
            this.escaped = false;
          } else if (byte === closeBrace && this.entry.size === 0) this.phase = 'done';
          else if (!isSpace(byte)) this.malformed('a field name was expected');
          break;
        case 'in-key':
          if (this.escaped) this.escaped = false;
          else if (byte === backslash) this.escaped = true;
          else if (byte === quote) {
            if (!this.keepKey(chunk.subarray(tokenStart, at))) break;
            this.key = Buffer.concat(this.keyParts).toString('utf8');
            this.keyParts = [];
            this.phase = 'colon';
          }
          break;
        case 'colon':
          if (byte === colon) this.phase = 'value';
          else if (!isSpace(byte)) this.malformed('":" was expected');
          break;
        case 'value':
          if (isSpace(byte)) break;
          this.startValue();
          tokenStart = at;
          this.phase = 'in-value';
          at -= 1;
          break;
        case 'in-value': {
          const end = this.valueEnd(byte);
          if (end === 'open') break;
          const stop = end === 'after' ? at + 1 : at;
          this.keepValue(chunk.subarray(tokenStart, stop));
          this.endValue();
          tokenStart = -1;
          if (end === 'before') at -= 1;
          break;
        }
        case 'after-value':
          if (byte === comma) this.phase = 'key';
          else if (byte === closeBrace) this.phase = 'done';
          else if (!isSpace(byte)) this.malformed('"," or "}" was expected');
          break;
        case 'done':
          if (!isSpace(byte)) this.malformed('text follows the entry');
          break;
        case 'junk':
          break;
      }
    }
    if (this.phase === 'in-key') this.keepKey(chunk.subarray(tokenStart));
    if (this.phase === 'in-value') this.keepValue(chunk.subarray(tokenStart));
    return done;
  }

  /**
   * Whether `byte` ends the value: 'after' it (a closing quote or bracket), 'before' it (the
   * comma or brace after a bare null or number), or not ('open').
   */
  private valueEnd(byte: number): 'open' | 'after' | 'before' {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (byte === backslash) this.escaped = true;
      else if (byte === quote) {
        this.inString = false;
        if (this.depth === 0) return 'after';
      }
      return 'open';
    }
    if (byte === quote) this.inString = true;
    else if (byte === openBracket) this.depth += 1;
    else if (byte === closeBracket) {
      this.depth -= 1;
      if (this.depth === 0) return 'after';
    } else if (this.depth === 0 && (byte === comma || byte === closeBrace || isSpace(byte))) return 'before';
    return 'open';
  }

  /** False when the name is too long to be a journal field; the line is then skipped. */
  private keepKey(bytes: Buffer): boolean {
    this.keyParts.push(Buffer.from(bytes));
    this.keyBytes += bytes.length;
    if (this.keyBytes <= maxKeyBytes) return true;
    this.malformed('a field name is too long');
    return false;
  }

  private startValue(): void {
    this.valueParts = [];
    this.valueBytes = 0;
    this.valueLimit = this.options.maxValueBytes(this.key);
    this.cut = false;
    this.inString = false;
    this.escaped = false;
    this.depth = 0;
  }

  private keepValue(bytes: Buffer): void {
    const room = this.valueLimit - this.valueBytes;
    if (bytes.length > room) this.cut = true;
    const kept = bytes.length > room ? bytes.subarray(0, Math.max(room, 0)) : bytes;
    if (kept.length === 0) return;
    // A copy, so that a short value does not keep the whole chunk alive.
    this.valueParts.push(Buffer.from(kept));
    this.valueBytes += kept.length;
  }

  private endValue(): void {
    this.entry.set(this.key, { json: Buffer.concat(this.valueParts), cut: this.cut });
    this.valueParts = [];
    this.phase = 'after-value';
  }

  private malformed(reason: string): void {
    this.options.onMalformed(reason);
    this.phase = 'junk';
  }

  private reset(): void {
    this.phase = 'before';
    this.entry = new Map();
    this.keyParts = [];
    this.valueParts = [];
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}
