import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  RawScaPolicy,
  type ScaCheck,
  type ScaMitre,
  type ScaPolicy,
  type ScaRegexDialect,
} from '../../protocol/sca.ts';
import { normalizeCompliance } from './normalize-compliance.ts';
import { ScaPolicyError } from './sca-policy-error.ts';

/** Policies are a few hundred KiB; anything far larger is not a policy. */
const maxPolicyBytes = 16 * 1024 * 1024;

export async function loadPolicyFile(path: string): Promise<ScaPolicy> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > maxPolicyBytes) throw new Error(`larger than ${maxPolicyBytes} bytes`);
    text = bytes.toString('utf8');
  } catch (error) {
    throw new ScaPolicyError('read_failed', path, (error as Error).message);
  }
  return parsePolicy(text, path);
}

/**
 * A policy from its YAML, in either variant, normalized. 4.x is recognised by what only 4.x
 * writes (`title`, compliance as a list); its regexes are OSRegex unless it says `pcre2`.
 */
export function parsePolicy(text: string, source: string): ScaPolicy {
  let document: unknown;
  try {
    document = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new ScaPolicyError(
      'yaml_invalid',
      source,
      (error as Error).message.split('\n')[0] ?? 'invalid YAML',
    );
  }
  const parsed = RawScaPolicy.safeParse(document);
  if (!parsed.success) throw new ScaPolicyError('schema_invalid', source, z.prettifyError(parsed.error));
  const raw = parsed.data;
  const legacy =
    raw.requirements?.title !== undefined ||
    raw.checks.some((check) => check.title !== undefined || Array.isArray(check.compliance));
  const policyDialect: ScaRegexDialect = legacy ? (raw.policy.regex_type ?? 'osregex') : 'pcre2';
  const seen = new Set<number>();
  const checks = raw.checks.map((check): ScaCheck => {
    if (seen.has(check.id))
      throw new ScaPolicyError('duplicate_check', source, `check id ${check.id} appears twice`);
    seen.add(check.id);
    const { compliance, mitre } = normalizeCompliance(check.compliance);
    return {
      id: check.id,
      name: check.name ?? check.title ?? '',
      description: check.description ?? '',
      rationale: check.rationale ?? '',
      impact: check.impact ?? '',
      remediation: check.remediation ?? '',
      references: check.references ?? [],
      compliance,
      mitre: mergeMitre(mitre, check.mitre),
      severity: check.severity ?? 'medium',
      condition: check.condition,
      rules: check.rules,
      regex: legacy ? (check.regex_type ?? policyDialect) : 'pcre2',
    };
  });
  const requirements = raw.requirements && {
    name: raw.requirements.name ?? raw.requirements.title ?? '',
    description: raw.requirements.description ?? '',
    condition: raw.requirements.condition,
    rules: raw.requirements.rules,
  };
  return {
    id: raw.policy.id,
    name: raw.policy.name,
    description: raw.policy.description ?? '',
    references: raw.policy.references ?? [],
    format: legacy ? '4.x' : '5.x',
    requirements,
    variables: raw.variables ?? {},
    checks,
    regex: policyDialect,
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}

type RawMitre = NonNullable<RawScaPolicy['checks'][number]['mitre']>;

function mergeMitre(fromCompliance: ScaMitre, raw: RawMitre | undefined): ScaMitre {
  const ids = (entry: RawMitre['tactic']) =>
    entry === undefined ? [] : Array.isArray(entry) ? entry : entry.id;
  const unique = (values: string[]) => [...new Set(values)];
  return {
    tactics: unique([...fromCompliance.tactics, ...ids(raw?.tactic)]),
    techniques: unique([...fromCompliance.techniques, ...ids(raw?.technique)]),
    subtechniques: unique([...fromCompliance.subtechniques, ...ids(raw?.subtechnique)]),
  };
}
