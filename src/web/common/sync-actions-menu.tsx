import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconPlayerPlay, IconRefresh, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMailboxes } from '../mail/use-mailboxes.hook.ts';

/**
 * «Действия» menu of Contacts and Activities (MB-2): «Синхронизировать контакты|активности» → «Настроить <email>»
 * per mailbox of the user, opening that mailbox's settings on the matching tab. «Запустить синхронизацию»
 * (CT-5, AC-8) is shown disabled until sync runs exist; without a mailbox the command says how to connect one.
 */
export function SyncActionsMenu({ kind }: { kind: 'contacts' | 'activities' }) {
  const { t } = useTranslation();
  const { mailboxes, loaded } = useMailboxes();
  const label = kind === 'contacts' ? t('actions.syncContacts') : t('actions.syncActivities');
  const tab = kind === 'contacts' ? 'contacts' : 'activities';
  // The submenu opens on hover and also on a click or tap (touch screens have no hover).
  const [subOpened, setSubOpened] = useState(false);
  return (
    <Menu position="bottom-end" width={300} withinPortal onClose={() => setSubOpened(false)}>
      <Menu.Target>
        <Button variant="default" rightSection={<IconChevronDown size={16} />} data-testid="actions-menu">
          {t('actions.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {mailboxes.length === 0 ? (
          <>
            <Menu.Item leftSection={<IconRefresh size={16} />} disabled data-testid={`sync-${kind}`}>
              {label}
            </Menu.Item>
            {loaded && (
              <Text size="xs" c="dimmed" px="sm" pb="xs" data-testid="sync-hint">
                {t('actions.connectMailboxHint')}
              </Text>
            )}
          </>
        ) : (
          <Menu.Sub position="left-start" offset={4} opened={subOpened} onChange={setSubOpened}>
            <Menu.Sub.Target>
              <Menu.Sub.Item
                leftSection={<IconRefresh size={16} />}
                onClick={() => setSubOpened(true)}
                data-testid={`sync-${kind}`}
              >
                {label}
              </Menu.Sub.Item>
            </Menu.Sub.Target>
            <Menu.Sub.Dropdown maw={300}>
              {mailboxes.map((mailbox) => (
                <Menu.Item
                  key={mailbox.id}
                  component={Link}
                  to={`/mailboxes/${mailbox.id}/settings?tab=${tab}`}
                  leftSection={<IconSettings size={16} />}
                  data-testid="sync-configure"
                  style={{ wordBreak: 'break-all' }}
                >
                  {t('actions.configure', { email: mailbox.email })}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item leftSection={<IconPlayerPlay size={16} />} disabled data-testid="sync-run">
                {t('actions.runSync')}
              </Menu.Item>
              <Text size="xs" c="dimmed" px="sm" pb="xs" data-testid="sync-run-hint">
                {t('actions.runSyncLater')}
              </Text>
            </Menu.Sub.Dropdown>
          </Menu.Sub>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
