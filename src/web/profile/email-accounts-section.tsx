import { MailboxList } from '../mail/mailbox-list.tsx';

/** «Учетные записи почты» in the profile (MB-1, MS-8): the user's mailboxes and «Добавить». */
export function EmailAccountsSection() {
  return (
    <div data-testid="email-accounts">
      <MailboxList />
    </div>
  );
}
