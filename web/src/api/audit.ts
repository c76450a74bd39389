import type { AuditPage, AuditQuery, AuditVerification } from '../../../src/protocol/audit.ts';
import { request } from './client.ts';

export type AuditExportFormat = 'json' | 'jsonl';

export function listAudit(query: Partial<AuditQuery>): Promise<AuditPage> {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.before !== undefined) params.set('before', String(query.before));
  if (query.actor !== undefined) params.set('actor', query.actor);
  if (query.outcome !== undefined) params.set('outcome', query.outcome);
  return request<AuditPage>('GET', `/api/audit?${params.toString()}`);
}

export const verifyAudit = () => request<AuditVerification>('GET', '/api/audit/verify');
export const auditExportUrl = (format: AuditExportFormat) => `/api/audit/export?format=${format}`;
