import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Imported vulnerability feeds; docs/vulnerabilities.md. Records below belong to one feed by name.
  await db.schema
    .createTable('vuln_feeds')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('source_date', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vuln_advisories')
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vuln_advisories_pk', ['feed', 'id'])
    .execute();

  // The server indexes only the ecosystems its hosts run: this table says which advisories those are.
  await db.schema
    .createTable('vuln_advisory_packages')
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('advisory_id', 'text', (c) => c.notNull())
    .addColumn('ecosystem', 'text', (c) => c.notNull())
    .addColumn('release', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vuln_advisory_packages_pk', ['feed', 'advisory_id', 'ecosystem', 'name'])
    .execute();
  await db.schema
    .createIndex('vuln_advisory_packages_lookup')
    .on('vuln_advisory_packages')
    .columns(['release', 'name'])
    .execute();

  await db.schema
    .createTable('vuln_kev')
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('cve', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('date_added', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('known_ransomware', 'integer', (c) => c.notNull())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vuln_kev_pk', ['feed', 'cve'])
    .execute();
  await db.schema.createIndex('vuln_kev_cve').on('vuln_kev').column('cve').execute();

  await db.schema
    .createTable('vuln_epss')
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('cve', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('epss', 'double precision', (c) => c.notNull())
    .addColumn('percentile', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('vuln_epss_pk', ['feed', 'cve'])
    .execute();
  await db.schema.createIndex('vuln_epss_cve').on('vuln_epss').column('cve').execute();

  await db.schema
    .createTable('vuln_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('hostname', 'text')
    .addColumn('vulnerability_id', 'text', (c) => c.notNull())
    .addColumn('ids', 'text', (c) => c.notNull())
    .addColumn('package_manager', 'text', (c) => c.notNull())
    .addColumn('package_name', 'text', (c) => c.notNull())
    .addColumn('package_source', 'text', (c) => c.notNull())
    .addColumn('ecosystem', 'text', (c) => c.notNull())
    .addColumn('fix_state', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_id', 'integer', (c) => c.notNull())
    .addColumn('kev', 'integer', (c) => c.notNull())
    .addColumn('risk', 'double precision', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('vuln_findings_status_risk')
    .on('vuln_findings')
    .columns(['status', 'risk'])
    .execute();
  await db.schema
    .createIndex('vuln_findings_agent')
    .on('vuln_findings')
    .columns(['agent_id', 'status'])
    .execute();
  await db.schema.createIndex('vuln_findings_package').on('vuln_findings').column('package_name').execute();
  await db.schema.createIndex('vuln_findings_source').on('vuln_findings').column('package_source').execute();

  await db.schema
    .createTable('vuln_scans')
    .addColumn('agent_id', 'text', (c) => c.primaryKey())
    .addColumn('inventory_at', 'text', (c) => c.notNull())
    .addColumn('feeds_key', 'text', (c) => c.notNull())
    .addColumn('scanned_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vuln_trend')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('open', 'integer', (c) => c.notNull())
    .addColumn('critical', 'integer', (c) => c.notNull())
    .addColumn('high', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('vuln_feed_downloads')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .addColumn('succeeded_at', 'text')
    .addColumn('error', 'text')
    .execute();
}
