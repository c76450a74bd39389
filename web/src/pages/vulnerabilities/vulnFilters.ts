import type { Severity } from '../../../../src/protocol/finding.ts';
import type { VulnFindingQuery } from '../../../../src/protocol/vuln-api.ts';
import type { FindingFilters } from '../../api/vulnerabilities.ts';
import { severityOrder } from './vulnLabels.ts';

export type VulnView = 'risk' | 'hosts' | 'packages';
type Status = VulnFindingQuery['status'];
type Sort = VulnFindingQuery['sort'];

/** What the page shows, kept in the address (`#/vulnerabilities?view=risk&kev=true`) so a link or reload keeps it. */
export interface VulnFilterValues {
  view: VulnView;
  status: Status;
  /** This severity and above; '' for any. */
  severity: Severity | '';
  kevOnly: boolean;
  fix: 'available' | 'none' | '';
  /** An agent id. */
  host: string;
  /** A binary or source package name, exact. */
  package: string;
  /** Part of a CVE or advisory id. */
  q: string;
  sort: Sort;
}

export const defaultFilterValues: VulnFilterValues = {
  view: 'risk',
  status: 'open',
  severity: '',
  kevOnly: false,
  fix: '',
  host: '',
  package: '',
  q: '',
  sort: 'risk',
};

export const pageSize = 200;

const views: readonly VulnView[] = ['risk', 'hosts', 'packages'];
const statuses: readonly Status[] = ['open', 'resolved', 'all'];
const sorts: readonly Sort[] = ['risk', 'firstSeen', 'dueAt'];
const fixes = ['available', 'none'] as const;
/** The server's limit on text filters: a longer one from a hand-made address is cut, not sent to fail. */
const maxText = 200;

const pick = <T extends string>(allowed: readonly T[], value: string | null, fallback: T): T =>
  allowed.find((candidate) => candidate === value) ?? fallback;

/** The filters an address names; anything unknown falls back to the default rather than failing. */
export function readFilters(query: URLSearchParams): VulnFilterValues {
  const text = (name: string) => (query.get(name) ?? '').trim().slice(0, maxText);
  return {
    view: pick(views, query.get('view'), defaultFilterValues.view),
    status: pick(statuses, query.get('status'), defaultFilterValues.status),
    severity: pick<Severity | ''>(severityOrder, query.get('severity'), ''),
    kevOnly: query.get('kev') === 'true',
    fix: pick<VulnFilterValues['fix']>(fixes, query.get('fix'), ''),
    host: text('host'),
    package: text('package'),
    q: text('q'),
    sort: pick(sorts, query.get('sort'), defaultFilterValues.sort),
  };
}

/** The address query for the values, leaving out what is at its default so addresses stay short. */
export function filterQuery(values: VulnFilterValues): URLSearchParams {
  const query = new URLSearchParams();
  if (values.view !== defaultFilterValues.view) query.set('view', values.view);
  if (values.status !== defaultFilterValues.status) query.set('status', values.status);
  if (values.severity !== '') query.set('severity', values.severity);
  if (values.kevOnly) query.set('kev', 'true');
  if (values.fix !== '') query.set('fix', values.fix);
  for (const name of ['host', 'package', 'q'] as const) {
    const value = values[name].trim();
    if (value !== '') query.set(name, value);
  }
  if (values.sort !== defaultFilterValues.sort) query.set('sort', values.sort);
  return query;
}

/** The list API's query for the values and page. */
export function toFindingFilters(values: VulnFilterValues, offset = 0): FindingFilters {
  const text = (value: string) => value.trim() || undefined;
  return {
    status: values.status,
    severity: values.severity || undefined,
    kev: values.kevOnly ? 'true' : undefined,
    fix: values.fix || undefined,
    agentId: text(values.host),
    package: text(values.package),
    q: text(values.q),
    sort: values.sort,
    limit: pageSize,
    offset,
  };
}

/** True when any filter narrows the list beyond the default (open findings by risk). */
export const isFiltered = (values: VulnFilterValues) =>
  filterQuery({ ...values, view: defaultFilterValues.view, sort: defaultFilterValues.sort }).toString() !==
  '';
