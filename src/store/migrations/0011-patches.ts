import type { Kysely } from 'kysely';

/** Patch plans and their hosts (src/modules/patches, docs/patching.md); the same SQL on both dialects. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('patch_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('started_by', 'text')
    .addColumn('started_at', 'text')
    .addColumn('window_start', 'text')
    .addColumn('window_end', 'text')
    .addColumn('failure_threshold', 'integer', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The rollout ticker reads only the plans with work to follow, every few seconds.
  await db.schema.createIndex('patch_plans_active').on('patch_plans').column('active').execute();

  await db.schema
    .createTable('patch_plan_hosts')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('patch_plans.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('hostname', 'text')
    .addColumn('manager', 'text', (c) => c.notNull())
    .addColumn('canary', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('packages', 'text', (c) => c.notNull())
    .addColumn('simulate_task_id', 'text')
    .addColumn('apply_task_id', 'text')
    .addColumn('verify_task_id', 'text')
    .addColumn('simulation', 'text')
    .addColumn('applied_changes', 'text')
    .addColumn('output', 'text')
    .addColumn('error', 'text')
    .addColumn('reboot_required', 'integer')
    .addColumn('services_to_restart', 'text', (c) => c.notNull())
    .addColumn('remaining_findings', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('patch_plan_hosts_pk', ['plan_id', 'agent_id'])
    .execute();
}
