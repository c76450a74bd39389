import type { Severity } from '../../../../../src/protocol/finding.ts';
import type { NetFindingQuery } from '../../../../../src/protocol/netscan-api.ts';
import { severityOrder } from '../../vulnerabilities/vulnLabels.ts';

/** The findings' filters, kept in the address (`#/network/findings?severity=high&check=tls`). */
export interface NetFindingFilterValues {
  status: NetFindingQuery['status'];
  /** This severity and above; '' for any. */
  severity: Severity | '';
  /** A check id or a family (`tls.protocol-tls1.0`, `tls`). */
  check: string;
  address: string;
  group: string;
}

export const noFindingFilters: NetFindingFilterValues = {
  status: 'open',
  severity: '',
  check: '',
  address: '',
  group: '',
};

const statuses = ['open', 'acknowledged', 'resolved', 'all'] as const;
/** The server's limits on these filters: a longer one from a hand-made address is cut, not sent to fail. */
const limits = { check: 100, address: 64, group: 64 };

export function readFindingFilters(query: URLSearchParams): NetFindingFilterValues {
  const text = (name: keyof typeof limits) => (query.get(name) ?? '').trim().slice(0, limits[name]);
  return {
    status: statuses.find((status) => status === query.get('status')) ?? 'open',
    severity: severityOrder.find((severity) => severity === query.get('severity')) ?? '',
    check: text('check'),
    address: text('address'),
    group: text('group'),
  };
}

export function findingQuery(values: NetFindingFilterValues): URLSearchParams {
  const query = new URLSearchParams();
  if (values.status !== 'open') query.set('status', values.status);
  for (const name of ['severity', 'check', 'address', 'group'] as const) {
    if (values[name] !== '') query.set(name, values[name]);
  }
  return query;
}

export function toFindingQuery(values: NetFindingFilterValues, offset: number, limit: number) {
  return {
    status: values.status,
    severity: values.severity || undefined,
    check: values.check || undefined,
    address: values.address || undefined,
    group: values.group || undefined,
    limit,
    offset,
  };
}
