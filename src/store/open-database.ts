import { isAbsolute, join, resolve } from 'node:path';
import type { Database } from './database.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';

export interface OpenDatabaseOptions {
  /** `postgres://…`, `sqlite:///abs/path.db`, `sqlite://relative.db`; absent means `<dataDir>/vigil.db`. */
  url?: string | undefined;
  dataDir: string;
  /** Told when an idle PostgreSQL connection dies; the pool replaces it on next use. */
  onIdleError?: (error: Error) => void;
}

export function openDatabase(options: OpenDatabaseOptions): Database {
  const url = options.url;
  if (url === undefined) return openSqlite(join(options.dataDir, 'vigil.db'));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.onIdleError);
  const path = url.replace(/^sqlite:\/\//, '');
  return openSqlite(isAbsolute(path) ? path : resolve(options.dataDir, path));
}
