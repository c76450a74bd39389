import { z } from 'zod';
import { GroupName } from './agents.ts';
import { BlockAddress } from './firewall.ts';
import { AgentId, DurationText, ResponsePolicy } from './response-config.ts';

/* Blocked addresses and the response policies, as the API shows them (docs/response.md). */

/** Which hosts hold a block: every host, a host group's, or the hosts named. */
export const BlockScope = z
  .union([
    z.literal('all'),
    z.strictObject({ group: GroupName }),
    z.strictObject({ agents: z.array(AgentId).min(1).max(1000) }),
  ])
  .meta({ id: 'BlockScope' });
export type BlockScope = z.infer<typeof BlockScope>;

export const Block = z
  .object({
    id: z.string(),
    /** An address or CIDR range, in canonical form. */
    address: z.string(),
    reason: z.string(),
    /** The alert a policy acted on; null for a block made by hand. */
    alertId: z.string().nullable(),
    ruleId: z.string().nullable(),
    scope: BlockScope,
    /** The hosts a scope of agents names, with their hostnames; empty for `all` and groups. */
    hosts: z.array(z.object({ id: z.string(), hostname: z.string().nullable() })),
    /** A username, `cli:<user>`, or `policy:<name>`. */
    createdBy: z.string(),
    createdAt: z.string(),
    /** Null: until lifted. */
    expiresAt: z.string().nullable(),
    /** The rung of the escalation ladder a policy block used (1 = first offence); 0 for a block made by hand. */
    level: z.number().int(),
    /** Not lifted and not expired. */
    active: z.boolean(),
    liftedAt: z.string().nullable(),
    /** A username, `cli:<user>`, or `expiry`. */
    liftedBy: z.string().nullable(),
    liftReason: z.string().nullable(),
  })
  .meta({ id: 'Block' });
export type Block = z.infer<typeof Block>;

export const blockStatuses = ['active', 'lifted', 'all'] as const;

export const BlockQuery = z.object({
  /** `lifted` includes expired blocks. */
  status: z.enum(blockStatuses).default('active'),
  /** Part of an address, e.g. `203.0.113.` */
  address: z
    .string()
    .regex(/^[0-9A-Fa-f.:/]{1,64}$/, 'hexadecimal digits, ".", ":" and "/"')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type BlockQuery = z.infer<typeof BlockQuery>;

export const BlockList = z
  .object({
    /** Newest first. */
    blocks: z.array(Block),
    /** More blocks match than `limit`. */
    more: z.boolean(),
  })
  .meta({ id: 'BlockList' });
export type BlockList = z.infer<typeof BlockList>;

const Reason = z.string().trim().min(1).max(500);

/** Longest block made by hand with an end: a year. */
export const maxBlockSeconds = 366 * 86_400;

export const CreateBlockRequest = z
  .strictObject({
    address: BlockAddress,
    /** Null blocks until lifted; absent uses the first duration of the escalation ladder. */
    durationSeconds: z.number().int().min(60).max(maxBlockSeconds).nullable().optional(),
    reason: Reason,
    scope: BlockScope.default('all'),
  })
  .meta({ id: 'CreateBlockRequest' });
export type CreateBlockRequest = z.infer<typeof CreateBlockRequest>;

export const LiftBlockRequest = z.strictObject({ reason: Reason }).meta({ id: 'LiftBlockRequest' });
export type LiftBlockRequest = z.infer<typeof LiftBlockRequest>;

export const allowlistSources = ['config', 'loopback', 'server', 'agent'] as const;

export const AllowlistEntry = z
  .object({
    address: z.string(),
    source: z.enum(allowlistSources),
    /** The agent's hostname, or which of the server's addresses it is. */
    note: z.string().nullable(),
  })
  .meta({ id: 'AllowlistEntry' });
export type AllowlistEntry = z.infer<typeof AllowlistEntry>;

export const ResponsePolicies = z
  .object({
    dryRun: z.boolean(),
    durations: z.array(DurationText),
    policies: z.array(ResponsePolicy),
    /** Everything never blocked: the configured list and what Vigil adds on its own. */
    allowlist: z.array(AllowlistEntry),
  })
  .meta({ id: 'ResponsePolicies' });
export type ResponsePolicies = z.infer<typeof ResponsePolicies>;
