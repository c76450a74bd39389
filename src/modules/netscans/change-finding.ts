import type { NetScanChange, NetScanChangeKind } from '../../protocol/netscan-api.ts';
import type { NetFinding } from '../../protocol/netscan.ts';

/** Check ids of the findings a scan's changes become: `netscan.new-open-port` and so on. */
export const changeCheckPrefix = 'netscan.';

export function changeCheck(kind: NetScanChangeKind): string {
  return `${changeCheckPrefix}${kind}`;
}

export function isChangeCheck(check: string): boolean {
  return check.startsWith(changeCheckPrefix);
}

const titles: Record<NetScanChangeKind, string> = {
  'new-open-port': 'New open port',
  'new-service': 'Different service on a port',
  'service-changed': 'Service product or version changed',
  'certificate-changed': 'Certificate changed',
  'port-closed': 'Port closed',
};

const remediations: Record<NetScanChangeKind, string> = {
  'new-open-port':
    'If nothing should listen there, stop the service or close the port in the firewall; if it is meant to be reachable, acknowledge this finding.',
  'new-service':
    'A different program answers than before: find out what replaced the previous one and whether it belongs there.',
  'service-changed':
    'An upgrade or a replacement: check it matches a planned change and that the new version is supported.',
  'certificate-changed':
    'Check that the new certificate was issued and installed by you (renewal or rotation), not by someone intercepting the endpoint.',
  'port-closed':
    'If the service should still be reachable, find out why it stopped or what now blocks it; if it was retired, resolve this finding.',
};

/**
 * The network finding one change against the previous scan becomes: the endpoint, what was there
 * before and what is there now, and a request to confirm the change was intended.
 */
export function changeFinding(change: NetScanChange, host: string | undefined): NetFinding {
  const before = change.kind === 'new-open-port' ? 'not open' : describe(change.kind, change.before);
  const after = change.kind === 'port-closed' ? 'not open' : describe(change.kind, change.after);
  return {
    check: changeCheck(change.kind),
    title: `${titles[change.kind]}: ${change.port}/${change.transport}`,
    severity: change.severity,
    address: change.address,
    ...(host === undefined ? {} : { host }),
    port: change.port,
    transport: change.transport,
    evidence: `${change.address}:${change.port}/${change.transport} before: ${before}; after: ${after}`,
    remediation: `Confirm this change was intended. ${remediations[change.kind]}`,
    tags: ['change'],
  };
}

function describe(kind: NetScanChangeKind, what: string | null): string {
  if (what === null) return 'nothing';
  if (kind === 'certificate-changed') return `certificate SHA-256 ${what}`;
  if (kind === 'new-open-port' || kind === 'port-closed') return `open (${what})`;
  return what;
}
