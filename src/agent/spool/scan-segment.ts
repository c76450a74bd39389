import { open } from 'node:fs/promises';
import { decodeRecordLine, maxRecordLineBytes } from './record-line.ts';

export interface SegmentScan {
  seqs: number[];
  /** Byte offsets of each record's line start and of the byte after its newline. */
  starts: number[];
  ends: number[];
  /** Where the last intact record ends: anything after it is a torn or damaged tail. */
  validEnd: number;
}

const chunkBytes = 1024 * 1024;
const newline = 0x0a;

/**
 * Indexes the intact records of one segment file whose seq is above `afterSeq`, skipping damaged
 * lines and lines that would break the order. Lines longer than any record can be are skipped
 * without being buffered, so a hostile file cannot exhaust memory.
 */
export async function scanSegment(path: string, afterSeq: number): Promise<SegmentScan> {
  const scan: SegmentScan = { seqs: [], starts: [], ends: [], validEnd: 0 };
  let lastSeq = afterSeq;
  let lineStart = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversized = false;
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkBytes);
    let position = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, chunkBytes, position);
      if (bytesRead === 0) break;
      let from = 0;
      for (;;) {
        const at = buffer.indexOf(newline, from);
        if (at === -1 || at >= bytesRead) break;
        if (!oversized && pendingBytes + at - from < maxRecordLineBytes) {
          const line = Buffer.concat([...pending, buffer.subarray(from, at)]);
          const record = decodeRecordLine(line);
          if (record !== undefined && record.seq > lastSeq) {
            lastSeq = record.seq;
            scan.seqs.push(record.seq);
            scan.starts.push(lineStart);
            scan.ends.push(position + at + 1);
            scan.validEnd = position + at + 1;
          }
        }
        lineStart = position + at + 1;
        from = at + 1;
        pending = [];
        pendingBytes = 0;
        oversized = false;
      }
      const rest = bytesRead - from;
      if (!oversized && pendingBytes + rest < maxRecordLineBytes) {
        pending.push(Buffer.from(buffer.subarray(from, bytesRead)));
        pendingBytes += rest;
      } else {
        oversized = true;
        pending = [];
        pendingBytes = 0;
      }
      position += bytesRead;
    }
  } finally {
    await file.close();
  }
  return scan;
}
