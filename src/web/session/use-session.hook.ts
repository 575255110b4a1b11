import { useContext } from 'react';
import type { SessionUser } from '../api/api-types.ts';
import { SessionContext, type SessionValue } from './session-context.tsx';

/** The session; throws when used outside SessionProvider (a wiring bug). */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only for components rendered behind RequireSession. */
export function useCurrentUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser without a signed-in user');
  return user;
}
