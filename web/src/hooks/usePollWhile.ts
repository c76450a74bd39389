import { useEffect } from 'react';

/**
 * Loads again `everyMs` after each load finished, for as long as `active` holds: a running job's
 * page follows it without a reload. `reload` must be stable.
 */
export function usePollWhile(active: boolean, loading: boolean, reload: () => void, everyMs = 2000): void {
  useEffect(() => {
    if (!active || loading) return;
    const timer = setTimeout(reload, everyMs);
    return () => clearTimeout(timer);
  }, [active, loading, reload, everyMs]);
}
