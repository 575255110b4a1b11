import { ActionIcon, Button, EmptyState, Group, Menu, Paper, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import {
  IconDots,
  IconHeartbeat,
  IconMail,
  IconMailOff,
  IconPlus,
  IconSettings,
  IconSettingsCog,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Mailbox } from '../api/mail-types.ts';
import { MailboxStateBadge } from '../mail/mailbox-state-badge.tsx';
import { useMailboxes } from '../mail/use-mailboxes.hook.ts';

interface Props {
  /** Called after a command that leaves the panel (the drawer closes on narrow screens). */
  onNavigate?(): void;
}

/**
 * Communication panel content (right edge). The Email tab's ⋯ menu adds accounts («Новая учетная запись»),
 * opens the mailbox list («Перейти к настройке почтовых ящиков») and each mailbox's settings
 * («Редактировать настройки») — MS-8, MB-2. Messages themselves arrive with mail sync.
 */
export function CommPanelContent({ onNavigate }: Props) {
  const { t } = useTranslation();
  const { mailboxes, openNewAccount } = useMailboxes();
  const newAccount = () => {
    onNavigate?.();
    openNewAccount();
  };
  return (
    <Tabs defaultValue="email" data-testid="comm-panel">
      <Tabs.List>
        <Tabs.Tab value="email" leftSection={<IconMail size={16} />}>
          {t('comm.email')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="email" pt="sm">
        <Group justify="flex-end">
          <Menu position="bottom-end" withinPortal width={260}>
            <Menu.Target>
              <ActionIcon variant="subtle" aria-label={t('comm.more')} data-testid="comm-menu">
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPlus size={16} />} onClick={newAccount} data-testid="comm-new-account">
                {t('comm.newAccount')}
              </Menu.Item>
              <Menu.Item
                component={Link}
                to="/mailboxes"
                leftSection={<IconSettingsCog size={16} />}
                onClick={onNavigate}
                data-testid="comm-mailboxes"
              >
                {t('comm.goToMailboxes')}
              </Menu.Item>
              {mailboxes.length > 0 && <Menu.Divider />}
              {mailboxes.map((mailbox) => (
                <Menu.Item
                  key={mailbox.id}
                  component={Link}
                  to={`/mailboxes/${mailbox.id}/settings`}
                  leftSection={<IconSettings size={16} />}
                  onClick={onNavigate}
                  data-testid="comm-edit-settings"
                >
                  {t('comm.editSettings')}
                  <Text size="xs" c="dimmed" truncate>
                    {mailbox.email}
                  </Text>
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        {mailboxes.length === 0 ? (
          <EmptyState
            size="sm"
            icon={<IconMailOff />}
            title={t('comm.noMailboxTitle')}
            description={t('comm.noMailboxText')}
          >
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={newAccount}>
              {t('comm.newAccount')}
            </Button>
          </EmptyState>
        ) : (
          <Stack gap="xs" mt="xs">
            {mailboxes.map((mailbox) => (
              <MailboxCard key={mailbox.id} mailbox={mailbox} onNavigate={onNavigate} />
            ))}
            <Text size="xs" c="dimmed">
              {t('comm.mailArrivesLater')}
            </Text>
          </Stack>
        )}
      </Tabs.Panel>
    </Tabs>
  );
}

/** One mailbox in the panel: address, state, and its own ⋯ menu. */
function MailboxCard({ mailbox, onNavigate }: { mailbox: Mailbox; onNavigate?(): void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="xs" data-testid="comm-mailbox">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {mailbox.email}
          </Text>
          <Group gap={4}>
            <MailboxStateBadge state={mailbox.state} />
          </Group>
        </Stack>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              aria-label={t('comm.mailboxMenu', { email: mailbox.email })}
              data-testid="comm-mailbox-menu"
            >
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              component={Link}
              to={`/mailboxes/${mailbox.id}/settings`}
              leftSection={<IconSettings size={16} />}
              onClick={onNavigate}
              data-testid="comm-mailbox-settings"
            >
              {t('comm.editSettings')}
            </Menu.Item>
            <Menu.Item
              component={Link}
              to={`/mailboxes/${mailbox.id}/health`}
              leftSection={<IconHeartbeat size={16} />}
              onClick={onNavigate}
            >
              {t('mailbox.health')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Paper>
  );
}

/** The thin strip shown when the panel is collapsed: one button per tab. */
export function CommPanelRail({ onOpen }: { onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <Stack align="center" gap="xs" pt="xs">
      <Tooltip label={t('comm.email')} position="left">
        <ActionIcon variant="subtle" size="lg" onClick={onOpen} aria-label={t('comm.open')} data-testid="comm-open">
          <IconMail size={20} />
        </ActionIcon>
      </Tooltip>
      <Text size="xs" c="dimmed" style={{ writingMode: 'vertical-rl' }}>
        {t('comm.title')}
      </Text>
    </Stack>
  );
}
