import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/**
 * What a line id is anchored to: SHA-256 of the file's device and inode and of its first line,
 * or of its first `prefixBytes` bytes when the first line is longer.
 *
 * - dev + ino tell apart files that start the same (two hosts' logs with the same banner).
 * - The first line tells apart content that replaced another in the same inode (copytruncate,
 *   or a deleted file's inode reused), so new lines do not inherit the old lines' ids and get
 *   dropped as duplicates. Because a new first line can be byte-identical to the old one (a
 *   banner), line ids also carry a generation the tailer bumps on every truncation or
 *   replacement it sees (see file-tailer.ts).
 * - Only the first line is used because it is the only part that is final as soon as it is
 *   complete: hashing "the first 1 KiB" would change while a young file grows.
 *
 * Undefined while the first line is still incomplete and shorter than `prefixBytes`: nothing in
 * the file can be delivered before then, so no id is needed.
 */
export async function readFingerprint(
  file: FileHandle,
  identity: { dev: bigint; ino: bigint },
  prefixBytes: number,
): Promise<string | undefined> {
  const buffer = Buffer.alloc(prefixBytes);
  const { bytesRead } = await file.read(buffer, 0, prefixBytes, 0);
  const newline = buffer.subarray(0, bytesRead).indexOf(0x0a);
  if (newline === -1 && bytesRead < prefixBytes) return undefined;
  const prefix = buffer.subarray(0, newline === -1 ? prefixBytes : newline + 1);
  return createHash('sha256').update(`${identity.dev}:${identity.ino}:`).update(prefix).digest('hex');
}
