import type { Finding } from '../../protocol/finding.ts';
import type { NetFindingRecord, NetScanChange } from '../../protocol/netscan-api.ts';
import { hostFinding } from '../alerts/host-finding.ts';
import { isChangeCheck } from './change-finding.ts';
import type { StoredScanResult } from './store-scan-result.ts';

export interface ScanAlertContext {
  scanId: string;
  group: string | null;
  /** When the scan finished, epoch ms. */
  at: number;
  /** Names the scan knew each address by; an alert is about the first, else the address. */
  names: ReadonlyMap<string, readonly string[]>;
}

const alertingChanges: ReadonlySet<NetScanChange['kind']> = new Set([
  'new-open-port',
  'new-service',
  'certificate-changed',
]);
const alertingSeverities: ReadonlySet<string> = new Set(['high', 'critical']);

/**
 * The alerts a stored scan raises: a port newly open, a different program answering on a known
 * port, a different certificate, and each high or critical finding seen for the first time (or
 * again after it was resolved). Closed ports and upgrades are findings only. A change's own
 * finding (`netscan.*`) is alerted as the change, not a second time as a finding.
 */
export function scanAlerts(result: StoredScanResult, context: ScanAlertContext): Finding[] {
  return [
    ...result.changes
      .filter((change) => alertingChanges.has(change.kind))
      .map((change) => changeAlert(change, context)),
    ...result.opened
      .filter((finding) => alertingSeverities.has(finding.severity) && !isChangeCheck(finding.check))
      .map((finding) => findingAlert(finding, context)),
  ];
}

function hostOf(address: string, context: ScanAlertContext): string {
  return context.names.get(address)?.[0] ?? address;
}

function changeAlert(change: NetScanChange, context: ScanAlertContext): Finding {
  const host = hostOf(change.address, context);
  const endpoint = `${change.address}:${change.port}/${change.transport}`;
  const { what, title } = describeChange(change, host, endpoint);
  return hostFinding({
    ruleId: `netscan.${change.kind}`,
    title,
    severity: change.severity,
    attack: [],
    tags: ['vigil.netscan', `vigil.netscan.${change.kind}`],
    hostname: host,
    at: context.at,
    message: `${what}${context.group ? ` (scan group ${context.group})` : ''}.`,
    evidence: `${endpoint} ${change.before ?? '-'} -> ${change.after ?? '-'}`,
    source: 'netscan',
    code: `netscan.${change.kind}`,
    service: 'netscan',
    unmapped: {
      scan_id: context.scanId,
      ...(context.group ? { group: context.group } : {}),
      address: change.address,
      port: change.port,
      transport: change.transport,
    },
  });
}

function findingAlert(finding: NetFindingRecord, context: ScanAlertContext): Finding {
  const host = finding.host ?? hostOf(finding.address, context);
  const endpoint =
    finding.port === null
      ? finding.address
      : `${finding.address}:${finding.port}/${finding.transport ?? 'tcp'}`;
  return hostFinding({
    ruleId: `netscan.finding:${finding.check}`,
    title: `${finding.title} on ${host}`,
    severity: finding.severity,
    attack: [],
    tags: ['vigil.netscan', `vigil.netscan.${finding.check}`, ...finding.tags],
    hostname: host,
    at: context.at,
    message: `${finding.title} on ${endpoint}${finding.reopened > 0 ? ', again after it was resolved' : ''}. How to fix: ${finding.remediation}`,
    evidence: finding.evidence,
    source: 'netscan',
    code: finding.check,
    service: 'netscan',
    unmapped: {
      scan_id: context.scanId,
      ...(context.group ? { group: context.group } : {}),
      finding_id: finding.id,
      address: finding.address,
      ...(finding.port === null ? {} : { port: finding.port }),
    },
  });
}

function describeChange(
  change: NetScanChange,
  host: string,
  endpoint: string,
): { what: string; title: string } {
  if (change.kind === 'new-open-port')
    return {
      title: `New open port on ${host}`,
      what: `port ${change.port}/${change.transport} is open on ${host} (${change.after ?? 'open'}); the previous scan did not find it open`,
    };
  if (change.kind === 'certificate-changed')
    return {
      title: `Certificate changed on ${host}`,
      what: `the certificate on ${endpoint} changed: SHA-256 ${change.before ?? 'none'} before, ${change.after ?? 'none'} now`,
    };
  return {
    title: `New service on ${host}`,
    what: `a different service answers on ${endpoint}: ${change.before ?? 'nothing'} before, ${change.after ?? 'nothing'} now`,
  };
}
