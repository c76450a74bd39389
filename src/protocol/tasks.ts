import { z } from 'zod';
import {
  AccountLockParams,
  FirewallBlockParams,
  FirewallSyncParams,
  FirewallUnblockParams,
} from './firewall.ts';
import { ScaRunParams } from './audits-api.ts';
import { FirewallPolicyApplyParams, FirewallPolicyPlanParams } from './firewall-policy.ts';
import { PatchApplyParams, PatchSimulateParams } from './patch-api.ts';

/** What the server can ask an agent to do; later issues add kinds (block an address, upgrade packages). */
export const taskKinds = [
  'ping',
  'inventory.collect',
  'fim.scan',
  'firewall.block',
  'firewall.unblock',
  'firewall.sync',
  'firewall.policy.plan',
  'firewall.policy.apply',
  'account.lock',
  'sca.run',
  'patch.simulate',
  'patch.apply',
] as const;
export type TaskKind = (typeof taskKinds)[number];

export const taskStatuses = ['queued', 'sent', 'succeeded', 'failed', 'timed_out', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** Output kept per task, in characters; agents cut longer output and say so. */
export const maxTaskOutputChars = 256 * 1024;

/** Domain separator of the signed task string, so a task signature can never pass for anything else. */
export const taskSignatureVersion = 'vigil-task-v1';

const TimeoutSeconds = z.number().int().min(1).max(3600).default(300);

export const CreateTaskRequest = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('ping'),
      params: z.strictObject({ message: z.string().max(1000).optional() }).default({}),
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('inventory.collect'),
      params: z.strictObject({}).default({}),
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('fim.scan'),
      params: z.strictObject({}).default({}),
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('firewall.block'),
      params: FirewallBlockParams,
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('firewall.unblock'),
      params: FirewallUnblockParams,
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('firewall.sync'),
      params: FirewallSyncParams,
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('firewall.policy.plan'),
      params: FirewallPolicyPlanParams,
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('firewall.policy.apply'),
      params: FirewallPolicyApplyParams,
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('account.lock'),
      params: AccountLockParams,
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('sca.run'),
      params: ScaRunParams,
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('patch.simulate'),
      params: PatchSimulateParams,
      timeoutSeconds: TimeoutSeconds,
    }),
    z.strictObject({
      kind: z.literal('patch.apply'),
      params: PatchApplyParams,
      timeoutSeconds: TimeoutSeconds,
    }),
  ])
  .meta({ id: 'CreateTaskRequest' });
export type CreateTaskRequest = z.infer<typeof CreateTaskRequest>;

export const Task = z
  .object({
    id: z.string(),
    agentId: z.string(),
    kind: z.enum(taskKinds),
    params: z.record(z.string(), z.unknown()),
    status: z.enum(taskStatuses),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    expiresAt: z.string(),
    timeoutSeconds: z.number().int(),
    sentAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    exitCode: z.number().int().nullable(),
    output: z.string().nullable(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;

/**
 * A task as the agent receives it. `signature` is the server's Ed25519
 * signature (base64url) over `taskSigningString` of the other fields; the
 * agent checks it with the key pinned at enrollment. `kind` is any string
 * here so an older agent can still verify, then refuse, a kind it lacks.
 */
export const TaskEnvelope = z
  .strictObject({
    id: z.string().min(1).max(64),
    agentId: z.string().min(1).max(64),
    kind: z.string().min(1).max(64),
    params: z.record(z.string(), z.unknown()),
    issuedAt: z.string(),
    expiresAt: z.string(),
    timeoutSeconds: z.number().int().min(1).max(3600),
    signature: z.string(),
  })
  .meta({ id: 'TaskEnvelope' });
export type TaskEnvelope = z.infer<typeof TaskEnvelope>;

export const TaskPollRequest = z
  .strictObject({ waitSeconds: z.number().int().min(0).max(25).default(25) })
  .meta({ id: 'TaskPollRequest' });
export type TaskPollRequest = z.infer<typeof TaskPollRequest>;

export const TaskPollResponse = z.object({ tasks: z.array(TaskEnvelope) }).meta({ id: 'TaskPollResponse' });
export type TaskPollResponse = z.infer<typeof TaskPollResponse>;

export const TaskResultRequest = z
  .strictObject({
    status: z.enum(['succeeded', 'failed', 'timed_out']),
    exitCode: z.number().int().min(-2147483648).max(2147483647).optional(),
    output: z.string().max(maxTaskOutputChars),
  })
  .meta({ id: 'TaskResultRequest' });
export type TaskResultRequest = z.infer<typeof TaskResultRequest>;

/** JSON with object keys sorted at every depth, so both sides sign the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  // Params come from JSON, so every leaf here is a string, number, boolean or null.
  return JSON.stringify(value);
}

/** The exact string the server signs for a task: every envelope field but the signature, in a fixed order. */
export function taskSigningString(task: Omit<TaskEnvelope, 'signature'>): string {
  return `${taskSignatureVersion}\n${canonicalJson({
    id: task.id,
    agentId: task.agentId,
    kind: task.kind,
    params: task.params,
    issuedAt: task.issuedAt,
    expiresAt: task.expiresAt,
    timeoutSeconds: task.timeoutSeconds,
  })}`;
}
