import { sarifLevels, sarifLog, sarifRules, sarifSecuritySeverity } from '../../protocol/sarif.ts';
import type { VulnFinding } from '../../protocol/vuln-api.ts';
import { describeFix } from './describe-fix.ts';

/** Where each package manager keeps its database: the file a finding is "in" for SARIF viewers (lockfile packages name theirs). */
const databases: Record<VulnFinding['package']['manager'], string> = {
  dpkg: 'var/lib/dpkg/status',
  apk: 'lib/apk/db/installed',
  rpm: 'var/lib/rpm',
  npm: 'package-lock.json',
  pypi: 'requirements.txt',
};

/**
 * A SARIF 2.1.0 log: one rule per vulnerability (at the highest severity any finding gives it),
 * one result per finding, located at the package database, with a fingerprint that stays the
 * same across scans so code-scanning tools track it rather than open it again.
 */
export function findingsSarif(findings: readonly VulnFinding[], tool: { version: string }): unknown {
  const rules = sarifRules(findings, ({ vulnerability: vuln, severity, kev }) => ({
    id: vuln.id,
    title: vuln.title === '' ? vuln.id : vuln.title,
    severity,
    tags: ['security', 'vulnerability', ...(kev ? ['known-exploited'] : [])],
    help: vuln.references.join('\n') || undefined,
  }));
  return sarifLog(
    { name: 'vigil-vuln', version: tool.version },
    rules,
    findings.map((finding) => ({
      ruleId: finding.vulnerability.id,
      level: sarifLevels[finding.severity],
      message: {
        text: `${finding.vulnerability.id} in ${finding.package.name} ${finding.package.version} on ${finding.hostname ?? finding.agentId}: ${describeFix(finding)}`,
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: finding.package.file ?? databases[finding.package.manager] },
          },
          logicalLocations: [{ name: finding.package.name, kind: 'package' }],
        },
      ],
      partialFingerprints: { 'vigilFinding/v1': finding.id },
      properties: {
        'security-severity': finding.cvss
          ? finding.cvss.baseScore.toFixed(1)
          : sarifSecuritySeverity[finding.severity],
        risk: finding.risk,
        host: finding.hostname,
        agentId: finding.agentId,
        package: finding.package,
        fixState: finding.fixState,
        fixedVersion: finding.fixedVersion,
        cvss: finding.cvss,
        epss: finding.epss,
        kev: finding.kev,
        dueAt: finding.dueAt,
        advisories: finding.vulnerability.advisories,
      },
    })),
  );
}
