/* Network scans run by the server (src/modules/netscans); migration 0012-netscans. docs/network-audits-server.md. */

/** One scan of a group or of ad-hoc targets; at most one is `running` at a time (a partial unique index). */
export interface NetScansTable {
  id: string;
  /** NULL for an ad-hoc scan. */
  group_name: string | null;
  /** `manual` or `schedule`. */
  trigger: string;
  /** A username, or `schedule`. */
  requested_by: string;
  /** queued, running, done or failed. */
  status: string;
  /** JSON string[]: the targets as requested, after they were cut to the scope. */
  targets: string;
  ports: string;
  /** JSON CheckFamily[]. */
  checks: string;
  internet_facing: number;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  /** JSON ScanReport, once done. */
  report: string | null;
  /** JSON NetScanSummary['stats'], once done. */
  stats: string | null;
  /** JSON NetScanChange[] against `previous_scan_id`, once done. */
  changes: string | null;
  previous_scan_id: string | null;
}

/** What one completed scan saw of one address, for a host's history without reading whole reports. */
export interface NetScanHostsTable {
  scan_id: string;
  address: string;
  /** JSON string[]. */
  names: string;
  up: number;
  /** JSON number[] of open TCP and UDP ports. */
  open_ports: string;
  findings: number;
}

/** A NetFinding kept across the scans of one group (or of ad-hoc scans), open until a later scan no longer shows it. */
export interface NetFindingsTable {
  /** A digest of group, check, address, port and transport. */
  id: string;
  group_name: string | null;
  check_id: string;
  title: string;
  severity: string;
  severity_id: number;
  address: string;
  host: string | null;
  port: number | null;
  transport: string | null;
  evidence: string;
  remediation: string;
  /** JSON string[]. */
  tags: string;
  /** open or resolved. */
  status: string;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  reopened: number;
  first_scan_id: string;
  last_scan_id: string;
  /** The scan that opened it, or opened it again. */
  opened_scan_id: string;
  resolved_scan_id: string | null;
}

/** The exposure inventory: every endpoint any scan found open. */
export interface NetExposureTable {
  address: string;
  port: number;
  transport: string;
  /** JSON string[]. */
  names: string;
  service: string | null;
  product: string | null;
  version: string | null;
  tls: number;
  auth: string | null;
  cert_sha256: string | null;
  first_seen: string;
  last_seen: string;
  last_scan_id: string;
  /** 0 once a later scan that covered the port found it no longer open. */
  open: number;
}

/** Every leaf certificate seen on an endpoint, so a change is noticed and its history kept. */
export interface NetCertificatesTable {
  address: string;
  port: number;
  sha256: string;
  subject: string;
  not_after: string;
  first_seen: string;
  last_seen: string;
  last_scan_id: string;
}

export interface NetscanTables {
  net_scans: NetScansTable;
  net_scan_hosts: NetScanHostsTable;
  net_findings: NetFindingsTable;
  net_exposure: NetExposureTable;
  net_certificates: NetCertificatesTable;
}
