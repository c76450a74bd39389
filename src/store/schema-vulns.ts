/* Vulnerability feeds and findings (src/modules/vulns); migration 0010-vulns. docs/vulnerabilities.md. */

/** One imported feed; its row changes last in the import's transaction. */
export interface VulnFeedsTable {
  /** `--name`, or the default for the kind (docs/vulnerabilities.md, "Feeds"). */
  name: string;
  /** osv, debian-tracker, kev or epss. */
  kind: string;
  records: number;
  /** SHA-256 of the file (or of a directory's sorted paths and contents), hex. */
  sha256: string;
  /** The newest `modified` (OSV, tracker), catalog date (KEV) or model date (EPSS). */
  source_date: string | null;
  imported_at: string;
}

/*
 * Every record table below is keyed by (feed, key) and keeps `hash`, a digest of the record's
 * content, so a re-import rewrites only what changed.
 */

/** One normalized Advisory (protocol/vuln.ts) as JSON. */
export interface VulnAdvisoriesTable {
  feed: string;
  id: string;
  hash: string;
  data: string;
}

/** Which (ecosystem, package) pairs an advisory names: the server loads only its fleet's ecosystems. */
export interface VulnAdvisoryPackagesTable {
  feed: string;
  advisory_id: string;
  /** OSV ecosystem with the release, `Debian:12`, `Red Hat:enterprise_linux:9::appstream`. */
  ecosystem: string;
  /** What the matcher indexes it under (vuln-match releaseKey: `Red Hat:enterprise_linux:9`). */
  release: string;
  /** For distributions, the source package. */
  name: string;
}

export interface VulnKevTable {
  feed: string;
  cve: string;
  hash: string;
  date_added: string;
  due_date: string;
  known_ransomware: number;
  vendor: string;
  product: string;
  name: string;
}

export interface VulnEpssTable {
  feed: string;
  cve: string;
  hash: string;
  epss: number;
  percentile: number;
}

/** One vulnerability in one installed package on one host (protocol/vuln-api.ts VulnFinding). */
export interface VulnFindingsTable {
  /** buildFinding's stable id. */
  id: string;
  agent_id: string;
  hostname: string | null;
  vulnerability_id: string;
  /** The vulnerability id, its advisories and aliases, space separated, for the `q` filter. */
  ids: string;
  package_manager: string;
  package_name: string;
  package_source: string;
  ecosystem: string;
  fix_state: string;
  severity: string;
  /** 1 informational … 5 critical, so "at least high" is one comparison. */
  severity_id: number;
  kev: number;
  risk: number;
  due_at: string | null;
  /** open or resolved. */
  status: string;
  first_seen: string;
  last_seen: string;
  resolved_at: string | null;
  /** The VulnFinding as JSON, as the last scan built it. */
  data: string;
}

/** Which inventory and which feeds each host was last matched against. */
export interface VulnScansTable {
  agent_id: string;
  /** The inventory's received_at when it was scanned. */
  inventory_at: string;
  /** feedsKey() at the time: a new import makes every host due again. */
  feeds_key: string;
  scanned_at: string;
}

/** Open findings at the end of each day (the last scan's counts that day), for the summary's trend. */
export interface VulnTrendTable {
  /** YYYY-MM-DD, UTC. */
  date: string;
  open: number;
  critical: number;
  high: number;
  updated_at: string;
}

/** Scheduled downloads (`vuln.feeds`): the claim several server processes share, and the last failure. */
export interface VulnFeedDownloadsTable {
  name: string;
  url: string;
  attempted_at: string;
  succeeded_at: string | null;
  error: string | null;
}

export interface VulnTables {
  vuln_feeds: VulnFeedsTable;
  vuln_advisories: VulnAdvisoriesTable;
  vuln_advisory_packages: VulnAdvisoryPackagesTable;
  vuln_kev: VulnKevTable;
  vuln_epss: VulnEpssTable;
  vuln_findings: VulnFindingsTable;
  vuln_scans: VulnScansTable;
  vuln_trend: VulnTrendTable;
  vuln_feed_downloads: VulnFeedDownloadsTable;
}
