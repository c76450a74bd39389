import { severityAtLeast, type Severity } from './finding.ts';

/* SARIF 2.1.0, the format code-scanning tools read; every Vigil command with `--format sarif` writes it. */

export const sarifLevels: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  informational: 'note',
};

/** GitHub code scanning reads `security-severity` (0–10) to rank findings. */
export const sarifSecuritySeverity: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  informational: '0.0',
};

export interface SarifRule {
  id: string;
  title: string;
  severity: Severity;
  tags: string[];
  help?: string | undefined;
}

/** A SARIF log of one run; `results` are already in SARIF's shape. */
export function sarifLog(
  tool: { name: string; version: string },
  rules: readonly SarifRule[],
  results: unknown[],
) {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.title,
              shortDescription: { text: rule.title },
              ...(rule.help ? { help: { text: rule.help } } : {}),
              defaultConfiguration: { level: sarifLevels[rule.severity] },
              properties: { tags: rule.tags, 'security-severity': sarifSecuritySeverity[rule.severity] },
            })),
          },
        },
        results,
      },
    ],
  };
}

/** One rule per id, at the highest severity any of its results has. */
export function sarifRules<T extends { severity: Severity }>(
  items: readonly T[],
  ruleOf: (item: T) => SarifRule,
): SarifRule[] {
  const rules = new Map<string, SarifRule>();
  for (const item of items) {
    const rule = ruleOf(item);
    const known = rules.get(rule.id);
    if (!known || !severityAtLeast(known.severity, item.severity)) rules.set(rule.id, rule);
  }
  return [...rules.values()];
}
