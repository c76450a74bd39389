import type { VulnFinding } from '../../protocol/vuln-api.ts';

const columns: [string, (f: VulnFinding) => string | number | boolean | null][] = [
  ['risk', (f) => f.risk],
  ['severity', (f) => f.severity],
  ['vulnerability', (f) => f.vulnerability.id],
  ['title', (f) => f.vulnerability.title],
  ['host', (f) => f.hostname],
  ['agent_id', (f) => f.agentId],
  ['manager', (f) => f.package.manager],
  ['package', (f) => f.package.name],
  ['version', (f) => f.package.version],
  ['source', (f) => f.package.source],
  ['source_version', (f) => f.package.sourceVersion],
  ['ecosystem', (f) => f.package.ecosystem],
  ['fix_state', (f) => f.fixState],
  ['fixed_version', (f) => f.fixedVersion],
  ['fix_reason', (f) => f.fixReason],
  ['cvss_version', (f) => f.cvss?.version ?? null],
  ['cvss_score', (f) => f.cvss?.baseScore ?? null],
  ['cvss_vector', (f) => f.cvss?.vector ?? null],
  ['epss', (f) => f.epss?.score ?? null],
  ['epss_percentile', (f) => f.epss?.percentile ?? null],
  ['kev', (f) => f.kev !== null],
  ['kev_due_date', (f) => f.kev?.dueDate ?? null],
  ['kev_ransomware', (f) => f.kev?.knownRansomware ?? null],
  ['due_at', (f) => f.dueAt],
  ['overdue', (f) => f.overdue],
  ['status', (f) => f.status],
  ['first_seen', (f) => f.firstSeenAt],
  ['last_seen', (f) => f.lastSeenAt],
  ['resolved_at', (f) => f.resolvedAt],
  ['advisories', (f) => f.vulnerability.advisories.join(' ')],
  ['aliases', (f) => f.vulnerability.aliases.join(' ')],
  ['id', (f) => f.id],
];

/** Findings as RFC 4180 CSV (CRLF, a header row), safe to open in a spreadsheet. */
export function findingsCsv(findings: readonly VulnFinding[]): string {
  const rows = [
    columns.map(([header]) => header),
    ...findings.map((f) => columns.map(([, value]) => text(value(f)))),
  ];
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function text(value: string | number | boolean | null): string {
  return value === null ? '' : String(value);
}

/**
 * Quotes a cell when RFC 4180 requires it; feed text that starts like a formula (`=`, `+`, `-`,
 * `@`, tab, CR) gets a leading apostrophe so a spreadsheet shows it instead of running it.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
