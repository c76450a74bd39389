import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Firewall policies as code; docs/firewall-policy.md. `source` is the YAML as uploaded, `policy` it parsed.
  await db.schema
    .createTable('firewall_policies')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('drift_checked_at', 'text')
    .execute();

  // A group has at most one policy: the primary key says so even when two saves race.
  await db.schema
    .createTable('firewall_policy_groups')
    .addColumn('group_name', 'text', (c) => c.primaryKey())
    .addColumn('policy_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('firewall_policy_groups_policy')
    .on('firewall_policy_groups')
    .column('policy_name')
    .execute();

  // Which policy each plan and apply task was for, and which version of it: task params hold the
  // policy itself, or null when it is being removed, and JSON is not queried the same way on both backends.
  await db.schema
    .createTable('firewall_policy_tasks')
    .addColumn('task_id', 'text', (c) => c.primaryKey())
    .addColumn('policy_name', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('firewall_policy_tasks_latest')
    .on('firewall_policy_tasks')
    .columns(['policy_name', 'agent_id', 'kind', 'created_at'])
    .execute();
  await db.schema
    .createIndex('firewall_policy_tasks_agent')
    .on('firewall_policy_tasks')
    .columns(['agent_id', 'kind', 'created_at'])
    .execute();
}
