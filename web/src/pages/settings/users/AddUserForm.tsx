import { useState } from 'react';
import { roles, type Role } from '../../../../../src/protocol/role-table.ts';
import type { User } from '../../../../../src/protocol/users.ts';
import { createUser } from '../../../api/users.ts';
import { Form } from '../../../components/Form.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { TextField } from '../../../components/TextField.tsx';

const roleOptions = roles.map((role) => ({ value: role, label: role }));

export function AddUserForm({ onCreated }: { onCreated: (user: User) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');

  async function submit() {
    const trimmed = displayName.trim();
    onCreated(
      await createUser({ username, role, password, ...(trimmed === '' ? {} : { displayName: trimmed }) }),
    );
    setUsername('');
    setDisplayName('');
    setPassword('');
  }

  return (
    <Form onSubmit={submit} submitLabel="Add user">
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
        <SelectField
          id="new-user-role"
          label="Role"
          className="capitalize"
          options={roleOptions}
          value={role}
          onChange={setRole}
        />
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
    </Form>
  );
}
