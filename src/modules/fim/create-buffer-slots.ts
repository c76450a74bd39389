/**
 * At most `count` operations in flight, each lent its own reusable buffer: hashing many files at
 * once keeps the disk queue and the thread pool busy, while the bound keeps descriptors and memory
 * flat however large the tree. Buffers are made when first needed, so rescanning one touched
 * file costs one buffer, not `count`.
 */
export interface BufferSlots {
  run<T>(fn: (buffer: Buffer) => Promise<T>): Promise<T>;
}

export function createBufferSlots(count: number, bytes: number): BufferSlots {
  const free: Buffer[] = [];
  const waiting: ((buffer: Buffer) => void)[] = [];
  let made = 0;
  const acquire = (): Promise<Buffer> => {
    const buffer = free.pop();
    if (buffer) return Promise.resolve(buffer);
    if (made === count) return new Promise((resolve) => waiting.push(resolve));
    made += 1;
    return Promise.resolve(Buffer.allocUnsafe(bytes));
  };
  const release = (buffer: Buffer): void => {
    const next = waiting.shift();
    if (next) next(buffer);
    else free.push(buffer);
  };
  return {
    async run(fn) {
      const buffer = await acquire();
      try {
        return await fn(buffer);
      } finally {
        release(buffer);
      }
    },
  };
}
