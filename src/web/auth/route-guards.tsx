import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { NoAccessPage, PageLoader } from '../common/status-pages.tsx';
import { useSession } from '../session/use-session.hook.ts';

/** Sends anonymous visitors to the sign-in page and brings them back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageLoader />;
  if (status === 'anonymous') {
    return <Navigate to="/signin" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return children;
}

/** Administration needs CanManageAdministration (MS-1); others get a friendly page, not a blank one. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { isAdmin } = useSession();
  return isAdmin ? children : <NoAccessPage />;
}
