import { open, type FileHandle } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { Advisory } from '../../protocol/vuln.ts';
import { FeedError } from './feed-error.ts';
import type { FeedProgress, FeedReadOptions } from './feed-read-options.ts';
import { unreadable } from './read-file-bounded.ts';
import { maxRecordBytes, readOsvEntry, recordName } from './read-osv-entry.ts';
import { ZipBlockReader } from './zip-block-reader.ts';

/** `PK\x03\x04` (an entry first) or `PK\x05\x06` (an empty archive). */
export function isZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
}

/**
 * An entry's content: read straight from the cached blocks, inflated in one synchronous step
 * (records are small; a zlib stream per entry would cost a thread-pool round trip each) and
 * bounded; its size and CRC-32 are checked, which yauzl leaves to the caller.
 */
async function entryBytes(zip: yauzl.ZipFile, reader: ZipBlockReader, entry: yauzl.Entry, origin: string) {
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
  const stored = await reader.bytes(fileDataStart, fileDataStart + entry.compressedSize);
  let bytes: Buffer;
  try {
    bytes =
      entry.compressionMethod === 0 ? stored : inflateRawSync(stored, { maxOutputLength: maxRecordBytes });
  } catch (error) {
    throw unreadable(origin, error);
  }
  if (bytes.length !== entry.uncompressedSize || crc32(bytes) !== entry.crc32) {
    throw new FeedError(
      'feed.unreadable',
      origin,
      'corrupt entry: its size or CRC-32 does not match the archive',
    );
  }
  return bytes;
}

/**
 * The records of an OSV `all.zip`, entry by entry from the central directory (never the whole
 * archive in memory). Names are decoded and checked here rather than by yauzl, which would end
 * the whole read at the first hostile one: `..`, absolute and backslash names are told to
 * `onInvalid` and skipped, as are entries over the record bound. Nothing is extracted to disk.
 */
export async function* readOsvZip(
  path: string,
  options: FeedReadOptions,
  progress: FeedProgress,
): AsyncGenerator<Advisory> {
  let handle: FileHandle | undefined;
  let zip: yauzl.ZipFile;
  let reader: ZipBlockReader;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    reader = new ZipBlockReader(handle, size);
    zip = await yauzl.fromRandomAccessReaderPromise(reader, size, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch (error) {
    await handle?.close();
    throw unreadable(path, error);
  }
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        true,
      );
      const origin = `${path}#${name.slice(0, 256)}`;
      const refused = yauzl.validateFileName(name);
      if (refused !== null) {
        options.onInvalid?.(origin, `entry refused: ${refused}`);
        continue;
      }
      if (name.endsWith('/') || !recordName.test(name)) continue;
      if (Math.max(entry.uncompressedSize, entry.compressedSize) > maxRecordBytes) {
        options.onInvalid?.(origin, `larger than ${maxRecordBytes} bytes`);
        continue;
      }
      if (!entry.canDecodeFileData()) {
        options.onInvalid?.(origin, 'encrypted, or compressed with a method other than deflate');
        continue;
      }
      const bytes = await entryBytes(zip, reader, entry, origin);
      progress.bytes(entry.compressedSize);
      const advisory = readOsvEntry(bytes, origin, options);
      if (advisory === undefined) continue;
      yield advisory;
      progress.record();
    }
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    zip.close();
  }
}
