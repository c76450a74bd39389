import type { AuditPage, AuditQuery, AuditVerification } from '../../../src/protocol/audit.ts';
import { request } from './client.ts';

export type AuditExportFormat = 'json' | 'jsonl';

export function listAudit(query: Partial<AuditQuery>): Promise<AuditPage> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  return request<AuditPage>('GET', `/api/audit?${params.toString()}`);
}

export const verifyAudit = () => request<AuditVerification>('GET', '/api/audit/verify');
export const auditExportUrl = (format: AuditExportFormat) => `/api/audit/export?format=${format}`;
