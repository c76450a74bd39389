import { useState, type SubmitEvent } from 'react';
import type { User } from '../../../../../src/protocol/users.ts';
import { resetUserPassword } from '../../../api/users.ts';
import { Dialog } from '../../../components/Dialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { useSubmit } from '../../../hooks/useSubmit.ts';

interface ResetPasswordDialogProps {
  user: User;
  onClose: () => void;
  onDone: () => void;
}

export function ResetPasswordDialog({ user, onClose, onDone }: ResetPasswordDialogProps) {
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void run(async () => {
      await resetUserPassword(user.id, password);
      onDone();
      onClose();
    });
  }

  return (
    <Dialog title={`Reset password for ${user.username}`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p className="dialog-body">Give the new password to {user.username} over a channel you trust.</p>
        <ErrorAlert error={error} />
        <TextField
          id="reset-password"
          label="New password"
          type="password"
          hint="15–256 characters"
          autoComplete="new-password"
          required
          autoFocus
          value={password}
          onChange={setPassword}
        />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Reset password
          </button>
        </div>
      </form>
    </Dialog>
  );
}
