import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** Most a probe keeps from one connection: enough for any greeting, handshake or HTTP head. */
const maxProbeBytes = 64 * 1024;

/**
 * One probe connection and everything the service sent on it, capped at `maxProbeBytes` (the rest
 * is dropped and the connection closed). The peer is hostile: reads are bounded in bytes and time,
 * and a stream never throws on what it receives.
 */
export class ProbeStream {
  #chunks: Buffer[] = [];
  #size = 0;
  #closed = false;
  #wake: (() => void) | undefined;
  readonly #onAbort = () => this.#wake?.();

  constructor(
    readonly stream: Duplex,
    readonly deadline: number,
    readonly signal?: AbortSignal,
  ) {
    stream.on('data', (chunk: Buffer) => {
      const room = maxProbeBytes - this.#size;
      if (room > 0) {
        const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
        this.#chunks.push(kept);
        this.#size += kept.length;
      }
      if (this.#size >= maxProbeBytes) stream.destroy();
      this.#wake?.();
    });
    const end = () => {
      this.#closed = true;
      this.#wake?.();
    };
    stream.once('close', end);
    stream.once('end', end);
    stream.on('error', end);
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** All bytes received so far. */
  get received(): Buffer {
    if (this.#chunks.length > 1) this.#chunks = [Buffer.concat(this.#chunks)];
    return this.#chunks[0] ?? Buffer.alloc(0);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Drops what was received, so the next wait sees only the reply to the next request. */
  consume(): Buffer {
    const received = this.received;
    this.#chunks = [];
    this.#size = 0;
    return received;
  }

  write(bytes: Buffer | string): void {
    if (!this.#closed) this.stream.write(bytes);
  }

  /**
   * Waits until `complete(received)` holds, the peer closes, `ms` pass or the identification's
   * deadline comes; returns what was received either way.
   */
  async waitFor(complete: (received: Buffer) => boolean, ms: number): Promise<Buffer> {
    const until = Math.min(Date.now() + ms, this.deadline);
    while (!this.#closed && !complete(this.received) && Date.now() < until && !this.signal?.aborted) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, until - Date.now());
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
    return this.received;
  }

  close(): void {
    this.#closed = true;
    this.signal?.removeEventListener('abort', this.#onAbort);
    this.stream.destroy();
  }
}

/** Opens a TCP connection within `ms` (and the deadline); rejects with the socket's error or `ETIMEDOUT`. */
export function openTcp(address: string, port: number, ms: number, signal?: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port, noDelay: true });
    const timer = setTimeout(
      () => fail(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })),
      ms,
    );
    const onAbort = () => fail(signal?.reason ?? new Error('aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    function fail(error: unknown) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(error instanceof Error ? error : new Error(String(error)));
    }
    socket.once('error', fail);
    socket.once('connect', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('error', fail);
      resolve(socket);
    });
  });
}
