import type {
  NetFindingStatus,
  NetScanChangeKind,
  NetScanStatus,
} from '../../../../../src/protocol/netscan-api.ts';
import type { BadgeTone } from '../../../components/Badge.tsx';

// Records rather than the protocol's arrays: netscan-api.ts imports zod, which the bundle must not pull in.

export const scanStatusLabels: Record<NetScanStatus, { label: string; tone: BadgeTone }> = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  done: { label: 'Done', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

// Acknowledged is blue, not the green of resolved: the finding is still there, only known.
export const findingStatusLabels: Record<NetFindingStatus, { label: string; tone: BadgeTone }> = {
  open: { label: 'Open', tone: 'warning' },
  acknowledged: { label: 'Acknowledged', tone: 'info' },
  resolved: { label: 'Resolved', tone: 'success' },
};

export const changeLabels: Record<NetScanChangeKind, string> = {
  'new-open-port': 'New open port',
  'port-closed': 'Port closed',
  'new-service': 'New service',
  'service-changed': 'Service changed',
  'certificate-changed': 'Certificate changed',
};

/** `2.4 s`, `3 min 5 s`: how long a scan took, from its start and finish. */
export function formatDuration(startedAt: string | null, finishedAt: string | null): string | undefined {
  if (startedAt === null || finishedAt === null) return undefined;
  const ms = new Date(finishedAt).getTime() - new Date(startedAt).getTime();
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** `203.0.113.9:443` or `[2001:db8::1]:443`, with `/udp` when it is not TCP. */
export function formatEndpoint(address: string, port: number | null, transport?: string | null): string {
  const host = address.includes(':') ? `[${address}]` : address;
  if (port === null) return address;
  return `${host}:${port}${transport === 'udp' ? '/udp' : ''}`;
}
