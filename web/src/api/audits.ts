import type {
  AuditCheckDetail,
  AuditHost,
  AuditOverview,
  AuditPolicyDetail,
  AuditPolicyList,
  AuditWaiver,
  AuditWaiverList,
  CreateWaiverRequest,
  QueuedAudits,
  RunAuditsRequest,
} from '../../../src/protocol/audits-api.ts';
import { request } from './client.ts';

const base = '/api/audit';
const enc = encodeURIComponent;
const policyPath = (id: string) => `${base}/policies/${enc(id)}`;

export const listAuditPolicies = () => request<AuditPolicyList>('GET', `${base}/policies`);
export const getAuditPolicy = (id: string) => request<AuditPolicyDetail>('GET', policyPath(id));
/** Creates or replaces the policy `id`; the YAML's own `policy.id` must be the same. */
export const saveAuditPolicy = (id: string, source: string) =>
  request<AuditPolicyDetail>('PUT', policyPath(id), { source });
/** Approves the version the approver read (`sha256`): a policy replaced meanwhile is refused with 409. */
export const approveAuditPolicy = (id: string, sha256: string) =>
  request<AuditPolicyDetail>('POST', `${policyPath(id)}/approve`, { sha256 });
export const deleteAuditPolicy = (id: string) => request<undefined>('DELETE', policyPath(id));
export const setAuditPolicyGroups = (id: string, groups: string[]) =>
  request<AuditPolicyDetail>('PUT', `${policyPath(id)}/groups`, { groups });

/** Queues an audit on the hosts named (all of them when nothing is named). */
export const runAudits = (body: RunAuditsRequest) => request<QueuedAudits>('POST', `${base}/runs`, body);

export const auditOverview = () => request<AuditOverview>('GET', `${base}/overview`);
export const getAuditHost = (agentId: string) => request<AuditHost>('GET', `${base}/hosts/${enc(agentId)}`);
export const getAuditCheck = (agentId: string, policyId: string, checkId: number) =>
  request<AuditCheckDetail>(
    'GET',
    `${base}/hosts/${enc(agentId)}/policies/${enc(policyId)}/checks/${enc(String(checkId))}`,
  );

export const listWaivers = () => request<AuditWaiverList>('GET', `${base}/waivers`);
export const createWaiver = (body: CreateWaiverRequest) =>
  request<AuditWaiver>('POST', `${base}/waivers`, body);
export const deleteWaiver = (id: string) => request<undefined>('DELETE', `${base}/waivers/${enc(id)}`);

/** Addresses of the reports, opened in the browser (HTML) or downloaded (PDF) with the session cookie. */
export const fleetReportUrl = (format: 'html' | 'pdf') => `${base}/reports/fleet.${format}`;
export const hostReportUrl = (agentId: string, format: 'html' | 'pdf') =>
  `${base}/reports/hosts/${enc(agentId)}.${format}`;
