import { useContext } from 'react';
import { MailboxesContext, type MailboxesValue } from './mailboxes-context.tsx';

/** The user's mailboxes and the new-account dialog; throws outside MailboxesProvider (a wiring bug). */
export function useMailboxes(): MailboxesValue {
  const value = useContext(MailboxesContext);
  if (!value) throw new Error('useMailboxes outside MailboxesProvider');
  return value;
}
