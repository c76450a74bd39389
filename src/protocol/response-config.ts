import { z } from 'zod';
import { GroupName } from './agents.ts';
import { severities } from './finding.ts';
import { BlockAddress } from './firewall.ts';

/*
 * Response policies: which alerts make Vigil act on its own, and how. The
 * `response` key of the configuration; docs/response.md explains each part.
 */

const unitSeconds = { m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

/** `10m`, `1h`, `24h`, `7d`, `2w`. */
export const DurationText = z
  .string()
  .regex(/^[1-9]\d{0,5}[mhdw]$/, 'a duration like 10m, 1h, 24h, 7d or 2w');

/** A DurationText in seconds. */
export function durationSeconds(text: string): number {
  const unit = text.slice(-1) as keyof typeof unitSeconds;
  return Number(text.slice(0, -1)) * unitSeconds[unit];
}

/** The ladder's duration for an address's `offence`-th policy block (1 = first); past its end the last repeats. */
export function ladderStep(durations: readonly string[], offence: number): string {
  const step = durations[Math.min(Math.max(offence, 1), durations.length) - 1];
  if (step === undefined) throw new Error('response.durations is empty');
  return step;
}

export const AgentId = z.string().min(1).max(64);

/**
 * Where a policy blocks: `host` is the attacked host (the alert's agent), `group` every host in
 * its group, `all` every host, the hosts named, or every host of a named group (gateways, say,
 * which keep an attack on one host off the whole network).
 */
export const PolicyBlockScope = z.union([
  z.enum(['host', 'group', 'all']),
  z.strictObject({ agents: z.array(AgentId).min(1).max(1000) }),
  z.strictObject({ group: GroupName }),
]);
export type PolicyBlockScope = z.infer<typeof PolicyBlockScope>;

export const ResponseAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('block'), scope: PolicyBlockScope.default('host') }),
  /** Locks the alert's user on the attacked host; never root. */
  z.strictObject({ type: z.literal('lock_account') }),
  /** Logs and audits the match, changing nothing. */
  z.strictObject({ type: z.literal('notify') }),
]);
export type ResponseAction = z.infer<typeof ResponseAction>;

const PolicyName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" and "-", at most 64');

export const ResponsePolicy = z
  .strictObject({
    name: PolicyName,
    /** Every criterion given must hold; at least one is required, so no policy acts on every alert. */
    match: z
      .strictObject({
        /** Rule ids. */
        rules: z.array(z.string().min(1).max(200)).min(1).max(1000).optional(),
        /** The rule has at least one of these tags (case-insensitive), e.g. `attack.t1110.001`. */
        tags: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
        minSeverity: z.enum(severities).optional(),
        /** The attacked host is in one of these groups. */
        groups: z.array(GroupName).min(1).max(1000).optional(),
      })
      .refine((match) => Object.keys(match).length > 0, {
        message: 'name at least one of rules, tags, minSeverity or groups',
      }),
    actions: z.array(ResponseAction).min(1).max(10),
  })
  .meta({ id: 'ResponsePolicy' });
export type ResponsePolicy = z.infer<typeof ResponsePolicy>;

/** The built-in pack's SSH brute-force family (rules/builtin/ssh/). */
export const sshBruteForceRuleIds = [
  /** SSH brute force from one source. */
  '64dbd59d-140c-4a4f-8e62-0d5f95a24c53',
  /** SSH password spraying from one source. */
  '35077108-6f46-4e44-8155-7acc94c2ce90',
  /** Low-and-slow SSH brute force from one source (medium: below the default policy's bar). */
  '9fb27d36-1163-4ec2-9cd8-912888790647',
  /** SSH login from an address that was brute forcing. */
  '4d43677d-51fe-4526-808f-713826019822',
];

const defaultPolicies: ResponsePolicy[] = [
  {
    name: 'ssh-brute-force',
    match: { rules: sshBruteForceRuleIds, minSeverity: 'high' },
    actions: [{ type: 'block', scope: 'host' }],
  },
];

export const ResponseConfigSchema = z
  .strictObject({
    /** Log and audit what policies would do, and change nothing. */
    dryRun: z.boolean().default(false),
    /** Addresses and ranges never blocked, besides loopback, the server's own and every agent's. */
    allowlist: z.array(BlockAddress).max(10_000).default([]),
    /** How long a policy blocks an address for its first offence, its second, …; the last repeats. */
    durations: z.array(DurationText).min(1).max(20).default(['10m', '1h', '24h', '7d']),
    policies: z.array(ResponsePolicy).max(100).default(defaultPolicies),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.policies.forEach((policy, index) => {
      if (seen.has(policy.name))
        ctx.addIssue({
          code: 'custom',
          path: ['policies', index, 'name'],
          message: 'policy names must be unique',
        });
      seen.add(policy.name);
    });
  });
export type ResponseConfig = z.infer<typeof ResponseConfigSchema>;

/** Every key at its default: one policy blocking high and critical SSH brute force on the attacked host. */
export const defaultResponseConfig: ResponseConfig = ResponseConfigSchema.parse({});
