import type { ScaPolicy, ScaPolicyRun } from '../../protocol/sca.ts';
import { sarifLevels, sarifLog } from '../../protocol/sarif.ts';
import { evidenceLocation } from './evidence-location.ts';

/** Failed checks as SARIF results, each located at the file line its evidence names, if any. */
export function resultsSarif(
  runs: readonly { policy: ScaPolicy; run: ScaPolicyRun }[],
  tool: { version: string },
) {
  const rules = runs.flatMap(({ policy }) =>
    policy.checks.map((check) => ({
      id: `${policy.id}/${check.id}`,
      title: check.name,
      severity: check.severity,
      tags: [...Object.keys(check.compliance), ...check.mitre.techniques],
      help: check.remediation,
    })),
  );
  const results = runs.flatMap(({ run }) =>
    run.results
      .filter((result) => result.result === 'failed')
      .map((result) => ({
        ruleId: `${result.policyId}/${result.checkId}`,
        level: sarifLevels[result.severity],
        message: { text: `${result.name}: ${result.rules.map((rule) => rule.evidence).join('; ')}` },
        locations: result.rules.flatMap((rule) => {
          const location = evidenceLocation(rule.evidence);
          return location
            ? [
                {
                  physicalLocation: {
                    artifactLocation: { uri: location.path },
                    ...(location.line ? { region: { startLine: location.line } } : {}),
                  },
                },
              ]
            : [];
        }),
      })),
  );
  return sarifLog({ name: 'vigil-audit', version: tool.version }, rules, results);
}
