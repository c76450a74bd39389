import { z } from 'zod';
import { GroupName } from './agents.ts';
import { BlockAddress } from './firewall.ts';

/*
 * Firewall policy as code (docs/firewall-policy.md): per host group, the inbound and outbound
 * rules a host's firewall must hold. Agents render a policy into chains of Vigil's own
 * `table inet vigil` (src/modules/firewall/render-policy.ts); nothing else is ever touched.
 */

const Name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" and "-", at most 64');

/** `22` or `8000-8100`. */
export const PortRange = z.union([
  z.number().int().min(1).max(65_535),
  z
    .string()
    .regex(/^[1-9]\d{0,4}-[1-9]\d{0,4}$/, 'a port range like 8000-8100')
    .refine((text) => {
      const [low, high] = text.split('-').map(Number) as [number, number];
      return low < high && high <= 65_535;
    }, 'a range from a lower to a higher port, at most 65535'),
]);
export type PortRange = z.infer<typeof PortRange>;

/** New connections per source address: `10/minute`, with an optional burst. */
export const RateLimit = z.strictObject({
  rate: z.string().regex(/^[1-9]\d{0,5}\/(second|minute|hour|day)$/, 'a rate like 10/minute'),
  burst: z.number().int().min(1).max(10_000).optional(),
});
export type RateLimit = z.infer<typeof RateLimit>;

const Peers = z.array(BlockAddress).min(1).max(10_000);

const ruleFields = {
  /** Names the rule in the rendered ruleset (its comment) and in diffs. */
  name: Name,
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  ports: z.array(PortRange).min(1).max(1000),
};

export const InboundRule = z.strictObject({
  ...ruleFields,
  /** Who may connect; absent means anyone. */
  sources: Peers.optional(),
  /** New connections above this rate from one source address are dropped. */
  rateLimit: RateLimit.optional(),
});
export type InboundRule = z.infer<typeof InboundRule>;

export const OutboundRule = z.strictObject({
  ...ruleFields,
  /** Where the host may connect; absent means anywhere. */
  destinations: Peers.optional(),
});
export type OutboundRule = z.infer<typeof OutboundRule>;

const chainFields = {
  /** What happens to a new connection no rule allows. */
  default: z.enum(['drop', 'accept']).default('drop'),
  /** Log what the default drops (rate limited, `vigil-drop-in: ` / `vigil-drop-out: `); needs `default: drop`. */
  logDrops: z.boolean().default(false),
};

const needsDrop = (chain: { default: string; logDrops: boolean }) =>
  !chain.logDrops || chain.default === 'drop';
const needsDropMessage = { message: 'logDrops needs default: drop', path: ['logDrops'] };

export const FirewallPolicy = z
  .strictObject({
    name: Name,
    description: z.string().max(2000).optional(),
    /** The host groups this policy is for; a group has at most one policy. */
    groups: z.array(GroupName).max(1000).default([]),
    inbound: z
      .strictObject({
        ...chainFields,
        /** Answer pings (ICMP and ICMPv6 echo requests). */
        allowPing: z.boolean().default(true),
        allow: z.array(InboundRule).max(1000).default([]),
      })
      .refine(needsDrop, needsDropMessage)
      .default({ default: 'drop', logDrops: false, allowPing: true, allow: [] }),
    /** Absent: outbound traffic is not filtered. */
    outbound: z
      .strictObject({ ...chainFields, allow: z.array(OutboundRule).max(1000).default([]) })
      .refine(needsDrop, needsDropMessage)
      .optional(),
  })
  .superRefine((policy, ctx) => {
    for (const direction of ['inbound', 'outbound'] as const) {
      const seen = new Set<string>();
      policy[direction]?.allow.forEach((rule, index) => {
        if (seen.has(rule.name))
          ctx.addIssue({
            code: 'custom',
            path: [direction, 'allow', index, 'name'],
            message: 'rule names must be unique within a direction',
          });
        seen.add(rule.name);
      });
    }
  })
  .meta({ id: 'FirewallPolicy' });
export type FirewallPolicy = z.infer<typeof FirewallPolicy>;
export type FirewallPolicyInput = z.input<typeof FirewallPolicy>;

/** `firewall.policy.plan`: what applying `policy` (null: no policy) would change on the host. */
export const FirewallPolicyPlanParams = z.strictObject({ policy: FirewallPolicy.nullable() });
export type FirewallPolicyPlanParams = z.infer<typeof FirewallPolicyPlanParams>;

export const confirmSecondsDefault = 30;

/**
 * `firewall.policy.apply`: replace the host's policy chains with `policy`'s (null removes them)
 * in one transaction, then reach the server on a new connection within `confirmSeconds`, or put
 * the previous chains back (docs/firewall-policy.md).
 */
export const FirewallPolicyApplyParams = z.strictObject({
  policy: FirewallPolicy.nullable(),
  confirmSeconds: z.number().int().min(5).max(600).default(confirmSecondsDefault),
});
export type FirewallPolicyApplyParams = z.infer<typeof FirewallPolicyApplyParams>;

/**
 * A plan task's output (JSON): both rulesets as nft prints them (counters and dynamic set
 * elements left out), so they compare line by line, and their unified diff.
 */
export const FirewallPlan = z
  .object({
    policy: z.string().nullable(),
    /** The policy's chains and sets as they are live now; empty when there are none. */
    live: z.string(),
    /** The same after applying the policy. */
    planned: z.string(),
    /** Unified diff, live → planned; empty when they are the same. */
    diff: z.string(),
    changed: z.boolean(),
  })
  .meta({ id: 'FirewallPlan' });
export type FirewallPlan = z.infer<typeof FirewallPlan>;
