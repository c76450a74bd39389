import type { Finding } from '../../protocol/finding.ts';
import { sarifLevels, sarifLog } from '../../protocol/sarif.ts';

/** A SARIF 2.1.0 log: one result per finding, located at its evidence lines. */
export function findingsSarif(findings: readonly Finding[], tool: { version: string }): unknown {
  const rules = new Map<string, Finding['rule']>();
  for (const finding of findings) rules.set(finding.rule.id, finding.rule);
  return sarifLog(
    { name: 'vigil-detect', version: tool.version },
    [...rules.values()].map((rule) => ({
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      tags: rule.tags,
    })),
    findings.map((finding) => ({
      ruleId: finding.rule.id,
      level: sarifLevels[finding.rule.severity],
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
  );
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
