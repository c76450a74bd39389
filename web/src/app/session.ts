import { createContext, useContext } from 'react';
import type { Me } from '../../../src/protocol/auth.ts';
import type { Permission } from '../../../src/protocol/roles.ts';

export interface Session {
  me: Me;
  can: (permission: Permission) => boolean;
  /** Re-reads /api/auth/me, e.g. after the user changed their own role. */
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession must be used inside SessionContext');
  return session;
}
