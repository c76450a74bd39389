import type {
  FirewallPolicyDetail,
  FirewallPolicyList,
  QueuedPolicyTasks,
} from '../../../src/protocol/firewall-policies-api.ts';
import { request } from './client.ts';

const base = '/api/firewall/policies';
const policyPath = (name: string) => `${base}/${encodeURIComponent(name)}`;

export const listFirewallPolicies = () => request<FirewallPolicyList>('GET', base);
export const getFirewallPolicy = (name: string) => request<FirewallPolicyDetail>('GET', policyPath(name));
/** Creates or replaces the policy `name`; the YAML's own `name:` must be the same. */
export const saveFirewallPolicy = (name: string, source: string) =>
  request<FirewallPolicyDetail>('PUT', policyPath(name), { source });
export const deleteFirewallPolicy = (name: string) => request<undefined>('DELETE', policyPath(name));
/** Queues a plan on every host of the policy. */
export const planFirewallPolicy = (name: string) =>
  request<QueuedPolicyTasks>('POST', `${policyPath(name)}/plan`, {});
/** Queues an apply on every host of the policy, each rolling back unless it reaches the server within `confirmSeconds`. */
export const applyFirewallPolicy = (name: string, confirmSeconds: number) =>
  request<QueuedPolicyTasks>('POST', `${policyPath(name)}/apply`, { confirmSeconds });
