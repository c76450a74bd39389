import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { connect as connectTcp, isIP } from 'node:net';
import { hostname as osHostname } from 'node:os';
import { connect as connectTls } from 'node:tls';
import type { Clock } from '../../platform/clock.ts';
import type { ChannelSender } from './channel-sender.ts';
import { DeliveryError } from './delivery-error.ts';
import type { SyslogChannel } from '../../protocol/notify-config.ts';
import { readCaFile } from './read-ca-file.ts';
import { createStreamConnection, type StreamConnection } from './stream-connection.ts';
import { octetCounted } from './syslog-frame.ts';
import { syslogMessage } from './syslog-message.ts';

export interface SyslogDeps {
  clock: Clock;
  version: string;
  /** The HOSTNAME field; this machine's name unless told. */
  hostname?: string | undefined;
}

/** CEF or JSON in RFC 5424 syslog: one datagram per message over UDP, octet-counted over TCP and TLS. */
export function createSyslogSender(channel: SyslogChannel, deps: SyslogDeps): ChannelSender {
  const context = { version: deps.version, hostname: deps.hostname ?? osHostname() };
  const transport = channel.transport === 'udp' ? udpTransport(channel) : streamTransport(channel);
  return {
    async send(delivery) {
      const message = syslogMessage(channel, delivery, { ...context, now: deps.clock.now() });
      await transport.write(channel.transport === 'udp' ? message : octetCounted(message));
    },
    close: () => transport.close(),
  };
}

function streamTransport(channel: SyslogChannel): StreamConnection {
  const { host, port } = channel;
  if (channel.transport === 'tcp')
    return createStreamConnection(() => connectTcp({ host, port }), 'connect', channel.timeoutMs);
  const ca = readCaFile(channel.caFile, `channel ${channel.name}: caFile`);
  return createStreamConnection(
    () =>
      connectTls({
        host,
        port,
        minVersion: 'TLSv1.2',
        ...(ca === undefined ? {} : { ca }),
        ...(isIP(host) === 0 ? { servername: host } : {}),
      }),
    'secureConnect',
    channel.timeoutMs,
  );
}

/** The socket's family follows the receiver's address, looked up once. */
function udpTransport(channel: SyslogChannel): StreamConnection {
  let socket: Promise<{ udp: UdpSocket; address: string }> | undefined;
  const open = async () => {
    const { address, family } = await lookup(channel.host);
    const udp = createSocket(family === 6 ? 'udp6' : 'udp4');
    // Without a listener a send error would be thrown as an uncaught exception.
    udp.on('error', () => undefined);
    udp.unref();
    return { udp, address };
  };
  return {
    async write(bytes) {
      socket ??= open();
      let ready: { udp: UdpSocket; address: string };
      try {
        ready = await socket;
      } catch (error) {
        socket = undefined;
        throw new DeliveryError('cannot resolve the receiver', true, { cause: error });
      }
      await new Promise<void>((resolve, reject) => {
        ready.udp.send(bytes, channel.port, ready.address, (error) => {
          if (error) reject(new DeliveryError('send failed', true, { cause: error }));
          else resolve();
        });
      });
    },
    async close() {
      const open = await socket?.catch(() => undefined);
      socket = undefined;
      await new Promise<void>((resolve) => (open ? open.udp.close(() => resolve()) : resolve()));
    },
  };
}
