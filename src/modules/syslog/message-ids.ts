import type { Random } from '../../platform/ids.ts';

/**
 * Ids for received messages. The random prefix keeps them unique across restarts and server
 * processes; the fixed-width counter keeps them in arrival order within one, which is how the
 * events API orders a batch (its messages share one receive time).
 */
export function messageIds(random: Random): () => string {
  const prefix = random.secret(9);
  let sequence = 0;
  return () => `${prefix}.${(sequence++).toString(36).padStart(10, '0')}`;
}
