import type { AuditVerification } from '../../../../../src/protocol/audit.ts';
import { Icon } from '../../../components/Icon.tsx';

const count = new Intl.NumberFormat();

export function VerificationResult({ result }: { result: AuditVerification }) {
  if (!result.ok) {
    return (
      <div className="alert alert-error verify-result">
        <Icon name="shieldAlert" />
        <p>
          <strong>
            Chain broken{result.firstBadSeq === null ? '' : ` at entry #${result.firstBadSeq}`}.
          </strong>{' '}
          {result.reason} ({count.format(result.checked)} entries checked.)
        </p>
      </div>
    );
  }
  return (
    <div className="alert alert-success verify-result">
      <Icon name="shieldCheck" />
      <p>
        <strong>Chain intact.</strong> {count.format(result.checked)} entries checked
        {result.headSeq === null ? '.' : `; head is entry #${result.headSeq}, hash `}
        {result.headHash !== null && <code className="hash">{result.headHash}</code>}
      </p>
    </div>
  );
}
