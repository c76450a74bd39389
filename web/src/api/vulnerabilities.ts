import type {
  VulnFinding,
  VulnFindingList,
  VulnFindingQuery,
  VulnSummary,
} from '../../../src/protocol/vuln-api.ts';
import { request } from './client.ts';
import { queryString as search } from './query.ts';

const base = '/api/vulnerabilities';

/** The query's filters; the server fills in what is left out (open findings, by risk, 200 a page). */
export type FindingFilters = Partial<VulnFindingQuery>;

export type ExportFormat = 'ocsf' | 'sarif' | 'csv';

export const listFindings = (filters: FindingFilters) =>
  request<VulnFindingList>('GET', `${base}${search(filters)}`);
export const vulnSummary = () => request<VulnSummary>('GET', `${base}/summary`);
export const getFinding = (id: string) => request<VulnFinding>('GET', `${base}/${encodeURIComponent(id)}`);
/** Re-matches every host's newest inventory against the stored feeds; findings change as it finishes. */
export const rescanVulnerabilities = () => request<{ hosts: number }>('POST', `${base}/rescan`);

/** Downloaded with the session cookie; the same filters as the list, every page of it. */
export function findingsExportUrl(format: ExportFormat, filters: FindingFilters): string {
  const { limit: _limit, offset: _offset, ...rest } = filters;
  return `${base}/export${search(rest, { format })}`;
}
