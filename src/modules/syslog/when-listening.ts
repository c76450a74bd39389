import type { EventEmitter } from 'node:events';

/**
 * Resolves when `start` (a bind or listen) calls back; rejects with the first 'error' the
 * emitter raises before that, such as EADDRINUSE.
 */
export function whenListening(
  emitter: EventEmitter,
  start: (onListening: () => void) => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    emitter.once('error', reject);
    start(() => {
      emitter.off('error', reject);
      resolve();
    });
  });
}
