import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Me } from '../../../src/protocol/auth.ts';
import { toApiError, type ApiError } from '../api/ApiError.ts';
import { fetchMe, logout } from '../api/auth.ts';
import { setCsrfToken, setSessionLostHandler } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoginPage } from '../pages/login/LoginPage.tsx';
import { Layout } from './Layout.tsx';
import { navigate } from './router.ts';
import { SessionContext, type Session } from './session.ts';

type AuthState =
  | { status: 'checking' }
  | { status: 'signed-out' }
  | { status: 'unreachable'; error: ApiError }
  | { status: 'signed-in'; me: Me };

export function App() {
  const [auth, setAuth] = useState<AuthState>({ status: 'checking' });

  const signIn = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setAuth({ status: 'signed-in', me });
  }, []);

  const signOut = useCallback(() => {
    setCsrfToken(undefined);
    setAuth({ status: 'signed-out' });
  }, []);

  const checkSession = useCallback(async () => {
    setAuth({ status: 'checking' });
    try {
      signIn(await fetchMe());
    } catch (caught) {
      const error = toApiError(caught);
      if (error.status === 401) signOut();
      else setAuth({ status: 'unreachable', error });
    }
  }, [signIn, signOut]);

  useEffect(() => {
    setSessionLostHandler(signOut);
    void checkSession();
  }, [checkSession, signOut]);

  const session = useMemo<Session | null>(() => {
    if (auth.status !== 'signed-in') return null;
    const { me } = auth;
    return {
      me,
      can: (permission) => me.permissions.includes(permission),
      refresh: async () => signIn(await fetchMe()),
      signOut: async () => {
        try {
          await logout();
        } finally {
          signOut();
        }
      },
    };
  }, [auth, signIn, signOut]);

  if (session !== null) {
    return (
      <SessionContext value={session}>
        <Layout />
      </SessionContext>
    );
  }

  switch (auth.status) {
    case 'signed-out':
      return (
        <LoginPage
          onSignedIn={(me) => {
            signIn(me);
            navigate('/overview');
          }}
        />
      );
    case 'unreachable':
      return (
        <div className="splash">
          <div className="splash-card">
            <ErrorAlert error={auth.error} />
            <button type="button" className="btn btn-primary" onClick={() => void checkSession()}>
              Try again
            </button>
          </div>
        </div>
      );
    default:
      return (
        <div className="splash">
          <Loading />
        </div>
      );
  }
}
