import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Blocked addresses; docs/response.md. Lifted and expired ones stay as the record of what was done.
  await db.schema
    .createTable('blocks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text')
    .addColumn('rule_id', 'text')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('lifted_at', 'text')
    .addColumn('lifted_by', 'text')
    .addColumn('lift_reason', 'text')
    .execute();
  await db.schema.createIndex('blocks_address').on('blocks').columns(['address', 'lifted_at']).execute();
  await db.schema
    .createIndex('blocks_lifted_expires')
    .on('blocks')
    .columns(['lifted_at', 'expires_at'])
    .execute();
  await db.schema.createIndex('blocks_created').on('blocks').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('offenders')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('last_blocked_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('firewall_agents')
    .addColumn('agent_id', 'text', (c) => c.primaryKey())
    .addColumn('last_poll_at', 'text', (c) => c.notNull())
    .execute();
}
