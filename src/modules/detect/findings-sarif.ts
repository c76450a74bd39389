import type { Finding, Severity } from '../../protocol/finding.ts';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  informational: 'note',
};

// GitHub code scanning reads `security-severity` (0–10) to rank findings.
const scores: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  informational: '0.0',
};

/** A SARIF 2.1.0 log: one result per finding, located at its evidence lines. */
export function findingsSarif(findings: readonly Finding[], tool: { version: string }): unknown {
  const rules = new Map<string, Finding['rule']>();
  for (const finding of findings) rules.set(finding.rule.id, finding.rule);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vigil-detect',
            version: tool.version,
            rules: [...rules.values()].map((rule) => ({
              id: rule.id,
              name: rule.title,
              shortDescription: { text: rule.title },
              defaultConfiguration: { level: levels[rule.severity] },
              properties: { tags: rule.tags, 'security-severity': scores[rule.severity] },
            })),
          },
        },
        results: findings.map((finding) => ({
          ruleId: finding.rule.id,
          level: levels[finding.rule.severity],
          message: { text: describeFinding(finding) },
          locations: finding.evidence
            .filter((event) => event.metadata.log_name !== undefined)
            .slice(0, 10)
            .map((event) => ({
              physicalLocation: {
                artifactLocation: { uri: event.metadata.log_name },
                ...(event.metadata.sequence ? { region: { startLine: event.metadata.sequence } } : {}),
              },
            })),
          properties: {
            entities: finding.entities,
            count: finding.count,
            firstSeen: new Date(finding.firstSeen).toISOString(),
            lastSeen: new Date(finding.lastSeen).toISOString(),
          },
        })),
      },
    ],
  };
}

/** `SSH brute force from one source: 8 events, source 203.0.113.9, user root`. */
export function describeFinding(finding: Finding): string {
  const { srcIp, user, host } = finding.entities;
  const parts = [
    `${finding.count} event${finding.count === 1 ? '' : 's'}`,
    srcIp && `source ${srcIp}`,
    user && `user ${user}`,
    host && `host ${host}`,
  ].filter(Boolean);
  return `${finding.rule.title}: ${parts.join(', ')}`;
}
