interface Cursor<T> {
  iterator: AsyncIterator<T[]>;
  batch: T[];
  index: number;
  /** timeOf the item at index, taken once per item. */
  time: number;
}

/**
 * Merges streams of batches, each stream in time order, into batches in time order (on equal
 * times the earlier stream first). `vigil detect auth.log access.log` correlates across files
 * in log time without reading either whole into memory; batches keep the per-line cost of
 * async iteration out of the hot path. Once one stream is left, its batches pass through.
 */
export async function* mergeByTime<T>(
  streams: AsyncIterable<T[]>[],
  timeOf: (item: T) => number,
  batchSize = 1024,
): AsyncGenerator<T[]> {
  const cursors = streams.map((stream): Cursor<T> => {
    return { iterator: stream[Symbol.asyncIterator](), batch: [], index: 0, time: 0 };
  });
  const next = async (cursor: Cursor<T>): Promise<boolean> => {
    for (;;) {
      const result = await cursor.iterator.next();
      if (result.done) return false;
      if (result.value.length > 0) {
        cursor.batch = result.value;
        cursor.index = 0;
        cursor.time = timeOf(result.value[0] as T);
        return true;
      }
    }
  };
  try {
    const started = await Promise.all(cursors.map(next));
    // In stream order, which decides ties.
    const live = cursors.filter((_, i) => started[i]);
    let out: T[] = [];
    while (live.length > 1) {
      let best = live[0] as Cursor<T>;
      for (const cursor of live) if (cursor.time < best.time) best = cursor;
      out.push(best.batch[best.index] as T);
      if (out.length >= batchSize) {
        yield out;
        out = [];
      }
      best.index += 1;
      if (best.index < best.batch.length) best.time = timeOf(best.batch[best.index] as T);
      else if (!(await next(best))) live.splice(live.indexOf(best), 1);
    }
    if (out.length > 0) yield out;
    const last = live[0];
    if (last === undefined) return;
    yield last.batch.slice(last.index);
    while (await next(last)) yield last.batch;
  } finally {
    // If the consumer stopped early or a stream failed, the others close their files (on a
    // finished stream, return does nothing).
    for (const cursor of cursors) await cursor.iterator.return?.().catch(() => undefined);
  }
}
