import { z } from 'zod';
import { severities } from './finding.ts';

/*
 * Security Configuration Assessment policies in Wazuh's SCA format, 4.x and 5.x
 * (docs/audit.md), and the results of running one. The raw schemas accept both variants; a
 * loaded policy is normalized to one form (`name` for `title`, compliance as an object,
 * MITRE in its own object, the regex dialect the policy's version implies).
 */

export const scaConditions = ['all', 'any', 'none'] as const;
export type ScaCondition = (typeof scaConditions)[number];

export const scaResults = ['passed', 'failed', 'not_applicable'] as const;
export type ScaResult = (typeof scaResults)[number];

/** `pcre2`: 5.x (and 4.x policies that asked for it); `osregex`: 4.x's own dialect, its default. */
export type ScaRegexDialect = 'pcre2' | 'osregex';

const Text = z.string().max(100_000);
const Strings = z.array(z.coerce.string().max(10_000)).max(10_000);
const Condition = z.enum(scaConditions);
const Rules = z.array(z.string().min(1).max(100_000)).min(1).max(10_000);
const RegexType = z.enum(['osregex', 'pcre2']).optional();

/** 5.x: `{ pci_dss: [...] }`; 4.x: `[{ pci_dss_v4.0: [...] }, ...]`. */
const RawCompliance = z.union([
  z.record(z.string().max(200), Strings),
  z.array(z.record(z.string().max(200), Strings)).max(1000),
]);

/** 5.x: `{ tactic: { id: [...], name: [...] } }` or, in the migration guide, `{ tactic: [...] }`. */
const MitreEntry = z.union([z.strictObject({ id: Strings, name: Strings.optional() }), Strings]);
const RawMitre = z
  .object({
    tactic: MitreEntry.optional(),
    technique: MitreEntry.optional(),
    subtechnique: MitreEntry.optional(),
  })
  .loose();

export const RawScaCheck = z
  .object({
    id: z.coerce.number().int(),
    name: Text.optional(),
    /** 4.x; mapped to `name`. */
    title: Text.optional(),
    description: Text.optional(),
    rationale: Text.optional(),
    impact: Text.optional(),
    remediation: Text.optional(),
    references: Strings.optional(),
    compliance: RawCompliance.optional(),
    mitre: RawMitre.optional(),
    condition: Condition,
    rules: Rules,
    regex_type: RegexType,
    /** Vigil's own: how bad a failure is (Wazuh's format has no severity); default medium. */
    severity: z.enum(severities).optional(),
  })
  .loose()
  .refine((check) => check.name !== undefined || check.title !== undefined, {
    message: 'a check needs a name (or, in 4.x, a title)',
  });

export const RawScaPolicy = z
  .object({
    policy: z
      .object({
        id: z
          .string()
          .min(1)
          .max(200)
          .regex(/^[\w.-]+$/, 'letters, digits, "_", "." and "-"'),
        file: z.string().max(1000).optional(),
        name: Text,
        description: Text.optional(),
        references: Strings.optional(),
        regex_type: RegexType,
      })
      .loose(),
    requirements: z
      .object({
        name: Text.optional(),
        title: Text.optional(),
        description: Text.optional(),
        condition: Condition,
        rules: Rules,
      })
      .loose()
      .optional(),
    variables: z
      .record(z.string().regex(/^\$\w+$/, 'a variable name like $sshd_file'), z.coerce.string())
      .optional(),
    checks: z.array(RawScaCheck).min(1).max(100_000),
  })
  .loose();
export type RawScaPolicy = z.infer<typeof RawScaPolicy>;

export interface ScaMitre {
  tactics: string[];
  techniques: string[];
  subtechniques: string[];
}

export interface ScaCheck {
  id: number;
  name: string;
  description: string;
  rationale: string;
  impact: string;
  remediation: string;
  references: string[];
  /** Normalized framework keys (`pci_dss`, `nist_800_53`, `iso_27001`, `cis`, …) to control ids. */
  compliance: Record<string, string[]>;
  mitre: ScaMitre;
  severity: (typeof severities)[number];
  condition: ScaCondition;
  rules: string[];
  regex: ScaRegexDialect;
}

export interface ScaPolicy {
  id: string;
  name: string;
  description: string;
  references: string[];
  /** Which variant of the format the file is written in. */
  format: '4.x' | '5.x';
  requirements: { name: string; description: string; condition: ScaCondition; rules: string[] } | undefined;
  variables: Record<string, string>;
  checks: ScaCheck[];
  regex: ScaRegexDialect;
  /** SHA-256 of the file, so a result always says which version of a policy produced it. */
  sha256: string;
}

/** What one rule of a check came to, and why: the evidence an auditor reads. */
export interface ScaRuleOutcome {
  rule: string;
  /** `found`: the rule's condition held (before a leading `not`), `not_found`: it did not, `invalid`: it could not be evaluated. */
  state: 'found' | 'not_found' | 'invalid';
  /** The rule's verdict after `not`: passed, failed or not applicable. */
  verdict: ScaResult;
  /** Which file and line, command output line or process decided, or why it could not be evaluated. */
  evidence: string;
}

export interface ScaCheckResult {
  policyId: string;
  checkId: number;
  name: string;
  result: ScaResult;
  /** For not applicable: why. */
  reason: string | undefined;
  severity: ScaCheck['severity'];
  condition: ScaCondition;
  rules: ScaRuleOutcome[];
}

export interface ScaPolicyRun {
  policyId: string;
  policyName: string;
  sha256: string;
  /** False when the requirements failed: every check is then not applicable. */
  applicable: boolean;
  requirements: ScaRuleOutcome[];
  results: ScaCheckResult[];
  startedAt: string;
  durationMs: number;
  /** passed / (passed + failed), 0–100; null when nothing was applicable. */
  score: number | null;
  counts: Record<ScaResult, number>;
}
