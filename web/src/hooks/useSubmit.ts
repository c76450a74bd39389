import { useCallback, useState } from 'react';

export interface Submit {
  /** Disable the control that started the action while it runs, so it cannot be sent twice. */
  busy: boolean;
  /** What the last action threw, for an <ErrorAlert>; cleared when the next one starts. */
  error: unknown;
  /** Never rejects: a failure lands in `error`. Throw from `action` to report a check that failed locally. */
  run: (action: () => Promise<void>) => Promise<void>;
}

export function useSubmit(): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, []);

  return { busy, error, run };
}
