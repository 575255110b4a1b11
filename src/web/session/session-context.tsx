import { createContext, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/api-client.ts';
import type { SessionResponse, SessionUser } from '../api/api-types.ts';
import { sessionApi } from '../api/session.api.ts';
import { resetCaches } from '../common/resource-cache.ts';
import { applyLanguage } from '../i18n/i18n.ts';

/** The operation that opens Administration (MS-1). */
export const ADMIN_OPERATION = 'CanManageAdministration';

export type SessionStatus = 'loading' | 'anonymous' | 'signedIn';

export interface SessionValue {
  status: SessionStatus;
  user: SessionUser | null;
  isAdmin: boolean;
  signIn(login: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Replace the signed-in user after a profile change (language follows it). */
  setUser(user: SessionUser): void;
}

export const SessionContext = createContext<SessionValue | null>(null);

/** Loads the session once, keeps the CSRF token in the API client and the UI language in step with the user. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUserState] = useState<SessionUser | null>(null);

  const accept = useCallback((session: SessionResponse) => {
    setCsrfToken(session.csrfToken);
    setUserState(session.user);
    applyLanguage(session.user.language);
    setStatus('signedIn');
  }, []);

  const forget = useCallback(() => {
    setCsrfToken(null);
    resetCaches();
    setUserState(null);
    setStatus('anonymous');
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(forget);
    sessionApi
      .current()
      .then(accept)
      .catch((error: unknown) => {
        // 401 is the normal "nobody signed in"; anything else also lands on the sign-in page.
        if (!(error instanceof ApiError) || error.status !== 401) console.warn('session probe failed', error);
        forget();
      });
    return () => setUnauthorizedHandler(null);
  }, [accept, forget]);

  const value = useMemo<SessionValue>(
    () => ({
      status,
      user,
      isAdmin: Boolean(user?.operations?.includes(ADMIN_OPERATION)),
      signIn: async (login, password) => accept(await sessionApi.signIn(login, password)),
      signOut: async () => {
        try {
          await sessionApi.signOut();
        } finally {
          forget();
        }
      },
      setUser: (next) => {
        // Keep the operations if a profile answer leaves them out: losing them would hide Administration.
        setUserState((prev) => ({ ...prev, ...next, operations: next.operations ?? prev?.operations }));
        applyLanguage(next.language);
      },
    }),
    [status, user, accept, forget],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
