export interface BoundedBatcherOptions<T> {
  /** Items per write at most. */
  maxBatch: number;
  /** How long the first item of a batch may wait for others. */
  maxDelayMs: number;
  /** Bounds on what is held, counting the batch being written: past them `add` refuses. */
  maxItems: number;
  maxBytes: number;
  sizeOf(item: T): number;
  write(batch: T[]): Promise<void>;
  /** The write failed; its items are gone. */
  onWriteError(error: unknown, batch: T[]): void;
}

/**
 * Gathers items into batches and writes one batch at a time. While a write is in flight new
 * items wait and go in the next one (group commit), so batches grow with the load and a slow
 * database slows nothing but the batcher. What it holds is bounded: when the database falls
 * behind for long, `add` refuses and the caller drops and counts.
 */
export class BoundedBatcher<T> {
  private queue: T[] = [];
  private items = 0;
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;

  constructor(private readonly options: BoundedBatcherOptions<T>) {}

  /** False when the batcher is full and did not take the item. */
  add(item: T): boolean {
    const size = this.options.sizeOf(item);
    if (this.items >= this.options.maxItems || this.bytes + size > this.options.maxBytes) return false;
    this.queue.push(item);
    this.items++;
    this.bytes += size;
    if (this.queue.length >= this.options.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
    return true;
  }

  /** Writes everything held, then resolves. */
  async close(): Promise<void> {
    this.flush();
    while (this.writing) await this.writing;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing !== undefined || this.queue.length === 0) return;
    this.writing = this.drain().finally(() => {
      this.writing = undefined;
      if (this.queue.length > 0) this.flush();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      try {
        await this.options.write(batch);
      } catch (error) {
        this.options.onWriteError(error, batch);
      }
      this.items -= batch.length;
      for (const item of batch) this.bytes -= this.options.sizeOf(item);
    }
  }
}
