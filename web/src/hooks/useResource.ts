import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from '../api/ApiError.ts';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Apply a mutation's result locally instead of refetching everything. */
  update: (change: (current: T) => T) => void;
}

interface State<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

/** Loads `load()` on mount and on `reload()`. `load` must be stable (a module-level function). */
export function useResource<T>(load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<State<T>>({ data: undefined, error: undefined, loading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) =>
        current && setState((previous) => ({ ...previous, error: toApiError(error), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [load, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const update = useCallback(
    (change: (current: T) => T) =>
      setState((previous) =>
        previous.data === undefined ? previous : { ...previous, data: change(previous.data) },
      ),
    [],
  );

  return { ...state, reload, update };
}
