/** How a caller follows and steers the reading of one feed. */
export interface FeedReadOptions {
  signal?: AbortSignal | undefined;
  /** Called every few hundred records and once at the end; `bytes` counts bytes read from disk. */
  onProgress?: ((done: { records: number; bytes: number }) => void) | undefined;
  /**
   * A record that is malformed or out of bounds is skipped and told here (a feed with a few bad
   * records still imports the good ones); a file that is malformed as a whole throws FeedError.
   */
  onInvalid?: ((origin: string, reason: string) => void) | undefined;
}

export interface FeedProgress {
  record(): void;
  bytes(count: number): void;
  /** Reports the totals once more, and throws if the read was aborted meanwhile. */
  end(): void;
  readonly records: number;
}

const reportEvery = 500;

/** Counts records and bytes, checks the abort signal on each record, and reports sparingly. */
export function feedProgress(options: FeedReadOptions): FeedProgress {
  let records = 0;
  let bytes = 0;
  const report = (): void => options.onProgress?.({ records, bytes });
  return {
    record() {
      options.signal?.throwIfAborted();
      records += 1;
      if (records % reportEvery === 0) report();
    },
    bytes(count) {
      bytes += count;
    },
    end() {
      options.signal?.throwIfAborted();
      report();
    },
    get records() {
      return records;
    },
  };
}
