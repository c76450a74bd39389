import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Logger } from '../../platform/logger.ts';
import { listenError } from './listen-error.ts';
import { senderAddress } from './sender-address.ts';
import { SyslogFramer } from './syslog-framer.ts';
import type { SyslogListener, SyslogListenerOptions } from './syslog-listener.ts';
import { whenListening } from './when-listening.ts';

export interface TcpListenerOptions extends SyslogListenerOptions {
  maxConnections: number;
  idleTimeoutMs: number;
  /** A connection beyond maxConnections was closed at once. */
  onRefused(sender: string): void;
  logger: Logger;
}

/** Syslog over TCP with RFC 6587 framing (octet-counted or LF-terminated, per frame). */
export async function listenSyslogTcp(options: TcpListenerOptions): Promise<SyslogListener> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    if (socket.remoteAddress === undefined) {
      socket.destroy();
      return;
    }
    const sender = senderAddress(socket.remoteAddress);
    if (sockets.size >= options.maxConnections) {
      options.onRefused(sender);
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Resets from devices that reboot are routine; 'close' follows and cleans up.
    socket.on('error', (err) => options.logger.debug({ err, sender }, 'syslog TCP connection failed'));
    socket.setTimeout(options.idleTimeoutMs, () => socket.destroy());
    const framer = new SyslogFramer(options.maxMessageBytes);
    socket.on('data', (chunk: Buffer) => {
      const { frames, oversized } = framer.push(chunk);
      for (const frame of frames) options.onMessage(frame, sender);
      if (oversized) {
        options.onOversized(sender);
        socket.destroy();
      }
    });
    socket.on('end', () => {
      const last = framer.end();
      if (last) options.onMessage(last, sender);
    });
  });
  try {
    await whenListening(server, (done) => server.listen(options.port, options.host, done));
  } catch (error) {
    throw listenError('syslog.tcp', options.host, options.port, error);
  }
  server.on('error', (err) => options.logger.error({ err }, 'the syslog TCP listener failed'));
  return {
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
