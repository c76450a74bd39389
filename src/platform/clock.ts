/** Injected wherever time matters so tests can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date): Clock & { advance(ms: number): void; set(date: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}

/**
 * Whether a last-seen stamp is stale enough to rewrite. Writing it on every
 * request would turn every read into a write; a minute's slack is enough.
 */
export function needsTouch(lastIso: string | null, now: Date, everyMs = 60_000): boolean {
  return lastIso === null || now.getTime() - Date.parse(lastIso) >= everyMs;
}
