import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconPlayerPlay, IconRefresh, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Mailbox } from '../api/mail-types.ts';
import { useMailboxes } from '../mail/use-mailboxes.hook.ts';
import { notifyRun } from '../sync/run-notification.tsx';
import { syncApi } from '../sync/sync.api.ts';
import type { SyncRun } from '../sync/sync-types.ts';
import { useRunEnded } from '../sync/use-sync-runs.hook.ts';
import { notifyError } from './notify.ts';

interface Props {
  kind: 'contacts' | 'activities';
  /** Called when a run of this kind finishes while the page is open (the list shows what it brought). */
  onRunEnded?: (run: SyncRun) => void;
}

/**
 * «Действия» menu of Contacts and Activities (MB-2): «Синхронизировать контакты|активности» → «Настроить <email>»
 * per mailbox of the user, opening that mailbox's settings on the matching tab, and «Запустить синхронизацию»
 * (CT-5): one command per mailbox that starts a run and follows it in a toast. Activities cannot be run yet (AC-8
 * arrives with their sync): the command stays disabled with a hint. Without a mailbox the command says how to
 * connect one.
 */
export function SyncActionsMenu({ kind, onRunEnded }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { mailboxes, loaded } = useMailboxes();
  const label = kind === 'contacts' ? t('actions.syncContacts') : t('actions.syncActivities');
  const tab = kind === 'contacts' ? 'contacts' : 'activities';
  // The submenu opens on hover and also on a click or tap (touch screens have no hover).
  const [subOpened, setSubOpened] = useState(false);
  useRunEnded('contacts', kind === 'contacts' ? onRunEnded : undefined);

  const run = async (mailbox: Mailbox) => {
    try {
      const { run: started } = await syncApi.start(mailbox.id, 'contacts');
      notifyRun(started, { email: mailboxes.length > 1 ? mailbox.email : undefined, navigate });
    } catch (error) {
      notifyError(t, error);
    }
  };

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
              {kind === 'contacts' ? (
                mailboxes.map((mailbox) => (
                  <Menu.Item
                    key={mailbox.id}
                    leftSection={<IconPlayerPlay size={16} />}
                    onClick={() => void run(mailbox)}
                    data-testid="sync-run"
                    data-email={mailbox.email}
                    style={{ wordBreak: 'break-all' }}
                  >
                    {mailboxes.length > 1 ? t('actions.runSyncFor', { email: mailbox.email }) : t('actions.runSync')}
                  </Menu.Item>
                ))
              ) : (
                <>
                  <Menu.Item leftSection={<IconPlayerPlay size={16} />} disabled data-testid="sync-run">
                    {t('actions.runSync')}
                  </Menu.Item>
                  <Text size="xs" c="dimmed" px="sm" pb="xs" data-testid="sync-run-hint">
                    {t('actions.runActivitiesLater')}
                  </Text>
                </>
              )}
            </Menu.Sub.Dropdown>
          </Menu.Sub>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
