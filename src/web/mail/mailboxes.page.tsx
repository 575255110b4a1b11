import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../common/page-header.tsx';
import { MailboxList } from './mailbox-list.tsx';

/** «Перейти к настройке почтовых ящиков» lands here: the user's mailboxes with «Добавить» (MS-8). */
export function MailboxesPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="mailboxes-page">
      <PageHeader title={t('mailbox.pageTitle')} />
      <Paper withBorder p="md" maw={960}>
        <MailboxList />
      </Paper>
    </div>
  );
}
