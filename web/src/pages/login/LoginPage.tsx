import { useState, type SubmitEvent } from 'react';
import type { Me } from '../../../../src/protocol/auth.ts';
import { login } from '../../api/auth.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Icon } from '../../components/Icon.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useSubmit } from '../../hooks/useSubmit.ts';

export function LoginPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();

  function submit(event: SubmitEvent) {
    event.preventDefault();
    void run(async () => onSignedIn(await login({ username, password })));
  }

  return (
    <div className="login-screen">
      <main className="login-card">
        <div className="login-brand">
          <Icon name="logo" size={40} className="brand-mark" />
          <h1 className="login-title">Vigil</h1>
          <p className="muted">Security console</p>
        </div>
        <form className="form" onSubmit={submit}>
          <ErrorAlert error={error} />
          <TextField
            id="username"
            label="Username"
            value={username}
            onChange={setUsername}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
          />
          <TextField
            id="password"
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            required
          />
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            Sign in
          </button>
        </form>
      </main>
    </div>
  );
}
