import type { Finding } from '../../protocol/finding.ts';
import type { NetFindingRecord, NetScanChange } from '../../protocol/netscan-api.ts';
import { hostFinding } from '../alerts/host-finding.ts';
import type { StoredScanResult } from './store-scan-result.ts';

export interface ScanAlertContext {
  scanId: string;
  group: string | null;
  /** When the scan finished, epoch ms. */
  at: number;
  /** Names the scan knew each address by; an alert is about the first, else the address. */
  names: ReadonlyMap<string, readonly string[]>;
}

const alertingChanges: ReadonlySet<NetScanChange['kind']> = new Set(['new-open-port', 'new-service']);
const alertingSeverities: ReadonlySet<string> = new Set(['high', 'critical']);

/**
 * The alerts a stored scan raises: a port newly open, a different program answering on a known
 * port, and each high or critical finding seen for the first time (or again after it was resolved).
 * Closed ports, upgrades and new certificates are kept in the scan's changes only.
 */
export function scanAlerts(result: StoredScanResult, context: ScanAlertContext): Finding[] {
  return [
    ...result.changes
      .filter((change) => alertingChanges.has(change.kind))
      .map((change) => changeAlert(change, context)),
    ...result.opened
      .filter((finding) => alertingSeverities.has(finding.severity))
      .map((finding) => findingAlert(finding, context)),
  ];
}

function hostOf(address: string, context: ScanAlertContext): string {
  return context.names.get(address)?.[0] ?? address;
}

function changeAlert(change: NetScanChange, context: ScanAlertContext): Finding {
  const host = hostOf(change.address, context);
  const endpoint = `${change.address}:${change.port}/${change.transport}`;
  const what =
    change.kind === 'new-open-port'
      ? `port ${change.port}/${change.transport} is open on ${host} (${change.after ?? 'open'}); the previous scan did not find it open`
      : `a different service answers on ${endpoint}: ${change.before ?? 'nothing'} before, ${change.after ?? 'nothing'} now`;
  return hostFinding({
    ruleId: `netscan.${change.kind}`,
    title: change.kind === 'new-open-port' ? `New open port on ${host}` : `New service on ${host}`,
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
