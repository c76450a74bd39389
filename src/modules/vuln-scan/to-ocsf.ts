import { severityId } from '../../protocol/finding.ts';
import type { VulnFinding } from '../../protocol/vuln-api.ts';
import { packagePurl } from './package-purl.ts';

/**
 * A finding as an OCSF 1.3 Vulnerability Finding (class 2002), the shape SIEMs ingest. OCSF has
 * no field for CISA KEV dates, Vigil's risk score or the SLA, so they go under `unmapped`, as the
 * schema intends for data outside it; KEV membership itself is `is_exploit_available`.
 */
export function toOcsfVulnerabilityFinding(
  finding: VulnFinding,
  product?: { version: string },
): Record<string, unknown> {
  const { vulnerability: vuln, package: pkg } = finding;
  const activity =
    finding.status === 'resolved'
      ? { id: 3, name: 'Close' }
      : finding.firstSeenAt === finding.lastSeenAt
        ? { id: 1, name: 'Create' }
        : { id: 2, name: 'Update' };
  const status = finding.status === 'resolved' ? { id: 4, name: 'Resolved' } : { id: 1, name: 'New' };
  const fixAvailable = finding.fixState === 'fixed';
  const firstSeen = Date.parse(finding.firstSeenAt);
  const lastSeen = Date.parse(finding.lastSeenAt);
  const host = finding.hostname ?? finding.agentId;
  const fix = remediation(finding);
  return {
    class_uid: 2002,
    class_name: 'Vulnerability Finding',
    category_uid: 2,
    category_name: 'Findings',
    activity_id: activity.id,
    activity_name: activity.name,
    type_uid: 2002 * 100 + activity.id,
    type_name: `Vulnerability Finding: ${activity.name}`,
    time: finding.resolvedAt === null ? lastSeen : Date.parse(finding.resolvedAt),
    severity_id: severityId(finding.severity),
    severity: caption(finding.severity),
    status_id: status.id,
    status: status.name,
    message: `${vuln.id} in ${pkg.name} ${pkg.version} on ${host}${fixAvailable && finding.fixedVersion !== null ? `: fixed in ${finding.fixedVersion}` : ''}`,
    metadata: {
      version: '1.3.0',
      product: { name: 'Vigil', vendor_name: 'Vigil', ...(product ? { version: product.version } : {}) },
    },
    finding_info: {
      uid: finding.id,
      title: vuln.title === '' ? vuln.id : `${vuln.id}: ${vuln.title}`,
      types: ['Vulnerability'],
      first_seen_time: firstSeen,
      last_seen_time: lastSeen,
      data_sources: vuln.advisories,
    },
    device: {
      uid: finding.agentId,
      ...(finding.hostname === null ? {} : { hostname: finding.hostname }),
      type_id: 0,
    },
    resources: [{ uid: finding.agentId, name: host, type: 'Host' }],
    vulnerabilities: [
      {
        cve: {
          uid: vuln.id,
          ...(vuln.title === '' ? {} : { title: vuln.title }),
          cvss: finding.cvss
            ? [
                {
                  version: finding.cvss.version,
                  base_score: finding.cvss.baseScore,
                  vector_string: finding.cvss.vector,
                  severity: caption(finding.cvss.severity),
                },
              ]
            : [],
          ...(finding.epss
            ? { epss: { score: finding.epss.score, percentile: finding.epss.percentile } }
            : {}),
          references: vuln.references,
        },
        title: vuln.title,
        severity: caption(finding.severity),
        references: vuln.references,
        related_vulnerabilities: [...new Set([...vuln.advisories, ...vuln.aliases])].filter(
          (id) => id !== vuln.id,
        ),
        affected_packages: [
          {
            name: pkg.name,
            version: pkg.version,
            package_manager: pkg.manager,
            purl: packagePurl(pkg),
            ...(fixAvailable && finding.fixedVersion !== null
              ? { fixed_in_version: finding.fixedVersion }
              : {}),
          },
        ],
        is_fix_available: fixAvailable,
        // Deprecated since OCSF 1.1 for is_fix_available; kept for consumers of 1.0.
        fix_available: fixAvailable,
        is_exploit_available: finding.kev !== null,
        ...(fix === null ? {} : { remediation: { desc: fix } }),
        first_seen_time: firstSeen,
        last_seen_time: lastSeen,
        vendor_name: 'Vigil',
      },
    ],
    unmapped: {
      risk: finding.risk,
      due_at: finding.dueAt,
      overdue: finding.overdue,
      fix_state: finding.fixState,
      fix_reason: finding.fixReason,
      ecosystem: pkg.ecosystem,
      source_package: { name: pkg.source, version: pkg.sourceVersion },
      kev: finding.kev
        ? {
            date_added: finding.kev.dateAdded,
            due_date: finding.kev.dueDate,
            known_ransomware: finding.kev.knownRansomware,
          }
        : null,
    },
  };
}

function remediation(finding: VulnFinding): string | null {
  if (finding.fixState === 'fixed' && finding.fixedVersion !== null)
    return `Upgrade the packages built from ${finding.package.source} to ${finding.fixedVersion} or later`;
  return finding.fixReason;
}

function caption(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}
