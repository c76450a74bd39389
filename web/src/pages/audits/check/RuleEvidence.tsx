import type { ScaRuleOutcome } from '../../../../../src/protocol/sca.ts';
import { ResultBadge } from '../AuditBadges.tsx';
import { ruleStateLabels } from '../auditLabels.ts';

/** Each rule of a check as it ran: the rule, what it found, its verdict and the evidence behind it. */
export function RuleEvidence({ rules }: { rules: readonly ScaRuleOutcome[] }) {
  if (rules.length === 0) return <p className="section-empty section-empty-top">No rule was evaluated.</p>;
  return (
    <ol className="rules" data-testid="check-rules">
      {rules.map((outcome, index) => (
        <li key={index} className="rule" data-testid="check-rule">
          <div className="rule-head">
            <code className="rule-text">{outcome.rule}</code>
            <span className="rule-state">{ruleStateLabels[outcome.state]}</span>
            <ResultBadge result={outcome.verdict} testId="rule-verdict" />
          </div>
          <pre className="rule-evidence" data-testid="rule-evidence">
            {outcome.evidence === '' ? 'No evidence recorded.' : outcome.evidence}
          </pre>
        </li>
      ))}
    </ol>
  );
}
