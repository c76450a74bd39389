/**
 * At most `count` operations in flight, each lent its own reusable buffer: hashing many files at
 * once keeps the disk queue and the thread pool busy, while the bound keeps descriptors and memory
 * flat however large the tree.
 */
export interface BufferSlots {
  run<T>(fn: (buffer: Buffer) => Promise<T>): Promise<T>;
}

export function createBufferSlots(count: number, bytes: number): BufferSlots {
  const free: Buffer[] = Array.from({ length: count }, () => Buffer.allocUnsafe(bytes));
  const waiting: ((buffer: Buffer) => void)[] = [];
  const acquire = (): Promise<Buffer> => {
    const buffer = free.pop();
    return buffer ? Promise.resolve(buffer) : new Promise((resolve) => waiting.push(resolve));
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
