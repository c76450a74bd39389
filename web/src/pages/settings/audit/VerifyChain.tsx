import { useState } from 'react';
import type { AuditVerification } from '../../../../../src/protocol/audit.ts';
import { verifyAudit } from '../../../api/audit.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { VerificationResult } from './VerificationResult.tsx';

type Outcome = { result: AuditVerification } | { error: unknown };

export function VerifyChain() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  async function verify() {
    setBusy(true);
    try {
      setOutcome({ result: await verifyAudit() });
    } catch (error) {
      setOutcome({ error });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="verify">
      <div className="verify-bar">
        <p className="muted">
          Every entry carries the hash of the one before it, so any edit or deletion breaks the chain.
        </p>
        <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void verify()}>
          <Icon name="shieldCheck" size={16} />
          Verify chain
        </button>
      </div>
      {outcome !== undefined && (
        <div data-testid="audit-verify-result" aria-live="polite">
          {'error' in outcome ? (
            <ErrorAlert error={outcome.error} />
          ) : (
            <VerificationResult result={outcome.result} />
          )}
        </div>
      )}
    </div>
  );
}
