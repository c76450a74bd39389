/**
 * Runs `work` with a signal that aborts when `signal` does or after `ms`, and settles by then
 * whether `work` honours its signal or not: one endpoint that never lets go, or a bug in a check,
 * must not hold up the whole scan (nor the server's scan queue behind it). The timer is a real
 * one, not AbortSignal.timeout's unreferenced one: work stuck on nothing would otherwise let the
 * process exit with the scan unfinished.
 */
export async function withDeadline<T>(
  ms: number,
  signal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = new AbortController();
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  let timer: NodeJS.Timeout | undefined;
  let onAbort = (): void => undefined;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () =>
      reject(signal?.aborted === true ? (signal.reason as Error) : (deadline.signal.reason as Error));
    if (combined.aborted) onAbort();
    else combined.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(
      () => deadline.abort(new Error(`did not finish within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  try {
    return await Promise.race([work(combined), stopped]);
  } finally {
    clearTimeout(timer);
    combined.removeEventListener('abort', onAbort);
  }
}
