/**
 * Merges streams of batches, each stream in time order, into batches in time
 * order. `vigil detect auth.log access.log` correlates across files in log time
 * without reading either whole into memory; batches keep the per-line cost of
 * async iteration out of the hot path.
 */
export async function* mergeByTime<T>(
  streams: AsyncIterable<T[]>[],
  timeOf: (item: T) => number,
  batchSize = 1024,
): AsyncGenerator<T[]> {
  if (streams.length === 1 && streams[0]) {
    yield* streams[0];
    return;
  }
  const cursors = streams.map((stream) => ({
    iterator: stream[Symbol.asyncIterator](),
    batch: [] as T[],
    index: 0,
    done: false,
  }));
  const refill = async (cursor: (typeof cursors)[number]) => {
    while (!cursor.done && cursor.index >= cursor.batch.length) {
      const result = await cursor.iterator.next();
      if (result.done) cursor.done = true;
      else {
        cursor.batch = result.value;
        cursor.index = 0;
      }
    }
  };
  await Promise.all(cursors.map(refill));
  let out: T[] = [];
  for (;;) {
    let best: (typeof cursors)[number] | undefined;
    let bestTime = Infinity;
    for (const cursor of cursors) {
      const item = cursor.batch[cursor.index];
      if (cursor.index < cursor.batch.length && item !== undefined) {
        const time = timeOf(item);
        if (!best || time < bestTime) {
          best = cursor;
          bestTime = time;
        }
      }
    }
    if (!best) break;
    out.push(best.batch[best.index] as T);
    best.index += 1;
    if (out.length >= batchSize) {
      yield out;
      out = [];
    }
    if (best.index >= best.batch.length) await refill(best);
  }
  if (out.length > 0) yield out;
}
