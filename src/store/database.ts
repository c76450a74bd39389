import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

export type DialectKind = 'sqlite' | 'postgres';

/**
 * What every storage backend provides. Code above the store sees only this,
 * so the same modules and the same test suite run on every backend.
 */
export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DialectKind;
  /** Where the data lives, with any password removed, for logs and the console. */
  readonly location: string;
  /** Runs `fn` while holding a lock that other Vigil processes on the same database respect. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
