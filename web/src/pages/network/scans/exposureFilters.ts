import type { NetExposureQuery } from '../../../../../src/protocol/netscan-api.ts';
import { serviceNames, type ServiceName } from '../../../../../src/protocol/netscan.ts';

/** The inventory's filters, kept in the address (`#/network/exposure?service=redis&open=all`). */
export interface ExposureFilterValues {
  open: NetExposureQuery['open'];
  /** An address or CIDR range. */
  address: string;
  /** A port number as typed; '' for any. */
  port: string;
  service: ServiceName | '';
}

const opens = ['true', 'false', 'all'] as const;

/** Anything unknown in a hand-made address falls back to the default rather than failing. */
export function readExposureFilters(query: URLSearchParams): ExposureFilterValues {
  const port = (query.get('port') ?? '').trim();
  return {
    open: opens.find((value) => value === query.get('open')) ?? 'true',
    address: (query.get('address') ?? '').trim().slice(0, 64),
    port: /^\d{1,5}$/.test(port) && Number(port) <= 65535 ? port : '',
    service: serviceNames.find((name) => name === query.get('service')) ?? '',
  };
}

/** The address query for the values, leaving out the defaults so addresses stay short. */
export function exposureQuery(values: ExposureFilterValues): URLSearchParams {
  const query = new URLSearchParams();
  if (values.open !== 'true') query.set('open', values.open);
  if (values.address !== '') query.set('address', values.address);
  if (values.port !== '') query.set('port', values.port);
  if (values.service !== '') query.set('service', values.service);
  return query;
}

export function toExposureQuery(values: ExposureFilterValues, offset: number, limit: number) {
  return {
    open: values.open,
    address: values.address || undefined,
    port: values.port === '' ? undefined : Number(values.port),
    service: values.service || undefined,
    limit,
    offset,
  };
}
