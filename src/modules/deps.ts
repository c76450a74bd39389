import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import type { Random } from '../platform/ids.ts';
import type { Logger } from '../platform/logger.ts';
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
}

export interface ServerCa {
  /** SHA-256 of the CA certificate's DER, lowercase hex. */
  fingerprint: string;
  certPem: string;
}
