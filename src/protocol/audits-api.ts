import { z } from 'zod';
import { GroupName } from './agents.ts';
import { severities } from './finding.ts';
import { AgentId } from './response-config.ts';
import { scaConditions, scaResults } from './sca.ts';

/*
 * Host audits as the API shows them (docs/audit-server.md): policies in Wazuh SCA format stored
 * on the server, their runs on hosts, scores, waivers. The policy format itself is sca.ts.
 */

export const auditPolicyOrigins = ['builtin', 'uploaded'] as const;

/** A policy's own `policy.id`, as the format allows it. */
export const AuditPolicyId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.-]+$/, 'letters, digits, "_", "." and "-"');

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');
const Severity = z.enum(severities);
const Result = z.enum(scaResults);
/** Scores are passed ÷ (passed + failed) × 100, one decimal; null when nothing passed or failed. */
const Score = z.number().min(0).max(100).nullable();
const Compliance = z.record(z.string(), z.array(z.string()));

/** The YAML as written, comments and all; kept as uploaded and sent to agents as it is. */
export const PutAuditPolicyRequest = z
  .strictObject({
    source: z
      .string()
      .min(1)
      .max(16 * 1024 * 1024),
  })
  .meta({ id: 'PutAuditPolicyRequest' });
export type PutAuditPolicyRequest = z.infer<typeof PutAuditPolicyRequest>;

export const AuditPolicySummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    format: z.enum(['4.x', '5.x']),
    /** How many checks. */
    checks: z.number().int(),
    origin: z.enum(auditPolicyOrigins),
    /** Only approved policies are sent to agents. */
    approved: z.boolean(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    /** Some rule runs a command (`c:`); uploading one needs audits:approve, or it waits for approval. */
    hasCommands: z.boolean(),
    /** Host groups whose hosts run it on the schedule. */
    groups: z.array(z.string()),
    sha256: z.string(),
    /** A username; null for built-in policies. */
    uploadedBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AuditPolicySummary' });
export type AuditPolicySummary = z.infer<typeof AuditPolicySummary>;

export const AuditPolicyList = z
  .object({ policies: z.array(AuditPolicySummary) })
  .meta({ id: 'AuditPolicyList' });
export type AuditPolicyList = z.infer<typeof AuditPolicyList>;

export const AuditPolicyDetail = AuditPolicySummary.extend({
  /** The YAML as uploaded. */
  source: z.string(),
  checkList: z.array(
    z.object({ id: z.number().int(), name: z.string(), severity: Severity, compliance: Compliance }),
  ),
}).meta({ id: 'AuditPolicyDetail' });
export type AuditPolicyDetail = z.infer<typeof AuditPolicyDetail>;

/** `sha256`: the version the approver read; a policy replaced since is not approved (409). */
export const ApproveAuditPolicyRequest = z
  .strictObject({ sha256: Sha256.optional() })
  .meta({ id: 'ApproveAuditPolicyRequest' });
export type ApproveAuditPolicyRequest = z.infer<typeof ApproveAuditPolicyRequest>;

export const PutAuditPolicyGroupsRequest = z
  .strictObject({ groups: z.array(GroupName).max(1000) })
  .meta({ id: 'PutAuditPolicyGroupsRequest' });
export type PutAuditPolicyGroupsRequest = z.infer<typeof PutAuditPolicyGroupsRequest>;

/** Which hosts run which policies now. Hosts: the agents named plus the hosts of the groups named, or every host. Policies: those named, or each host's group's. */
export const RunAuditsRequest = z
  .strictObject({
    agents: z.array(AgentId).min(1).max(10_000).optional(),
    groups: z.array(GroupName).min(1).max(1000).optional(),
    policies: z.array(AuditPolicyId).min(1).max(1000).optional(),
  })
  .meta({ id: 'RunAuditsRequest' });
export type RunAuditsRequest = z.infer<typeof RunAuditsRequest>;

export const QueuedAudits = z
  .object({
    tasks: z.array(
      z.object({ agentId: z.string(), hostname: z.string(), policyId: z.string(), taskId: z.string() }),
    ),
  })
  .meta({ id: 'QueuedAudits' });
export type QueuedAudits = z.infer<typeof QueuedAudits>;

export const AuditOverview = z
  .object({
    /** Over every host's latest run of each policy, waived checks excluded. */
    fleetScore: Score,
    hosts: z.array(
      z.object({
        agentId: z.string(),
        hostname: z.string(),
        group: z.string(),
        score: Score,
        passed: z.number().int(),
        failed: z.number().int(),
        notApplicable: z.number().int(),
        /** Null: never audited. */
        lastRunAt: z.string().nullable(),
      }),
    ),
    policies: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        score: Score,
        /** Hosts with a run of it. */
        hosts: z.number().int(),
        /** Failed checks over those hosts' latest runs. */
        failed: z.number().int(),
      }),
    ),
    groups: z.array(z.object({ group: z.string(), score: Score, hosts: z.number().int() })),
    frameworks: z.array(
      z.object({
        /** The normalized key: pci_dss, nist_800_53, iso_27001, cis, … */
        framework: z.string(),
        score: Score,
        passed: z.number().int(),
        failed: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'AuditOverview' });
export type AuditOverview = z.infer<typeof AuditOverview>;

export const ScaRuleOutcomeSchema = z
  .object({
    rule: z.string().max(100_000),
    state: z.enum(['found', 'not_found', 'invalid']),
    verdict: Result,
    evidence: z.string().max(16_384),
  })
  .meta({ id: 'ScaRuleOutcome' });

export const AuditHostResult = z.object({
  checkId: z.number().int(),
  name: z.string(),
  result: Result,
  severity: Severity,
  reason: z.string().nullable(),
  /** An active waiver excludes it from the scores. */
  waived: z.boolean(),
});
export type AuditHostResult = z.infer<typeof AuditHostResult>;

export const AuditHost = z
  .object({
    agentId: z.string(),
    hostname: z.string(),
    group: z.string(),
    score: Score,
    policies: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        score: Score,
        /** When the latest run started (the host's clock). */
        runAt: z.string(),
        /** The policy's requirements held on the host; when not, every check is not applicable. */
        applicable: z.boolean(),
        /** Waived checks are counted under `waived` only. */
        counts: z.object({
          passed: z.number().int(),
          failed: z.number().int(),
          not_applicable: z.number().int(),
          waived: z.number().int(),
        }),
        results: z.array(AuditHostResult),
      }),
    ),
  })
  .meta({ id: 'AuditHost' });
export type AuditHost = z.infer<typeof AuditHost>;

/** Which hosts a waiver covers: every host, a host group's, or the hosts named. */
export const WaiverScope = z
  .union([
    z.literal('all'),
    z.strictObject({ group: GroupName }),
    z.strictObject({ agents: z.array(AgentId).min(1).max(1000) }),
  ])
  .meta({ id: 'WaiverScope' });
export type WaiverScope = z.infer<typeof WaiverScope>;

export const AuditWaiver = z
  .object({
    id: z.string(),
    policyId: z.string(),
    checkId: z.number().int(),
    /** The check's name in the policy's current version; null when it has no such check any more. */
    checkName: z.string().nullable(),
    scope: WaiverScope,
    justification: z.string(),
    owner: z.string(),
    /** Null: never. */
    expiresAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    /** Not expired: it excludes the check from scores, reports and alerts. */
    active: z.boolean(),
  })
  .meta({ id: 'AuditWaiver' });
export type AuditWaiver = z.infer<typeof AuditWaiver>;

export const AuditCheckDetail = z
  .object({
    check: z.object({
      id: z.number().int(),
      name: z.string(),
      description: z.string(),
      rationale: z.string(),
      impact: z.string(),
      remediation: z.string(),
      references: z.array(z.string()),
      compliance: Compliance,
      mitre: z.object({
        tactics: z.array(z.string()),
        techniques: z.array(z.string()),
        subtechniques: z.array(z.string()),
      }),
      severity: Severity,
      condition: z.enum(scaConditions),
      rules: z.array(z.string()),
    }),
    /** Active waivers that exclude the check on this host. */
    waivers: z.array(AuditWaiver),
    /** The host's runs of the policy that have the check, newest first. */
    history: z.array(
      z.object({
        runAt: z.string(),
        sha256: z.string(),
        result: Result,
        reason: z.string().nullable(),
        rules: z.array(ScaRuleOutcomeSchema),
      }),
    ),
  })
  .meta({ id: 'AuditCheckDetail' });
export type AuditCheckDetail = z.infer<typeof AuditCheckDetail>;

export const AuditWaiverList = z.object({ waivers: z.array(AuditWaiver) }).meta({ id: 'AuditWaiverList' });
export type AuditWaiverList = z.infer<typeof AuditWaiverList>;

export const WaiverQuery = z.object({
  policyId: AuditPolicyId.optional(),
  /** `active` leaves out expired waivers. */
  status: z.enum(['active', 'all']).default('all'),
});
export type WaiverQuery = z.infer<typeof WaiverQuery>;

export const CreateWaiverRequest = z
  .strictObject({
    policyId: AuditPolicyId,
    checkId: z.number().int(),
    scope: WaiverScope,
    justification: z.string().trim().min(1).max(2000),
    owner: z.string().trim().min(1).max(200),
    /** ISO-8601, in the future; null: never (an auditor will ask why). */
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'CreateWaiverRequest' });
export type CreateWaiverRequest = z.infer<typeof CreateWaiverRequest>;

/** `sca.run` task params: the policy's YAML exactly as stored, and its SHA-256, which the agent checks. */
export const ScaRunParams = z.strictObject({
  policy: z
    .string()
    .min(1)
    .max(16 * 1024 * 1024),
  sha256: Sha256,
});
export type ScaRunParams = z.infer<typeof ScaRunParams>;

/** Longest evidence an agent sends per rule; longer evidence (a huge command output line) is cut. */
export const maxEvidenceChars = 4096;

const ScaCheckResultSchema = z.object({
  policyId: z.string().max(200),
  checkId: z.number().int(),
  name: z.string().max(100_000),
  result: Result,
  reason: z.string().max(16_384).optional(),
  severity: Severity,
  condition: z.enum(scaConditions),
  rules: z.array(ScaRuleOutcomeSchema).max(10_000),
});

const Count = z.number().int().min(0);

/** A ScaPolicyRun (sca.ts) as the agent posts it. */
export const ScaPolicyRunSchema = z.object({
  policyId: AuditPolicyId,
  policyName: z.string().max(100_000),
  sha256: Sha256,
  applicable: z.boolean(),
  requirements: z.array(ScaRuleOutcomeSchema).max(10_000),
  results: z.array(ScaCheckResultSchema).max(100_000),
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().int().min(0),
  score: Score,
  counts: z.object({ passed: Count, failed: Count, not_applicable: Count }),
});

/** POST /api/agent/v1/audit/results: a run with all its evidence, which can exceed a task's output. */
export const AuditResultsRequest = z
  .strictObject({ taskId: z.string().min(1).max(64), run: ScaPolicyRunSchema })
  .meta({ id: 'AuditResultsRequest' });
export type AuditResultsRequest = z.infer<typeof AuditResultsRequest>;
