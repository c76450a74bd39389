import { useState, type SubmitEvent } from 'react';
import { changePassword } from '../../../api/auth.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Notice } from '../../../components/Notice.tsx';
import { TextField } from '../../../components/TextField.tsx';

export function ChangePasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [changed, setChanged] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setChanged(false);
    if (newPassword !== confirmation) {
      setError(new Error('The new password and its confirmation do not match.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await changePassword({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      setChanged(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      {changed && <Notice>Your password has been changed.</Notice>}
      <ErrorAlert error={error} />
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
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Change password
        </button>
      </div>
    </form>
  );
}
