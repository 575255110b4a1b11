import { Button, EmptyState, Group } from '@mantine/core';
import { IconMailOff, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LoadError, PageLoader } from '../common/status-pages.tsx';
import { MailboxTable } from './mailbox-table.tsx';
import { useMailboxes } from './use-mailboxes.hook.ts';

/** «Учетные записи почты»: the user's mailboxes and «Добавить» (MS-8), in the profile and on /mailboxes. */
export function MailboxList() {
  const { t } = useTranslation();
  const { mailboxes, loaded, error, reload, openNewAccount } = useMailboxes();
  if (!loaded) return <PageLoader />;
  return (
    <div data-testid="mailbox-list">
      <Group justify="flex-end" mb="xs">
        <Button leftSection={<IconPlus size={16} />} variant="light" onClick={openNewAccount} data-testid="mailbox-add">
          {t('common.add')}
        </Button>
      </Group>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : mailboxes.length === 0 ? (
        <EmptyState
          size="sm"
          icon={<IconMailOff />}
          title={t('profile.emailAccountsEmpty')}
          description={t('profile.emailAccountsExplain')}
          data-testid="mailbox-list-empty"
        />
      ) : (
        <MailboxTable />
      )}
    </div>
  );
}
