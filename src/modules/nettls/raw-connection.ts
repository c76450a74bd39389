import { connect, type Socket } from 'node:net';
import { NetTlsError } from './nettls-error.ts';

export interface TlsEndpoint {
  address: string;
  port: number;
  serverName?: string | undefined;
  starttls?: 'smtp' | 'imap' | 'pop3' | 'ftp' | 'postgresql' | undefined;
}

/** Most a read may buffer: ServerHellos, certificates and STARTTLS replies fit in far less. */
const maxBuffered = 64 * 1024;

/**
 * A plain TCP connection read as a conversation: `read` waits until `decide` finds what it wants in
 * the bytes so far. The whole connection shares one deadline, so a slow server cannot stretch an
 * exchange out step by step.
 */
export class RawConnection {
  private buffered = Buffer.alloc(0);
  private ended = false;
  private wake: (() => void) | undefined;
  private readonly timer: NodeJS.Timeout;
  private timedOut = false;

  private constructor(
    readonly socket: Socket,
    timeoutMs: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      if (this.buffered.length > maxBuffered) socket.destroy();
      this.wake?.();
    });
    socket.on('end', () => this.finish());
    socket.on('close', () => this.finish());
    // A reset after connecting is the server hanging up: `read` reports it as closed.
    socket.on('error', () => this.finish());
    this.timer = setTimeout(() => {
      this.timedOut = true;
      socket.destroy();
      this.wake?.();
    }, timeoutMs);
    signal?.addEventListener('abort', this.abort, { once: true });
  }

  private readonly abort = (): void => {
    this.socket.destroy();
    this.wake?.();
  };

  private finish(): void {
    this.ended = true;
    this.wake?.();
  }

  static open(endpoint: TlsEndpoint, timeoutMs: number, signal?: AbortSignal): Promise<RawConnection> {
    if (signal?.aborted) return Promise.reject(new NetTlsError('aborted', 'aborted'));
    return new Promise((resolve, reject) => {
      const socket = connect({ host: endpoint.address, port: endpoint.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(
          new NetTlsError(
            'timeout',
            `no TCP connection to ${endpoint.address}:${endpoint.port} within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new NetTlsError('connect-failed', `${endpoint.address}:${endpoint.port}: ${error.message}`));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new RawConnection(socket, timeoutMs, signal));
      });
    });
  }

  write(data: Buffer | string): void {
    this.socket.write(data);
  }

  /**
   * Resolves with what `decide` makes of the buffered bytes (consuming `used` of them), or `closed`
   * when the server hung up first. Throws on timeout and abort.
   */
  async read<T>(decide: (data: Buffer) => { value: T; used: number } | undefined): Promise<T | 'closed'> {
    for (;;) {
      const decided = decide(this.buffered);
      if (decided) {
        this.buffered = this.buffered.subarray(decided.used);
        return decided.value;
      }
      if (this.signal?.aborted) throw new NetTlsError('aborted', 'aborted');
      if (this.timedOut) throw new NetTlsError('timeout', 'the server did not answer in time');
      if (this.ended) return 'closed';
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  /** Hands the socket over (to node:tls after STARTTLS) without closing it. */
  release(): Socket {
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.abort);
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('end');
    this.socket.removeAllListeners('close');
    this.socket.removeAllListeners('error');
    return this.socket;
  }

  close(): void {
    clearTimeout(this.timer);
    this.signal?.removeEventListener('abort', this.abort);
    this.socket.destroy();
  }
}
