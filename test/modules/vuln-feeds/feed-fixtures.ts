import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import type { FeedReadOptions } from '../../../src/modules/vuln-feeds/feed-read-options.ts';
import { corporaDir } from '../../helpers/corpora.ts';

/** A path in the shared vulnerability corpora, read in place. */
export function vulnCorpus(...parts: string[]): string {
  return join(corporaDir() ?? '', 'vuln', ...parts);
}

/** A scratch directory removed when the test ends. */
export async function scratchDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-feeds-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Collects what a reader yields and what it reports as invalid. */
export async function readAll<T>(
  read: (options: FeedReadOptions) => AsyncIterable<T>,
  options: FeedReadOptions = {},
): Promise<{ items: T[]; invalid: [string, string][] }> {
  const invalid: [string, string][] = [];
  const items: T[] = [];
  for await (const item of read({
    ...options,
    onInvalid: (origin, reason) => invalid.push([origin, reason]),
  }))
    items.push(item);
  return { items, invalid };
}

export interface ZipEntry {
  /** Written as given: hostile names (`../x.json`, `/etc/x.json`) included. */
  name: string;
  data: string | Buffer;
  deflate?: boolean;
  /** Declared size and CRC-32, to make an archive that lies about them. */
  declaredSize?: number;
  declaredCrc?: number;
}

/**
 * Writes a zip archive (PKWARE APPNOTE: local headers, central directory, end record) byte by
 * byte, so tests control every name and size a hostile archive could carry.
 */
export async function writeZip(path: string, entries: ZipEntry[]): Promise<void> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.from(entry.data);
    const body = entry.deflate === true ? deflateRawSync(data) : data;
    const name = Buffer.from(entry.name);
    const method = entry.deflate === true ? 8 : 0;
    const size = entry.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    const crc = entry.declaredCrc ?? crc32(data);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  await writeFile(path, Buffer.concat([...locals, directory, end]));
}
