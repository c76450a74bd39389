import { useEffect, useState } from 'react';
import type { VulnFinding } from '../../../../src/protocol/vuln-api.ts';
import { ApiError } from '../../api/ApiError.ts';
import { getFinding } from '../../api/vulnerabilities.ts';

export interface FindingsById {
  /** In the order of the ids. */
  findings: VulnFinding[];
  /** Ids the server no longer knows (404). */
  missing: string[];
  loading: boolean;
  error: unknown;
}

/** A handful of requests at a time, so a long choice does not flood the server. */
const parallel = 6;

/** The chosen findings, read one by one: the list API filters, it does not look up by id. */
export function useFindingsById(ids: readonly string[]): FindingsById {
  const [state, setState] = useState<FindingsById>({
    findings: [],
    missing: [],
    loading: ids.length > 0,
    error: undefined,
  });
  const key = ids.join('\n');

  useEffect(() => {
    let current = true;
    const wanted = key === '' ? [] : key.split('\n');
    const found = new Map<string, VulnFinding>();
    const missing: string[] = [];
    let next = 0;
    setState((previous) => ({ ...previous, loading: wanted.length > 0, error: undefined }));

    async function worker(): Promise<void> {
      while (current && next < wanted.length) {
        const id = wanted[next++] ?? '';
        try {
          found.set(id, await getFinding(id));
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 404)) throw error;
          missing.push(id);
        }
      }
    }

    Promise.all(Array.from({ length: Math.min(parallel, wanted.length) }, worker)).then(
      () =>
        current &&
        setState({
          findings: wanted.flatMap((id) => found.get(id) ?? []),
          missing,
          loading: false,
          error: undefined,
        }),
      (error: unknown) => current && setState((previous) => ({ ...previous, loading: false, error })),
    );
    return () => {
      current = false;
    };
  }, [key]);

  return state;
}
