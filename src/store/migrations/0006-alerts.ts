import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // OCSF Detection Findings; see docs/alerts.md for the model and how repeats are merged.
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('rule_title', 'text', (c) => c.notNull())
    .addColumn('rule_type', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_id', 'integer', (c) => c.notNull())
    .addColumn('attack', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('src_ip', 'text')
    .addColumn('user_name', 'text')
    .addColumn('host', 'text')
    .addColumn('entity_key', 'text', (c) => c.notNull())
    .addColumn('dedup_key', 'text')
    .addColumn('agent_id', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('evidence_seen', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One alert at a time takes repeats of a rule and entities; NULLs (closed alerts) never collide.
  await db.schema.createIndex('alerts_dedup_key').on('alerts').column('dedup_key').unique().execute();
  await db.schema.createIndex('alerts_last_seen').on('alerts').columns(['last_seen', 'id']).execute();
  await db.schema.createIndex('alerts_first_seen').on('alerts').column('first_seen').execute();
  await db.schema.createIndex('alerts_status').on('alerts').columns(['status', 'severity_id']).execute();

  await db.schema
    .createTable('alert_evidence')
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('raw_data', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_evidence_pk', ['alert_id', 'seq'])
    .execute();

  await db.schema
    .createTable('alert_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alert_notes_alert')
    .on('alert_notes')
    .columns(['alert_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('alert_suppressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text')
    .addColumn('src_ip', 'text')
    .addColumn('user_name', 'text')
    .addColumn('host', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('suppressed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_suppressed_at', 'text')
    .execute();
}
