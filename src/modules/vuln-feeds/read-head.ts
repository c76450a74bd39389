import { open } from 'node:fs/promises';
import { unreadable } from './read-file-bounded.ts';

/** The first bytes of a file (fewer when it is shorter), to recognise it by its content. */
export async function readHead(path: string, length: number): Promise<Buffer> {
  try {
    const handle = await open(path, 'r');
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(length), 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(path, error);
  }
}

/** gzip's magic number (RFC 1952): decided by content, whatever the file is called. */
export function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}
