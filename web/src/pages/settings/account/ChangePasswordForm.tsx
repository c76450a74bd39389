import { useState } from 'react';
import { changePassword } from '../../../api/auth.ts';
import { Form } from '../../../components/Form.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { TextField } from '../../../components/TextField.tsx';

export function ChangePasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [changed, setChanged] = useState(false);

  async function submit() {
    setChanged(false);
    if (newPassword !== confirmation) throw new Error('The new password and its confirmation do not match.');
    await changePassword({ currentPassword, newPassword });
    setCurrentPassword('');
    setNewPassword('');
    setConfirmation('');
    setChanged(true);
  }

  return (
    <Form onSubmit={submit} submitLabel="Change password">
      {changed && <Notice>Your password has been changed.</Notice>}
      <TextField
        id="current-password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={setCurrentPassword}
      />
      <TextField
        id="new-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="15–256 characters. A long passphrase is easiest to remember."
        required
        value={newPassword}
        onChange={setNewPassword}
      />
      <TextField
        id="confirm-password"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        required
        value={confirmation}
        onChange={setConfirmation}
      />
    </Form>
  );
}
