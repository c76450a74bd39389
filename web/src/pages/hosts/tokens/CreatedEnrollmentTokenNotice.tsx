import type { CreatedEnrollmentToken } from '../../../../../src/protocol/agents.ts';
import { CopyField } from '../../../components/CopyField.tsx';
import { Icon } from '../../../components/Icon.tsx';
import { formatDateTime } from '../../../format/time.ts';

interface CreatedEnrollmentTokenNoticeProps {
  token: CreatedEnrollmentToken;
  onDismiss: () => void;
}

export function CreatedEnrollmentTokenNotice({ token, onDismiss }: CreatedEnrollmentTokenNoticeProps) {
  const uses =
    token.maxUses === null
      ? 'any number of hosts'
      : token.maxUses === 1
        ? 'one host'
        : `up to ${token.maxUses.toLocaleString()} hosts`;
  return (
    <section
      className="secret-notice"
      aria-labelledby="created-enrollment-token-title"
      data-testid="created-enrollment-token"
    >
      <div className="secret-notice-header">
        <Icon name="warning" />
        <h2 id="created-enrollment-token-title" className="panel-title">
          Copy the enrollment token for group “{token.group}” now
        </h2>
      </div>
      <p>
        This is the only time Vigil shows it; only a hash is stored. Until {formatDateTime(token.expiresAt)}{' '}
        it lets {uses} join this Vigil server, so pass it on as you would a password.
      </p>
      <CopyField id="created-enrollment-token-secret" label="Enrollment token" value={token.token} />
      <p>On each host, start the agent with it:</p>
      <CopyField
        id="created-enrollment-token-command"
        label="Agent command"
        value={`vigil agent --token ${token.token}`}
      />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDismiss}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
