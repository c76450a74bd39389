import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Network scans run by the server; docs/network-audits-server.md.
  await db.schema
    .createTable('net_scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_name', 'text')
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('ports', 'text', (c) => c.notNull())
    .addColumn('checks', 'text', (c) => c.notNull())
    .addColumn('internet_facing', 'integer', (c) => c.notNull())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .addColumn('report', 'text')
    .addColumn('stats', 'text')
    .addColumn('changes', 'text')
    .addColumn('previous_scan_id', 'text')
    .execute();
  await db.schema.createIndex('net_scans_status').on('net_scans').columns(['status', 'queued_at']).execute();
  await db.schema
    .createIndex('net_scans_group')
    .on('net_scans')
    .columns(['group_name', 'finished_at'])
    .execute();
  // One scan at a time, whatever the number of server processes: a second claim fails on this index.
  await db.schema
    .createIndex('net_scans_one_running')
    .on('net_scans')
    .column('status')
    .unique()
    .where(sql.ref('status'), '=', sql.lit('running'))
    .execute();

  await db.schema
    .createTable('net_scan_hosts')
    .addColumn('scan_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('up', 'integer', (c) => c.notNull())
    .addColumn('open_ports', 'text', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('net_scan_hosts_pk', ['scan_id', 'address'])
    .execute();
  await db.schema.createIndex('net_scan_hosts_address').on('net_scan_hosts').column('address').execute();

  await db.schema
    .createTable('net_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_name', 'text')
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_id', 'integer', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('host', 'text')
    .addColumn('port', 'integer')
    .addColumn('transport', 'text')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('remediation', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('reopened', 'integer', (c) => c.notNull())
    .addColumn('first_scan_id', 'text', (c) => c.notNull())
    .addColumn('last_scan_id', 'text', (c) => c.notNull())
    .addColumn('opened_scan_id', 'text', (c) => c.notNull())
    .addColumn('resolved_scan_id', 'text')
    .execute();
  await db.schema
    .createIndex('net_findings_status')
    .on('net_findings')
    .columns(['status', 'severity_id'])
    .execute();
  await db.schema.createIndex('net_findings_address').on('net_findings').column('address').execute();
  await db.schema
    .createIndex('net_findings_group')
    .on('net_findings')
    .columns(['group_name', 'status'])
    .execute();

  await db.schema
    .createTable('net_exposure')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('service', 'text')
    .addColumn('product', 'text')
    .addColumn('version', 'text')
    .addColumn('tls', 'integer', (c) => c.notNull())
    .addColumn('auth', 'text')
    .addColumn('cert_sha256', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('last_scan_id', 'text', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('net_exposure_pk', ['address', 'port', 'transport'])
    .execute();
  await db.schema.createIndex('net_exposure_open').on('net_exposure').columns(['open', 'port']).execute();

  await db.schema
    .createTable('net_certificates')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('last_scan_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('net_certificates_pk', ['address', 'port', 'sha256'])
    .execute();
}
