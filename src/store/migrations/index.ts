import type { Kysely, Migration } from 'kysely';
import type { DialectKind } from '../database.ts';
import * as foundation from './0001-foundation.ts';
import * as agents from './0002-agents.ts';
import * as hostInventory from './0003-host-inventory.ts';
import * as agentOffline from './0004-agent-offline.ts';
import * as agentTasks from './0005-agent-tasks.ts';
import * as alerts from './0006-alerts.ts';
import * as response from './0007-response.ts';
import * as firewallPolicies from './0008-firewall-policies.ts';
import * as audits from './0009-audits.ts';
import * as vulns from './0010-vulns.ts';
import * as patches from './0011-patches.ts';
import * as netscans from './0012-netscans.ts';

interface DialectMigration {
  up(db: Kysely<unknown>, kind: DialectKind): Promise<void>;
}

/** Append only; never edit a migration that has shipped. Names sort in the order they run. */
const ordered: [string, DialectMigration][] = [
  ['0001-foundation', foundation],
  ['0002-agents', agents],
  ['0003-host-inventory', hostInventory],
  ['0004-agent-offline', agentOffline],
  ['0005-agent-tasks', agentTasks],
  ['0006-alerts', alerts],
  ['0007-response', response],
  ['0008-firewall-policies', firewallPolicies],
  ['0009-audits', audits],
  ['0010-vulns', vulns],
  ['0011-patches', patches],
  ['0012-netscans', netscans],
];

export function migrationsFor(kind: DialectKind): Record<string, Migration> {
  return Object.fromEntries(
    ordered.map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, kind) }]),
  );
}
