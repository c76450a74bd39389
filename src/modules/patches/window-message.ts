import type { PatchPlansTable } from '../../store/schema-patches.ts';

/** What a running plan waits for when its maintenance window has not opened yet; null when it is open. */
export function windowMessage(
  plan: Pick<PatchPlansTable, 'window_start' | 'window_end'>,
  now: Date,
): string | null {
  if (plan.window_start === null || Date.parse(plan.window_start) <= now.getTime()) return null;
  return `waiting for the maintenance window ${plan.window_start} – ${plan.window_end ?? '?'}`;
}
