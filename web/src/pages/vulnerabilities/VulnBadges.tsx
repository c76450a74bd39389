import type { VulnFinding } from '../../../../src/protocol/vuln-api.ts';
import { Badge } from '../../components/Badge.tsx';
import {
  fixStateLabels,
  fixStateNotes,
  formatDate,
  formatEpss,
  formatPercentile,
  formatRisk,
  hasFix,
  riskTone,
} from './vulnLabels.ts';

/** In CISA's Known Exploited Vulnerabilities catalog: attackers use it now, whatever its score says. */
export function KevBadge({ kev }: { kev: NonNullable<VulnFinding['kev']> }) {
  return (
    <span
      className="kev"
      data-testid="kev-badge"
      title={`In CISA’s Known Exploited Vulnerabilities catalog since ${formatDate(kev.dateAdded)}; federal agencies must fix it by ${formatDate(kev.dueDate)}.`}
    >
      <Badge tone="danger">KEV</Badge>
      <span className="cell-note">due {formatDate(kev.dueDate)}</span>
      {kev.knownRansomware && <span className="cell-note danger-text">ransomware</span>}
    </span>
  );
}

/**
 * "Fix available" and "No fix yet" are the first thing a reader must tell apart: only the first
 * can be patched. The tracker's own state and reason follow underneath.
 */
export function FixStateCell({ finding }: { finding: Pick<VulnFinding, 'fixState' | 'fixReason'> }) {
  const fixed = hasFix(finding.fixState);
  return (
    <span className="fix-state" data-testid="fix-state" title={fixStateNotes[finding.fixState]}>
      <Badge tone={fixed ? 'success' : 'warning'}>{fixed ? 'Fix available' : 'No fix yet'}</Badge>
      {!fixed && (
        <span className="cell-note" data-testid="fix-reason">
          {fixStateLabels[finding.fixState]}
          {finding.fixReason !== null && finding.fixReason !== '' && `: ${finding.fixReason}`}
        </span>
      )}
    </span>
  );
}

/** 0–100 with a bar behind it, as audit scores are drawn, coloured as the severity it reads like. */
export function RiskCell({ risk }: { risk: number }) {
  return (
    <span className={`score risk severity-${riskTone(risk)}`} data-testid="risk">
      <span className="score-value">{formatRisk(risk)}</span>
      <span className="score-track" aria-hidden="true">
        <span className="score-fill" style={{ width: `${Math.max(0, Math.min(100, risk))}%` }} />
      </span>
    </span>
  );
}

export function EpssCell({ epss }: { epss: VulnFinding['epss'] }) {
  if (epss === null) return <span className="muted">—</span>;
  return (
    <span title="FIRST EPSS: the probability of exploitation in the next 30 days">
      <span className="num-strong">{formatEpss(epss.score)}</span>
      <span className="cell-note">{formatPercentile(epss.percentile)}</span>
    </span>
  );
}
