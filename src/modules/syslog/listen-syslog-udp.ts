import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { Logger } from '../../platform/logger.ts';
import { listenError } from './listen-error.ts';
import { senderAddress } from './sender-address.ts';
import { whenListening } from './when-listening.ts';
import type { SyslogListener, SyslogListenerOptions } from './syslog-listener.ts';

/** Bursts from many devices at once would overflow the kernel's default (about 200 KiB); it caps this at net.core.rmem_max. */
const receiveBufferBytes = 4 * 1024 * 1024;

/** Syslog over UDP (RFC 5426): one message per datagram. An IPv6 host such as `::` also takes IPv4. */
export async function listenSyslogUdp(
  options: SyslogListenerOptions & { logger: Logger },
): Promise<SyslogListener> {
  const socket = createSocket(isIPv6(options.host) ? 'udp6' : 'udp4');
  socket.on('message', (message, remote) => {
    const sender = senderAddress(remote.address);
    if (message.length > options.maxMessageBytes) options.onOversized(sender);
    else options.onMessage(message, sender);
  });
  try {
    await whenListening(socket, (done) => socket.bind(options.port, options.host, done));
  } catch (error) {
    socket.close();
    throw listenError('syslog.udp', options.host, options.port, error);
  }
  socket.on('error', (err) => options.logger.error({ err }, 'the syslog UDP socket failed'));
  try {
    socket.setRecvBufferSize(receiveBufferBytes);
  } catch (err) {
    options.logger.warn({ err }, 'could not enlarge the syslog UDP receive buffer; bursts may be lost');
  }
  return {
    address: socket.address(),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
