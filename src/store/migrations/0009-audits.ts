import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Host audit policies in Wazuh SCA format; docs/audit-server.md. The current version of each, by its policy.id.
  await db.schema
    .createTable('sca_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('check_count', 'integer', (c) => c.notNull())
    .addColumn('has_commands', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Every version a run may refer to, parsed: a report shows the check texts the host was audited against.
  await db.schema
    .createTable('sca_policy_versions')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('sca_policies.id').onDelete('cascade'))
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sca_policy_versions_policy')
    .on('sca_policy_versions')
    .column('policy_id')
    .execute();

  // A group can have many policies and a policy many groups.
  await db.schema
    .createTable('sca_policy_groups')
    .addColumn('policy_id', 'text', (c) => c.notNull().references('sca_policies.id').onDelete('cascade'))
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sca_policy_groups_pk', ['policy_id', 'group_name'])
    .execute();
  await db.schema
    .createIndex('sca_policy_groups_group')
    .on('sca_policy_groups')
    .column('group_name')
    .execute();

  // When each host was last sent each policy, and the task: the scheduler's claim, so one process queues it.
  await db.schema
    .createTable('sca_schedule')
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('sca_policies.id').onDelete('cascade'))
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addPrimaryKeyConstraint('sca_schedule_pk', ['agent_id', 'policy_id'])
    .execute();

  await db.schema
    .createTable('sca_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('sca_policies.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.notNull().unique())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('applicable', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('not_applicable', 'integer', (c) => c.notNull())
    .addColumn('frameworks', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sca_runs_latest')
    .on('sca_runs')
    .columns(['agent_id', 'policy_id', 'started_at'])
    .execute();
  await db.schema.createIndex('sca_runs_policy').on('sca_runs').column('policy_id').execute();

  await db.schema
    .createTable('sca_results')
    .addColumn('run_id', 'text', (c) => c.notNull().references('sca_runs.id').onDelete('cascade'))
    .addColumn('check_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('rules', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sca_results_pk', ['run_id', 'check_id'])
    .execute();

  await db.schema
    .createTable('sca_waivers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('sca_policies.id').onDelete('cascade'))
    .addColumn('check_id', 'integer', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .execute();
  await db.schema
    .createIndex('sca_waivers_check')
    .on('sca_waivers')
    .columns(['policy_id', 'check_id'])
    .execute();
}
