import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { notifyError } from '../common/notify.ts';
import { isFinished } from './run-follower.ts';
import { RunSummary } from './run-summary.tsx';
import type { SyncRunsState } from './use-sync-runs.hook.ts';

/**
 * Top of the «Контакты» tab (CT-4, CT-5, MB-2): «Синхронизировать сейчас», the current or last run with its counts
 * growing live, and the way to the journal. The run uses the saved settings, which the hint says.
 */
export function ContactsSyncPanel({ mailboxId, runs }: { mailboxId: string; runs: SyncRunsState }) {
  const { t } = useTranslation();
  const { latest } = runs;
  const active = latest !== null && !isFinished(latest);
  const start = async () => {
    try {
      await runs.start();
    } catch (error) {
      notifyError(t, error);
    }
  };
  return (
    <Paper withBorder p="md" mb="md" data-testid="contacts-sync">
      <Group justify="space-between" gap="xs" mb="sm">
        <Title order={5}>{t('sync.contactsTitle')}</Title>
        <Button
          size="xs"
          leftSection={<IconRefresh size={14} />}
          onClick={start}
          loading={runs.starting || active}
          data-testid="contacts-sync-now"
        >
          {t('sync.runNow')}
        </Button>
      </Group>
      <Stack gap="xs">
        {latest ? (
          <>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {active ? t('sync.currentRun') : t('sync.lastRun')}
            </Text>
            <RunSummary run={latest} />
          </>
        ) : (
          !runs.loading && (
            <Text size="sm" c="dimmed" data-testid="contacts-sync-none">
              {t('sync.noRuns')}
            </Text>
          )
        )}
        <Group justify="space-between" gap="xs">
          <Anchor component={Link} to={`/mailboxes/${mailboxId}/journal`} size="sm" data-testid="contacts-sync-journal">
            {t('sync.openJournal')}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('sync.usesSavedSettings')}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
