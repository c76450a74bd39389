import type { CreatedToken } from '../../../../../src/protocol/tokens.ts';
import { CopyField } from '../../../components/CopyField.tsx';
import { Icon } from '../../../components/Icon.tsx';

export function CreatedTokenNotice({ token, onDismiss }: { token: CreatedToken; onDismiss: () => void }) {
  return (
    <section className="secret-notice" aria-labelledby="created-token-title" data-testid="created-token">
      <div className="secret-notice-header">
        <Icon name="warning" />
        <h2 id="created-token-title" className="panel-title">
          Copy the token for “{token.name}” now
        </h2>
      </div>
      <p>
        This is the only time Vigil shows it; only a hash is stored. Send it as{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <CopyField id="created-token-secret" label="API token" value={token.token} />
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDismiss}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
