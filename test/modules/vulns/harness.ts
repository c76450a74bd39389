import { join } from 'node:path';
import type { Deps } from '../../../src/modules/deps.ts';
import { saveInventorySnapshot } from '../../../src/modules/agents/store-inventory.ts';
import { fixedClock } from '../../../src/platform/clock.ts';
import { ConfigSchema, type ConfigInput } from '../../../src/platform/config.ts';
import { systemRandom } from '../../../src/platform/ids.ts';
import { silentLogger } from '../../../src/platform/logger.ts';
import type { InstalledPackage, Inventory, OsRelease } from '../../../src/protocol/inventory.ts';
import { corporaDir } from '../../helpers/corpora.ts';
import type { TestDatabase } from '../../helpers/test-database.ts';

/** A path under the shared corpora's vuln/ folder, read in place. */
export const vulnCorpus = (...parts: string[]): string => join(corporaDir() ?? '', 'vuln', ...parts);

export type TestDeps = Deps & { clock: ReturnType<typeof fixedClock> };

/** Module deps over a test database with a clock the test moves. */
export function vulnDeps(
  testDb: TestDatabase,
  config: Omit<ConfigInput, 'dataDir' | 'database'> = {},
  start = new Date('2025-03-01T12:00:00Z'),
): TestDeps {
  return {
    database: testDb.database,
    config: ConfigSchema.parse({ ...config, dataDir: testDb.dataDir, database: { url: testDb.url } }),
    clock: fixedClock(start),
    random: systemRandom,
    logger: silentLogger,
  };
}

export const wheezy: OsRelease = {
  id: 'debian',
  idLike: [],
  name: 'Debian GNU/Linux',
  prettyName: 'Debian GNU/Linux 7 (wheezy)',
  version: '7 (wheezy)',
  versionId: '7',
  versionCodename: 'wheezy',
};

export const stretch: OsRelease = {
  id: 'debian',
  idLike: [],
  name: 'Debian GNU/Linux',
  prettyName: 'Debian GNU/Linux 9 (stretch)',
  version: '9 (stretch)',
  versionId: '9',
  versionCodename: 'stretch',
};

/** A dpkg package as the agent's collector reports it; the source defaults to the package itself. */
export function deb(name: string, version: string, source = name): InstalledPackage {
  return {
    manager: 'dpkg',
    name,
    version,
    architecture: 'amd64',
    source,
    sourceVersion: version,
    status: 'install ok installed',
  };
}

/** An inventory snapshot as an agent sends it. */
export function inventory(
  hostname: string,
  os: OsRelease,
  packages: InstalledPackage[],
  collectedAt: Date,
): Omit<Inventory, 'processes'> {
  return {
    schemaVersion: 1,
    collectedAt: collectedAt.toISOString(),
    host: { hostname, kernel: '3.2.0-4-amd64', os, addresses: [] },
    packages,
    otherPackages: [],
    listeners: [],
    users: [],
    groups: [],
    sudoRules: [],
    services: [],
    errors: [],
  };
}

/** An enrolled agent row, as enrollment leaves it. */
export async function addAgent(deps: Deps, id: string, hostname: string): Promise<void> {
  await deps.database.db
    .insertInto('agents')
    .values({
      id,
      public_key: `key-${id}`,
      hostname,
      os: 'linux',
      version: 'test',
      group_name: 'default',
      enrollment_token_id: null,
      enrolled_at: deps.clock.now().toISOString(),
      last_seen_at: null,
      address: null,
      spool_pending: 0,
      spool_dropped: 0,
      revoked_at: null,
      offline_since: null,
    })
    .execute();
}

/** Stores a new inventory for the agent through the server's own path, collected and received now. */
export async function reportInventory(
  deps: Deps,
  agentId: string,
  hostname: string,
  os: OsRelease,
  packages: InstalledPackage[],
): Promise<void> {
  const now = deps.clock.now();
  const stored = await saveInventorySnapshot(
    deps.database.db,
    agentId,
    inventory(hostname, os, packages, now),
    now,
  );
  if (!stored) throw new Error('the inventory snapshot did not parse');
}
