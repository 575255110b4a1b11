import { ActionIcon, Anchor, Group, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHeartbeat, IconLogin2, IconPlugConnected, IconSettings, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { mailboxesApi } from '../api/mail.api.ts';
import type { Mailbox } from '../api/mail-types.ts';
import { ConfirmModal } from '../common/confirm-modal.tsx';
import { notifySuccess } from '../common/notify.ts';
import { notifyConnectionResult, notifyMailError } from './mail-errors.ts';
import { MailboxStateBadge } from './mailbox-state-badge.tsx';
import { startOAuth } from './oauth-draft.ts';
import { useMailboxes } from './use-mailboxes.hook.ts';

/** The user's mailboxes with their service, state and actions (profile «Учетные записи почты» and /mailboxes). */
export function MailboxTable() {
  const { t } = useTranslation();
  const { mailboxes } = useMailboxes();
  return (
    <Table.ScrollContainer minWidth={320} type="native">
      <Table verticalSpacing="xs" data-testid="mailbox-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('mailbox.email')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('mailbox.provider')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('mailbox.state')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mailboxes.map((mailbox) => (
            <MailboxRow key={mailbox.id} mailbox={mailbox} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function MailboxRow({ mailbox }: { mailbox: Mailbox }) {
  const { t } = useTranslation();
  const { reload } = useMailboxes();
  const [testing, setTesting] = useState(false);
  const [confirming, confirm] = useDisclosure(false);

  const test = async () => {
    setTesting(true);
    try {
      notifyConnectionResult(t, await mailboxesApi.test(mailbox.id));
      reload();
    } catch (error) {
      notifyMailError(t, error);
    } finally {
      setTesting(false);
    }
  };

  const remove = async () => {
    try {
      await mailboxesApi.remove(mailbox.id);
      notifySuccess(t('mailbox.deleted', { email: mailbox.email }));
      reload();
    } catch (error) {
      notifyMailError(t, error);
    }
  };

  return (
    <Table.Tr data-testid="mailbox-row" data-email={mailbox.email}>
      <Table.Td>
        <Anchor component={Link} to={`/mailboxes/${mailbox.id}/settings`} size="sm" style={{ wordBreak: 'break-all' }}>
          {mailbox.email}
        </Anchor>
        {/* Narrow screens: provider and state under the address, so the actions keep their room. */}
        <Group gap={6} hiddenFrom="sm" mt={2}>
          <Text size="xs" c="dimmed">
            {mailbox.mailServiceName}
          </Text>
          <MailboxStateBadge state={mailbox.state} size="xs" />
        </Group>
      </Table.Td>
      <Table.Td visibleFrom="sm">{mailbox.mailServiceName}</Table.Td>
      <Table.Td visibleFrom="sm">
        <MailboxStateBadge state={mailbox.state} />
      </Table.Td>
      <Table.Td>
        <Group gap={2} justify="flex-end" wrap="nowrap">
          {mailbox.state === 'needsSignIn' && (
            <Tooltip label={t('mailbox.signInAgain')}>
              <ActionIcon
                variant="subtle"
                color="orange"
                aria-label={t('mailbox.signInAgain')}
                onClick={() => startOAuth({ mailboxId: mailbox.id, email: mailbox.email })}
                data-testid="mailbox-sign-in"
              >
                <IconLogin2 size={18} />
              </ActionIcon>
            </Tooltip>
          )}
          <Tooltip label={t('mailbox.settings')}>
            <ActionIcon
              component={Link}
              to={`/mailboxes/${mailbox.id}/settings`}
              variant="subtle"
              aria-label={t('mailbox.settings')}
              data-testid="mailbox-settings"
            >
              <IconSettings size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('mailbox.health')}>
            <ActionIcon
              component={Link}
              to={`/mailboxes/${mailbox.id}/health`}
              variant="subtle"
              aria-label={t('mailbox.health')}
              data-testid="mailbox-health"
            >
              <IconHeartbeat size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('mailbox.testConnection')}>
            <ActionIcon
              variant="subtle"
              aria-label={t('mailbox.testConnection')}
              onClick={test}
              loading={testing}
              data-testid="mailbox-test"
            >
              <IconPlugConnected size={18} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('common.delete')}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('common.delete')}
              onClick={confirm.open}
              data-testid="mailbox-delete"
            >
              <IconTrash size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
        <ConfirmModal
          opened={confirming}
          onClose={confirm.close}
          text={t('mailbox.confirmDelete', { email: mailbox.email })}
          onConfirm={remove}
        />
      </Table.Td>
    </Table.Tr>
  );
}
