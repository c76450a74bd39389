import { userInfo } from 'node:os';
import type { Deps } from '../modules/deps.ts';
import { appendAudit } from '../modules/audit/store.ts';
import { systemClock } from '../platform/clock.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import { systemRandom } from '../platform/ids.ts';
import { createLogger } from '../platform/logger.ts';

export interface GlobalOptions {
  config?: string;
  dataDir?: string;
  databaseUrl?: string;
}

export function configFrom(options: GlobalOptions, extra: Record<string, unknown> = {}): Config {
  const flags: Record<string, unknown> = { ...extra };
  if (options.dataDir !== undefined) flags.dataDir = options.dataDir;
  if (options.databaseUrl !== undefined) flags.database = { url: options.databaseUrl };
  const { config, warnings } = loadConfig({
    file: options.config ?? process.env.VIGIL_CONFIG,
    env: process.env,
    flags,
  });
  for (const warning of warnings) process.stderr.write(`vigil: warning: ${warning}\n`);
  return config;
}

/** Opens the configured database for one command, brought up to date, and closes it afterwards. */
export async function withDeps<T>(options: GlobalOptions, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const config = configFrom(options);
  // Loaded on use: commands that need no database (detect, rules, notify) start without the drivers.
  const [{ openDatabase }, { migrateToLatest }] = await Promise.all([
    import('../store/open-database.ts'),
    import('../store/migrate.ts'),
  ]);
  const database = openDatabase({ url: config.database.url, dataDir: config.dataDir });
  try {
    await migrateToLatest(database);
    return await fn({
      database,
      config,
      clock: systemClock,
      random: systemRandom,
      logger: createLogger({ level: 'warn' }),
    });
  } finally {
    await database.close();
  }
}

/** Local commands change state without HTTP; they go into the same audit chain. */
export async function auditCli(
  deps: Deps,
  action: string,
  target: string | null,
  detail: string | null = null,
): Promise<void> {
  const actor = `cli:${userInfo().username}`;
  await appendAudit(deps.database.db, {
    at: deps.clock.now().toISOString(),
    actorId: null,
    actor,
    action,
    method: 'CLI',
    path: `vigil ${action.replace('.', ' ')}`,
    target,
    sourceIp: 'local',
    userAgent: null,
    status: 0,
    outcome: 'success',
    detail,
  });
}
