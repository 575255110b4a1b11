import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * «Действия» menu of Contacts and Activities. Sync commands (CT-5, AC-8) arrive with mailboxes;
 * until the user has one, the command is shown disabled with the reason.
 */
export function SyncActionsMenu({ kind }: { kind: 'contacts' | 'activities' }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" width={300} withinPortal>
      <Menu.Target>
        <Button variant="default" rightSection={<IconChevronDown size={16} />} data-testid="actions-menu">
          {t('actions.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconRefresh size={16} />} disabled data-testid={`sync-${kind}`}>
          {kind === 'contacts' ? t('actions.syncContacts') : t('actions.syncActivities')}
        </Menu.Item>
        <Text size="xs" c="dimmed" px="sm" pb="xs" data-testid="sync-hint">
          {t('actions.connectMailboxHint')}
        </Text>
      </Menu.Dropdown>
    </Menu>
  );
}
