import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { Random } from '../../platform/ids.ts';
import type { Logger } from '../../platform/logger.ts';
import type { AgentEvent } from '../../protocol/agents.ts';
import type { DB } from '../../store/schema.ts';
import type { EventSink } from '../deps.ts';
import type { Metrics } from '../ops/metrics.ts';
import { BoundedBatcher } from './bounded-batcher.ts';
import { listenSyslogTcp } from './listen-syslog-tcp.ts';
import { listenSyslogUdp } from './listen-syslog-udp.ts';
import { messageIds } from './message-ids.ts';
import { rateLimiter } from './rate-limiter.ts';
import type { ReceivedSyslog, SyslogTransport } from './received-syslog.ts';
import { storeSyslogBatch } from './store-syslog-batch.ts';
import type { SyslogListener } from './syslog-listener.ts';
import { trimLineEnd } from './trim-line-end.ts';

export interface SyslogReceiverDeps {
  db: Kysely<DB>;
  clock: Clock;
  random: Random;
  logger: Logger;
  metrics: Pick<Metrics, 'syslogReceived' | 'syslogDropped' | 'syslogConnectionsRefused'>;
  eventSink?: EventSink | undefined;
}

export interface SyslogReceiver {
  udp: AddressInfo | undefined;
  tcp: AddressInfo | undefined;
  /** Stops listening, then stores what is still buffered. */
  close(): Promise<void>;
}

type DropReason = 'oversized' | 'buffer_full' | 'store_failed';

const batching = { maxBatch: 500, maxDelayMs: 200 };
/** About a minute of a busy network's logs; enough to ride out a database hiccup, small enough to never threaten the server. */
const buffering = { maxItems: 20_000, maxBytes: 32 * 1024 * 1024 };
const logEveryMs = 10_000;

const dropMessages: Record<DropReason, string> = {
  oversized: 'syslog messages over syslog.maxMessageBytes were dropped',
  buffer_full: 'syslog messages were dropped: the database is not keeping up and the buffer is full',
  store_failed: 'syslog messages were dropped: storing them failed',
};

/**
 * Listens for syslog from network devices on UDP and TCP as configured, and stores each message
 * as a `log` event of the pseudo-agent `syslog:<sender address>`. Nothing here can crash the
 * server: store failures and overload drop messages, count them and say so in the log.
 */
export async function startSyslogReceiver(
  config: Config['syslog'],
  deps: SyslogReceiverDeps,
): Promise<SyslogReceiver> {
  const { clock, logger, metrics } = deps;
  const nextId = messageIds(deps.random);
  const limited = rateLimiter(clock, logEveryMs);
  const drop = (transport: SyslogTransport, reason: DropReason, count: number, err?: unknown): void => {
    metrics.syslogDropped.inc({ transport, reason }, count);
    limited(`${transport}:${reason}`, count, (dropped) => {
      const fields = { transport, reason, dropped, err };
      if (reason === 'oversized') logger.warn(fields, dropMessages[reason]);
      else logger.error(fields, dropMessages[reason]);
    });
  };
  const dropAll = (error: unknown, messages: ReceivedSyslog[]): void => {
    for (const message of messages) drop(message.transport, 'store_failed', 1, error);
  };
  const onStored = (agentId: string, inserted: AgentEvent[]): void => {
    if (inserted.length === 0 || !deps.eventSink) return;
    // The messages are stored; a failing listener must not have them counted as lost.
    try {
      deps.eventSink({ agentId }, inserted);
    } catch (err) {
      logger.error({ err, agentId }, 'the event sink failed on syslog messages');
    }
  };
  const batcher = new BoundedBatcher<ReceivedSyslog>({
    ...batching,
    ...buffering,
    sizeOf: (message) => message.line.length,
    write: (batch) => storeSyslogBatch(deps.db, batch, clock.now(), { onStored, onFailure: dropAll }),
    onWriteError: dropAll,
  });
  const receive =
    (transport: SyslogTransport) =>
    (frame: Buffer, sender: string): void => {
      const line = trimLineEnd(frame.toString('utf8'));
      if (line.length === 0) return;
      metrics.syslogReceived.inc({ transport });
      const message = { id: nextId(), line, sender, transport, receivedAt: clock.now() };
      if (!batcher.add(message)) drop(transport, 'buffer_full', 1);
    };
  const shared = { maxMessageBytes: config.maxMessageBytes, logger };
  let udp: SyslogListener | undefined;
  let tcp: SyslogListener | undefined;
  try {
    if (config.udp)
      udp = await listenSyslogUdp({
        ...config.udp,
        ...shared,
        onMessage: receive('udp'),
        onOversized: () => drop('udp', 'oversized', 1),
      });
    if (config.tcp)
      tcp = await listenSyslogTcp({
        ...config.tcp,
        ...shared,
        maxConnections: config.maxConnections,
        idleTimeoutMs: config.idleTimeoutSeconds * 1000,
        onMessage: receive('tcp'),
        onOversized: () => drop('tcp', 'oversized', 1),
        onRefused: (sender) => {
          metrics.syslogConnectionsRefused.inc();
          limited('refused', 1, (refused) =>
            logger.warn(
              { sender, refused },
              'syslog TCP connections refused: syslog.maxConnections are open',
            ),
          );
        },
      });
  } catch (error) {
    await udp?.close();
    throw error;
  }
  logger.info({ udp: hostPort(udp), tcp: hostPort(tcp) }, 'syslog receiver listening');
  return {
    udp: udp?.address,
    tcp: tcp?.address,
    close: async () => {
      await Promise.all([udp?.close(), tcp?.close()]);
      await batcher.close();
    },
  };
}

function hostPort(listener: SyslogListener | undefined): string | undefined {
  if (!listener) return undefined;
  const { address, family, port } = listener.address;
  return family === 'IPv6' ? `[${address}]:${port}` : `${address}:${port}`;
}
