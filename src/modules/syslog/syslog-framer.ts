const LF = 0x0a;
const CR = 0x0d;
const NUL = 0x00;
const SP = 0x20;

type State = 'start' | 'length' | 'octets' | 'line';

export interface FramerOutput {
  frames: Buffer[];
  /** A frame was larger than the limit: the stream cannot be trusted past it and must be closed. */
  oversized: boolean;
}

const empty = Buffer.alloc(0);

/**
 * Splits a TCP syslog stream into messages (RFC 6587). Each frame is either octet-counted
 * (`LEN SP MSG`) or non-transparent (ended by LF, or NUL; a CR before the LF is dropped),
 * decided per frame as rsyslog does: a frame that starts with digits followed by a space is
 * octet-counted; digits followed by anything else start an ordinary line.
 *
 * Memory is bounded by the limit: a declared length over it is refused before any of the body
 * is read, and a line as soon as it grows past it. A frame that arrives in one chunk is handed
 * out without a copy; one that arrives in pieces is gathered in a buffer that doubles as it
 * grows, so a sender trickling one byte at a time costs linear time and no per-byte objects.
 */
export class SyslogFramer {
  private state: State = 'start';
  private pending = empty;
  private size = 0;
  /** The declared length, while reading `LEN` and then the frame's body. */
  private length = 0;

  constructor(private readonly maxFrameBytes: number) {}

  push(chunk: Buffer): FramerOutput {
    const frames: Buffer[] = [];
    let i = 0;
    while (i < chunk.length) {
      const byte = chunk[i] as number;
      if (this.state === 'start') {
        // Blank lines, and the LF some senders put after an octet-counted frame.
        if (byte === LF || byte === CR || byte === NUL) i++;
        else this.state = isDigit(byte) ? 'length' : 'line';
      } else if (this.state === 'length') {
        let end = i;
        while (end < chunk.length && isDigit(chunk[end] as number)) {
          this.length = Math.min(this.length * 10 + (chunk[end] as number) - 48, this.maxFrameBytes + 1);
          end++;
        }
        // The digits are kept: if no space follows they are the start of a line.
        if (!this.append(chunk, i, end)) return { frames, oversized: true };
        i = end;
        if (i === chunk.length) break;
        if (chunk[i] !== SP) {
          this.state = 'line';
        } else if (this.length > this.maxFrameBytes) {
          return { frames, oversized: true };
        } else {
          i++;
          this.size = 0;
          this.state = this.length === 0 ? 'start' : 'octets';
        }
      } else if (this.state === 'octets') {
        const end = Math.min(chunk.length, i + this.length - this.size);
        if (this.size === 0 && end - i === this.length) frames.push(this.whole(chunk.subarray(i, end)));
        else {
          this.append(chunk, i, end);
          if (this.size === this.length) frames.push(this.take());
        }
        i = end;
      } else {
        let end = i;
        while (end < chunk.length && chunk[end] !== LF && chunk[end] !== NUL) end++;
        if (end < chunk.length && this.size === 0 && end - i <= this.maxFrameBytes) {
          frames.push(this.whole(chunk.subarray(i, end)));
        } else {
          if (!this.append(chunk, i, end)) return { frames, oversized: true };
          if (end < chunk.length) frames.push(this.take());
        }
        i = end + 1;
      }
    }
    return { frames: frames.filter((frame) => frame.length > 0), oversized: false };
  }

  /**
   * At the end of the stream: a last line without its LF is a whole message (`printf msg | nc`),
   * a cut octet-counted frame is not.
   */
  end(): Buffer | undefined {
    const last = this.state === 'line' || this.state === 'length' ? this.take() : this.whole(empty);
    return last.length > 0 ? last : undefined;
  }

  /** False when the frame would grow past the limit. */
  private append(chunk: Buffer, from: number, to: number): boolean {
    const size = this.size + to - from;
    if (size > this.maxFrameBytes) return false;
    if (size > this.pending.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.maxFrameBytes, Math.max(1024, size * 2)));
      this.pending.copy(grown, 0, 0, this.size);
      this.pending = grown;
    }
    chunk.copy(this.pending, this.size, from, to);
    this.size = size;
    return true;
  }

  /** The frame gathered so far; the buffer goes with it, so the next frame starts a new one. */
  private take(): Buffer {
    const frame = this.pending.subarray(0, this.size);
    this.pending = empty;
    return this.whole(frame);
  }

  /** A complete frame, without a trailing CR, and a fresh start. */
  private whole(frame: Buffer): Buffer {
    this.state = 'start';
    this.size = 0;
    this.length = 0;
    return frame.length > 0 && frame[frame.length - 1] === CR ? frame.subarray(0, -1) : frame;
  }
}

function isDigit(byte: number): boolean {
  return byte >= 48 && byte <= 57;
}
