import { z } from 'zod';
import { AgentId } from './response-config.ts';
import { confirmSecondsDefault, FirewallPlan, FirewallPolicy } from './firewall-policy.ts';
import { taskStatuses } from './tasks.ts';

/* Firewall policies as the API shows them (docs/firewall-policy.md); the policy is firewall-policy.ts. */

/** Path parameter; the policy's own `name` rule is checked on the YAML, so a bad name is simply not found. */
export const FirewallPolicyName = z.string().min(1).max(64);

/** The YAML as written, comments and all; it is kept as uploaded and shown back as it was. */
export const PutFirewallPolicyRequest = z
  .strictObject({
    source: z
      .string()
      .min(1)
      .max(512 * 1024),
  })
  .meta({ id: 'PutFirewallPolicyRequest' });
export type PutFirewallPolicyRequest = z.infer<typeof PutFirewallPolicyRequest>;

/**
 * `in_sync`: the host's latest plan of the policy as it is now found nothing to change;
 * `drifted`: it found changes (the policy is not applied there yet, or the host changed since);
 * `unknown`: no finished plan of the policy as it is now.
 */
export const hostDrifts = ['in_sync', 'drifted', 'unknown'] as const;
export const HostDrift = z.enum(hostDrifts);
export type HostDrift = z.infer<typeof HostDrift>;

const TaskStatus = z.enum(taskStatuses);

export const FirewallPolicyHost = z
  .object({
    agentId: z.string(),
    hostname: z.string(),
    group: z.string(),
    drift: HostDrift,
    /** The host's latest plan of this policy, whatever its state. */
    lastPlan: z
      .object({
        taskId: z.string(),
        status: TaskStatus,
        finishedAt: z.string().nullable(),
        /** The plan when the task succeeded. */
        plan: FirewallPlan.nullable(),
        /** Why the task failed or timed out. */
        error: z.string().nullable(),
      })
      .nullable(),
    /** The host's latest apply of this policy (or its removal), whatever its state. */
    lastApply: z
      .object({
        taskId: z.string(),
        status: TaskStatus,
        finishedAt: z.string().nullable(),
        output: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'FirewallPolicyHost' });
export type FirewallPolicyHost = z.infer<typeof FirewallPolicyHost>;

export const FirewallPolicySummary = z
  .object({
    name: z.string(),
    description: z.string().nullable(),
    groups: z.array(z.string()),
    updatedAt: z.string(),
    updatedBy: z.string(),
    /** Unrevoked hosts in the policy's groups. */
    hosts: z.number().int(),
    /** Those whose latest plan found changes. */
    drifted: z.number().int(),
  })
  .meta({ id: 'FirewallPolicySummary' });
export type FirewallPolicySummary = z.infer<typeof FirewallPolicySummary>;

export const FirewallPolicyList = z
  .object({ policies: z.array(FirewallPolicySummary) })
  .meta({ id: 'FirewallPolicyList' });
export type FirewallPolicyList = z.infer<typeof FirewallPolicyList>;

export const FirewallPolicyDetail = z
  .object({
    name: z.string(),
    /** The YAML as uploaded. */
    source: z.string(),
    /** The YAML parsed, with every default filled in. */
    policy: FirewallPolicy,
    /** The nftables ruleset the policy renders to. */
    rendered: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    hosts: z.array(FirewallPolicyHost),
  })
  .meta({ id: 'FirewallPolicyDetail' });
export type FirewallPolicyDetail = z.infer<typeof FirewallPolicyDetail>;

/** Absent: every host of the policy. */
const Agents = z.array(AgentId).min(1).max(10_000).optional();

export const PlanFirewallPolicyRequest = z
  .strictObject({ agents: Agents })
  .meta({ id: 'PlanFirewallPolicyRequest' });
export type PlanFirewallPolicyRequest = z.infer<typeof PlanFirewallPolicyRequest>;

export const ApplyFirewallPolicyRequest = z
  .strictObject({
    agents: Agents,
    /** How long each host waits to reach the server after the change before it puts the old rules back. */
    confirmSeconds: z.number().int().min(5).max(600).default(confirmSecondsDefault),
  })
  .meta({ id: 'ApplyFirewallPolicyRequest' });
export type ApplyFirewallPolicyRequest = z.infer<typeof ApplyFirewallPolicyRequest>;

export const QueuedPolicyTasks = z
  .object({
    tasks: z.array(z.object({ agentId: z.string(), hostname: z.string(), taskId: z.string() })),
  })
  .meta({ id: 'QueuedPolicyTasks' });
export type QueuedPolicyTasks = z.infer<typeof QueuedPolicyTasks>;
