import { useState } from 'react';
import type { Permission } from '../../../../../src/protocol/roles.ts';
import type { CreatedToken } from '../../../../../src/protocol/tokens.ts';
import { createToken } from '../../../api/tokens.ts';
import { useSession } from '../../../app/session.ts';
import { Form } from '../../../components/Form.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { permissionLabels } from '../permissionLabels.ts';

const day = 24 * 3600;
const lifetimes = [
  { label: '1 day', value: day },
  { label: '30 days', value: 30 * day },
  { label: '90 days', value: 90 * day },
  { label: '1 year', value: 365 * day },
];

export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const { me } = useSession();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Permission[]>([]);
  const [expiresInSeconds, setExpiresInSeconds] = useState(90 * day);

  function toggle(scope: Permission, checked: boolean) {
    setScopes((current) => (checked ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  async function submit() {
    if (scopes.length === 0) throw new Error('Choose at least one scope.');
    onCreated(await createToken({ name, scopes, expiresInSeconds }));
    setName('');
    setScopes([]);
  }

  return (
    <Form onSubmit={submit} submitLabel="Create token">
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
        <SelectField
          id="token-expiry"
          label="Expires after"
          options={lifetimes}
          value={expiresInSeconds}
          onChange={setExpiresInSeconds}
        />
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
    </Form>
  );
}
