import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

const blockBytes = 1024 * 1024;
const keptBlocks = 4;

/**
 * Serves yauzl's reads of one archive from a few cached 1 MiB blocks: an `all.zip` of 100k
 * records costs three small reads per entry (directory record, local header, data), and one
 * thread-pool round trip each would dominate the import. The central directory and the entry
 * data are each read in order, so a handful of blocks is enough; memory stays at 4 MiB.
 */
export class ZipBlockReader extends yauzl.RandomAccessReader {
  private readonly blocks = new Map<number, Promise<Buffer>>();

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number,
  ) {
    super();
  }

  private block(index: number): Promise<Buffer> {
    const cached = this.blocks.get(index);
    if (cached !== undefined) {
      // Most recently used last, so the oldest is first to go.
      this.blocks.delete(index);
      this.blocks.set(index, cached);
      return cached;
    }
    const start = index * blockBytes;
    const length = Math.min(blockBytes, this.size - start);
    const loading = this.handle
      .read(Buffer.alloc(length), 0, length, start)
      .then(({ bytesRead, buffer }) => buffer.subarray(0, bytesRead));
    this.blocks.set(index, loading);
    if (this.blocks.size > keptBlocks) this.blocks.delete(this.blocks.keys().next().value ?? index);
    loading.catch(() => this.blocks.delete(index));
    return loading;
  }

  private async *range(start: number, end: number): AsyncGenerator<Buffer> {
    for (let at = start; at < end;) {
      const index = Math.floor(at / blockBytes);
      const block = await this.block(index);
      const from = at - index * blockBytes;
      const to = Math.min(block.length, end - index * blockBytes);
      if (to <= from) throw new Error(`the archive ends before byte ${end}`);
      yield block.subarray(from, to);
      at = index * blockBytes + to;
    }
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from(this.range(start, end), { objectMode: false });
  }

  /** Bytes `start` to `end` (exclusive), copied out of the blocks. */
  async bytes(start: number, end: number): Promise<Buffer> {
    const bytes = Buffer.alloc(end - start);
    await this.copy(bytes, 0, start, end);
    return bytes;
  }

  private async copy(target: Buffer, offset: number, start: number, end: number): Promise<void> {
    let written = offset;
    for await (const part of this.range(start, end)) written += part.copy(target, written);
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null) => void,
  ): void {
    this.copy(buffer, offset, position, position + length).then(
      () => callback(null),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }

  override close(callback: (error: Error | null) => void): void {
    this.handle.close().then(
      () => callback(null),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  }
}
