import { useState } from 'react';
import type { AuditVerification } from '../../../../../src/protocol/audit.ts';
import { verifyAudit } from '../../../api/audit.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { useSubmit } from '../../../hooks/useSubmit.ts';
import { VerificationResult } from './VerificationResult.tsx';

export function VerifyChain() {
  const { busy, error, run } = useSubmit();
  const [result, setResult] = useState<AuditVerification>();

  function verify() {
    void run(async () => setResult(await verifyAudit()));
  }

  const outcome =
    error !== undefined ? (
      <ErrorAlert error={error} />
    ) : result !== undefined ? (
      <VerificationResult result={result} />
    ) : null;

  return (
    <div className="verify">
      <div className="verify-bar">
        <p className="muted">
          Every entry carries the hash of the one before it, so any edit or deletion breaks the chain.
        </p>
        <button type="button" className="btn btn-sm" disabled={busy} onClick={verify}>
          <Icon name="shieldCheck" size={16} />
          Verify chain
        </button>
      </div>
      {outcome !== null && (
        <div data-testid="audit-verify-result" aria-live="polite">
          {outcome}
        </div>
      )}
    </div>
  );
}
