import type { FileHandle } from 'node:fs/promises';

export interface ReadPosition {
  /** The next byte to read. */
  offset: number;
  /** Inside a line already delivered truncated: discard up to and including its newline. */
  skipping: boolean;
}

export interface RawLine {
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Without its newline; invalid UTF-8 is replaced with U+FFFD. */
  line: string;
  /** The line was longer than maxLineBytes and only its first maxLineBytes bytes are here. */
  truncated: boolean;
}

export interface ReadLimits {
  maxLineBytes: number;
  /** Scratch space, reused across calls; at least maxLineBytes + 2 so every full chunk makes progress. */
  buffer: Buffer;
  /** Stop after this many lines or this many bytes consumed; `more` then says so. */
  maxLines: number;
  maxBytes: number;
}

const newline = 0x0a;

/**
 * Reads the complete lines after `from`. A final line without its newline is left for later
 * unless it already exceeds maxLineBytes; then its head is returned truncated and the rest is
 * skipped as it arrives, so memory stays bounded by one chunk whatever the file holds.
 */
export async function readLines(
  file: FileHandle,
  from: ReadPosition,
  limits: ReadLimits,
): Promise<{ lines: RawLine[]; position: ReadPosition; more: boolean }> {
  const { buffer } = limits;
  const chunkBytes = buffer.length;
  if (chunkBytes < limits.maxLineBytes + 2) throw new RangeError('the read buffer is smaller than a line');
  const lines: RawLine[] = [];
  let { offset, skipping } = from;
  let consumedBytes = 0;
  for (;;) {
    if (lines.length >= limits.maxLines || consumedBytes >= limits.maxBytes) {
      return { lines, position: { offset, skipping }, more: true };
    }
    const { bytesRead } = await file.read(buffer, 0, chunkBytes, offset);
    const chunk = buffer.subarray(0, bytesRead);
    let at = 0;
    if (skipping) {
      const end = chunk.indexOf(newline);
      at = end === -1 ? bytesRead : end + 1;
      skipping = end === -1;
    }
    while (!skipping && at < bytesRead && lines.length < limits.maxLines) {
      const end = chunk.indexOf(newline, at);
      const length = (end === -1 ? bytesRead : end) - at;
      if (length > limits.maxLineBytes) {
        lines.push(decode(chunk, offset, at, limits.maxLineBytes, true));
        skipping = end === -1;
        at = end === -1 ? bytesRead : end + 1;
      } else if (end === -1) {
        break;
      } else {
        lines.push(decode(chunk, offset, at, length, false));
        at = end + 1;
      }
    }
    offset += at;
    consumedBytes += at;
    // A short read is the end of the file; anything left is an incomplete line that waits.
    if (bytesRead < chunkBytes) {
      const more = at < bytesRead && lines.length >= limits.maxLines;
      return { lines, position: { offset, skipping }, more };
    }
  }
}

function decode(chunk: Buffer, chunkOffset: number, at: number, length: number, truncated: boolean): RawLine {
  return { offset: chunkOffset + at, line: chunk.toString('utf8', at, at + length), truncated };
}
