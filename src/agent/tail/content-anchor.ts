import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

const anchorBytes = 64;

/**
 * A hash of the bytes just before `offset`, the end of what was delivered. If they are different
 * later, the content was replaced even though the first line and size give no sign: a file
 * copytruncated and refilled past the old offset between two polls, or a deleted file's inode
 * reused by a new file with the same banner while the agent was stopped. Bytes before the
 * offset never change in a log that is only appended to, so a mismatch is never a false alarm.
 */
export async function readAnchor(file: FileHandle, offset: number): Promise<string> {
  if (offset === 0) return '';
  const start = Math.max(0, offset - anchorBytes);
  const buffer = Buffer.alloc(offset - start);
  const { bytesRead } = await file.read(buffer, 0, buffer.length, start);
  return createHash('sha256').update(buffer.subarray(0, bytesRead)).digest('hex').slice(0, 32);
}
