import type { NetFinding, ScanReport } from '../../protocol/netscan.ts';
import { sarifLevels, sarifLog, sarifRules } from '../../protocol/sarif.ts';
import { endpointName } from './endpoint-name.ts';

/**
 * A SARIF 2.1.0 log of a scan: one rule per check id (at the highest severity it fired with), one
 * result per finding located at its network endpoint (`tcp://127.0.0.1:6379`), fingerprinted by
 * check and endpoint so code-scanning tools track it across scans even as evidence (days left on a
 * certificate) changes. Checks that failed to run are the invocation's notifications.
 */
export function scanReportSarif(report: ScanReport, tool: { version: string }) {
  const rules = sarifRules(report.findings, (finding) => ({
    id: finding.check,
    title: finding.title,
    severity: finding.severity,
    tags: ['security', 'network', finding.check.split('.')[0] ?? 'network', ...(finding.tags ?? [])],
    help: finding.remediation || undefined,
  }));
  const log = sarifLog({ name: 'vigil-scan', version: tool.version }, rules, report.findings.map(result));
  const notifications = (report.errors ?? []).map((error) => ({
    level: 'warning',
    message: {
      text: `${error.stage} on ${endpointName(error.address, error.port)} failed: ${error.message}`,
    },
    locations: [location(error.address, error.port, 'tcp')],
  }));
  return {
    ...log,
    runs: log.runs.map((run) => ({
      ...run,
      invocations: [
        {
          executionSuccessful: true,
          startTimeUtc: report.startedAt,
          endTimeUtc: report.finishedAt,
          toolExecutionNotifications: notifications,
        },
      ],
    })),
  };
}

function result(finding: NetFinding) {
  const transport = finding.transport ?? 'tcp';
  return {
    ruleId: finding.check,
    level: sarifLevels[finding.severity],
    message: {
      text: `${finding.title} on ${endpointName(finding.host ?? finding.address, finding.port)}: ${finding.evidence}`,
    },
    locations: [location(finding.address, finding.port, transport)],
    partialFingerprints: {
      'vigilNetFinding/v1': `${finding.check}|${finding.address}|${transport}|${finding.port ?? ''}`,
    },
    properties: {
      address: finding.address,
      host: finding.host,
      port: finding.port,
      transport: finding.transport,
      evidence: finding.evidence,
      remediation: finding.remediation,
      tags: finding.tags,
    },
  };
}

/** Network endpoints as URIs (`tcp://[::1]:22`, `ip://10.0.0.5` for a host-wide finding). */
function location(address: string, port: number | undefined, transport: string) {
  const endpoint = endpointName(address, port);
  const uri =
    port === undefined
      ? `ip://${address.includes(':') ? `[${address}]` : address}`
      : `${transport}://${endpoint}`;
  return {
    physicalLocation: { artifactLocation: { uri } },
    logicalLocations: [{ name: endpoint, fullyQualifiedName: uri, kind: 'resource' }],
  };
}
