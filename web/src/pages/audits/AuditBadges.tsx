import type { ScaResult } from '../../../../src/protocol/sca.ts';
import { Badge, type BadgeTone } from '../../components/Badge.tsx';
import { formatScore, resultLabels, scoreTone } from './auditLabels.ts';

const resultTones: Record<ScaResult, BadgeTone> = {
  passed: 'success',
  failed: 'danger',
  not_applicable: 'neutral',
};

/** A check's result; a waived failure still says it failed, and is marked waived beside it. */
export function ResultBadge({ result, testId = 'check-result' }: { result: ScaResult; testId?: string }) {
  return (
    <span data-testid={testId}>
      <Badge tone={resultTones[result]}>{resultLabels[result]}</Badge>
    </span>
  );
}

export function WaivedBadge() {
  return (
    <span data-testid="check-waived" title="Excluded from the score by a waiver">
      <Badge tone="info">Waived</Badge>
    </span>
  );
}

export function ApprovalBadge({ approved }: { approved: boolean }) {
  return (
    <span
      data-testid="policy-approval"
      title={
        approved
          ? 'An administrator approved this version: agents run it.'
          : 'Agents do not run this version until an administrator approves it.'
      }
    >
      <Badge tone={approved ? 'success' : 'warning'}>{approved ? 'Approved' : 'Not approved'}</Badge>
    </span>
  );
}

/** A score with a bar behind it, coloured by how it reads (audits.css). */
export function ScoreCell({ score }: { score: number | null }) {
  return (
    <span className={`score score-${scoreTone(score)}`} data-testid="score">
      <span className="score-value">{formatScore(score)}</span>
      <span className="score-track" aria-hidden="true">
        <span className="score-fill" style={{ width: `${score ?? 0}%` }} />
      </span>
    </span>
  );
}
