import { Alert, Button, Collapse, Group, List, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconChevronDown, IconChevronUp, IconTrash, IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../common/confirm-modal.tsx';
import { notifyError, notifySuccess } from '../common/notify.ts';
import { useAsync } from '../common/use-async.hook.ts';
import { countWords } from './count-words.ts';
import { RunCounts } from './run-counts.tsx';
import { runErrorText } from './run-error-text.ts';
import { followRun, isFinished, subscribeRuns } from './run-follower.ts';
import { syncApi } from './sync.api.ts';
import type { PendingDeletion, SyncKind, SyncRun, SyncSide } from './sync-types.ts';

interface Props {
  mailboxId: string;
  kind: SyncKind;
  /** Bump to look again (a run ended: it may have held deletions back). */
  reloadKey: number;
  /** The owner confirmed or cancelled: the page reloads its runs and journal. */
  onChanged(): void;
}

const SIDES: SyncSide[] = ['crm', 'remote'];

/**
 * The mass-deletion guard's question (DESIGN §3, CT-6): a run that would delete more than the threshold stopped and
 * held the deletions back. The banner says how many contacts would go on which side, lists them, and lets the owner
 * delete them («Удалить», asked once more, then a run applies them) or keep them («Отменить»: nothing is deleted,
 * both sides keep what they have). Nothing shows while no deletion waits.
 */
export function DeletionGuardBanner({ mailboxId, kind, reloadKey, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const pending = useAsync(() => syncApi.pendingDeletions(mailboxId, kind), [mailboxId, kind, reloadKey]);
  const [listOpened, list] = useDisclosure(false);
  const [asking, ask] = useDisclosure(false);
  const [cancelling, setCancelling] = useState(false);
  /** The run applying the confirmed deletions, while it goes. */
  const [applying, setApplying] = useState<SyncRun | null>(null);

  const { reload } = pending;
  const applyingId = applying && !isFinished(applying) ? applying.id : null;
  useEffect(() => {
    if (!applyingId) return;
    return subscribeRuns((event) => {
      if (event.type === 'lost' && event.runId === applyingId) {
        setApplying(null);
        reload();
      }
      if (event.type !== 'update' || event.run.id !== applyingId) return;
      setApplying(event.run);
      if (!isFinished(event.run)) return;
      setApplying(null);
      reload();
      onChanged();
      if (event.run.state === 'succeeded') {
        notifySuccess(t('sync.guard.deleted', { count: event.run.counts.deleted }));
      } else if (event.run.error) {
        notifications.show({ color: 'red', title: t('sync.notify.failed'), message: runErrorText(t, event.run.error) });
      }
    });
  }, [applyingId, reload, onChanged, t]);

  // By name, so the owner can scan the list for contacts that must stay.
  const items = [...(pending.data?.items ?? [])].sort((a, b) =>
    (a.itemName ?? '').localeCompare(b.itemName ?? '', i18n.language),
  );
  if (items.length === 0 && !applying) return null;
  const bySide = (side: SyncSide) => items.filter((item) => item.side === side);
  const contacts = (count: number) => countWords(t, i18n.language, 'sync.contactsCount', count);
  const sidesText = SIDES.filter((side) => bySide(side).length > 0)
    .map((side) => t(`sync.guard.wants.${side}`, { contacts: contacts(bySide(side).length) }))
    .join(' ');

  const confirm = async () => {
    try {
      const { run } = await syncApi.confirmDeletions(mailboxId, kind);
      setApplying(run);
      followRun(run);
    } catch (error) {
      notifyError(t, error);
    }
  };

  const cancel = async () => {
    setCancelling(true);
    try {
      const { cancelled } = await syncApi.cancelDeletions(mailboxId, kind);
      notifySuccess(t('sync.guard.cancelled', { contacts: contacts(cancelled) }));
      reload();
      onChanged();
    } catch (error) {
      notifyError(t, error);
    } finally {
      setCancelling(false);
    }
  };

  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle />}
      title={applying ? t('sync.guard.applying') : t('sync.guard.title')}
      data-testid="deletion-guard"
      data-count={items.length}
    >
      {applying ? (
        <RunCounts run={applying} />
      ) : (
        <Stack gap="xs">
          <Text size="sm" fw={600} data-testid="deletion-guard-text">
            {sidesText}
          </Text>
          <Text size="sm">{t('sync.guard.explain')}</Text>
          <Group gap="xs">
            <Button
              color="red"
              size="xs"
              leftSection={<IconTrash size={14} />}
              onClick={ask.open}
              data-testid="deletion-guard-delete"
            >
              {t('sync.guard.delete')}
            </Button>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconX size={14} />}
              onClick={cancel}
              loading={cancelling}
              data-testid="deletion-guard-cancel"
            >
              {t('sync.guard.cancel')}
            </Button>
            <Button
              variant="subtle"
              size="xs"
              color="orange"
              rightSection={listOpened ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
              onClick={list.toggle}
              data-testid="deletion-guard-toggle"
            >
              {listOpened ? t('sync.guard.hideList') : t('sync.guard.showList', { count: items.length })}
            </Button>
          </Group>
          <Collapse expanded={listOpened}>
            <PendingList items={items} />
          </Collapse>
        </Stack>
      )}
      <ConfirmModal
        opened={asking}
        onClose={ask.close}
        text={`${sidesText} ${t('sync.guard.confirmText')}`}
        confirmLabel={t('sync.guard.delete')}
        onConfirm={confirm}
      />
    </Alert>
  );
}

/** The contacts that would be deleted, with the side when both sides have some. */
function PendingList({ items }: { items: PendingDeletion[] }) {
  const { t } = useTranslation();
  const mixed = new Set(items.map((item) => item.side)).size > 1;
  return (
    <ScrollArea.Autosize mah={240} type="auto" data-testid="deletion-guard-list">
      <List size="sm" spacing={2}>
        {items.map((item) => (
          <List.Item key={`${item.side}:${item.crmId}`} data-testid="deletion-guard-item">
            {item.itemName || t('sync.noName')}
            {mixed && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({t(`sync.sides.${item.side}`)})
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </ScrollArea.Autosize>
  );
}
