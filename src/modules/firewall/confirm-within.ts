/** One attempt to reach the server on a new connection; rejects when it cannot. */
export type Reach = (signal: AbortSignal) => Promise<void>;

export type Confirmation = { ok: true; ms: number } | { ok: false; error: string };

/** Pause between attempts, so a refused connection does not spin. */
const retryMs = 1000;
/** One attempt may not use up the whole window: a dropped SYN hangs until its own timeout. */
const attemptMs = 5000;

/**
 * Tries `reach` until it succeeds or `windowMs` has passed, as iptables-apply waits for its
 * user: success means the host can still open a connection to its server under the new rules.
 */
export async function confirmWithin(reach: Reach, windowMs: number): Promise<Confirmation> {
  const started = Date.now();
  const deadline = started + windowMs;
  let error = 'no attempt was made';
  while (Date.now() < deadline) {
    const signal = AbortSignal.timeout(Math.max(1, Math.min(attemptMs, deadline - Date.now())));
    try {
      await reach(signal);
      return { ok: true, ms: Date.now() - started };
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const pause = Math.min(retryMs, deadline - Date.now());
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
  }
  return { ok: false, error };
}
