import { createContext, type ReactNode, useCallback, useMemo, useState } from 'react';
import { mailboxesApi } from '../api/mail.api.ts';
import type { Mailbox } from '../api/mail-types.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { NewAccountDialog } from './new-account-dialog.tsx';

export interface MailboxesValue {
  /** The signed-in user's own mailboxes (MB-4). */
  mailboxes: Mailbox[];
  loaded: boolean;
  error: unknown;
  reload(): void;
  /** Opens «Новая учетная запись» — the same dialog from every entry point (MS-8). */
  openNewAccount(): void;
}

export const MailboxesContext = createContext<MailboxesValue | null>(null);

/**
 * Keeps the user's mailbox list for the whole signed-in app (comm panel, profile, Actions menus, the sign-in
 * banner) so a change in one place shows everywhere, and hosts the one new-account dialog.
 */
export function MailboxesProvider({ children }: { children: ReactNode }) {
  const list = useAsync(() => mailboxesApi.list(), []);
  const [dialogOpened, setDialogOpened] = useState(false);
  const { reload } = list;
  const openNewAccount = useCallback(() => setDialogOpened(true), []);

  const value = useMemo<MailboxesValue>(
    () => ({
      mailboxes: list.data?.items ?? [],
      loaded: !list.loading || list.data !== undefined,
      error: list.error,
      reload,
      openNewAccount,
    }),
    [list.data, list.loading, list.error, reload, openNewAccount],
  );

  return (
    <MailboxesContext.Provider value={value}>
      {children}
      <NewAccountDialog opened={dialogOpened} onClose={() => setDialogOpened(false)} onCreated={reload} />
    </MailboxesContext.Provider>
  );
}
