import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../common/date-time.ts';
import { useCurrentUser } from '../session/use-session.hook.ts';
import { RunCounts } from './run-counts.tsx';
import { runErrorText } from './run-error-text.ts';
import { isFinished } from './run-follower.ts';
import { RunStateBadge } from './run-state-badge.tsx';
import type { SyncRun } from './sync-types.ts';

/**
 * One run as a person reads it: state, when it started or ended (in the user's zone), what it is doing now, the
 * counts so far and, for a failure, the reason.
 */
export function RunSummary({ run }: { run: SyncRun }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const when = (iso: string | null) => formatDateTime(iso, i18n.language, user.timeZone, 'short');
  const time = isFinished(run)
    ? t('sync.finishedAt', { when: when(run.finishedAt ?? run.queuedAt) })
    : run.startedAt
      ? t('sync.startedAt', { when: when(run.startedAt) })
      : t('sync.queuedAt', { when: when(run.queuedAt) });
  return (
    <Stack gap={6} data-testid="run-summary" data-state={run.state} data-run-id={run.id}>
      <Group gap="xs">
        <RunStateBadge state={run.state} />
        <Text size="sm" c="dimmed">
          {time}
        </Text>
        {run.state === 'running' && run.stage && (
          <Text size="sm" c="dimmed" data-testid="run-stage">
            · {t(`sync.stages.${run.stage}`)}
          </Text>
        )}
      </Group>
      <RunCounts run={run} />
      {run.error && (
        <Text size="sm" c={run.state === 'failed' ? 'red' : 'dimmed'} data-testid="run-error">
          {run.state === 'failed'
            ? runErrorText(t, run.error)
            : t('sync.retrying', { reason: runErrorText(t, run.error) })}
        </Text>
      )}
    </Stack>
  );
}
