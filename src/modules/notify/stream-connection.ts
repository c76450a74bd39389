import type { Socket } from 'node:net';
import { DeliveryError } from './delivery-error.ts';

export interface StreamConnection {
  write(bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

/**
 * One long-lived TCP or TLS connection, opened on first use and again after
 * the receiver closes it (receivers drop idle senders). `open` starts the
 * connection; `readyEvent` is `connect`, or `secureConnect` for TLS.
 */
export function createStreamConnection(
  open: () => Socket,
  readyEvent: 'connect' | 'secureConnect',
  timeoutMs: number,
): StreamConnection {
  let connected: Socket | undefined;
  let connecting: Promise<Socket> | undefined;

  const connect = () =>
    new Promise<Socket>((resolve, reject) => {
      const socket = open();
      const fail = (error?: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(
          error === undefined
            ? new DeliveryError(`no connection within ${timeoutMs} ms`, true)
            : new DeliveryError('connection failed', true, { cause: error }),
        );
      };
      const timer = setTimeout(fail, timeoutMs);
      socket.once('error', fail);
      socket.once(readyEvent, () => {
        clearTimeout(timer);
        socket.off('error', fail);
        // Receivers do not talk back: a close or half close from them means they are gone.
        const forget = () => {
          socket.destroy();
          if (connected === socket) connected = undefined;
        };
        socket.on('end', forget).on('close', forget).on('error', forget);
        socket.resume();
        resolve(socket);
      });
    });

  const ready = async () => {
    if (connected !== undefined) return connected;
    connecting ??= connect().finally(() => (connecting = undefined));
    connected = await connecting;
    return connected;
  };

  return {
    async write(bytes) {
      const socket = await ready();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new DeliveryError(`write not finished within ${timeoutMs} ms`, true));
        }, timeoutMs);
        socket.write(bytes, (error) => {
          clearTimeout(timer);
          if (error) reject(new DeliveryError('write failed', true, { cause: error }));
          else resolve();
        });
      });
    },
    async close() {
      const socket = connected ?? (await connecting?.catch(() => undefined));
      connected = undefined;
      if (socket === undefined || socket.destroyed) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => socket.destroy(), timeoutMs);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.end();
      });
    },
  };
}
