import { sha256Hex } from '../../platform/ids.ts';
import type { AuditOutcome } from '../../protocol/audit.ts';

export interface AuditRecord {
  at: string;
  actorId: string | null;
  actor: string | null;
  action: string;
  method: string;
  path: string;
  target: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  status: number;
  outcome: AuditOutcome;
  detail: string | null;
}

export interface ChainedRecord extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * The hash covers the sequence number, every field and the previous hash, so
 * changing, removing or reordering any row breaks every link after it.
 * Field order is fixed by this array; never reorder it.
 */
export function chainHash(seq: number, prevHash: string, record: AuditRecord): string {
  const fields = [
    seq,
    record.at,
    record.actorId,
    record.actor,
    record.action,
    record.method,
    record.path,
    record.target,
    record.sourceIp,
    record.userAgent,
    record.status,
    record.outcome,
    record.detail,
  ];
  return sha256Hex(`${prevHash}\n${JSON.stringify(fields)}`);
}

export interface ChainCursor {
  seq: number;
  hash: string;
}

export type LinkProblem = { seq: number; reason: string } | null;

/** Checks one row against the row before it. */
export function checkLink(previous: ChainCursor, row: ChainedRecord): LinkProblem {
  if (row.seq !== previous.seq + 1) {
    return { seq: row.seq, reason: `sequence jumps from ${previous.seq} to ${row.seq}: rows are missing` };
  }
  if (row.prevHash !== previous.hash) {
    return { seq: row.seq, reason: 'previous-hash link does not match the row before it' };
  }
  if (chainHash(row.seq, row.prevHash, row) !== row.hash) {
    return { seq: row.seq, reason: 'row contents do not match its hash: the row was modified' };
  }
  return null;
}
