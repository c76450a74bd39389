import type { Severity } from '../../protocol/finding.ts';
import type { NetScanChange } from '../../protocol/netscan-api.ts';
import type { ScanReport } from '../../protocol/netscan.ts';
import { describeService, openEndpoints, type OpenEndpoint } from './open-endpoints.ts';

export interface ChangeContext {
  /** The TCP ports the current scan probed: a port outside them is not known to have closed. */
  scannedPorts: ReadonlySet<number>;
  /** The group faces the internet: something new listening there is more urgent. */
  internetFacing: boolean;
}

/**
 * What changed between two scans of one group: ports newly open, ports that closed (only where the
 * current scan saw the host up and probed the port), a different program on a port, a new product
 * or version of the same one, and a different leaf certificate.
 */
export function scanChanges(
  previous: ScanReport,
  current: ScanReport,
  context: ChangeContext,
): NetScanChange[] {
  const before = openEndpoints(previous);
  const after = openEndpoints(current);
  const up = new Set(current.hosts.filter((host) => host.up).map((host) => host.address));
  const urgent: Severity = context.internetFacing ? 'high' : 'medium';
  const changes: NetScanChange[] = [];
  for (const [key, now] of after) {
    const then = before.get(key);
    if (!then) {
      changes.push(change('new-open-port', now, null, describeService(now.service), urgent));
      continue;
    }
    changes.push(...endpointChanges(then, now, urgent));
  }
  for (const [key, then] of before) {
    if (after.has(key) || !up.has(then.address)) continue;
    if (then.transport === 'tcp' && !context.scannedPorts.has(then.port)) continue;
    // UDP probes answer too rarely for silence to mean closed.
    if (then.transport === 'udp') continue;
    changes.push(change('port-closed', then, describeService(then.service), null, 'informational'));
  }
  return changes.sort(
    (a, b) => a.address.localeCompare(b.address) || a.port - b.port || a.kind.localeCompare(b.kind),
  );
}

function endpointChanges(then: OpenEndpoint, now: OpenEndpoint, urgent: Severity): NetScanChange[] {
  const changes: NetScanChange[] = [];
  const was = then.service?.service ?? 'unknown';
  const is = now.service?.service ?? 'unknown';
  const from = describeService(then.service);
  const to = describeService(now.service);
  if (was !== is) {
    // A service that stopped answering its probe is a change worth a look, not an alert.
    changes.push(
      change(
        is === 'unknown' ? 'service-changed' : 'new-service',
        now,
        from,
        to,
        is === 'unknown' ? 'low' : urgent,
      ),
    );
  } else if (
    now.service?.product !== undefined &&
    then.service?.product !== undefined &&
    (now.service.product !== then.service.product || now.service.version !== then.service.version)
  ) {
    changes.push(change('service-changed', now, from, to, 'low'));
  }
  if (then.certificate && now.certificate && then.certificate.sha256 !== now.certificate.sha256)
    changes.push(change('certificate-changed', now, then.certificate.sha256, now.certificate.sha256, 'low'));
  return changes;
}

function change(
  kind: NetScanChange['kind'],
  endpoint: OpenEndpoint,
  before: string | null,
  after: string | null,
  severity: Severity,
): NetScanChange {
  return {
    kind,
    address: endpoint.address,
    port: endpoint.port,
    transport: endpoint.transport,
    before,
    after,
    severity,
  };
}
