import { useState, type SubmitEvent } from 'react';
import { roles, type Role } from '../../../../../src/protocol/role-table.ts';
import type { User } from '../../../../../src/protocol/users.ts';
import { createUser } from '../../../api/users.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field } from '../../../components/Field.tsx';
import { TextField } from '../../../components/TextField.tsx';

export function AddUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = displayName.trim();
      onCreated(
        await createUser({ username, role, password, ...(trimmed === '' ? {} : { displayName: trimmed }) }),
      );
      setUsername('');
      setDisplayName('');
      setPassword('');
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
          id="new-user-username"
          label="Username"
          hint="Lowercase letters, digits, “.”, “_” and “-”."
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          value={username}
          onChange={setUsername}
        />
        <TextField
          id="new-user-display-name"
          label="Display name"
          hint="Optional."
          autoComplete="off"
          value={displayName}
          onChange={setDisplayName}
        />
        <Field id="new-user-role" label="Role">
          <select
            id="new-user-role"
            className="select capitalize"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </Field>
        <TextField
          id="new-user-password"
          label="Password"
          type="password"
          hint="15–256 characters"
          autoComplete="new-password"
          required
          value={password}
          onChange={setPassword}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Add user
        </button>
      </div>
    </form>
  );
}
