import type { Block } from '../../../../src/protocol/blocks.ts';

export type BlockStatus = 'active' | 'expired' | 'lifted';

/** A block no longer active either ran out (the sweep marks it lifted by `expiry`, or has not yet) or was lifted by someone. */
export function blockStatus(block: Block): BlockStatus {
  if (block.active) return 'active';
  return block.liftedAt === null || block.liftedBy === 'expiry' ? 'expired' : 'lifted';
}
