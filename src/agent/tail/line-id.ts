import { createHash } from 'node:crypto';

/**
 * The id of the line starting at byte `offset` of the file content identified by `fingerprint`
 * and `generation` (see file-fingerprint.ts). It depends only on where the line is, never on
 * reading order or timing, so a line read again after a crash gets the id it had before and the
 * server's dedup drops the repeat. 128 bits of SHA-256, as hex, fit the protocol's id pattern.
 */
export function lineId(fingerprint: string, generation: number, offset: number): string {
  return createHash('sha256').update(`${fingerprint}:${generation}:${offset}`).digest('hex').slice(0, 32);
}
