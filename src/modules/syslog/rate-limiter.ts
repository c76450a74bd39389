import type { Clock } from '../../platform/clock.ts';

/**
 * Lets something that can happen thousands of times a second be logged at most once per
 * interval per key, with how many times it happened since the last line: a flood that
 * overwhelms the database must not also flood the log. Exact counts belong in metrics.
 */
export function rateLimiter(
  clock: Clock,
  intervalMs: number,
): (key: string, count: number, log: (total: number) => void) => void {
  const state = new Map<string, { loggedAt: number; pending: number }>();
  return (key, count, log) => {
    const entry = state.get(key) ?? { loggedAt: -Infinity, pending: 0 };
    state.set(key, entry);
    entry.pending += count;
    const now = clock.now().getTime();
    if (now - entry.loggedAt < intervalMs) return;
    log(entry.pending);
    entry.loggedAt = now;
    entry.pending = 0;
  };
}
