import { useState, type SubmitEvent } from 'react';
import type { Permission } from '../../../../../src/protocol/roles.ts';
import type { CreatedToken } from '../../../../../src/protocol/tokens.ts';
import { createToken } from '../../../api/tokens.ts';
import { useSession } from '../../../app/session.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field } from '../../../components/Field.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { permissionLabels } from '../permissionLabels.ts';

const day = 24 * 3600;
const lifetimes = [
  { label: '1 day', seconds: day },
  { label: '30 days', seconds: 30 * day },
  { label: '90 days', seconds: 90 * day },
  { label: '1 year', seconds: 365 * day },
];

export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const { me } = useSession();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Permission[]>([]);
  const [expiresInSeconds, setExpiresInSeconds] = useState(90 * day);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  function toggle(scope: Permission, checked: boolean) {
    setScopes((current) => (checked ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (scopes.length === 0) {
      setError(new Error('Choose at least one scope.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await createToken({ name, scopes, expiresInSeconds }));
      setName('');
      setScopes([]);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <ErrorAlert error={error} />
      <div className="form-grid">
        <TextField
          id="token-name"
          label="Name"
          hint="What will use it, e.g. “backup script”."
          autoComplete="off"
          required
          maxLength={128}
          value={name}
          onChange={setName}
        />
        <Field id="token-expiry" label="Expires after">
          <select
            id="token-expiry"
            className="select"
            value={expiresInSeconds}
            onChange={(event) => setExpiresInSeconds(Number(event.target.value))}
          >
            {lifetimes.map((lifetime) => (
              <option key={lifetime.seconds} value={lifetime.seconds}>
                {lifetime.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="fieldset">
        <legend className="field-label">Scopes</legend>
        <p className="field-hint">A token can never do more than your own role allows.</p>
        <div className="checkbox-grid">
          {me.permissions.map((permission) => (
            <label key={permission} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(permission)}
                onChange={(event) => toggle(permission, event.target.checked)}
              />
              <span>
                <code>{permission}</code>
                <span className="checkbox-hint">{permissionLabels[permission]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Create token
        </button>
      </div>
    </form>
  );
}
