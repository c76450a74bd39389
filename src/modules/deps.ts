import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import type { Random } from '../platform/ids.ts';
import type { Logger } from '../platform/logger.ts';
import type { AgentEvent } from '../protocol/agents.ts';
import type { Database } from '../store/database.ts';
import type { TaskSigningKey } from './tasks/task-signing-key.ts';

/** What every module receives from the app that composes it; nothing is reached through globals. */
export interface Deps {
  database: Database;
  config: Config;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** The server's own CA when it serves HTTPS with `server.tls.auto`; agents pin its fingerprint. */
  serverCa?: ServerCa | undefined;
  /** Signs remote tasks; agents pin its public half at enrollment. Without it no task can be queued. */
  taskSigningKey?: TaskSigningKey | undefined;
  /** Told of events after their commit, each event once; the live detection path listens here. */
  eventSink?: EventSink | undefined;
}

/** Where stored events came from: an agent, or `syslog:<ip>` for the syslog receiver. */
export interface EventOrigin {
  agentId: string;
  hostname?: string | undefined;
}

export type EventSink = (origin: EventOrigin, events: AgentEvent[]) => void;

export interface ServerCa {
  /** SHA-256 of the CA certificate's DER, lowercase hex. */
  fingerprint: string;
  certPem: string;
}
